/*
 * store.c: the SQLite store (see store.h).
 *
 * Statements are prepared once and reused. Raw inputs go to their own table,
 * zlib-compressed, so scans of the article table stay small.
 */
#include "store/store.h"
#include "dedup/dedup.h"
#include "util/alloc.h"
#include "util/vec.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

#define STORE_SCHEMA 3

enum { Q_FIND_URL, Q_FIND_BODY, Q_ID, Q_PUT, Q_RAW, Q_BEGIN, Q_COMMIT, Q_ROLLBACK,
       Q_SEQ, Q_FP_PUT, Q_EDGE_PUT, Q_FTS_PUT, Q_BOILER, Q_N };

static const char *const sql_text[Q_N] = {
    [Q_FIND_URL] = "SELECT id FROM article WHERE url_key = ?1",
    [Q_FIND_BODY] = "SELECT id FROM article WHERE url_key IS NULL AND body_key = ?1",
    [Q_ID] = "SELECT 1 FROM article WHERE id = ?1",
    [Q_PUT] = "INSERT INTO article(id, input, outlet, url, url_key, body_key, published, "
              "published_epoch, published_precision, language, title, byline, body, repairs, credits) "
              "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
    [Q_RAW] = "INSERT INTO raw(seq, format, size, data) VALUES(?1,?2,?3,?4)",
    [Q_BOILER] = "INSERT INTO boilerplate(seq, data) VALUES(?1,?2)",
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    [Q_SEQ] = "SELECT seq FROM article WHERE id = ?1",
    [Q_FP_PUT] = "INSERT OR REPLACE INTO fingerprint(seq, mh, shingles, credit, body_hash, sig) "
                 "VALUES(?1,?2,?3,?4,?5,?6)",
    [Q_EDGE_PUT] = "INSERT OR REPLACE INTO copy_edge(a, b, kind, similarity, aligned, pairs) "
                   "VALUES(?1,?2,?3,?4,?5,?6)",
    [Q_FTS_PUT] = "INSERT OR REPLACE INTO article_fts(rowid, quotes, speakers, title, body) "
                  "VALUES(?1, ?2, ?3, ?4, ?5)",
};

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS article("
    "  seq INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  input TEXT NOT NULL,"
    "  outlet TEXT, url TEXT, url_key TEXT,"
    "  body_key BLOB NOT NULL,"
    "  published TEXT, published_epoch INTEGER, published_precision INTEGER,"
    "  language TEXT, title TEXT, byline TEXT,"
    "  body TEXT NOT NULL,"
    "  repairs INTEGER NOT NULL DEFAULT 0,"
    "  credits TEXT,"
    "  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE UNIQUE INDEX IF NOT EXISTS article_url ON article(url_key) WHERE url_key IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS article_body ON article(body_key) WHERE url_key IS NULL;"
    "CREATE TABLE IF NOT EXISTS fingerprint("
    "  seq INTEGER PRIMARY KEY REFERENCES article(seq) ON DELETE CASCADE,"
    "  mh BLOB NOT NULL, shingles INTEGER NOT NULL, credit TEXT, body_hash INTEGER NOT NULL,"
    "  sig BLOB);"
    "CREATE TABLE IF NOT EXISTS copy_edge("
    "  a INTEGER NOT NULL, b INTEGER NOT NULL, kind INTEGER NOT NULL, similarity REAL NOT NULL,"
    "  aligned INTEGER NOT NULL DEFAULT 0, pairs TEXT,"
    "  PRIMARY KEY(a, b));"
    "CREATE TABLE IF NOT EXISTS raw("
    "  seq INTEGER PRIMARY KEY REFERENCES article(seq) ON DELETE CASCADE,"
    "  format TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL);"
    /* the text extraction left out ("kind\ttext\n" records); added without a
     * schema change: older stores gain the empty table when opened */
    "CREATE TABLE IF NOT EXISTS boilerplate("
    "  seq INTEGER PRIMARY KEY REFERENCES article(seq) ON DELETE CASCADE,"
    "  data TEXT NOT NULL);"
    /* the stories stage (docs/stories.md); added without a schema change:
     * older stores gain the empty tables when opened */
    "CREATE TABLE IF NOT EXISTS story_member("
    "  seq INTEGER PRIMARY KEY REFERENCES article(seq) ON DELETE CASCADE,"
    "  story INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS story_member_story ON story_member(story);"
    /* schema 3: full-text search (src/store/search.c), rowid = article seq */
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5(title, body, quotes, speakers,"
    " tokenize = 'unicode61 remove_diacritics 2');"
    "CREATE TABLE IF NOT EXISTS story("
    "  id INTEGER PRIMARY KEY, title TEXT, title_score REAL NOT NULL,"
    "  first_epoch INTEGER, last_epoch INTEGER, terms BLOB NOT NULL);";

struct cx_store {
    sqlite3 *db;
    sqlite3_stmt *q[Q_N];
    sqlite3_stmt *story_q[5]; /* the stories stage's, prepared on first use */
    sqlite3_stmt *article_q[3]; /* each_article's, per query, prepared on first use */
    char err[300];
};

static int fail(cx_store *s, const char *what)
{
    snprintf(s->err, sizeof s->err, "%s: %s", what, sqlite3_errmsg(s->db));
    return 0;
}

const char *cx_store_errmsg(const cx_store *s) { return s->err; }
sqlite3 *cx_store_db(cx_store *s) { return s->db; }
sqlite3_stmt *cx_store_fts_put_stmt(cx_store *s) { return s->q[Q_FTS_PUT]; }
char *cx_store_errbuf(cx_store *s, size_t *len)
{
    *len = sizeof s->err;
    return s->err;
}

cx_store *cx_store_open(const char *path, char *err, size_t errlen)
{
    cx_store *s = cx_calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    int rc = sqlite3_open_v2(path, &s->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open the store %s: %s", path,
                 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        sqlite3_close(s->db);
        cx_free(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 5000);
    char *emsg = NULL;
    rc = sqlite3_exec(s->db,
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;",
                      NULL, NULL, &emsg);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(s->db, schema_sql, NULL, NULL, &emsg);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(s->db, "INSERT OR IGNORE INTO meta VALUES('schema','3');", NULL, NULL,
                          &emsg);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s is not a usable chorus store: %s", path,
                 emsg ? emsg : sqlite3_errmsg(s->db));
        sqlite3_free(emsg);
        sqlite3_close(s->db);
        cx_free(s);
        return NULL;
    }
    sqlite3_stmt *v = NULL;
    int version = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key='schema'", -1, &v, NULL) ==
            SQLITE_OK &&
        sqlite3_step(v) == SQLITE_ROW)
        version = sqlite3_column_int(v, 0);
    sqlite3_finalize(v);
    if (version == 1) {
        /* Schema 1 kept LSH bands in SQL; schema 2 keeps bottom-k keys and
         * sentence signatures with the fingerprint and indexes them in
         * memory. Articles and relations carry over; fingerprints made by
         * schema 1 have no keys and are no longer looked up. */
        rc = sqlite3_exec(s->db,
                          "BEGIN; DROP TABLE IF EXISTS band;"
                          "ALTER TABLE fingerprint ADD COLUMN sig BLOB;"
                          "ALTER TABLE copy_edge ADD COLUMN aligned INTEGER NOT NULL DEFAULT 0;"
                          "ALTER TABLE copy_edge ADD COLUMN pairs TEXT;"
                          "UPDATE meta SET value='2' WHERE key='schema'; COMMIT;",
                          NULL, NULL, &emsg);
        if (rc == SQLITE_OK)
            version = 2;
        else {
            snprintf(err, errlen, "upgrading %s from store schema 1: %s", path,
                     emsg ? emsg : sqlite3_errmsg(s->db));
            sqlite3_free(emsg);
            sqlite3_close(s->db);
            cx_free(s);
            return NULL;
        }
    }
    if (version == 2) {
        /* Schema 3 adds the search index: titles and bodies are indexed here;
         * the quotes of these articles are not stored, so the engine indexes
         * them on open (meta 'fts_quotes' = 'pending', cx_store_fts_pending). */
        rc = sqlite3_exec(s->db,
                          "BEGIN; INSERT INTO article_fts(rowid, title, body) "
                          "SELECT seq, title, body FROM article;"
                          "INSERT OR REPLACE INTO meta VALUES('fts_quotes','pending');"
                          "UPDATE meta SET value='3' WHERE key='schema'; COMMIT;",
                          NULL, NULL, &emsg);
        if (rc == SQLITE_OK)
            version = 3;
        else {
            snprintf(err, errlen, "upgrading %s from store schema 2: %s", path,
                     emsg ? emsg : sqlite3_errmsg(s->db));
            sqlite3_free(emsg);
            sqlite3_close(s->db);
            cx_free(s);
            return NULL;
        }
    }
    if (version != STORE_SCHEMA) {
        snprintf(err, errlen, "%s has store schema %d; this chorus reads schema %d", path, version,
                 STORE_SCHEMA);
        sqlite3_close(s->db);
        cx_free(s);
        return NULL;
    }
    for (int i = 0; i < Q_N; i++)
        if (sqlite3_prepare_v2(s->db, sql_text[i], -1, &s->q[i], NULL) != SQLITE_OK) {
            snprintf(err, errlen, "preparing the store's statements: %s", sqlite3_errmsg(s->db));
            cx_store_close(s);
            return NULL;
        }
    return s;
}

