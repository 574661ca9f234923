/*
 * cluster.h: the stories stage, online event clustering (see docs/stories.md).
 *
 * In:  analysed articles (text layer and dates run) one at a time, in the
 *      order they were published, each with the story of the article it
 *      copies (0 when none); the stories kept in the store, to go on with.
 * Out: the story each article joins: the best existing story when it is
 *      similar enough (stemmed TF-IDF of title and body, capitalised names,
 *      numbers and dates weighing more, publication time with decay, days
 *      mentioned that disagree), else a new one. Candidates come from an inverted index over each story's
 *      salient terms, and only stories seen recently stay in memory, so an
 *      article costs about the same however long the stream has run.
 *      After each article, the merge pass may join the story it joined to
 *      another that grew toward it (cx_cluster_merge).
 *      Each story's state (centroid, times, headline) to keep in the store,
 *      and, at the end of a run without a store, the stories this run's
 *      articles joined, with their title, articles, first/last publication
 *      and outlets.
 */
#ifndef CX_CLUSTER_H
#define CX_CLUSTER_H
#include <stddef.h>
#include <stdint.h>

#include "core/article.h"

typedef struct cx_cluster cx_cluster;

cx_cluster *cx_cluster_new(void);
void cx_cluster_free(cx_cluster *cl);

/* Tuning knobs by name (docs/stories.md lists them): "threshold",
 * "copy_min", "ent_mix", "date_miss", "year_miss", "undated", "tau_days",
 * "window_days", "entity", "number", "date", "title", and the merge pass's
 * "merge" (its threshold; 0 turns the pass off) and "merge_ent". 0 for an
 * unknown name. */
int cx_cluster_param(cx_cluster *cl, const char *name, double v);

/* Adds an article; returns its story id (>= 1), 0 when out of memory. A copy
 * (copy_story > 0: its origin's story) joins that story when it is still in
 * memory and their words overlap at all (score >= copy_min, half the
 * threshold), whatever the other stories score. */
int64_t cx_cluster_add(cx_cluster *cl, const cx_article *a, int64_t copy_story);

/* The merge pass (docs/stories.md, "The merge pass"): each story an article
 * joined since the last pass looks up candidate stories through the same
 * inverted index and time window, and merges with the best one when their
 * centroids agree (score_pair in cluster.c reaches "merge"); the story with
 * the older (smaller) id stays, and a story that grew by a merge is looked
 * at again. fn (may be NULL) is told of each merge as it happens, in a
 * deterministic order: from (gone) joined into; a non-zero return goes on.
 * The caller decides when to run it (chorus: after each batch). Returns the
 * number of merges, -1 when out of memory or when fn returned 0. */
int cx_cluster_merge(cx_cluster *cl, int (*fn)(void *ctx, int64_t from, int64_t into), void *ctx);

/* A story's state as the store keeps it: terms is an opaque blob of
 * terms_len bytes (the centroid), times are epoch seconds or INT64_MIN. */
typedef struct cx_story_state {
    int64_t id;
    const char *title;
    double title_score;
    int64_t first, last;
    const void *terms;
    size_t terms_len;
} cx_story_state;
/* The state of a story in memory (pointers valid until the next add): 1, or
 * 0 when the story is not in memory. */
int cx_cluster_state(cx_cluster *cl, int64_t id, cx_story_state *st);
/* Brings a stored story back into memory (ids continue after it). 0 when out
 * of memory. */
int cx_cluster_load(cx_cluster *cl, const cx_story_state *st);

/* One story of this run. Strings and arrays belong to the cluster state and
 * stay valid until cx_cluster_run_end. */
typedef struct cx_story_out {
    int64_t id;
    char *title;             /* the most representative headline, may be NULL */
    char **articles;         /* article ids in the order they joined */
    size_t n_articles;
    char *first_published;   /* ISO forms, NULL when no article was dated */
    char *last_published;
    char **outlets;          /* distinct outlets, first seen first */
    size_t n_outlets;
} cx_story_out;

/* The stories this run's articles joined, by story id; *out is malloc'd
 * (free with cx_free). Returns 0 when out of memory. */
int cx_cluster_stories(cx_cluster *cl, cx_story_out **out, size_t *n);
/* Whether to keep the run's lists for cx_cluster_stories (default 1); a
 * caller that has the store keep them says 0, and memory stays bounded. */
void cx_cluster_keep_runs(cx_cluster *cl, int keep);
/* Forgets the run's lists (the clustering state is kept for the next run). */
void cx_cluster_run_end(cx_cluster *cl);

/* ---- storylines (storyline.c) ---- */

/* Stories that continue one another: add every stored story (any order),
 * link, then ask each story's storyline. */
typedef struct cx_storylines cx_storylines;
cx_storylines *cx_storylines_new(void);
void cx_storylines_free(cx_storylines *sl);
/* Adds a story (its state is copied). 0 when out of memory. */
int cx_storylines_add(cx_storylines *sl, const cx_story_state *st);
/* Links the stories added. 0 when out of memory. */
int cx_storylines_link(cx_storylines *sl);
/* The storyline of a story: the id of its storyline's first story; 0 when
 * the story was not added. */
int64_t cx_storylines_of(const cx_storylines *sl, int64_t story);
/* The stories of a storyline in the order they started (at most max written
 * to out); returns how many it has. */
size_t cx_storylines_members(const cx_storylines *sl, int64_t line, int64_t *out, size_t max);
/* The storyline's title: its first story's; NULL when none. */
const char *cx_storylines_title(const cx_storylines *sl, int64_t line);

#endif
