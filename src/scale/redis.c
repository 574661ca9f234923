/*
 * redis.c: connections, reconnection and Cluster routing over hiredis (see
 * redis.h). A small table of node connections by address; a slot table
 * filled from MOVED replies (no CLUSTER SLOTS at start: the first command
 * of each slot pays one redirect).
 */
#include "scale/redis.h"
#include "util/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_NODES 64
#define N_SLOTS 16384

typedef struct node {
    char host[256];
    int port;
    redisContext *ctx;
} node;

struct cx_redis {
    node nodes[MAX_NODES];
    int n_nodes;
    int16_t slot_node[N_SLOTS]; /* -1: not known, ask node 0 */
    int64_t retry_ms, timeout_ms;
    uint64_t commands;
    char err[512];
};

static void sleep_ms(int64_t ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* CRC16-CCITT (XModem), as Redis Cluster uses for key slots. */
static uint16_t crc16(const unsigned char *p, size_t n)
{
    uint16_t crc = 0;
    for (size_t i = 0; i < n; i++) {
        crc ^= (uint16_t)(p[i] << 8);
        for (int k = 0; k < 8; k++)
            crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
    }
    return crc;
}

unsigned cx_redis_slot(const char *key, size_t n)
{
    /* {tag}: only what is between the first '{' and the next '}' counts, when not empty */
    const char *open = memchr(key, '{', n);
    if (open) {
        const char *close = memchr(open + 1, '}', n - (size_t)(open + 1 - key));
        if (close && close > open + 1)
            return crc16((const unsigned char *)open + 1, (size_t)(close - open - 1)) % N_SLOTS;
    }
    return crc16((const unsigned char *)key, n) % N_SLOTS;
}

static void drop(node *nd)
{
    if (nd->ctx)
        redisFree(nd->ctx);
    nd->ctx = NULL;
}

/* The node's connection, (re)made when needed; 0 when it cannot be. */
static int connect_node(cx_redis *r, node *nd)
{
    if (nd->ctx && !nd->ctx->err)
        return 1;
    drop(nd);
    struct timeval tv = {2, 0};
    nd->ctx = redisConnectWithTimeout(nd->host, nd->port, tv);
    if (!nd->ctx || nd->ctx->err) {
        snprintf(r->err, sizeof r->err, "redis %s:%d: %s", nd->host, nd->port,
                 nd->ctx ? nd->ctx->errstr : "out of memory");
        drop(nd);
        return 0;
    }
    struct timeval ct = {(time_t)(r->timeout_ms / 1000), (long)(r->timeout_ms % 1000) * 1000L};
    redisSetTimeout(nd->ctx, ct);
    return 1;
}

static int node_of(cx_redis *r, const char *host, size_t hl, int port)
{
    for (int i = 0; i < r->n_nodes; i++)
        if (r->nodes[i].port == port && strlen(r->nodes[i].host) == hl && !memcmp(r->nodes[i].host, host, hl))
            return i;
    if (r->n_nodes == MAX_NODES || hl >= sizeof r->nodes[0].host)
        return -1;
    node *nd = &r->nodes[r->n_nodes];
    memcpy(nd->host, host, hl);
    nd->host[hl] = '\0';
    nd->port = port;
    nd->ctx = NULL;
    return r->n_nodes++;
}

/* "HOST:PORT" (the last ':' splits, for IPv6) to a node index; -1 when bad. */
static int node_of_addr(cx_redis *r, const char *addr)
{
    const char *colon = strrchr(addr, ':');
    if (!colon)
        return -1;
    char *end = NULL;
    long port = strtol(colon + 1, &end, 10);
    if (port <= 0 || port > 65535 || (end && *end && *end != ' ' && *end != '@'))
        return -1;
    return node_of(r, addr, (size_t)(colon - addr), (int)port);
}

cx_redis *cx_redis_open(const char *url, int64_t retry_ms, char *err, size_t errlen)
{
    const char *p = url;
    if (!strncmp(p, "redis://", 8))
        p += 8;
    cx_redis *r = cx_calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->retry_ms = retry_ms;
    r->timeout_ms = 10000;
    for (size_t i = 0; i < N_SLOTS; i++)
        r->slot_node[i] = -1;
    char addr[300];
    size_t n = strcspn(p, "/");
    if (n >= sizeof addr || !n) {
        snprintf(err, errlen, "bad Redis URL \"%s\" (redis://HOST:PORT)", url);
        cx_free(r);
        return NULL;
    }
    memcpy(addr, p, n);
    addr[n] = '\0';
    if (!strchr(addr, ':')) {
        if (n + 6 >= sizeof addr) {
            snprintf(err, errlen, "bad Redis URL \"%s\"", url);
            cx_free(r);
            return NULL;
        }
        memcpy(addr + n, ":6379", 6);
    }
    if (node_of_addr(r, addr) != 0) {
        snprintf(err, errlen, "bad Redis URL \"%s\" (redis://HOST:PORT)", url);
        cx_free(r);
        return NULL;
    }
    redisReply *pong = cx_redis_cmdv(r, -1, "PING", NULL);
    if (!pong || pong->type == REDIS_REPLY_ERROR) {
        snprintf(err, errlen, "%s", pong ? pong->str : r->err);
        if (pong)
            freeReplyObject(pong);
        cx_redis_close(r);
        return NULL;
    }
    freeReplyObject(pong);
    return r;
}

void cx_redis_close(cx_redis *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n_nodes; i++)
        drop(&r->nodes[i]);
    cx_free(r);
}

