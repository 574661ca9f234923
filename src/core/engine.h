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

#endif
