/*
 * search.c: full-text search over the store (see store.h, "search").
 *
 * One FTS5 row per article (rowid = the article's seq): title, body, the
 * text of its quotes and the names of their speakers, written with the
 * article. Queries are free text, never FTS5 syntax: each word becomes a
 * quoted term (a trailing '*' a prefix), all required, so no user input can
 * be a syntax error or reach a column filter. Ranked by bm25.
 */
#include "store/store.h"
#include "quotes/quotes.h"
#include "util/alloc.h"
#include "util/buf.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static int fail(cx_store *s, const char *what)
{
    size_t n;
    char *err = cx_store_errbuf(s, &n);
    snprintf(err, n, "%s: %s", what, sqlite3_errmsg(cx_store_db(s)));
    return 0;
}

/* The quotes' text (parts joined) and the distinct speakers, for the index. */
static int quote_text(const cx_article *a, cx_buf *qt, cx_buf *sp)
{
    const cx_quotes *qs = a->quotes;
    for (size_t i = 0; qs && i < qs->n_quotes; i++) {
        const cx_quote *q = &qs->quotes[i];
        for (uint32_t k = 0; k < q->n_parts; k++) {
            if (q->parts[k].end > a->body_len || q->parts[k].start > q->parts[k].end)
                continue;
            if (cx_buf_append(qt, a->body + q->parts[k].start, q->parts[k].end - q->parts[k].start) ||
                cx_buf_putc(qt, '\n'))
                return 0;
        }
        if (!q->speaker)
            continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = qs->quotes[j].speaker && !strcmp(qs->quotes[j].speaker, q->speaker);
        if (!seen && (cx_buf_puts(sp, q->speaker) || cx_buf_putc(sp, '\n')))
            return 0;
    }
    return 1;
}

static int run(cx_store *s, const char *sql, int64_t seq, const cx_article *a, int with_text)
{
    cx_buf qt, sp;
    cx_buf_init(&qt, (size_t)1 << 30);
    cx_buf_init(&sp, (size_t)1 << 30);
    if (!quote_text(a, &qt, &sp)) {
        cx_buf_free(&qt);
        cx_buf_free(&sp);
        size_t n;
        snprintf(cx_store_errbuf(s, &n), n, "out of memory indexing an article");
        return 0;
    }
    sqlite3_stmt *q = NULL, *kept = sql ? NULL : cx_store_fts_put_stmt(s);
    int rc = kept ? SQLITE_OK : sqlite3_prepare_v2(cx_store_db(s), sql, -1, &q, NULL);
    if (kept)
        q = kept;
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, seq);
        sqlite3_bind_text(q, 2, qt.data ? qt.data : "", (int)qt.len, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, sp.data ? sp.data : "", (int)sp.len, SQLITE_STATIC);
        if (with_text) {
            if (a->title)
                sqlite3_bind_text(q, 4, a->title, -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(q, 4);
            sqlite3_bind_text(q, 5, a->body ? a->body : "", (int)a->body_len, SQLITE_STATIC);
        }
        rc = sqlite3_step(q);
    }
    if (kept) {
        sqlite3_reset(kept);
        sqlite3_clear_bindings(kept);
    } else {
        sqlite3_finalize(q);
    }
    cx_buf_free(&qt);
    cx_buf_free(&sp);
    return rc == SQLITE_DONE ? 1 : fail(s, "indexing an article for search");
}

int cx_store_fts_put(cx_store *s, int64_t seq, const cx_article *a)
{
    return run(s, NULL, seq, a, 1); /* the store's kept statement: one per article */
}

int cx_store_fts_quotes(cx_store *s, int64_t seq, const cx_article *a)
{
    /* an FTS5 UPDATE rewrites the row: title and body are given again */
    return run(s, "UPDATE article_fts SET quotes = ?2, speakers = ?3, title = ?4, body = ?5 WHERE rowid = ?1",
               seq, a, 1);
}

int cx_store_fts_pending(cx_store *s)
{
    sqlite3_stmt *q = NULL;
    int pending = 0;
    if (sqlite3_prepare_v2(cx_store_db(s), "SELECT 1 FROM meta WHERE key='fts_quotes' AND value='pending'",
                           -1, &q, NULL) == SQLITE_OK)
        pending = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    return pending;
}