void cx_store_close(cx_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < Q_N; i++)
        sqlite3_finalize(s->q[i]);
    for (size_t i = 0; i < sizeof s->story_q / sizeof s->story_q[0]; i++)
        sqlite3_finalize(s->story_q[i]);
    for (size_t i = 0; i < sizeof s->article_q / sizeof s->article_q[0]; i++)
        sqlite3_finalize(s->article_q[i]);
    sqlite3_close(s->db);
    cx_free(s);
}

static int exec_q(cx_store *s, int which, const char *what)
{
    sqlite3_stmt *q = s->q[which];
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? 1 : fail(s, what);
}

int cx_store_begin(cx_store *s) { return exec_q(s, Q_BEGIN, "starting a transaction"); }
int cx_store_commit(cx_store *s) { return exec_q(s, Q_COMMIT, "committing"); }
void cx_store_rollback(cx_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        exec_q(s, Q_ROLLBACK, "rolling back");
}

int cx_store_find(cx_store *s, cx_article *a, char **id)
{
    sqlite3_stmt *q;
    if (a->url_key) {
        q = s->q[Q_FIND_URL];
        sqlite3_bind_text(q, 1, a->url_key, -1, SQLITE_STATIC);
    } else {
        q = s->q[Q_FIND_BODY];
        sqlite3_bind_blob(q, 1, a->body_key, 16, SQLITE_STATIC);
    }
    int rc = sqlite3_step(q), found = 0;
    if (rc == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(q, 0);
        *id = v ? cx_arena_strdup(&a->arena, v) : NULL;
        found = *id ? 1 : -1;
    } else if (rc != SQLITE_DONE) {
        found = -1;
        fail(s, "looking up an article");
    }
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return found;
}

