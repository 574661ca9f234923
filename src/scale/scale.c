/*
 * scale.c: submit, worker and show over Redis (see scale.h, docs/scale.md).
 *
 * Why in this order: the per-article stages (extraction, text layers,
 * fingerprint) are independent and take most of the time, so any worker
 * runs them on any record. The stream stages (is it known, which earlier
 * article it copies, which story it joins) depend on every earlier article,
 * and the single-machine run's answers come from running them in input
 * order; so they run here in sequence order too, by one worker at a time
 * (the lease holder), on the contiguous prefix of analysed records, with the
 * engine's own code (cx_engine_stream_one) over a local in-memory store that
 * mirrors what Redis holds. Each sequence number's outcome is written once
 * with SET NX: the log of outcomes is the state. A worker that takes the
 * lease over runs the stream stages again over the whole log (checking each
 * outcome), so its copies index and stories in memory are exactly those of
 * an uninterrupted run; reloading them from a store, as the single machine
 * does on restart, would only approximate them. `show` replays the log's
 * writes into a store without recomputing. The stages are
 * deterministic, so two lease holders racing (a paused one waking up) write
 * the same outcome, and the loser, seeing its SET NX refused, drops its
 * state and replays.
 */
#include "scale/scale.h"
#include "core/article.h"
#include "core/diag.h"
#include "core/engine.h"
#include "core/layers.h"
#include "ingest/ingest.h"
#include "scale/redis.h"
#include "scale/wire.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/vec.h"

#include <inttypes.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define GROUP "workers"
#define REJECTED "X"
#define MAX_DELIVERIES 5 /* a record delivered this often without being finished is rejected */

