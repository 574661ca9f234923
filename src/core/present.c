/*
 * present.c: the public functions that present the store rather than build
 * it: the HTML report (chorus_report*), search (chorus_search), and the
 * completion of the schema-3 upgrade (quotes of older articles indexed for
 * search). The report draws the same document chorus_show writes.
 */
#include "chorus.h"
#include "core/article.h"
#include "core/engine.h"
#include "core/layers.h"
#include "report/html.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

chorus_status chorus_report_document(chorus *c, const char *json, size_t len, const char *dir)
{
    if (!c || !json || !dir)
        return CHORUS_ERR_USAGE;
    char err[600];
    if (!cx_html_check_doc(json, len, err, sizeof err))
        return cx_engine_fail(c, CHORUS_ERR_FORMAT, err);
    if (!cx_html_write(dir, json, len, err, sizeof err))
        return cx_engine_fail(c, CHORUS_ERR_IO, err);
    return CHORUS_OK;
}

chorus_status chorus_report(chorus *c, const char *dir)
{
    if (!c || !dir)
        return CHORUS_ERR_USAGE;
    char *doc = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&doc, &len);
    if (!m)
        return cx_engine_fail(c, CHORUS_ERR_NOMEM, "out of memory");
    chorus_status st = chorus_show(c, m, CHORUS_OUT_JSON | CHORUS_OUT_COMPACT);
    if (fclose(m) != 0 && st == CHORUS_OK)
        st = cx_engine_fail(c, CHORUS_ERR_NOMEM, "out of memory");
    if (st == CHORUS_OK)
        st = chorus_report_document(c, doc, len, dir);
    free(doc);
    return st;
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

chorus_status chorus_search(chorus *c, const char *query, size_t limit, FILE *out, unsigned flags)
{
    if (!c || !query || !out)
        return CHORUS_ERR_USAGE;
    cx_store *s = cx_engine_store(c);
    if (!s)
        return cx_engine_fail(c, CHORUS_ERR_USAGE, "no store is open");
    cx_search_hit *hits;
    size_t n;
    if (!cx_store_search(s, query, limit, &hits, &n))
        return cx_engine_fail(c, CHORUS_ERR_STORE, cx_store_errmsg(s));
    json_t *doc = json_object(), *arr = json_array();
    int bad = !doc || !arr || json_object_set_new(doc, "query", json_string(query)) ||
              json_object_set(doc, "results", arr);
    for (size_t i = 0; i < n && !bad; i++) {
        char story[32];
        snprintf(story, sizeof story, "s%lld", (long long)hits[i].story);
        json_t *h = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:f}", "id", hits[i].id ? hits[i].id : "",
                              "title", str_or_null(hits[i].title), "outlet", str_or_null(hits[i].outlet),
                              "published", str_or_null(hits[i].published), "story",
                              hits[i].story ? json_string(story) : json_null(), "snippet",
                              str_or_null(hits[i].snippet), "score", -hits[i].score);
        bad = !h || json_array_append_new(arr, h);
    }
    cx_store_hits_free(hits, n);
    json_decref(arr);
    size_t jf = JSON_PRESERVE_ORDER |
                ((flags & CHORUS_OUT_COMPACT) ? JSON_COMPACT : JSON_INDENT(2));
    if (bad || json_dumpf(doc, out, jf) != 0 || fputc('\n', out) == EOF) {
        json_decref(doc);
        return cx_engine_fail(c, bad ? CHORUS_ERR_NOMEM : CHORUS_ERR_IO,
                              bad ? "out of memory" : "writing the output failed");
    }
    json_decref(doc);
    return CHORUS_OK;
}

/* ---- schema-3 upgrade: the quotes of articles stored before it ---- */

static int index_quotes(void *ctx, cx_article *a)
{
    cx_store *s = ctx;
    if (!cx_layers_run(a))
        return 1;
    return !cx_store_fts_quotes(s, a->seq, a);
}

chorus_status cx_engine_store_opened(chorus *c)
{
    cx_store *s = cx_engine_store(c);
    if (!s || !cx_store_fts_pending(s))
        return CHORUS_OK;
    if (!cx_store_begin(s))
        return cx_engine_fail(c, CHORUS_ERR_STORE, cx_store_errmsg(s));
    if (cx_store_each(s, index_quotes, s) != 1 || !cx_store_fts_done(s) || !cx_store_commit(s)) {
        chorus_status st = cx_engine_fail(c, CHORUS_ERR_STORE, cx_store_errmsg(s));
        cx_store_rollback(s);
        return st;
    }
    return CHORUS_OK;
}