int cx_store_id_taken(cx_store *s, const char *id)
{
    sqlite3_stmt *q = s->q[Q_ID];
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    int r = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    if (r < 0)
        fail(s, "looking up an id");
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return r;
}

static void bind_opt(sqlite3_stmt *q, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, i);
}

int cx_store_put(cx_store *s, const cx_article *a, int keep_raw, int64_t *seq_out)
{
    sqlite3_stmt *q = s->q[Q_PUT];
    sqlite3_bind_text(q, 1, a->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, a->input ? a->input : "", -1, SQLITE_STATIC);
    bind_opt(q, 3, a->outlet);
    bind_opt(q, 4, a->url);
    bind_opt(q, 5, a->url_key);
    sqlite3_bind_blob(q, 6, a->body_key, 16, SQLITE_STATIC);
    if (a->published.prec) {
        sqlite3_bind_text(q, 7, a->published_iso, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 8, cx_date_epoch(&a->published));
        sqlite3_bind_int(q, 9, (int)a->published.prec);
    } else {
        sqlite3_bind_null(q, 7);
        sqlite3_bind_null(q, 8);
        sqlite3_bind_null(q, 9);
    }
    bind_opt(q, 10, a->language);
    bind_opt(q, 11, a->title);
    bind_opt(q, 12, a->byline);
    sqlite3_bind_text(q, 13, a->body, (int)a->body_len, SQLITE_STATIC);
    sqlite3_bind_int(q, 14, (int)a->repairs);
    /* credits: one per line (they are single lines of text) */
    char *credits = NULL;
    if (a->n_credits) {
        size_t total = 0;
        for (int i = 0; i < a->n_credits; i++)
            total += strlen(a->credits[i]) + 1;
        if (!(credits = cx_malloc(total))) {
            snprintf(s->err, sizeof s->err, "out of memory");
            sqlite3_reset(q);
            sqlite3_clear_bindings(q);
            return 0;
        }
        size_t k = 0;
        for (int i = 0; i < a->n_credits; i++) {
            size_t l = strlen(a->credits[i]);
            memcpy(credits + k, a->credits[i], l);
            k += l;
            credits[k++] = i + 1 < a->n_credits ? '\n' : '\0';
        }
        sqlite3_bind_text(q, 15, credits, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(q, 15);
    }
    int rc = sqlite3_step(q);
    cx_free(credits);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_DONE)
        return fail(s, "adding an article");
    sqlite3_int64 seq = sqlite3_last_insert_rowid(s->db);
    if (seq_out)
        *seq_out = seq;
    if (a->boilerplate && a->boilerplate_len) {
        q = s->q[Q_BOILER];
        sqlite3_bind_int64(q, 1, seq);
        sqlite3_bind_text(q, 2, a->boilerplate, (int)a->boilerplate_len, SQLITE_STATIC);
        rc = sqlite3_step(q);
        sqlite3_reset(q);
        sqlite3_clear_bindings(q);
        if (rc != SQLITE_DONE)
            return fail(s, "adding an article's boilerplate");
    }
    if (!keep_raw || !a->raw || a->raw_len == 0)
        return 1;
    unsigned char *z = a->raw_z;
    uLongf zlen = (uLongf)a->raw_zlen;
    if (!z) {
        zlen = compressBound((uLong)a->raw_len);
        if (!(z = cx_malloc(zlen))) {
            snprintf(s->err, sizeof s->err, "out of memory compressing a raw input");
            return 0;
        }
        if (compress2(z, &zlen, (const Bytef *)a->raw, (uLong)a->raw_len, 1) != Z_OK) {
            cx_free(z);
            snprintf(s->err, sizeof s->err, "compressing a raw input failed");
            return 0;
        }
    }
    q = s->q[Q_RAW];
    sqlite3_bind_int64(q, 1, seq);
    sqlite3_bind_text(q, 2, a->raw_format ? a->raw_format : "text", -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, (sqlite3_int64)a->raw_len);
    sqlite3_bind_blob(q, 4, z, (int)zlen, SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (z != a->raw_z)
        cx_free(z);
    return rc == SQLITE_DONE ? 1 : fail(s, "adding a raw input");
}

/* A zlib stream (RFC 1950, what compress2 writes) of the raw input, with a
 * window no larger than the input: most records are a few KB, and zlib's
 * default state (a 32 KB window, 64 K hash heads, ~270 KB set up and cleared
 * per call) cost more than compressing them. inflate reads any window size
 * from the stream's header. */
int cx_store_compress_raw(cx_article *a)
{
    if (!a->raw || !a->raw_len || a->raw_z)
        return 1;
    int wbits = 9;
    while (wbits < 15 && ((size_t)1 << wbits) < a->raw_len)
        wbits++;
    int mem = wbits - 6 < 1 ? 1 : wbits - 6 > 8 ? 8 : wbits - 6;
    uLong bound = compressBound((uLong)a->raw_len) + 64;
    unsigned char *z = cx_arena_alloc(&a->arena, bound);
    if (!z)
        return 0;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 1, Z_DEFLATED, wbits, mem, Z_DEFAULT_STRATEGY) != Z_OK)
        return 0;
    zs.next_in = (Bytef *)(uintptr_t)a->raw;
    zs.avail_in = (uInt)a->raw_len;
    zs.next_out = z;
    zs.avail_out = (uInt)bound;
    int rc = deflate(&zs, Z_FINISH);
    size_t zlen = zs.total_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return 0;
    a->raw_z = z;
    a->raw_zlen = zlen;
    return 1;
}

