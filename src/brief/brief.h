/*
 * brief.h: the brief stage (story level): an extractive summary, a headline
 * and the outlets' coverage matrix.
 *
 * In:  the story's analysed articles (text layer filled), in publication
 *      order, and for each the index of the article it copies within the
 *      set (-1: none or unknown); the most sentences the summary may have.
 * Out: - summary: at most max_sents sentences of the articles, in reading
 *        order (earlier in their article first), each with the articles
 *        that report its fact (its own and every article with a sentence
 *        similar above CX_BRIEF_CITE);
 *      - headline: the most central title;
 *      - coverage: per outlet, its articles, the facts it alone reported
 *        (at most CX_BRIEF_MAX_ONLY) and the facts it left out that most
 *        other outlets carried (at most CX_BRIEF_MAX_MISSED).
 *
 * Sentences are compared as TF-IDF vectors of content terms (text/terms.h,
 * IDF over the story's sentences) by cosine. A sentence's centrality is the
 * corroboration it gets from the other independent reports (for each other
 * copy group, its best match), plus how many sentences of other articles it
 * is linked to (degree), its closeness to the story's centroid and a lead
 * bonus; copies add no corroboration (copies count once), and a
 * copy's sentences that repeat its origin are not candidates. Sentences
 * are picked by maximal marginal relevance, and one too close to a sentence
 * already picked (or stating a fact already covered) is skipped. Method,
 * thresholds and figures: docs/brief.md. Everything goes in the arena.
 */
#ifndef CX_BRIEF_H
#define CX_BRIEF_H
#include <stddef.h>
#include <stdint.h>

#include "core/article.h"
#include "util/arena.h"

#define CX_BRIEF_DEFAULT_SENTS 5
#define CX_BRIEF_MAX_SENTS 100
#define CX_BRIEF_CITE 0.30f    /* cosine at which another sentence states the same fact */
#define CX_BRIEF_MAX_ONLY 3
#define CX_BRIEF_MAX_MISSED 5

typedef struct cx_brief_item {
    uint32_t art, sent;  /* the sentence: article index in the set, sentence index in it */
    const char *text;    /* the sentence (or, for a missed fact, its most central wording) */
    uint32_t *arts;      /* articles reporting the fact, ascending */
    uint32_t n_arts;
    float score;
} cx_brief_item;

typedef struct cx_brief_outlet {
    const char *outlet;  /* NULL: articles without an outlet */
    uint32_t *arts;
    uint32_t n_arts;
    cx_brief_item *only; /* facts no other outlet reported (copies of its own articles aside) */
    uint32_t n_only;
    cx_brief_item *missed; /* facts most other outlets carried, not this one */
    uint32_t n_missed;
} cx_brief_outlet;

typedef struct cx_brief {
    cx_brief_item *summary;
    size_t n_summary;
    int headline_art;     /* article whose title is the headline, -1 when none */
    const char *headline; /* NULL when no article has a title */
    cx_brief_outlet *coverage;
    size_t n_coverage;
} cx_brief;

/* The brief of arts[0..n) (origin may be NULL: no copies known); max_sents
 * is clamped to 1..CX_BRIEF_MAX_SENTS. Returns 0 when out of memory. */
int cx_brief_build(cx_arena *a, const cx_article *const *arts, const int *origin, size_t n, int max_sents,
                   cx_brief *out);

#endif
