/*
 * jsonl.c: JSON Lines records, one article object a line:
 *   {"id", "url", "outlet", "published", "title", "byline", "language",
 *    and "html" or "text"}
 * Common aliases are accepted (source/site_name for outlet, date for
 * published, lang for language, author/authors for byline, body for text),
 * so research dumps read without conversion. A malformed line is reported
 * with its line number and byte offset and skipped.
 */
#include "ingest/reader.h"
#include "util/alloc.h"
#include "util/str.h"

#include <stdio.h>
#include <string.h>

/* The first string value among keys (NULL-terminated list). */
static const char *field(json_t *o, const char *const *keys, size_t *len)
{
    for (; *keys; keys++) {
        json_t *v = json_object_get(o, *keys);
        if (json_is_string(v)) {
            if (len)
                *len = json_string_length(v);
            return json_string_value(v);
        }
    }
    return NULL;
}

/* authors: "A", ["A", "B"] or [{"name": "A"}] joined with ", ". */
static char *join_authors(json_t *v)
{
    if (!json_is_array(v))
        return NULL;
    cx_buf b;
    cx_buf_init(&b, 4096);
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) {
        const char *s = json_is_string(e) ? json_string_value(e)
                      : json_is_object(e) ? json_string_value(json_object_get(e, "name"))
                                          : NULL;
        if (!s || !*s)
            continue;
        if (b.len)
            cx_buf_puts(&b, ", ");
        cx_buf_puts(&b, s);
    }
    if (!b.len) {
        cx_buf_free(&b);
        return NULL;
    }
    return cx_buf_take(&b, NULL);
}

/* One line's record: its object, and what is made from it, kept in p. 0
 * with a message in err (and its code in *code) when the line is not an
 * article record. */
int cx_jsonl_record(const char *s, size_t n, size_t max_bytes, cx_jsonl_parsed *p, cx_record *rec,
                    chorus_status *code, char *err, size_t errlen)
{
    static const char *const k_id[] = {"id", "doc", "doc_id", NULL};
    static const char *const k_url[] = {"url", "link", NULL};
    static const char *const k_outlet[] = {"outlet", "source", "site_name", "publisher", NULL};
    static const char *const k_pub[] = {"published", "date", "datePublished", "pubdate", NULL};
    static const char *const k_title[] = {"title", "headline", NULL};
    static const char *const k_byline[] = {"byline", "author", NULL};
    static const char *const k_lang[] = {"language", "lang", NULL};
    static const char *const k_html[] = {"html", NULL};
    static const char *const k_text[] = {"text", "body", "content", NULL};

    *code = CHORUS_ERR_FORMAT;
    json_error_t jerr;
    json_t *o = json_loadb(s, n, JSON_ALLOW_NUL, &jerr);
    if (!o) {
        snprintf(err, errlen, "malformed JSON at column %d: %s", jerr.column, jerr.text);
        return 0;
    }
    if (!json_is_object(o)) {
        json_decref(o);
        snprintf(err, errlen, "expected one JSON object per line");
        return 0;
    }
    size_t len = 0;
    const char *html = field(o, k_html, &len);
    int is_html = html != NULL;
    const char *body = html ? html : field(o, k_text, &len);
    if (!body) {
        json_decref(o);
        snprintf(err, errlen, "no \"html\" or \"text\" field: nothing to read");
        return 0;
    }
    if (len > max_bytes) {
        json_decref(o);
        *code = CHORUS_ERR_TOO_LARGE;
        snprintf(err, errlen, "article larger than the article limit; skipped "
                              "(raise it with --max-article-bytes)");
        return 0;
    }
    p->json = o;
    rec->kind = is_html ? CX_PAYLOAD_HTML : CX_PAYLOAD_TEXT;
    rec->data = body;
    rec->len = len;
    rec->raw = s;
    rec->raw_len = n;
    rec->raw_format = "jsonl";
    rec->deferred = 0;
    memset(&rec->meta, 0, sizeof rec->meta);
    rec->meta.id = field(o, k_id, NULL);
    json_t *idv = json_object_get(o, "id");
    if (!rec->meta.id && json_is_integer(idv)) {
        snprintf(p->id_num, sizeof p->id_num, "%lld", (long long)json_integer_value(idv));
        rec->meta.id = p->id_num;
    }
    rec->meta.url = field(o, k_url, NULL);
    rec->meta.outlet = field(o, k_outlet, NULL);
    rec->meta.published = field(o, k_pub, NULL);
    rec->meta.title = field(o, k_title, NULL);
    rec->meta.byline = field(o, k_byline, NULL);
    if (!rec->meta.byline) {
        p->byline_join = join_authors(json_object_get(o, "authors"));
        if (!p->byline_join)
            p->byline_join = join_authors(json_object_get(o, "author"));
        rec->meta.byline = p->byline_join;
    }
    rec->meta.language = field(o, k_lang, NULL);
    return 1;
}

void cx_jsonl_parsed_clear(cx_jsonl_parsed *p)
{
    json_decref(p->json);
    cx_free(p->byline_join);
    memset(p, 0, sizeof *p);
}

int cx_jsonl_next(cx_reader *r, cx_record *rec)
{
    for (;;) {
        uint64_t at = cx_stream_tell(r->stream);
        int too_long = 0;
        if (!cx_stream_getline(r->stream, &r->line, &too_long)) {
            if (cx_stream_error(r->stream, NULL, NULL) && cx_reader_stream_failed(r))
                continue;
            return 0;
        }
        r->lineno++;
        if (cx_stream_error(r->stream, NULL, NULL)) {
            /* The line was cut by a gzip error: the error names the place. */
            if (cx_reader_stream_failed(r))
                continue;
            return 0;
        }
        if (too_long) {
            cx_reader_reject(r, CHORUS_ERR_TOO_LARGE, r->lineno, at,
                             "line longer than the article limit allows; skipped "
                             "(raise it with --max-article-bytes)");
            continue;
        }
        size_t n = r->line.len;
        const char *s = r->line.data ? r->line.data : "";
        if (r->lineno == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
            s += 3; /* a byte order mark some editors and exporters write */
            n -= 3;
        }
        s = cx_trim(s, &n);
        if (n == 0)
            continue; /* blank lines are allowed between records */
        memset(rec, 0, sizeof *rec);
        rec->input = r->in->name;
        rec->line = r->lineno;
        rec->byte = at;
        rec->multi = 1;
        if (r->opts.defer_json) { /* the line as it is: the caller parses it (cx_jsonl_record) */
            rec->deferred = 1;
            rec->raw = s;
            rec->raw_len = n;
            rec->raw_format = "jsonl";
            return 1;
        }
        chorus_status code;
        char err[300];
        if (!cx_jsonl_record(s, n, r->opts.max_article_bytes, &r->parsed, rec, &code, err, sizeof err)) {
            cx_reader_reject(r, code, r->lineno, at, "%s", err);
            continue;
        }
        return 1;
    }
}