static int col_str(cx_article *a, sqlite3_stmt *q, int i, char **out)
{
    const char *v = (const char *)sqlite3_column_text(q, i);
    if (!v) {
        *out = NULL;
        return 1;
    }
    *out = cx_arena_strndup(&a->arena, v, (size_t)sqlite3_column_bytes(q, i));
    return *out != NULL;
}

/* Runs an article query (the columns of ARTICLE_COLUMNS, then optional
 * bindings: story id or article id) and calls fn for each row. */
#define ARTICLE_COLUMNS                                                                            \
    "SELECT id, input, outlet, url, url_key, body_key, published, language, "                     \
    "title, byline, body, repairs, credits, seq, "                                                \
    "(SELECT story FROM story_member m WHERE m.seq = article.seq) FROM article "
/* ...and the boilerplate, for whole articles (not for a story's stages) */
#define ARTICLE_COLUMNS_BOILERPLATE                                                                \
    "SELECT id, input, outlet, url, url_key, body_key, published, language, "                     \
    "title, byline, body, repairs, credits, seq, "                                                \
    "(SELECT story FROM story_member m WHERE m.seq = article.seq), "                              \
    "(SELECT data FROM boilerplate p WHERE p.seq = article.seq) FROM article "

/* which: the query's slot in article_q, kept prepared (a story's articles
 * are read once per story: parsing the SQL each time cost more than the
 * read); a fresh statement when that one is busy (a nested read). */
static int each_article(cx_store *s, int which, const char *sql, int64_t bind_int, const char *bind_text,
                        int (*fn)(void *ctx, cx_article *a), void *ctx)
{
    sqlite3_stmt *q = s->article_q[which], *own = NULL;
    if (q && sqlite3_stmt_busy(q))
        q = NULL;
    if (!q) {
        if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &own, NULL) != SQLITE_OK)
            return fail(s, "reading articles");
        q = own;
        if (!s->article_q[which]) {
            s->article_q[which] = own;
            own = NULL;
        }
    }
    if (bind_text)
        sqlite3_bind_text(q, 1, bind_text, -1, SQLITE_STATIC);
    else if (bind_int)
        sqlite3_bind_int64(q, 1, bind_int);
    int rc, result = 1;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        cx_article *a = cx_article_new();
        int ok = a != NULL;
        ok = ok && col_str(a, q, 0, &a->id) && col_str(a, q, 1, &a->input) &&
             col_str(a, q, 2, &a->outlet) && col_str(a, q, 3, &a->url) &&
             col_str(a, q, 4, &a->url_key) && col_str(a, q, 8, &a->title) &&
             col_str(a, q, 9, &a->byline) && col_str(a, q, 10, &a->body) &&
             col_str(a, q, 7, &a->language);
        if (ok) {
            const void *bk = sqlite3_column_blob(q, 5);
            if (bk && sqlite3_column_bytes(q, 5) == 16)
                memcpy(a->body_key, bk, 16);
            const char *pub = (const char *)sqlite3_column_text(q, 6);
            if (pub && cx_date_parse(pub, strlen(pub), &a->published))
                cx_date_format(&a->published, a->published_iso);
            a->body_len = a->body ? strlen(a->body) : 0;
            a->repairs = (uint32_t)sqlite3_column_int(q, 11);
            const char *cr = (const char *)sqlite3_column_text(q, 12);
            while (ok && cr && *cr && a->n_credits < 4) {
                const char *nl = strchr(cr, '\n');
                size_t l = nl ? (size_t)(nl - cr) : strlen(cr);
                ok = (a->credits[a->n_credits++] = cx_arena_strndup(&a->arena, cr, l)) != NULL;
                cr = nl ? nl + 1 : NULL;
            }
            a->seq = sqlite3_column_int64(q, 13);
            a->story = sqlite3_column_int64(q, 14);
            if (ok && sqlite3_column_count(q) > 15 && (ok = col_str(a, q, 15, &a->boilerplate)))
                a->boilerplate_len = a->boilerplate ? (size_t)sqlite3_column_bytes(q, 15) : 0;
            a->known = 1;
        }
        if (!ok) {
            cx_article_free(a);
            snprintf(s->err, sizeof s->err, "out of memory reading articles");
            result = 0;
            break;
        }
        int stop = fn(ctx, a);
        if (stop) {
            result = -1;
            break;
        }
    }
    if (result == 1 && rc != SQLITE_DONE)
        result = fail(s, "reading articles");
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    sqlite3_finalize(own);
    return result;
}