const char *cx_redis_errmsg(const cx_redis *r) { return r->err; }

void cx_redis_set_timeout(cx_redis *r, int64_t ms)
{
    r->timeout_ms = ms;
    for (int i = 0; i < r->n_nodes; i++)
        drop(&r->nodes[i]); /* reconnected with the new timeout on next use */
}

uint64_t cx_redis_commands(const cx_redis *r) { return r->commands; }

/* An error reply that means "wait and send again": the server is loading its
 * AOF after a restart, or the cluster is reconfiguring. */
static int transient(const redisReply *rep)
{
    return !strncmp(rep->str, "LOADING", 7) || !strncmp(rep->str, "TRYAGAIN", 8) ||
           !strncmp(rep->str, "CLUSTERDOWN", 11) || !strncmp(rep->str, "MASTERDOWN", 10);
}

redisReply *cx_redis_cmd(cx_redis *r, int key, int argc, const char **argv, const size_t *lens)
{
    size_t l[64];
    if (argc > 64)
        return NULL;
    for (int i = 0; i < argc; i++)
        l[i] = lens ? lens[i] : strlen(argv[i]);
    int target = 0, asking = 0;
    unsigned slot = 0;
    if (key >= 0) {
        slot = cx_redis_slot(argv[key], l[key]);
        if (r->slot_node[slot] >= 0)
            target = r->slot_node[slot];
    }
    int64_t deadline = now_ms() + r->retry_ms, backoff = 50;
    for (int redirects = 0; redirects < 16;) {
        node *nd = &r->nodes[target];
        redisReply *rep = NULL;
        if (connect_node(r, nd)) {
            if (asking) {
                redisReply *ok = redisCommand(nd->ctx, "ASKING");
                if (ok)
                    freeReplyObject(ok);
                asking = 0;
            }
            r->commands++;
            rep = redisCommandArgv(nd->ctx, argc, argv, l);
            if (!rep) {
                snprintf(r->err, sizeof r->err, "redis %s:%d: %s", nd->host, nd->port,
                         nd->ctx->errstr[0] ? nd->ctx->errstr : "connection lost");
                drop(nd);
            }
        }
        if (rep && rep->type == REDIS_REPLY_ERROR) {
            int moved = !strncmp(rep->str, "MOVED ", 6), ask = !strncmp(rep->str, "ASK ", 4);
            if (moved || ask) {
                const char *sp = strchr(rep->str + (moved ? 6 : 4), ' ');
                int t = sp ? node_of_addr(r, sp + 1) : -1;
                if (t < 0) {
                    snprintf(r->err, sizeof r->err, "bad redirect: %s", rep->str);
                    return rep;
                }
                if (moved && key >= 0)
                    r->slot_node[slot] = (int16_t)t;
                asking = ask;
                target = t;
                redirects++;
                freeReplyObject(rep);
                continue;
            }
            if (!transient(rep))
                return rep;
            snprintf(r->err, sizeof r->err, "redis: %s", rep->str);
            freeReplyObject(rep);
            rep = NULL;
        } else if (rep) {
            return rep;
        }
        /* lost, refused or loading: wait and send again until the deadline */
        if (now_ms() >= deadline)
            return NULL;
        sleep_ms(backoff);
        if (backoff < 500)
            backoff *= 2;
        if (target != 0 && key >= 0) {
            /* a node gone for good: ask the first node again, it will redirect */
            r->slot_node[slot] = -1;
        }
    }
    snprintf(r->err, sizeof r->err, "too many redirects");
    return NULL;
}

