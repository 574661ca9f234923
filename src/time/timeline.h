/*
 * timeline.h: the timeline stage (story and storyline level).
 *
 * In:  a set of analysed articles (text layer and dates[] filled), in
 *      publication order, and for each the index of the article it copies
 *      within the same set (-1: none or unknown). Any set works: a story's
 *      members, or the union of a storyline's stories.
 * Out: dated events sorted by date, coarse precision first at the same start
 *      ("2025" before "2025-03" before "2025-03-10"), each with the clause
 *      or sentence its date anchors, its precision, and the articles that
 *      report it: one event per (date value, described happening) merged
 *      across outlets; plus one "published" event per article (its title).
 *
 * Which dates make events: DATE and TIME expressions with a known value
 * (durations, sets, PRESENT_REF and values with X placeholders are left out).
 * Two mentions of the same value merge when their clauses share enough
 * content words (overlap coefficient, docs/time.md "Timeline"); copies of an
 * article carry its clauses verbatim and merge with them, and count once in
 * n_sources. Everything goes in the arena passed in.
 */
#ifndef CX_TIMELINE_H
#define CX_TIMELINE_H
#include <stddef.h>
#include <stdint.h>

#include "core/article.h"
#include "util/arena.h"

enum { CX_TL_EVENT = 1, CX_TL_PUBLISHED = 2 };

typedef struct cx_tl_event {
    const char *date;      /* TIMEX3 value, or the publication's ISO form */
    const char *precision; /* static: "year", "month", "day", "minute"... */
    int kind;              /* CX_TL_EVENT or CX_TL_PUBLISHED */
    const char *text;      /* the clause (or sentence) the date anchors; for "published" the title */
    uint32_t *arts;        /* indexes into the input set, ascending */
    uint32_t n_arts;
    uint32_t n_sources;    /* independent reports: copy groups among arts */
    int64_t key;           /* sort key: minutes since 0000-01-01 of the period's start */
    int rank;              /* precision rank, coarse first */
} cx_tl_event;

/* Builds the timeline of arts[0..n) (origin may be NULL: no copies known).
 * Returns 0 when out of memory; *n_out may be 0. */
int cx_timeline_build(cx_arena *a, const cx_article *const *arts, const int *origin, size_t n,
                      cx_tl_event **out, size_t *n_out);

/* The timeline of a storyline: the union of its stories' views (each view's
 * members with their copy origins, storyview.h), merged in publication order
 * (undated articles last), as one set. *arts_out receives that set (in the
 * arena; the articles stay the views') for cx_json_timeline, *n_arts its size.
 * Returns 0 when out of memory. */
struct cx_story_view;
int cx_timeline_build_views(cx_arena *a, const struct cx_story_view *const *views, size_t n_views,
                            cx_tl_event **out, size_t *n_out, const cx_article ***arts_out, size_t *n_arts);

/* Parses a TIMEX3 DATE/TIME value or an ISO date-time into the start of its
 * period (minutes since year 0) and a precision rank (1 century .. 14 second).
 * Returns 0 for values without a known calendar position. */
int cx_timeline_key(const char *value, int64_t *key, int *rank);

#endif