/* fn takes no ownership here: the article is freed after it returns. */
typedef struct borrow_ctx {
    int (*fn)(void *ctx, cx_article *a);
    void *ctx;
} borrow_ctx;

static int borrow(void *ctx, cx_article *a)
{
    borrow_ctx *b = ctx;
    int stop = b->fn(b->ctx, a);
    cx_article_free(a);
    return stop;
}

int cx_store_each(cx_store *s, int (*fn)(void *ctx, cx_article *a), void *ctx)
{
    borrow_ctx b = {fn, ctx};
    return each_article(s, 0, ARTICLE_COLUMNS_BOILERPLATE "ORDER BY seq", 0, NULL, borrow, &b);
}

int cx_store_story_articles(cx_store *s, int64_t story, int (*fn)(void *ctx, cx_article *a), void *ctx)
{
    return each_article(s, 1,
                        ARTICLE_COLUMNS "WHERE seq IN (SELECT seq FROM story_member WHERE story = ?1) "
                                        "ORDER BY seq",
                        story, NULL, fn, ctx);
}

int cx_store_article_by_id(cx_store *s, const char *id, int (*fn)(void *ctx, cx_article *a), void *ctx)
{
    return each_article(s, 2, ARTICLE_COLUMNS_BOILERPLATE "WHERE id = ?1", 0, id, fn, ctx);
}

int64_t cx_store_seq(cx_store *s, const char *id)
{
    sqlite3_stmt *q = s->q[Q_SEQ];
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    int64_t seq = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : rc == SQLITE_DONE ? 0 : -1;
    if (seq < 0)
        fail(s, "looking up an article");
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return seq;
}

int cx_store_fp_put(cx_store *s, int64_t seq, const cx_fingerprint *fp)
{
    size_t n = cx_fp_sig_size(fp);
    unsigned char *sig = cx_malloc(n);
    if (!sig) {
        snprintf(s->err, sizeof s->err, "out of memory");
        return 0;
    }
    cx_fp_sig_write(fp, sig);
    sqlite3_stmt *q = s->q[Q_FP_PUT];
    sqlite3_bind_int64(q, 1, seq);
    sqlite3_bind_blob(q, 2, fp->mh, sizeof fp->mh, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, fp->shingles);
    if (fp->credited)
        sqlite3_bind_text(q, 4, fp->credit, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 4);
    sqlite3_bind_int64(q, 5, (sqlite3_int64)fp->body_hash);
    sqlite3_bind_blob(q, 6, sig, (int)n, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    cx_free(sig);
    return rc == SQLITE_DONE ? 1 : fail(s, "adding a fingerprint");
}

int cx_store_fp_each(cx_store *s, size_t limit, int (*fn)(void *ctx, int64_t seq, const cx_fingerprint *fp),
                     void *ctx)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT seq, mh, shingles, credit, body_hash, sig FROM (SELECT * FROM fingerprint "
                           "WHERE sig IS NOT NULL AND shingles > 0 ORDER BY seq DESC LIMIT ?1) ORDER BY seq",
                           -1, &q, NULL) != SQLITE_OK)
        return fail(s, "reading fingerprints");
    sqlite3_bind_int64(q, 1, limit > INT64_MAX ? INT64_MAX : (sqlite3_int64)limit);
    uint16_t *sents = NULL;
    size_t cap = 0;
    cx_fingerprint *f = cx_malloc(sizeof *f);
    int rc = SQLITE_NOMEM, ok = f != NULL;
    while (ok && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        memset(f, 0, sizeof *f);
        const void *mh = sqlite3_column_blob(q, 1);
        const void *sig = sqlite3_column_blob(q, 5);
        size_t n = (size_t)sqlite3_column_bytes(q, 5);
        uint16_t *g = cx_grow(sents, &cap, n / 2 + 1, sizeof *sents, 1024);
        if (!g) {
            ok = 0;
            break;
        }
        sents = g;
        if (!mh || sqlite3_column_bytes(q, 1) != (int)sizeof f->mh || !sig || !cx_fp_sig_read(f, sig, n, sents))
            continue; /* a damaged row is skipped, not fatal: it is only an index */
        memcpy(f->mh, mh, sizeof f->mh);
        f->shingles = (uint32_t)sqlite3_column_int64(q, 2);
        const char *cr = (const char *)sqlite3_column_text(q, 3);
        if (cr) {
            f->credited = 1;
            snprintf(f->credit, sizeof f->credit, "%s", cr);
        }
        f->body_hash = (uint64_t)sqlite3_column_int64(q, 4);
        if (!fn(ctx, sqlite3_column_int64(q, 0), f))
            ok = 0;
    }
    sqlite3_finalize(q);
    cx_free(sents);
    cx_free(f);
    if (!ok) {
        snprintf(s->err, sizeof s->err, "out of memory");
        return 0;
    }
    return rc == SQLITE_DONE ? 1 : fail(s, "reading fingerprints");
}