void chorus_redis_opts_init(chorus_redis_opts *o)
{
    memset(o, 0, sizeof *o);
    o->prefix = "chorus";
    o->max_stream = 10000;
    o->wait_ms = 60000;
    o->claim_ms = 30000;
    o->lease_ms = 5000;
    o->retry_ms = 30000;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int64_t ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

typedef struct keys {
    char in[160], seq[160], lease[160], applied[160];
    char prefix[128];
} keys;

static int make_keys(keys *k, const char *prefix)
{
    if (!prefix || !*prefix || strlen(prefix) >= sizeof k->prefix || strchr(prefix, '{') || strchr(prefix, '}'))
        return 0;
    snprintf(k->prefix, sizeof k->prefix, "%s", prefix);
    snprintf(k->in, sizeof k->in, "{%s}:in", prefix);
    snprintf(k->seq, sizeof k->seq, "{%s}:seq", prefix);
    snprintf(k->lease, sizeof k->lease, "{%s}:lease", prefix);
    snprintf(k->applied, sizeof k->applied, "{%s}:applied", prefix);
    return 1;
}

static void key_of(char *out, size_t n, const keys *k, char what, int64_t seq)
{
    snprintf(out, n, "%s:%c:%" PRId64, k->prefix, what, seq);
}

static chorus_status fail(chorus *c, chorus_status st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static chorus_status fail(chorus *c, chorus_status st, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cx_engine_fail(c, st, msg);
}

static cx_redis *open_redis(chorus *c, const chorus_redis_opts *o, keys *k)
{
    if (!o->url)
        return fail(c, CHORUS_ERR_USAGE, "no Redis URL (--redis redis://HOST:PORT)"), NULL;
    if (!make_keys(k, o->prefix))
        return fail(c, CHORUS_ERR_USAGE, "bad key prefix (no braces, under 128 bytes)"), NULL;
    char err[300];
    cx_redis *r = cx_redis_open(o->url, o->retry_ms, err, sizeof err);
    if (!r)
        fail(c, CHORUS_ERR_IO, "%s", err);
    return r;
}

/* An integer reply (or a bulk string holding one); -1 when neither. */
static int64_t reply_int(const redisReply *rep)
{
    if (!rep)
        return -1;
    if (rep->type == REDIS_REPLY_INTEGER)
        return rep->integer;
    if (rep->type == REDIS_REPLY_STRING) {
        char *end = NULL;
        long long v = strtoll(rep->str, &end, 10);
        return end && !*end ? v : -1;
    }
    if (rep->type == REDIS_REPLY_NIL)
        return 0;
    return -1;
}

/* Runs a command whose reply is only checked; 0 (message set) on failure. */
static int ok_cmd(chorus *c, cx_redis *r, redisReply *rep, const char *what)
{
    if (!rep) {
        fail(c, CHORUS_ERR_IO, "%s: %s", what, cx_redis_errmsg(r));
        return 0;
    }
    int ok = rep->type != REDIS_REPLY_ERROR;
    if (!ok)
        fail(c, CHORUS_ERR_IO, "%s: %s", what, rep->str);
    freeReplyObject(rep);
    return ok;
}

static int ensure_group(chorus *c, cx_redis *r, const keys *k)
{
    redisReply *rep = cx_redis_cmdv(r, 2, "XGROUP", "CREATE", k->in, GROUP, "0", "MKSTREAM", NULL);
    if (rep && rep->type == REDIS_REPLY_ERROR && !strncmp(rep->str, "BUSYGROUP", 9)) {
        freeReplyObject(rep);
        return 1;
    }
    return ok_cmd(c, r, rep, "creating the consumer group");
}

/* ---- submit ---- */

/* Adds one record unless this submit added it already (a resend after a
 * lost reply); refuses while the stream is over the limit. Returns the
 * sequence number, -1 when it was there already, -2 when the stream is full. */
static const char submit_lua[] =
    "local done = tonumber(redis.call('GET', KEYS[3]) or '0')\n"
    "if tonumber(ARGV[1]) <= done then return -1 end\n"
    "if redis.call('XLEN', KEYS[2]) >= tonumber(ARGV[3]) then return -2 end\n"
    "local s = redis.call('INCR', KEYS[1])\n"
    "redis.call('XADD', KEYS[2], '*', 's', s, 'r', ARGV[2])\n"
    "redis.call('SET', KEYS[3], ARGV[1], 'EX', 604800)\n"
    "return s\n";

chorus_status chorus_redis_submit(chorus *c, const chorus_redis_opts *o, uint64_t *count, uint64_t *rejected)
{
    uint64_t errors_before = cx_engine_diag(c)->errors;
    keys k;
    cx_redis *r = open_redis(c, o, &k);
    if (!r)
        return CHORUS_ERR_IO;
    if (!ensure_group(c, r, &k)) {
        cx_redis_close(r);
        return CHORUS_ERR_IO;
    }
    char sub[400], host[64] = "host";
    gethostname(host, sizeof host - 1);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(sub, sizeof sub, "{%s}:sub:%s-%ld-%lld-%ld", k.prefix, host, (long)getpid(), (long long)ts.tv_sec,
             ts.tv_nsec);
    size_t n_in;
    const cx_input *ins = cx_engine_inputs(c, &n_in);
    cx_ingest_opts io = {cx_engine_max_article_bytes(c), 0}; /* records parsed here, as submitted */
    cx_buf b;
    cx_buf_init(&b, (size_t)1 << 30);
    chorus_status st = CHORUS_OK;
    uint64_t n = 0;
    char maxlen[32];
    snprintf(maxlen, sizeof maxlen, "%" PRId64, o->max_stream);
    for (size_t i = 0; i < n_in && st == CHORUS_OK; i++) {
        cx_reader *rd = cx_reader_open(&ins[i], &io, cx_engine_diag(c));
        if (!rd)
            continue; /* reported */
        cx_record rec;
        while (st == CHORUS_OK && cx_reader_next(rd, &rec)) {
            cx_buf_reset(&b);
            if (!cx_wire_record(&b, &rec)) {
                st = fail(c, CHORUS_ERR_NOMEM, "out of memory");
                break;
            }
            char idx[32];
            snprintf(idx, sizeof idx, "%" PRIu64, n + 1);
            const char *argv[] = {"EVAL", submit_lua, "3", k.seq, k.in, sub, idx, b.data ? b.data : "", maxlen};
            size_t lens[] = {4, sizeof submit_lua - 1, 1, strlen(k.seq), strlen(k.in), strlen(sub), strlen(idx),
                             b.len, strlen(maxlen)};
            int64_t waited_since = 0;
            for (;;) {
                redisReply *rep = cx_redis_cmd(r, 3, 9, argv, lens);
                if (!rep || rep->type != REDIS_REPLY_INTEGER) {
                    st = fail(c, CHORUS_ERR_IO, "submit: %s", rep && rep->type == REDIS_REPLY_ERROR ? rep->str
                                                                                                    : cx_redis_errmsg(r));
                    if (rep)
                        freeReplyObject(rep);
                    break;
                }
                long long v = rep->integer;
                freeReplyObject(rep);
                if (v != -2)
                    break;
                /* back-pressure: the workers are behind */
                if (!waited_since)
                    waited_since = now_ms();
                else if (now_ms() - waited_since > o->wait_ms) {
                    st = fail(c, CHORUS_ERR_IO,
                              "submit: the stream %s has held %" PRId64 " or more waiting records for %" PRId64
                              " ms (--max-stream); are the workers running?",
                              k.in, o->max_stream, o->wait_ms);
                    break;
                }
                sleep_ms(100);
            }
            if (st == CHORUS_OK)
                n++;
        }
        cx_reader_close(rd);
    }
    cx_buf_free(&b);
    cx_redis_close(r);
    if (count)
        *count = n;
    if (rejected)
        *rejected = cx_engine_diag(c)->errors - errors_before;
    return st;
}

/* ---- the stream stages, under the lease ---- */

typedef struct applier {
    int valid;          /* the local store mirrors P:a:1..applied */
    int64_t applied;
    uint64_t n_applied; /* this process's, for the summary */
} applier;

/* The last rowid of the copy relations, before an article's stream stages:
 * the relations they add come after it (a new article's relations are all
 * new: INSERT OR REPLACE gives each a new rowid). -1 on failure. */
static int64_t edges_mark(cx_store *s)
{
    sqlite3_stmt *q = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(cx_store_db(s), "SELECT coalesce(max(rowid), 0) FROM copy_edge", -1, &q, NULL) ==
            SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

/* The copy relations added after mark (a rowid range: a query by article
 * would scan the table, b having no index of its own). */
static int edges_of(cx_store *s, int64_t mark, cx_ap_edge **out, size_t *n)
{
    sqlite3_stmt *q = NULL;
    *out = NULL;
    *n = 0;
    /* the copies stage wrote them through cx_store_edge_put just now */
    if (sqlite3_prepare_v2(cx_store_db(s), "SELECT a, b, kind, similarity, aligned, pairs FROM copy_edge "
                                           "WHERE rowid > ?1 ORDER BY a, b", -1, &q, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(q, 1, mark);
    size_t cap = 0;
    int rc, ok = 1;
    while (ok && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        cx_ap_edge *g = cx_grow(*out, &cap, *n + 1, sizeof *g, 8);
        if (!g) {
            ok = 0;
            break;
        }
        *out = g;
        cx_ap_edge *e = &g[(*n)++];
        e->a = sqlite3_column_int64(q, 0);
        e->b = sqlite3_column_int64(q, 1);
        e->kind = sqlite3_column_int(q, 2);
        e->similarity = sqlite3_column_double(q, 3);
        e->aligned = (uint32_t)sqlite3_column_int64(q, 4);
        const char *p = (const char *)sqlite3_column_text(q, 5);
        e->pairs = p ? cx_strdup(p) : NULL;
        if (p && !e->pairs)
            ok = 0;
    }
    sqlite3_finalize(q);
    if (!ok || rc != SQLITE_DONE) {
        for (size_t i = 0; i < *n; i++)
            cx_free((char *)(*out)[i].pairs);
        cx_free(*out);
        *out = NULL;
        *n = 0;
        return 0;
    }
    return 1;
}

static void edges_free(cx_ap_edge *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cx_free((char *)e[i].pairs);
    cx_free(e);
}

/* Applies one logged outcome to the local store (the replay). */
static int replay_one(chorus *c, const cx_applied *ap, cx_article *a)
{
    cx_store *s = cx_engine_store(c);
    if (ap->what != CX_AP_STORED)
        return 1; /* rejected or known: the store did not change */
    a->id = (char *)ap->id;
    int64_t row = 0;
    if (!cx_store_put(s, a, 0, &row) || row != ap->row || (a->fp && !cx_store_fp_put(s, row, a->fp)))
        return 0;
    for (size_t i = 0; i < ap->n_edges; i++) {
        const cx_ap_edge *e = &ap->edges[i];
        if (!cx_store_edge_put(s, e->a, e->b, e->kind, e->similarity, e->aligned, e->pairs))
            return 0;
    }
    if (!cx_store_story_put(s, row, ap->story) || (ap->has_state && !cx_store_story_save(s, &ap->state)))
        return 0;
    /* then the merge pass's merges, in the order they were made */
    const char *p = ap->merges, *end = ap->merges + ap->merges_len;
    for (uint32_t i = 0; i < ap->n_merges; i++) {
        int64_t from, into;
        int has;
        cx_story_state st;
        if (!cx_wire_merge_next(&p, end, &from, &into, &has, &st) || !cx_store_story_merge(s, from, into) ||
            (has && !cx_store_story_save(s, &st)))
            return 0;
    }
    return 1;
}


/* Per-article keys read ahead, several GETs per round trip: the serial part
 * reads them one sequence number after another, and would otherwise wait for
 * Redis once per key. The window grows while every key read was there (a
 * live stream ends at the first record not analysed yet; reading far past
 * it would waste commands). */
#define PREFETCH_MAX 64
#define APPLY_BATCH 32 /* outcomes written per round trip */
typedef struct prefetch {
    char what;
    int64_t first;
    size_t n, want;
    redisReply *rep[PREFETCH_MAX];
} prefetch;

static void pf_clear(prefetch *pf)
{
    for (size_t i = 0; i < pf->n; i++)
        if (pf->rep[i])
            freeReplyObject(pf->rep[i]);
    pf->n = 0;
}

/* The reply (string or nil, the caller's to free) for key P:what:seq; NULL on failure (message set). */
static redisReply *pf_get(chorus *c, cx_redis *r, const keys *k, prefetch *pf, int64_t seq)
{
    if (seq < pf->first || seq >= pf->first + (int64_t)pf->n || !pf->rep[seq - pf->first]) {
        pf_clear(pf);
        char names[PREFETCH_MAX][200];
        const char *kp[PREFETCH_MAX];
        size_t want = pf->want ? pf->want : 4;
        for (size_t i = 0; i < want; i++) {
            key_of(names[i], sizeof names[i], k, pf->what, seq + (int64_t)i);
            kp[i] = names[i];
        }
        pf->first = seq;
        pf->n = want;
        if (!cx_redis_get_many(r, kp, want, pf->rep)) {
            fail(c, CHORUS_ERR_IO, "%s", cx_redis_errmsg(r));
            pf_clear(pf);
            return NULL;
        }
        size_t there = 0;
        while (there < want && pf->rep[there]->type == REDIS_REPLY_STRING)
            there++;
        pf->want = there == want ? (want * 2 > PREFETCH_MAX ? PREFETCH_MAX : want * 2) : (want > 8 ? want / 2 : 4);
    }
    redisReply *x = pf->rep[seq - pf->first];
    pf->rep[seq - pf->first] = NULL;
    return x;
}

/* Rebuilds the local store from the log P:a:1.. (the stored articles from
 * P:r:SEQ). With recompute, the stream stages run again on each article
 * (every outcome checked against the log): the copies index and the stories
 * in memory are then exactly those of an uninterrupted run, which a reload
 * from the store (what the single machine does on restart) only
 * approximates; without, the outcomes are written as logged (show). 1 on
 * success, with ap->applied the last SEQ logged. */
static chorus_status stream_stages(chorus *c, int64_t seq, const redisReply *res, cx_buf *out);
static int hold_lease(chorus *c, cx_redis *r, const keys *k, const char *me, int64_t lease_ms);
/* me: the lease holder recomputing (renewing its lease as it goes: a long
 * log must not cost it the lease, or two workers would take turns rebuilding
 * forever); NULL to write the outcomes as logged. Returns 1, 0 on failure
 * (message set), -1 when the lease was lost meanwhile. */
static int rebuild(chorus *c, cx_redis *r, const keys *k, applier *ap, const char *me, int64_t lease_ms)
{
    int recompute = me != NULL, lost = 0;
    int64_t renewed = now_ms();
    ap->valid = 0;
    ap->applied = 0;
    if (chorus_open_store(c, ":memory:") != CHORUS_OK)
        return 0;
    cx_engine_stream_reset(c);
    cx_store *s = cx_engine_store(c);
    int ok = cx_store_begin(s); /* one transaction per 1024 records: the mirror is all or nothing */
    cx_buf redo;
    cx_buf_init(&redo, (size_t)1 << 30);
    prefetch pa = {'a', 0, 0, 16, {NULL}}, pr = {'r', 0, 0, 16, {NULL}};
    for (int64_t seq = 1; ok; seq++) {
        redisReply *lg = pf_get(c, r, k, &pa, seq);
        if (!lg) {
            ok = 0;
            break;
        }
        if (lg->type != REDIS_REPLY_STRING) {
            freeReplyObject(lg);
            break;
        }
        cx_applied rec;
        cx_article *a = NULL;
        redisReply *art = NULL;
        if (!cx_wire_applied_read(lg->str, lg->len, &rec)) {
            fail(c, CHORUS_ERR_FORMAT, "%s:a:%" PRId64 ": damaged value", k->prefix, seq);
            ok = 0;
        } else if (rec.what != CX_AP_REJECTED || recompute) {
            art = pf_get(c, r, k, &pr, seq);
            if (!art || art->type != REDIS_REPLY_STRING || (!recompute && !(a = cx_wire_article_read(art->str, art->len)))) {
                if (art)
                    fail(c, CHORUS_ERR_FORMAT, "%s:r:%" PRId64 ": missing or damaged", k->prefix, seq);
                ok = 0;
            }
        }
        if (ok && recompute) {
            cx_buf_reset(&redo);
            /* the same stages, the same answer: a different one means the
             * stages are not deterministic, and is reported */
            if (stream_stages(c, seq, art, &redo) != CHORUS_OK)
                ok = 0;
            else if (redo.len != lg->len || memcmp(redo.data, lg->str, lg->len))
                ok = !fail(c, CHORUS_ERR_STORE, "record %" PRId64 ": the stream stages gave another outcome "
                                                "than the one logged", seq);
        } else if (ok && !replay_one(c, &rec, a)) {
            ok = !fail(c, CHORUS_ERR_STORE, "replaying %s:a:%" PRId64 ": %s", k->prefix, seq, cx_store_errmsg(s));
        }
        if (art)
            freeReplyObject(art);
        cx_article_free(a);
        cx_free(rec.edges);
        freeReplyObject(lg);
        if (ok)
            ap->applied = seq;
        if (ok && seq % 1024 == 0)
            ok = cx_store_commit(s) && cx_store_begin(s);
        if (ok && recompute && now_ms() - renewed > lease_ms / 3) {
            int held = hold_lease(c, r, k, me, lease_ms);
            renewed = now_ms();
            if (held <= 0) {
                ok = 0;
                lost = held == 0;
            }
        }
    }
    pf_clear(&pa);
    pf_clear(&pr);
    cx_buf_free(&redo);
    if (ok && !cx_store_commit(s))
        ok = !fail(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(s));
    if (!ok)
        cx_store_rollback(s);
    ap->valid = ok;
    return lost ? -1 : ok;
}

/* The merges of one record's stream stages, as wire records. */
typedef struct merge_log {
    cx_buf b;
    uint32_t n;
} merge_log;

static int log_merge(void *ctx, int64_t from, int64_t into, const cx_story_state *st)
{
    merge_log *m = ctx;
    if (!cx_wire_merge(&m->b, from, into, st))
        return 0;
    m->n++;
    return 1;
}

/* The stream stages of record seq, whose analysed article (or REJECTED) is
 * res; the outcome goes to *out. Inside the caller's transaction on the
 * mirror (a failure makes the caller drop the whole mirror). */
static chorus_status stream_stages(chorus *c, int64_t seq, const redisReply *res, cx_buf *out)
{
    cx_applied ap;
    memset(&ap, 0, sizeof ap);
    cx_article *a = NULL;
    if (res->len == 1 && res->str[0] == REJECTED[0]) {
        ap.what = CX_AP_REJECTED;
        return cx_wire_applied(out, &ap) ? CHORUS_OK : fail(c, CHORUS_ERR_NOMEM, "out of memory");
    }
    if (!(a = cx_wire_article_read(res->str, res->len)))
        return fail(c, CHORUS_ERR_FORMAT, "result of record %" PRId64 " is damaged", seq);
    cx_store *s = cx_engine_store(c);
    chorus_status st = CHORUS_OK;
    /* the layers the stories stage reads (the store keeps none: recomputed,
     * deterministic); the raw input stays in Redis only (P:r:SEQ): the
     * local store is a mirror for the stream stages and for show, which
     * print no raw input */
    a->raw = NULL;
    a->raw_len = 0;
    if (!cx_layers_stream(a))
        st = fail(c, CHORUS_ERR_NOMEM, "out of memory");
    int has_state = 0;
    int64_t mark = st == CHORUS_OK ? edges_mark(s) : -1;
    if (st == CHORUS_OK && mark < 0)
        st = fail(c, CHORUS_ERR_STORE, "reading copy relations");
    merge_log ml;
    cx_buf_init(&ml.b, (size_t)1 << 30);
    ml.n = 0;
    if (st == CHORUS_OK)
        st = cx_engine_stream_one(c, a, &ap.state, &has_state, log_merge, &ml);
    ap.has_state = has_state;
    ap.n_merges = ml.n;
    ap.merges = ml.b.data;
    ap.merges_len = ml.b.len;
    ap.what = a->known ? CX_AP_KNOWN : CX_AP_STORED;
    ap.row = a->seq;
    ap.id = a->id;
    ap.story = a->story;
    if (st == CHORUS_OK && !a->known && !edges_of(s, mark, &ap.edges, &ap.n_edges))
        st = fail(c, CHORUS_ERR_STORE, "reading copy relations");
    if (st == CHORUS_OK && !cx_wire_applied(out, &ap))
        st = fail(c, CHORUS_ERR_NOMEM, "out of memory");
    edges_free(ap.edges, ap.n_edges);
    cx_buf_free(&ml.b);
    cx_article_free(a);
    return st;
}

static const char renew_lua[] =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end\n"
    "return 0\n";

static const char raise_lua[] =
    "local v = tonumber(redis.call('GET', KEYS[1]) or '0')\n"
    "if tonumber(ARGV[1]) > v then redis.call('SET', KEYS[1], ARGV[1]) end\n"
    "return 1\n";

/* Holds (takes or renews) the lease: 1 held, 0 someone else's, -1 failure. */
static int hold_lease(chorus *c, cx_redis *r, const keys *k, const char *me, int64_t lease_ms)
{
    char px[32];
    snprintf(px, sizeof px, "%" PRId64, lease_ms);
    redisReply *rep = cx_redis_cmdv(r, 1, "SET", k->lease, me, "NX", "PX", px, NULL);
    if (!rep)
        return fail(c, CHORUS_ERR_IO, "lease: %s", cx_redis_errmsg(r)), -1;
    int got = rep->type == REDIS_REPLY_STATUS;
    freeReplyObject(rep);
    if (got)
        return 1;
    rep = cx_redis_cmdv(r, 3, "EVAL", renew_lua, "1", k->lease, me, px, NULL);
    if (!rep)
        return fail(c, CHORUS_ERR_IO, "lease: %s", cx_redis_errmsg(r)), -1;
    int held = rep->type == REDIS_REPLY_INTEGER && rep->integer == 1;
    freeReplyObject(rep);
    return held;
}

/* Applies the stream stages to the ready prefix, up to max records, when
 * this worker holds the lease. Returns how many were applied, -1 on failure. */
/* Writes the outcomes outs[0..nb) of records seqs[0..nb) (SET NX,
 * pipelined), advancing ap->applied over those written. A refused one (the
 * log has it already) drops the mirror; those after it were computed from a
 * mirror equal to the log up to them (the stages are deterministic), so
 * writing them with NX cannot contradict the log either. Returns how many
 * were written, -1 on failure. */
static int write_outcomes(chorus *c, cx_redis *r, const keys *k, applier *ap, const int64_t *seqs, cx_buf *outs,
                          size_t nb)
{
    char names[APPLY_BATCH][200];
    const char *argv[APPLY_BATCH * 4];
    size_t lens[APPLY_BATCH * 4];
    redisReply *rep[APPLY_BATCH];
    for (size_t i = 0; i < nb; i++) {
        key_of(names[i], sizeof names[i], k, 'a', seqs[i]);
        argv[4 * i] = "SET";
        argv[4 * i + 1] = names[i];
        argv[4 * i + 2] = outs[i].data;
        argv[4 * i + 3] = "NX";
        lens[4 * i] = 3;
        lens[4 * i + 1] = strlen(names[i]);
        lens[4 * i + 2] = outs[i].len;
        lens[4 * i + 3] = 2;
    }
    int all = cx_redis_many(r, nb, 4, argv, lens, 1, rep);
    int n = 0, stop = 0;
    for (size_t i = 0; i < nb; i++) {
        if (!stop && (!all || !rep[i])) {
            fail(c, CHORUS_ERR_IO, "writing an outcome: %s", cx_redis_errmsg(r));
            ap->valid = 0;
            n = -1;
            stop = 1;
        } else if (!stop && rep[i]->type != REDIS_REPLY_STATUS) {
            /* refused: another holder logged it first (or our own write went
             * through before a lost reply); the log is the truth: mirror it again */
            ap->valid = 0;
            stop = 1;
        } else if (!stop) {
            ap->applied = seqs[i];
            ap->n_applied++;
            n++;
        }
        if (rep[i])
            freeReplyObject(rep[i]);
    }
    return n;
}

/* Applies the stream stages to the ready prefix, up to max records, when
 * this worker holds the lease. Returns how many were applied, -1 on failure. */
static int apply_ready(chorus *c, cx_redis *r, const keys *k, applier *ap, const char *me,
                       const chorus_redis_opts *o, int max)
{
    int held = hold_lease(c, r, k, me, o->lease_ms);
    if (held <= 0) {
        ap->valid = 0; /* someone else applies: our mirror will be stale */
        return held;
    }
    if (!ap->valid) {
        int b = rebuild(c, r, k, ap, me, o->lease_ms);
        if (b <= 0)
            return b == 0 ? -1 : 0; /* failed; or the lease went to another worker */
    }
    cx_store *store = cx_engine_store(c);
    if (!cx_store_begin(store)) {
        fail(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(store));
        ap->valid = 0;
        return -1;
    }
    int n = 0, end = 0;
    int64_t t0 = now_ms(), next = ap->applied + 1;
    cx_buf outs[APPLY_BATCH];
    int64_t seqs[APPLY_BATCH];
    for (size_t i = 0; i < APPLY_BATCH; i++)
        cx_buf_init(&outs[i], (size_t)1 << 30);
    prefetch pf = {'r', 0, 0, 8, {NULL}};
    while (!end && n >= 0 && ap->valid && n < max) {
        size_t nb = 0;
        while (nb < APPLY_BATCH && n + (int)nb < max) {
            redisReply *res = pf_get(c, r, k, &pf, next);
            if (!res) {
                n = -1;
                break;
            }
            if (res->type != REDIS_REPLY_STRING) {
                freeReplyObject(res);
                end = 1; /* not analysed yet: the prefix ends here */
                break;
            }
            cx_buf_reset(&outs[nb]);
            chorus_status st = stream_stages(c, next, res, &outs[nb]);
            freeReplyObject(res);
            if (st != CHORUS_OK) {
                n = -1;
                break;
            }
            seqs[nb++] = next++;
        }
        if (n < 0) {
            ap->valid = 0;
            break;
        }
        int w = nb ? write_outcomes(c, r, k, ap, seqs, outs, nb) : 0;
        n = w < 0 ? -1 : n + w;
        if (now_ms() - t0 > o->lease_ms / 3)
            break; /* renew the lease before going on */
    }
    pf_clear(&pf);
    for (size_t i = 0; i < APPLY_BATCH; i++)
        cx_buf_free(&outs[i]);
    /* the mirror's transaction: what the log holds is committed; on any
     * failure the mirror is dropped and rebuilt from the log */
    if (ap->valid && n >= 0 && !cx_store_commit(store)) {
        fail(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(store));
        n = -1;
        ap->valid = 0;
    }
    if (!ap->valid || n < 0)
        cx_store_rollback(store);
    if (n > 0) {
        char v[32];
        snprintf(v, sizeof v, "%" PRId64, ap->applied);
        if (!ok_cmd(c, r, cx_redis_cmdv(r, 3, "EVAL", raise_lua, "1", k->applied, v, NULL), "raising applied"))
            return -1;
    }
    return n;
}

/* ---- worker ---- */

/* Acknowledged and deleted at once: a worker killed between the two would
 * leave an entry no one claims (it is acknowledged) and no one deletes. */
static const char ack_del_lua[] =
    "redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])\n"
    "return redis.call('XDEL', KEYS[1], ARGV[2])\n";

/* The per-article stages of one stream entry ([id, [field, value...]]),
 * the result kept, the entry acknowledged and deleted. 1, or 0 on failure. */
static int process_entry(chorus *c, cx_redis *r, const keys *k, const redisReply *e, uint64_t *done,
                         int give_up)
{
    if (e->type != REDIS_REPLY_ARRAY || e->elements != 2 || e->element[0]->type != REDIS_REPLY_STRING)
        return 1;
    const char *id = e->element[0]->str;
    const redisReply *f = e->element[1];
    int64_t seq = 0;
    const redisReply *blob = NULL;
    for (size_t i = 0; f && f->type == REDIS_REPLY_ARRAY && i + 1 < f->elements; i += 2) {
        if (!strcmp(f->element[i]->str, "s"))
            seq = reply_int(f->element[i + 1]);
        else if (!strcmp(f->element[i]->str, "r"))
            blob = f->element[i + 1];
    }
    cx_buf b;
    cx_buf_init(&b, (size_t)1 << 30);
    cx_record rec;
    cx_article *a = NULL;
    int readable = seq > 0 && blob && cx_wire_record_read(blob->str, blob->len, &rec);
    if (readable && give_up)
        cx_report(cx_engine_diag(c), CHORUS_ERROR, CHORUS_ERR_STOPPED, rec.input, rec.line,
                  rec.line ? CX_NO_BYTE : (rec.multi ? rec.byte : CX_NO_BYTE),
                  "record %" PRId64 " was delivered %d times and never finished (a worker dies on it?): "
                  "rejected", seq, MAX_DELIVERIES);
    else if (readable)
        a = cx_engine_analyse(c, &rec);
    int ok = 1;
    if (seq > 0) {
        if (a ? !cx_wire_article(&b, a) : cx_buf_puts(&b, REJECTED) != CX_BUF_OK)
            ok = !fail(c, CHORUS_ERR_NOMEM, "out of memory");
        char key[200];
        key_of(key, sizeof key, k, 'r', seq);
        /* NX: the first result stays (a redelivered entry gives the same one;
         * the applier may have read it already) */
        const char *argv[] = {"SET", key, b.data, "NX"};
        size_t lens[] = {3, strlen(key), b.len, 2};
        ok = ok && ok_cmd(c, r, cx_redis_cmd(r, 1, 4, argv, lens), "writing a result");
    }
    cx_article_free(a);
    cx_buf_free(&b);
    /* acknowledged only once the result is kept: a worker killed before this
     * leaves the entry pending, for XAUTOCLAIM */
    ok = ok && ok_cmd(c, r, cx_redis_cmdv(r, 3, "EVAL", ack_del_lua, "1", k->in, GROUP, id, NULL), "XACK");
    if (ok)
        (*done)++;
    return ok;
}

static int process_entries(chorus *c, cx_redis *r, const keys *k, const redisReply *list, uint64_t *done, int *n)
{
    for (size_t i = 0; list && list->type == REDIS_REPLY_ARRAY && i < list->elements; i++) {
        if (!process_entry(c, r, k, list->element[i], done, 0))
            return 0;
        (*n)++;
    }
    return 1;
}

/* Records pending for a while that were delivered MAX_DELIVERIES times
 * already: each delivery's worker died or stalled on it. Rejected (reported),
 * so that one record cannot stop the stream stages forever. 1, or 0 on failure. */
static int drop_poison(chorus *c, cx_redis *r, const keys *k, const char *me, const char *idle, uint64_t *done)
{
    redisReply *p = cx_redis_cmdv(r, 1, "XPENDING", k->in, GROUP, "IDLE", idle, "-", "+", "16", NULL);
    if (!p || p->type != REDIS_REPLY_ARRAY) {
        fail(c, CHORUS_ERR_IO, "XPENDING: %s", p && p->type == REDIS_REPLY_ERROR ? p->str : cx_redis_errmsg(r));
        if (p)
            freeReplyObject(p);
        return 0;
    }
    int ok = 1;
    for (size_t i = 0; ok && i < p->elements; i++) {
        const redisReply *e = p->element[i];
        if (e->type != REDIS_REPLY_ARRAY || e->elements < 4 || e->element[0]->type != REDIS_REPLY_STRING ||
            reply_int(e->element[3]) < MAX_DELIVERIES)
            continue;
        redisReply *cl = cx_redis_cmdv(r, 1, "XCLAIM", k->in, GROUP, me, "0", e->element[0]->str, NULL);
        if (!cl || cl->type != REDIS_REPLY_ARRAY) {
            ok = ok_cmd(c, r, cl, "XCLAIM");
            continue;
        }
        for (size_t j = 0; ok && j < cl->elements; j++)
            ok = process_entry(c, r, k, cl->element[j], done, 1);
        freeReplyObject(cl);
    }
    freeReplyObject(p);
    return ok;
}

chorus_status chorus_redis_worker(chorus *c, const chorus_redis_opts *o)
{
    keys k;
    cx_redis *r = open_redis(c, o, &k);
    if (!r)
        return CHORUS_ERR_IO;
    char me[400], host[64] = "host";
    gethostname(host, sizeof host - 1);
    if (o->consumer)
        snprintf(me, sizeof me, "%s", o->consumer);
    else
        snprintf(me, sizeof me, "%s:%ld", host, (long)getpid());
    chorus_status st = CHORUS_OK;
    /* analyse() keeps keys and fingerprints only with a store: a local one */
    if ((st = chorus_open_store(c, ":memory:")) != CHORUS_OK || !ensure_group(c, r, &k)) {
        cx_redis_close(r);
        return st != CHORUS_OK ? st : CHORUS_ERR_IO;
    }
    applier ap = {0, 0, 0};
    uint64_t analysed = 0;
    int64_t idle_since = now_ms(), last_claim = 0, last_done = -1;
    int busy = 0;
    char claim_idle[32];
    snprintf(claim_idle, sizeof claim_idle, "%" PRId64, o->claim_ms);
    while (st == CHORUS_OK) {
        int n = 0;
        /* entries a dead (or slow) worker left pending */
        if (now_ms() - last_claim >= o->claim_ms / 4) {
            last_claim = now_ms();
            if (!drop_poison(c, r, &k, me, claim_idle, &analysed)) {
                st = CHORUS_ERR_IO;
                break;
            }
            redisReply *rep = cx_redis_cmdv(r, 1, "XAUTOCLAIM", k.in, GROUP, me, claim_idle, "0-0", "COUNT",
                                            "16", NULL);
            if (!rep || rep->type != REDIS_REPLY_ARRAY || rep->elements < 2) {
                st = fail(c, CHORUS_ERR_IO, "XAUTOCLAIM: %s", rep && rep->type == REDIS_REPLY_ERROR ? rep->str
                                                                                                 : cx_redis_errmsg(r));
                if (rep)
                    freeReplyObject(rep);
                break;
            }
            int ok = process_entries(c, r, &k, rep->element[1], &analysed, &n);
            freeReplyObject(rep);
            if (!ok) {
                st = CHORUS_ERR_IO;
                break;
            }
        }
        /* new entries; short block so the lease and the claims get their turn */
        /* (blocking only when the last round found nothing to do) */
        redisReply *rep = busy ? cx_redis_cmdv(r, 7, "XREADGROUP", "GROUP", GROUP, me, "COUNT", "8", "STREAMS",
                                               k.in, ">", NULL)
                               : cx_redis_cmdv(r, 9, "XREADGROUP", "GROUP", GROUP, me, "COUNT", "8", "BLOCK",
                                               "100", "STREAMS", k.in, ">", NULL);
        if (!rep || (rep->type != REDIS_REPLY_ARRAY && rep->type != REDIS_REPLY_NIL)) {
            if (rep && rep->type == REDIS_REPLY_ERROR && !strncmp(rep->str, "NOGROUP", 7)) {
                /* Redis came back without the group (restarted without AOF): make it again */
                freeReplyObject(rep);
                if (!ensure_group(c, r, &k))
                    st = CHORUS_ERR_IO;
                continue;
            }
            st = fail(c, CHORUS_ERR_IO, "XREADGROUP: %s",
                      rep && rep->type == REDIS_REPLY_ERROR ? rep->str : cx_redis_errmsg(r));
            if (rep)
                freeReplyObject(rep);
            break;
        }
        int ok = 1;
        for (size_t i = 0; rep->type == REDIS_REPLY_ARRAY && i < rep->elements && ok; i++) {
            const redisReply *s = rep->element[i];
            if (s->type == REDIS_REPLY_ARRAY && s->elements == 2)
                ok = process_entries(c, r, &k, s->element[1], &analysed, &n);
        }
        freeReplyObject(rep);
        if (!ok) {
            st = CHORUS_ERR_IO;
            break;
        }
        int applied = apply_ready(c, r, &k, &ap, me, o, 256);
        if (applied < 0) {
            st = CHORUS_ERR_IO;
            break;
        }
        busy = n || applied;
        if (busy) {
            idle_since = now_ms();
            continue;
        }
        if (o->idle_exit_ms && now_ms() - idle_since >= o->idle_exit_ms) {
            /* idle long enough: leave once every submitted record is applied
             * (or another worker is applying them) */
            redisReply *sq = cx_redis_cmdv(r, 1, "GET", k.seq, NULL);
            redisReply *av = cx_redis_cmdv(r, 1, "GET", k.applied, NULL);
            int64_t total = reply_int(sq), done = reply_int(av);
            if (sq)
                freeReplyObject(sq);
            if (av)
                freeReplyObject(av);
            if (total >= 0 && done >= total)
                break;
            if (done != last_done) {
                /* another worker applies: stay (it may die; someone must take over) */
                last_done = done;
                idle_since = now_ms();
            } else if (now_ms() - idle_since >= 4 * o->idle_exit_ms + o->claim_ms + o->lease_ms + 60000) {
                st = fail(c, CHORUS_ERR_IO, "idle, but %" PRId64 " of %" PRId64 " records are still not applied",
                          total - done, total);
                break;
            }
        }
    }
    if (o->verbose)
        fprintf(stderr, "chorus: worker %s: %" PRIu64 " records analysed, %" PRIu64 " applied, %" PRIu64
                " Redis commands\n", me, analysed, ap.n_applied, cx_redis_commands(r));
    /* let another worker take the lease at once */
    if (st == CHORUS_OK) {
        static const char release_lua[] =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
        redisReply *rel = cx_redis_cmdv(r, 3, "EVAL", release_lua, "1", k.lease, me, NULL);
        if (rel)
            freeReplyObject(rel);
    }
    cx_redis_close(r);
    return st;
}

/* ---- show ---- */

chorus_status chorus_redis_show(chorus *c, const chorus_redis_opts *o, FILE *out, unsigned flags)
{
    keys k;
    cx_redis *r = open_redis(c, o, &k);
    if (!r)
        return CHORUS_ERR_IO;
    applier ap = {0, 0, 0};
    if (rebuild(c, r, &k, &ap, NULL, 0) != 1) {
        cx_redis_close(r);
        return CHORUS_ERR_IO;
    }
    redisReply *sq = cx_redis_cmdv(r, 1, "GET", k.seq, NULL);
    int64_t total = reply_int(sq);
    if (sq)
        freeReplyObject(sq);
    cx_redis_close(r);
    if (total > ap.applied)
        fprintf(stderr, "chorus: warning: %" PRId64 " of %" PRId64 " submitted records are applied so far\n",
                ap.applied, total);
    return chorus_show(c, out, flags);
}