redisReply *cx_redis_cmdv(cx_redis *r, int key, const char *arg0, ...)
{
    const char *argv[16];
    int argc = 0;
    va_list ap;
    va_start(ap, arg0);
    for (const char *a = arg0; a && argc < 16; a = va_arg(ap, const char *))
        argv[argc++] = a;
    va_end(ap);
    return cx_redis_cmd(r, key, argc, argv, NULL);
}

int cx_redis_many(cx_redis *r, size_t n, int argc, const char *const *argv, const size_t *lens, int key,
                  redisReply **out)
{
    int node_of_cmd[256];
    if (n > 256 || argc > 16)
        return 0;
    /* send every command to the node its key's slot is known at (node 0 when unknown) */
    for (size_t i = 0; i < n; i++) {
        const char *const *a = argv + i * (size_t)argc;
        size_t l[16];
        for (int j = 0; j < argc; j++)
            l[j] = lens ? lens[i * (size_t)argc + (size_t)j] : strlen(a[j]);
        out[i] = NULL;
        int t = r->slot_node[cx_redis_slot(a[key], l[key])];
        node_of_cmd[i] = t >= 0 ? t : 0;
        node *nd = &r->nodes[node_of_cmd[i]];
        if (!connect_node(r, nd) || redisAppendCommandArgv(nd->ctx, argc, (const char **)a, l) != REDIS_OK) {
            drop(nd);
            node_of_cmd[i] = -1;
        }
        r->commands++;
    }
    /* replies come back in order on each connection */
    for (size_t i = 0; i < n; i++) {
        if (node_of_cmd[i] < 0)
            continue;
        node *nd = &r->nodes[node_of_cmd[i]];
        void *rep = NULL;
        if (!nd->ctx || redisGetReply(nd->ctx, &rep) != REDIS_OK || !rep) {
            drop(nd); /* the rest of this node's replies are lost: sent again below */
            for (size_t j = i + 1; j < n; j++)
                if (node_of_cmd[j] == node_of_cmd[i])
                    node_of_cmd[j] = -1;
            continue;
        }
        redisReply *x = rep;
        if (x->type == REDIS_REPLY_ERROR) { /* MOVED, ASK, LOADING...: alone, below */
            freeReplyObject(x);
            continue;
        }
        out[i] = x;
    }
    int all = 1;
    for (size_t i = 0; i < n; i++) {
        if (out[i])
            continue;
        const char *const *a = argv + i * (size_t)argc;
        out[i] = cx_redis_cmd(r, key, argc, (const char **)a, lens ? lens + i * (size_t)argc : NULL);
        if (!out[i])
            all = 0;
    }
    return all;
}

int cx_redis_get_many(cx_redis *r, const char *const *keys, size_t n, redisReply **out)
{
    const char *argv[2 * 256] = {NULL};
    if (n > 256)
        return 0;
    for (size_t i = 0; i < n; i++) {
        argv[2 * i] = "GET";
        argv[2 * i + 1] = keys[i];
    }
    int all = cx_redis_many(r, n, 2, argv, NULL, 1, out);
    for (size_t i = 0; i < n; i++)
        if (out[i] && out[i]->type == REDIS_REPLY_ERROR) {
            snprintf(r->err, sizeof r->err, "GET %s: %s", keys[i], out[i]->str);
            freeReplyObject(out[i]);
            out[i] = NULL;
            all = 0;
        }
    return all;
}
