/*
 * chorus_scale.h: chorus over Redis, for more than one machine (docs/scale.md).
 *
 * `submit` appends the records of the inputs queued on a handle
 * (chorus_add_input) to a Redis stream; any number of `worker`s, on any
 * machines, run the per-article stages on them and, one at a time under a
 * lease, the stream stages in submission order, keeping every result in
 * Redis; `show` prints the results as the JSON document chorus_show prints.
 * The handle's parameters (extraction mode, --no-extract...) apply to the
 * stages each worker runs.
 */
#ifndef CHORUS_SCALE_H
#define CHORUS_SCALE_H
#include <stdint.h>
#include <stdio.h>

#include "chorus.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct chorus_redis_opts {
    const char *url;        /* redis://HOST:PORT (a Cluster node will do for a Cluster) */
    const char *prefix;     /* key prefix, "chorus" by default: several runs can share a server */
    const char *consumer;   /* worker name in the consumer group; host:pid by default */
    int64_t max_stream;     /* submit: entries waiting over which it waits (back-pressure) */
    int64_t wait_ms;        /* submit: how long it waits before failing */
    int64_t claim_ms;       /* worker: a pending entry idle this long is taken over */
    int64_t lease_ms;       /* worker: the stream stages' lease */
    int64_t retry_ms;       /* how long a lost Redis is waited for */
    int64_t idle_exit_ms;   /* worker: exit after this long with nothing to do (0: never) */
    int verbose;
} chorus_redis_opts;

/* Defaults: prefix "chorus", max_stream 10000, wait 60 s, claim 30 s, lease 5 s, retry 30 s. */
CHORUS_API void chorus_redis_opts_init(chorus_redis_opts *o);
/* Submits the records of the queued inputs; *n the count submitted,
 * *rejected the inputs and records that could not be read (reported through
 * the diagnostics handler); either may be NULL. */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_redis_submit(chorus *c, const chorus_redis_opts *o,
                                                              uint64_t *n, uint64_t *rejected);
/* Runs a worker until idle_exit_ms with nothing to do (or forever). */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_redis_worker(chorus *c, const chorus_redis_opts *o);
/* Writes the results kept in Redis as the JSON chorus_show writes. */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_redis_show(chorus *c, const chorus_redis_opts *o, FILE *out,
                                                            unsigned flags);

#ifdef __cplusplus
}
#endif
#endif