int cx_store_fts_done(cx_store *s)
{
    if (sqlite3_exec(cx_store_db(s), "DELETE FROM meta WHERE key='fts_quotes'", NULL, NULL, NULL) != SQLITE_OK)
        return fail(s, "recording the search index");
    return 1;
}

static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Free text -> an FTS5 query of quoted terms; "" when it has no word. */
static int build_match(const char *query, cx_buf *m)
{
    const unsigned char *p = (const unsigned char *)query;
    while (*p) {
        while (*p && !word_byte(*p))
            p++;
        const unsigned char *w = p;
        while (*p && word_byte(*p))
            p++;
        if (p == w)
            break;
        if ((m->len && cx_buf_putc(m, ' ')) || cx_buf_putc(m, '"') ||
            cx_buf_append(m, w, (size_t)(p - w)) || cx_buf_putc(m, '"'))
            return 0;
        if (*p == '*' && cx_buf_putc(m, '*'))
            return 0;
    }
    return cx_buf_putc(m, '\0') == 0;
}

static char *dup_col(sqlite3_stmt *q, int i, int *oom)
{
    const char *v = (const char *)sqlite3_column_text(q, i);
    if (!v)
        return NULL;
    char *d = cx_strdup(v);
    if (!d)
        *oom = 1;
    return d;
}

int cx_store_search(cx_store *s, const char *query, size_t limit, cx_search_hit **hits, size_t *n)
{
    *hits = NULL;
    *n = 0;
    cx_buf m;
    cx_buf_init(&m, 64 * 1024);
    if (!build_match(query ? query : "", &m)) {
        cx_buf_free(&m);
        size_t l;
        snprintf(cx_store_errbuf(s, &l), l, "search query too long");
        return 0;
    }
    if (!m.data || !m.data[0] || limit == 0) {
        cx_buf_free(&m);
        return 1;
    }
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(
        cx_store_db(s),
        "SELECT a.id, a.title, a.outlet, a.published, sm.story,"
        " snippet(article_fts, -1, '[', ']', '…', 16), bm25(article_fts, 4.0, 1.0, 2.0, 3.0) AS score"
        " FROM article_fts JOIN article a ON a.seq = article_fts.rowid"
        " LEFT JOIN story_member sm ON sm.seq = a.seq"
        " WHERE article_fts MATCH ?1 ORDER BY score LIMIT ?2",
        -1, &q, NULL);
    if (rc != SQLITE_OK) {
        cx_buf_free(&m);
        return fail(s, "searching");
    }
    sqlite3_bind_text(q, 1, m.data, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)limit);
    cx_search_hit *out = NULL;
    size_t cnt = 0, cap = 0;
    int oom = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (cnt == cap) {
            size_t nc = cap ? cap * 2 : 16;
            cx_search_hit *nh = cx_realloc(out, nc * sizeof *nh);
            if (!nh) {
                oom = 1;
                break;
            }
            out = nh;
            cap = nc;
        }
        cx_search_hit *h = &out[cnt++];
        memset(h, 0, sizeof *h);
        h->id = dup_col(q, 0, &oom);
        h->title = dup_col(q, 1, &oom);
        h->outlet = dup_col(q, 2, &oom);
        h->published = dup_col(q, 3, &oom);
        h->story = sqlite3_column_int64(q, 4);
        h->snippet = dup_col(q, 5, &oom);
        h->score = sqlite3_column_double(q, 6);
        if (oom)
            break;
    }
    sqlite3_finalize(q);
    cx_buf_free(&m);
    if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
        cx_store_hits_free(out, cnt);
        if (oom) {
            size_t l;
            snprintf(cx_store_errbuf(s, &l), l, "out of memory searching");
            return 0;
        }
        return fail(s, "searching");
    }
    *hits = out;
    *n = cnt;
    return 1;
}

void cx_store_hits_free(cx_search_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cx_free(hits[i].id);
        cx_free(hits[i].title);
        cx_free(hits[i].outlet);
        cx_free(hits[i].published);
        cx_free(hits[i].snippet);
    }
    cx_free(hits);
}