int cx_store_edge_put(cx_store *s, int64_t a, int64_t b, int kind, double similarity, uint32_t aligned,
                      const char *pairs)
{
    sqlite3_stmt *q = s->q[Q_EDGE_PUT];
    sqlite3_bind_int64(q, 1, a < b ? a : b);
    sqlite3_bind_int64(q, 2, a < b ? b : a);
    sqlite3_bind_int(q, 3, kind);
    sqlite3_bind_double(q, 4, similarity);
    sqlite3_bind_int64(q, 5, aligned);
    if (pairs)
        sqlite3_bind_text(q, 6, pairs, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 6);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? 1 : fail(s, "adding a copy relation");
}

int cx_store_copies(cx_store *s, cx_copy_edge **edges, size_t *n_edges, cx_copy_member **members,
                    size_t *n_members)
{
    *edges = NULL;
    *members = NULL;
    *n_edges = *n_members = 0;
    sqlite3_stmt *q = NULL;
    size_t cap = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT a, b, kind, similarity, aligned, pairs FROM copy_edge ORDER BY a, b",
                           -1, &q, NULL) != SQLITE_OK)
        return fail(s, "reading copy relations");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        cx_copy_edge *g = cx_grow(*edges, &cap, *n_edges + 1, sizeof *g, 64);
        if (!g) {
            sqlite3_finalize(q);
            snprintf(s->err, sizeof s->err, "out of memory");
            return 0;
        }
        *edges = g;
        const char *pairs = (const char *)sqlite3_column_text(q, 5);
        g[*n_edges] = (cx_copy_edge){sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1),
                                     sqlite3_column_int(q, 2), sqlite3_column_double(q, 3),
                                     (uint32_t)sqlite3_column_int64(q, 4), pairs ? cx_strdup(pairs) : NULL};
        (*n_edges)++;
        if (pairs && !g[*n_edges - 1].pairs) {
            sqlite3_finalize(q);
            snprintf(s->err, sizeof s->err, "out of memory");
            return 0;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return fail(s, "reading copy relations");
    if (*n_edges == 0)
        return 1;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT a.seq, a.id, a.outlet, f.credit, "
                           "coalesce(a.published_epoch, 9223372036854775807), length(a.body) "
                           "FROM article a LEFT JOIN fingerprint f ON f.seq = a.seq "
                           "WHERE a.seq IN (SELECT a FROM copy_edge UNION SELECT b FROM copy_edge) "
                           "ORDER BY a.seq", -1, &q, NULL) != SQLITE_OK)
        return fail(s, "reading copy relations");
    cap = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        cx_copy_member *g = cx_grow(*members, &cap, *n_members + 1, sizeof *g, 64);
        if (!g)
            break;
        *members = g;
        cx_copy_member *m = &g[*n_members];
        memset(m, 0, sizeof *m);
        m->seq = sqlite3_column_int64(q, 0);
        m->id = cx_strdup((const char *)sqlite3_column_text(q, 1));
        m->outlet = cx_strdup((const char *)sqlite3_column_text(q, 2));
        m->credit = cx_strdup((const char *)sqlite3_column_text(q, 3));
        m->published = sqlite3_column_int64(q, 4);
        m->length = sqlite3_column_int64(q, 5);
        (*n_members)++;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return fail(s, "reading copy relations");
    return 1;
}

void cx_store_copies_free(cx_copy_edge *edges, size_t n_edges, cx_copy_member *members, size_t n_members)
{
    for (size_t i = 0; i < n_edges; i++)
        cx_free(edges[i].pairs);
    for (size_t i = 0; i < n_members; i++) {
        cx_free(members[i].id);
        cx_free(members[i].outlet);
        cx_free(members[i].credit);
    }
    cx_free(members);
    cx_free(edges);
}

/* ---- the stories stage ---- */

enum { SQ_MEMBER_PUT, SQ_STORY_OF, SQ_SAVE, SQ_MOVE, SQ_DROP };

