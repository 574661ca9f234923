/*
 * engine.h: what the engine's modules outside chorus.c (present.c: report,
 * search) need of the handle.
 */
#ifndef CX_ENGINE_H
#define CX_ENGINE_H
#include "chorus.h"
#include "store/store.h"

/* The open store, NULL when none. */
cx_store *cx_engine_store(chorus *c);
/* Records msg as the handle's error (chorus_errmsg) and returns st. */
chorus_status cx_engine_fail(chorus *c, chorus_status st, const char *msg);
/* Called when a store was opened: indexes for search the quotes of articles
 * stored before schema 3. */
chorus_status cx_engine_store_opened(chorus *c);


/* ---- for the distributed run (src/scale): the per-article stages and the
 * stream stages of one article, apart ---- */
struct cx_record;
/* The per-article stages (extract, text layers, fingerprint, keys) of one
 * record, as chorus_run does them; NULL when rejected (reported through the
 * diagnostics handler). Needs an open store (":memory:" will do) for the
 * fingerprint and keys, as chorus_run does. */
cx_article *cx_engine_analyse(chorus *c, const struct cx_record *rec);
/* The stream stages of one analysed article, the next in sequence order: the
 * store lookup and insert, the copies stage and the stories stage, as one
 * batch of chorus_run does them, inside the caller's transaction on
 * cx_engine_store(c). Sets a->seq, a->known, a->copy_of, a->story, and *ss
 * (when story_state is not NULL and the article is new) to its story's state
 * (pointers valid until the next call). Then the stories stage's merge
 * pass: on_merge (may be NULL) is told of each merge, after the state above
 * and in order, with the surviving story's state (NULL when none; pointers
 * valid during the call); a->story stays the story the article joined. On
 * failure the caller drops the handle's stream state with
 * cx_engine_stream_reset. */
chorus_status cx_engine_stream_one(chorus *c, cx_article *a, cx_story_state *story_state, int *has_state,
                                   int (*on_merge)(void *ctx, int64_t from, int64_t into, const cx_story_state *st),
                                   void *ctx);
/* The inputs queued by chorus_add_input (submit reads them itself), the
 * diagnostics sink and the article size limit for cx_reader_open. */
struct cx_input;
const struct cx_input *cx_engine_inputs(chorus *c, size_t *n);
struct cx_diag *cx_engine_diag(chorus *c);
size_t cx_engine_max_article_bytes(const chorus *c);
/* Forgets the in-memory copies index and stories; both are reloaded from the
 * store on next use. */
void cx_engine_stream_reset(chorus *c);

#endif
