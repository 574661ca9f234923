/*
 * layers.h: the per-article analysis layers, in one place.
 *
 * In:  an article with its clean body, title, language and publication date
 *      (fresh from extraction, or read back from the store).
 * Out: the layers later stages read, in the article's arena: the text layer
 *      (tokens, sentences), dates, entities and quotes, and each new
 *      per-article stage added after them.
 *
 * `analyze` runs them on each new article; `show` and the story-level stages
 * run them again on stored articles, whose analysis the store does not keep:
 * every layer is deterministic, so the answers are the same.
 */
#ifndef CX_LAYERS_H
#define CX_LAYERS_H
#include "core/article.h"

/* Runs every layer not yet run. 0 when out of memory. */
int cx_layers_run(cx_article *a);
/* Only the layers the stream stages read (the stories stage: text layer and
 * dates), for the distributed run's serial part (src/scale). 0 when out of memory. */
int cx_layers_stream(cx_article *a);

/* The same, adding each layer's CPU seconds (this thread's) to t[]. */
enum { CX_LAYER_TEXT, CX_LAYER_DATES, CX_LAYER_QUOTES, CX_LAYER_CLAIMS, CX_LAYER_COUNT };
int cx_layers_run_timed(cx_article *a, double t[CX_LAYER_COUNT]);

#endif