static sqlite3_stmt *story_q(cx_store *s, int which)
{
    static const char *const text[5] = {
        [SQ_MEMBER_PUT] = "INSERT OR REPLACE INTO story_member(seq, story) VALUES(?1,?2)",
        [SQ_STORY_OF] = "SELECT story FROM story_member WHERE seq = ?1",
        [SQ_SAVE] = ("INSERT OR REPLACE INTO story(id, title, title_score, first_epoch, last_epoch, terms) "
                     "VALUES(?1,?2,?3,?4,?5,?6)"),
        [SQ_MOVE] = "UPDATE story_member SET story = ?2 WHERE story = ?1",
        [SQ_DROP] = "DELETE FROM story WHERE id = ?1",
    };
    if (!s->story_q[which] && sqlite3_prepare_v2(s->db, text[which], -1, &s->story_q[which], NULL) != SQLITE_OK) {
        fail(s, "preparing the stories statements");
        return NULL;
    }
    sqlite3_reset(s->story_q[which]);
    return s->story_q[which];
}

int cx_store_story_put(cx_store *s, int64_t seq, int64_t story)
{
    sqlite3_stmt *q = story_q(s, SQ_MEMBER_PUT);
    if (!q)
        return 0;
    sqlite3_bind_int64(q, 1, seq);
    sqlite3_bind_int64(q, 2, story);
    int ok = sqlite3_step(q) == SQLITE_DONE;
    sqlite3_reset(q);
    return ok ? 1 : fail(s, "storing a story member");
}

int cx_store_story_merge(cx_store *s, int64_t from, int64_t into)
{
    sqlite3_stmt *q = story_q(s, SQ_MOVE);
    if (!q)
        return 0;
    sqlite3_bind_int64(q, 1, from);
    sqlite3_bind_int64(q, 2, into);
    int ok = sqlite3_step(q) == SQLITE_DONE;
    sqlite3_reset(q);
    if (!ok)
        return fail(s, "moving a story's members");
    if (!(q = story_q(s, SQ_DROP)))
        return 0;
    sqlite3_bind_int64(q, 1, from);
    ok = sqlite3_step(q) == SQLITE_DONE;
    sqlite3_reset(q);
    return ok ? 1 : fail(s, "dropping a merged story");
}

int64_t cx_store_story_of(cx_store *s, int64_t seq)
{
    sqlite3_stmt *q = story_q(s, SQ_STORY_OF);
    if (!q)
        return -1;
    sqlite3_bind_int64(q, 1, seq);
    int rc = sqlite3_step(q);
    int64_t story = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        fail(s, "reading a story member");
        return -1;
    }
    return story;
}

static void bind_epoch(sqlite3_stmt *q, int i, int64_t t)
{
    if (t == INT64_MIN)
        sqlite3_bind_null(q, i);
    else
        sqlite3_bind_int64(q, i, t);
}

int cx_store_story_save(cx_store *s, const cx_story_state *st)
{
    sqlite3_stmt *q = story_q(s, SQ_SAVE);
    if (!q)
        return 0;
    sqlite3_bind_int64(q, 1, st->id);
    bind_opt(q, 2, st->title);
    sqlite3_bind_double(q, 3, st->title_score);
    bind_epoch(q, 4, st->first);
    bind_epoch(q, 5, st->last);
    sqlite3_bind_blob(q, 6, st->terms ? st->terms : "", (int)st->terms_len, SQLITE_STATIC);
    int ok = sqlite3_step(q) == SQLITE_DONE;
    sqlite3_reset(q);
    return ok ? 1 : fail(s, "storing a story");
}

int cx_store_story_each(cx_store *s, size_t limit, int (*fn)(void *ctx, const cx_story_state *st),
                        void *ctx)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id, title, title_score, first_epoch, last_epoch, terms FROM "
                           "(SELECT * FROM story ORDER BY id DESC LIMIT ?1) ORDER BY id",
                           -1, &q, NULL) != SQLITE_OK)
        return fail(s, "reading stories");
    sqlite3_bind_int64(q, 1, (sqlite3_int64)limit);
    int rc, ok = 1;
    while (ok && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        cx_story_state st = {
            .id = sqlite3_column_int64(q, 0),
            .title = (const char *)sqlite3_column_text(q, 1),
            .title_score = sqlite3_column_double(q, 2),
            .first = sqlite3_column_type(q, 3) == SQLITE_NULL ? INT64_MIN : sqlite3_column_int64(q, 3),
            .last = sqlite3_column_type(q, 4) == SQLITE_NULL ? INT64_MIN : sqlite3_column_int64(q, 4),
            .terms = sqlite3_column_blob(q, 5),
            .terms_len = (size_t)sqlite3_column_bytes(q, 5),
        };
        if (!fn(ctx, &st)) {
            snprintf(s->err, sizeof s->err, "out of memory loading stories");
            ok = 0;
        }
    }
    if (ok && rc != SQLITE_DONE)
        ok = fail(s, "reading stories");
    sqlite3_finalize(q);
    return ok;
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

/* Appends a copy of v to the string list *arr. */
static int push_str(char ***arr, size_t *n, size_t *cap, const char *v)
{
    char **g = cx_grow(*arr, cap, *n + 1, sizeof *g, 4);
    if (!g)
        return 0;
    *arr = g;
    if (!(g[*n] = cx_strdup(v ? v : "")))
        return 0;
    (*n)++;
    return 1;
}

