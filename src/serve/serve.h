/*
 * serve.h: the HTTP server (stage "serve", issue 9; docs/api.md).
 *
 * In:  a store path and limits (chorus_serve_options, include/chorus.h).
 * Out: the report's page at / and the JSON API: stories, one story, one
 *      article, search, ingest (POST /api/articles), /healthz.
 *
 * Threads: libmicrohttpd's pool answers requests. Reads are served from a
 * snapshot (every reply pre-serialised from the document chorus_show
 * writes, built on a read connection of its own), shared by reference
 * count, so readers never wait for an ingest: a POST's connection is
 * suspended and its ingest runs on a thread of its own, which takes the
 * writer lock, runs the engine on the writer's connection (SQLite WAL),
 * bumps a generation and resumes the connection with the reply; the next
 * read rebuilds the snapshot once while the others keep answering from the
 * old one. Search has its own connection and lock.
 *
 * The functions are the public chorus_serve_start / _port / _stop.
 */
#ifndef CX_SERVE_H
#define CX_SERVE_H
#include "chorus.h"

/* The snapshot: exposed for tests of the JSON it builds. */
typedef struct cx_snapshot cx_snapshot;
/* Builds the replies from a chorus JSON document. NULL when it is not one. */
cx_snapshot *cx_snapshot_build(const char *json, size_t len);
/* The reply to GET /api/stories, /api/stories/ID, /api/articles/ID; NULL
 * when there is no such story or article. Valid while the snapshot is.
 * *gzip: in, 1 when the client accepts gzip; out, 1 when the reply returned
 * is gzip (replies of 1 KB or more are also kept compressed). */
const char *cx_snapshot_stories(const cx_snapshot *s, int *gzip, size_t *len);
const char *cx_snapshot_story(const cx_snapshot *s, const char *id, int *gzip, size_t *len);
const char *cx_snapshot_article(const cx_snapshot *s, const char *id, int *gzip, size_t *len);
void cx_snapshot_free(cx_snapshot *s);

#endif
