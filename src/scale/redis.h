/*
 * redis.h: one Redis deployment as the distributed run sees it, a single
 * server or a Redis Cluster, through hiredis (which knows no Cluster).
 *
 * In:  a URL (redis://HOST:PORT), commands as argument vectors with the key
 *      that routes them.
 * Out: replies. A lost connection (a restarted server, a failover) is
 *      reconnected and the command sent again, for up to retry_ms; so every
 *      command the distributed run sends is idempotent, or made so (see
 *      docs/scale.md). On a Cluster, a command goes to the master of its
 *      key's slot (CRC16 of the key, or of its {hash tag}); MOVED updates the
 *      slot table and ASK is followed once, as redis-cli -c does.
 */
#ifndef CX_REDIS_H
#define CX_REDIS_H
#include <hiredis/hiredis.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cx_redis cx_redis;

/* Connects to url; NULL with err filled when the URL is bad or the server
 * stays unreachable for retry_ms. */
cx_redis *cx_redis_open(const char *url, int64_t retry_ms, char *err, size_t errlen);
void cx_redis_close(cx_redis *r);
const char *cx_redis_errmsg(const cx_redis *r);
/* Socket timeout of each command (ms): must exceed any BLOCK given. */
void cx_redis_set_timeout(cx_redis *r, int64_t ms);

/* Sends argv[0..argc) (lens may be NULL for C strings), routed by argv[key]
 * (key < 0: any node). Returns the reply (free with freeReplyObject), an
 * error reply included (the caller decides), or NULL when the deployment
 * stayed unreachable (message in cx_redis_errmsg). */
redisReply *cx_redis_cmd(cx_redis *r, int key, int argc, const char **argv, const size_t *lens);
/* The same with printf-free convenience: up to 16 C-string arguments. */
redisReply *cx_redis_cmdv(cx_redis *r, int key, const char *arg0, ...);
/* GET of n keys in one round trip per node (pipelined; a key whose slot
 * moved, or whose node's connection broke, is fetched again alone with
 * cx_redis_cmd). out[i] is the reply for keys[i] (string or nil; free each
 * with freeReplyObject), NULL when it could not be had. Returns 1 when
 * every out[i] is set. */
int cx_redis_get_many(cx_redis *r, const char *const *keys, size_t n, redisReply **out);
/* n commands of argc arguments each, pipelined the same way: command i is
 * argv[i * argc .. i * argc + argc) (lens likewise, or NULL), routed by its
 * argument key. Each is idempotent (it may be sent twice). out[i] as for
 * cx_redis_get_many (error replies included, except redirects). n <= 256. */
int cx_redis_many(cx_redis *r, size_t n, int argc, const char *const *argv, const size_t *lens, int key,
                  redisReply **out);
/* Commands counted since open (for the bench's operations per article). */
uint64_t cx_redis_commands(const cx_redis *r);
/* The cluster slot of a key. */
unsigned cx_redis_slot(const char *key, size_t n);

#endif
