/*
 * storyview.h: a story as the story-level stages see it.
 *
 * In:  a story id, the store, and the copy relations of the store.
 * Out: a cx_story_view: the story's articles read back from the store with
 *      every per-article layer run (layers.h), in publication order, each with
 *      the article it copies; and one result slot per story-level stage
 *      (quote groups, timeline, brief, claims), filled by
 *      cx_story_view_run and printed by the story JSON writer
 *      (report.h, cx_json_story).
 *
 * A view owns its articles and its arena: every result hangs off the arena
 * and dies with cx_story_view_free. Adding a story-level stage: declare its
 * result struct in the stage's header, add a slot below, fill it in
 * cx_story_view_run (storyview.c) and print it in cx_json_story.
 */
#ifndef CX_STORYVIEW_H
#define CX_STORYVIEW_H
#include <stddef.h>
#include <stdint.h>

#include "core/article.h"
#include "util/arena.h"

struct cx_copy_out;
struct cx_store;

typedef struct cx_story_member {
    cx_article *a;  /* owned by the view; every layer run */
    int origin;     /* index in members of the article it copies (its copy
                       group's origin), -1 when none or outside the story */
    int copy_kind;  /* cx_copy_kind of that relation; 0 when not a copy */
} cx_story_member;

typedef struct cx_story_view {
    int64_t id;
    int64_t storyline;        /* its storyline (the id of the storyline's first story); 0 unknown */
    cx_story_member *members; /* dated ones by publication, then undated, each in row order */
    size_t n_members;
    cx_arena arena;           /* the stages' results */
    /* story-level results, NULL until their stage ran */
    struct cx_quote_groups *quote_groups; /* quotes stage (quotes.h) */
    struct cx_story_claims *claims;       /* claims stage (claims/claims.h): claims, disagreements */
    struct cx_tl_event *timeline;         /* timeline stage (time/timeline.h) */
    size_t n_timeline;
    struct cx_brief *brief;               /* brief stage (brief/brief.h) */
    const cx_article **arts;              /* members' articles in order, for the stages above */
} cx_story_view;

/* Story-level options. */
typedef struct cx_story_opts {
    int brief_sentences; /* at most this many summary sentences */
} cx_story_opts;

/* The store's copy relations (all of them: cx_copy_groups with only = NULL),
 * indexed by the copy's id for the views. The relations must outlive it. */
typedef struct cx_copy_lookup {
    const struct cx_copy_out **by_copy;
    size_t n;
} cx_copy_lookup;
int cx_copy_lookup_init(cx_copy_lookup *l, const struct cx_copy_out *copies, size_t n); /* 0: out of memory */
void cx_copy_lookup_free(cx_copy_lookup *l);

/* Reads story `id` from the store and runs the per-article layers on its
 * articles, each with its copy relation from copies. NULL on failure, with a
 * message in err. */
cx_story_view *cx_story_view_load(struct cx_store *s, int64_t id, const cx_copy_lookup *copies, char *err,
                                  size_t errlen);
/* The same in two steps, for threads: cx_story_view_read reads the articles
 * (the store's connection is the caller's thread's), cx_story_view_layers
 * runs their layers (any thread; 0 when out of memory). */
cx_story_view *cx_story_view_read(struct cx_store *s, int64_t id, const cx_copy_lookup *copies, char *err,
                                  size_t errlen);
int cx_story_view_layers(cx_story_view *v);
/* Runs the story-level stages. 0 when out of memory. */
int cx_story_view_run(cx_story_view *v, const cx_story_opts *o);
void cx_story_view_free(cx_story_view *v);

#endif