static int stories_query(cx_store *s, const int64_t *only, size_t n_only, int64_t one, cx_story_out **out,
                         size_t *n);

int cx_store_stories(cx_store *s, const int64_t *only, size_t n_only, cx_story_out **out, size_t *n)
{
    return stories_query(s, only, n_only, 0, out, n);
}

int cx_store_story(cx_store *s, int64_t id, cx_story_out **out, size_t *n)
{
    return stories_query(s, NULL, 0, id, out, n);
}

static int stories_query(cx_store *s, const int64_t *only, size_t n_only, int64_t one, cx_story_out **out,
                         size_t *n)
{
    *out = NULL;
    *n = 0;
    /* the stories wanted: those of the given rows */
    int64_t *want = NULL;
    size_t n_want = 0;
    if (only) {
        if (n_only && !(want = cx_malloc(n_only * sizeof *want)))
            return 0;
        for (size_t i = 0; i < n_only; i++) {
            int64_t st = cx_store_story_of(s, only[i]);
            if (st < 0) {
                cx_free(want);
                return 0;
            }
            if (st > 0)
                want[n_want++] = st;
        }
        if (!n_want) {
            cx_free(want);
            return 1;
        }
        qsort(want, n_want, sizeof *want, cmp_i64);
    }
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(s->db,
                           one ? "SELECT m.story, st.title, a.id, a.outlet, a.published, a.published_epoch "
                                 "FROM story_member m JOIN article a ON a.seq = m.seq "
                                 "LEFT JOIN story st ON st.id = m.story WHERE m.story = ?1 ORDER BY m.seq"
                               : "SELECT m.story, st.title, a.id, a.outlet, a.published, a.published_epoch "
                                 "FROM story_member m JOIN article a ON a.seq = m.seq "
                                 "LEFT JOIN story st ON st.id = m.story ORDER BY m.story, m.seq",
                           -1, &q, NULL) != SQLITE_OK) {
        cx_free(want);
        return fail(s, "reading stories");
    }
    if (one)
        sqlite3_bind_int64(q, 1, one);
    cx_story_out *o = NULL;
    size_t no = 0, cap = 0, cap_art = 0, cap_out = 0;
    int64_t first = INT64_MAX, last = INT64_MIN;
    int rc, ok = 1;
    while (ok && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(q, 0);
        if (want && !bsearch(&id, want, n_want, sizeof *want, cmp_i64))
            continue;
        if (!no || o[no - 1].id != id) {
            cx_story_out *g = cx_grow(o, &cap, no + 1, sizeof *g, 16);
            if (!g) {
                ok = 0;
                break;
            }
            o = g;
            memset(&o[no], 0, sizeof *o);
            o[no].id = id;
            const char *t = (const char *)sqlite3_column_text(q, 1);
            if (t && !(o[no].title = cx_strdup(t)))
                ok = 0;
            no++;
            cap_art = cap_out = 0;
            first = INT64_MAX;
            last = INT64_MIN;
        }
        cx_story_out *cur = &o[no - 1];
        ok = ok && push_str(&cur->articles, &cur->n_articles, &cap_art, (const char *)sqlite3_column_text(q, 2));
        const char *outlet = (const char *)sqlite3_column_text(q, 3);
        if (ok && outlet) {
            size_t k = 0;
            while (k < cur->n_outlets && strcmp(cur->outlets[k], outlet))
                k++;
            if (k == cur->n_outlets)
                ok = push_str(&cur->outlets, &cur->n_outlets, &cap_out, outlet);
        }
        const char *pub = (const char *)sqlite3_column_text(q, 4);
        if (ok && pub && sqlite3_column_type(q, 5) != SQLITE_NULL) {
            int64_t t = sqlite3_column_int64(q, 5);
            if (t < first) {
                first = t;
                cx_free(cur->first_published);
                ok = (cur->first_published = cx_strdup(pub)) != NULL;
            }
            if (ok && t > last) {
                last = t;
                cx_free(cur->last_published);
                ok = (cur->last_published = cx_strdup(pub)) != NULL;
            }
        }
    }
    if (!ok)
        snprintf(s->err, sizeof s->err, "out of memory reading stories");
    else if (rc != SQLITE_DONE)
        ok = fail(s, "reading stories");
    sqlite3_finalize(q);
    cx_free(want);
    if (!ok) {
        cx_store_stories_free(o, no);
        return 0;
    }
    *out = o;
    *n = no;
    return 1;
}

void cx_store_stories_free(cx_story_out *st, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < st[i].n_articles; k++)
            cx_free(st[i].articles[k]);
        for (size_t k = 0; k < st[i].n_outlets; k++)
            cx_free(st[i].outlets[k]);
        cx_free(st[i].articles);
        cx_free(st[i].outlets);
        cx_free(st[i].title);
        cx_free(st[i].first_published);
        cx_free(st[i].last_published);
    }
    cx_free(st);
}
