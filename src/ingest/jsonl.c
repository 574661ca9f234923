/*
 * jsonl.c: JSON Lines records, one article object a line:
 *   {"id", "url", "outlet", "published", "title", "byline", "language",
 *    and "html" or "text"}
 * Common aliases are accepted (source/site_name for outlet, date for
 * published, lang for language, author/authors for byline, body for text),
 * so research dumps read without conversion. A malformed line is reported
 * with its line number and byte offset and skipped.
 *
 * Most records are flat objects of strings: those are read by a small
 * decoder of our own straight into one buffer (no tree, no allocation per
 * value), which is several times faster than building a jansson tree. It
 * accepts only what jansson accepts; any other line (nested values, odd
 * numbers, invalid UTF-8, a syntax error) goes to jansson, which reads it
 * or reports it exactly as before.
 */
#include "ingest/reader.h"
#include "util/alloc.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdio.h>
#include <string.h>

/* ---- flat objects ---------------------------------------------------------- */

static const char *skip_ws(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

static int hex4(const char *p, const char *e, uint32_t *v)
{
    if (e - p < 4)
        return 0;
    uint32_t x = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        x <<= 4;
        if (c >= '0' && c <= '9')
            x |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            x |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            x |= (uint32_t)(c - 'A' + 10);
        else
            return 0;
    }
    *v = x;
    return 1;
}

/* Decodes the string whose opening quote is before p into out (room: the
 * bytes up to its closing quote, plus a NUL); the position after its closing
 * quote, or NULL for anything jansson would refuse. */
static const char *flat_string(const char *p, const char *e, char *out, size_t *olen)
{
    size_t k = 0;
    while (p < e) {
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            out[k] = '\0';
            *olen = k;
            return p + 1;
        }
        if (c >= 0x20 && c < 0x80 && c != '\\') {
            out[k++] = *p++;
            continue;
        }
        if (c < 0x20)
            return NULL;
        if (c >= 0x80) {
            uint32_t cp;
            size_t l = cx_utf8_decode((const unsigned char *)p, (size_t)(e - p), &cp);
            if (!l)
                return NULL;
            memcpy(out + k, p, l);
            k += l;
            p += l;
            continue;
        }
        if (++p >= e)
            return NULL;
        switch (*p) {
        case '"': out[k++] = '"'; break;
        case '\\': out[k++] = '\\'; break;
        case '/': out[k++] = '/'; break;
        case 'b': out[k++] = '\b'; break;
        case 'f': out[k++] = '\f'; break;
        case 'n': out[k++] = '\n'; break;
        case 'r': out[k++] = '\r'; break;
        case 't': out[k++] = '\t'; break;
        case 'u': {
            uint32_t cp, lo;
            if (!hex4(p + 1, e, &cp))
                return NULL;
            p += 4;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return NULL; /* a lone low surrogate */
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (e - p < 7 || p[1] != '\\' || p[2] != 'u' || !hex4(p + 3, e, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return NULL;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
            k += cx_utf8_encode(cp, out + k); /* never longer than its escape */
            break;
        }
        default: return NULL;
        }
        p++;
    }
    return NULL;
}

/* A JSON number jansson reads without complaint (no exponent, under 16 digits:
 * longer ones may overflow, which jansson refuses); the position after it or NULL. */
static const char *flat_number(const char *p, const char *e)
{
    const char *b = p;
    if (p < e && *p == '-')
        p++;
    if (p >= e || !cx_is_digit(*p))
        return NULL;
    if (*p == '0')
        p++;
    else
        while (p < e && cx_is_digit(*p))
            p++;
    if (p < e && *p == '.') {
        p++;
        if (p >= e || !cx_is_digit(*p))
            return NULL;
        while (p < e && cx_is_digit(*p))
            p++;
    }
    if (p < e && (*p == 'e' || *p == 'E'))
        return NULL;
    return p - b <= 16 ? p : NULL;
}

/* Reads s[0..n) as a flat object into r->jf; 0 when it is anything else, -1
 * when out of memory. */
static int flat_parse(cx_reader *r, const char *s, size_t n)
{
    const char *p = s, *e = s + n;
    r->n_jf = 0;
    cx_buf_reset(&r->strs);
    int err = 0;
    char *out = cx_buf_reserve(&r->strs, n + 1, &err);
    if (!out)
        return -1;
    size_t used = 0;
    p = skip_ws(p, e);
    if (p >= e || *p++ != '{')
        return 0;
    p = skip_ws(p, e);
    if (p < e && *p == '}')
        return skip_ws(p + 1, e) == e;
    for (;;) {
        if (r->n_jf >= CX_JFIELDS || p >= e || *p++ != '"')
            return 0;
        cx_jfield *f = &r->jf[r->n_jf];
        f->key = out + used;
        if (!(p = flat_string(p, e, out + used, &f->klen)) || memchr(f->key, '\0', f->klen))
            return 0;
        used += f->klen + 1;
        p = skip_ws(p, e);
        if (p >= e || *p++ != ':')
            return 0;
        p = skip_ws(p, e);
        if (p >= e)
            return 0;
        f->is_string = *p == '"';
        if (f->is_string) {
            f->val = out + used;
            if (!(p = flat_string(p + 1, e, out + used, &f->vlen)))
                return 0;
            used += f->vlen + 1;
        } else {
            const char *v = p;
            if (e - p >= 4 && (!memcmp(p, "true", 4) || !memcmp(p, "null", 4)))
                p += 4;
            else if (e - p >= 5 && !memcmp(p, "false", 5))
                p += 5;
            else if (!(p = flat_number(p, e)))
                return 0; /* an array, an object, or what jansson must judge */
            f->val = v;
            f->vlen = (size_t)(p - v);
        }
        r->n_jf++;
        p = skip_ws(p, e);
        if (p >= e)
            return 0;
        if (*p == '}')
            return skip_ws(p + 1, e) == e;
        if (*p++ != ',')
            return 0;
        p = skip_ws(p, e);
    }
}

/* The member named key (the last one, as jansson keeps), or NULL. */
static const cx_jfield *flat_get(const cx_reader *r, const char *key)
{
    size_t k = strlen(key);
    for (int i = r->n_jf - 1; i >= 0; i--)
        if (r->jf[i].klen == k && memcmp(r->jf[i].key, key, k) == 0)
            return &r->jf[i];
    return NULL;
}

/* The first string value among keys (NULL-terminated list). */
static const char *flat_field(const cx_reader *r, const char *const *keys, size_t *len)
{
    for (; *keys; keys++) {
        const cx_jfield *f = flat_get(r, *keys);
        if (f && f->is_string) {
            if (len)
                *len = f->vlen;
            return f->val;
        }
    }
    return NULL;
}

/* ---- any object, through jansson ------------------------------------------------ */

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

int cx_jsonl_next(cx_reader *r, cx_record *rec)
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
        const char *s = cx_trim(r->line.data ? r->line.data : "", &n);
        if (n == 0)
            continue; /* blank lines are allowed between records */
        int flat = flat_parse(r, s, n);
        if (flat < 0) {
            cx_reader_reject(r, CHORUS_ERR_NOMEM, r->lineno, at, "out of memory");
            continue;
        }
        if (flat) {
            const cx_jfield *idf = flat_get(r, "id");
            /* a numeric id, and authors as an array, are jansson's to read */
            if (!(idf && !idf->is_string) && !flat_get(r, "authors")) {
                size_t len = 0;
                const char *html = flat_field(r, k_html, &len);
                const char *body = html ? html : flat_field(r, k_text, &len);
                if (!body) {
                    cx_reader_reject(r, CHORUS_ERR_FORMAT, r->lineno, at,
                                     "no \"html\" or \"text\" field: nothing to read");
                    continue;
                }
                if (len > r->opts.max_article_bytes) {
                    cx_reader_reject(r, CHORUS_ERR_TOO_LARGE, r->lineno, at,
                                     "article larger than the article limit; skipped "
                                     "(raise it with --max-article-bytes)");
                    continue;
                }
                memset(rec, 0, sizeof *rec);
                rec->input = r->in->name;
                rec->line = r->lineno;
                rec->byte = at;
                rec->multi = 1;
                rec->kind = html ? CX_PAYLOAD_HTML : CX_PAYLOAD_TEXT;
                rec->data = body;
                rec->len = len;
                rec->raw = s;
                rec->raw_len = n;
                rec->raw_format = "jsonl";
                rec->meta.id = flat_field(r, k_id, NULL);
                rec->meta.url = flat_field(r, k_url, NULL);
                rec->meta.outlet = flat_field(r, k_outlet, NULL);
                rec->meta.published = flat_field(r, k_pub, NULL);
                rec->meta.title = flat_field(r, k_title, NULL);
                rec->meta.byline = flat_field(r, k_byline, NULL);
                rec->meta.language = flat_field(r, k_lang, NULL);
                return 1;
            }
        }
        json_error_t jerr;
        json_t *o = json_loadb(s, n, JSON_ALLOW_NUL, &jerr);
        if (!o) {
            cx_reader_reject(r, CHORUS_ERR_FORMAT, r->lineno, at, "malformed JSON at column %d: %s",
                             jerr.column, jerr.text);
            continue;
        }
        if (!json_is_object(o)) {
            json_decref(o);
            cx_reader_reject(r, CHORUS_ERR_FORMAT, r->lineno, at,
                             "expected one JSON object per line");
            continue;
        }
        size_t len = 0;
        const char *html = field(o, k_html, &len);
        int is_html = html != NULL;
        const char *body = html ? html : field(o, k_text, &len);
        if (!body) {
            json_decref(o);
            cx_reader_reject(r, CHORUS_ERR_FORMAT, r->lineno, at,
                             "no \"html\" or \"text\" field: nothing to read");
            continue;
        }
        if (len > r->opts.max_article_bytes) {
            json_decref(o);
            cx_reader_reject(r, CHORUS_ERR_TOO_LARGE, r->lineno, at,
                             "article larger than the article limit; skipped "
                             "(raise it with --max-article-bytes)");
            continue;
        }
        r->json = o;
        memset(rec, 0, sizeof *rec);
        rec->input = r->in->name;
        rec->line = r->lineno;
        rec->byte = at;
        rec->multi = 1;
        rec->kind = is_html ? CX_PAYLOAD_HTML : CX_PAYLOAD_TEXT;
        rec->data = body;
        rec->len = len;
        rec->raw = s;
        rec->raw_len = n;
        rec->raw_format = "jsonl";
        rec->meta.id = field(o, k_id, NULL);
        json_t *idv = json_object_get(o, "id");
        if (!rec->meta.id && json_is_integer(idv)) {
            snprintf(r->id_num, sizeof r->id_num, "%lld", (long long)json_integer_value(idv));
            rec->meta.id = r->id_num;
        }
        rec->meta.url = field(o, k_url, NULL);
        rec->meta.outlet = field(o, k_outlet, NULL);
        rec->meta.published = field(o, k_pub, NULL);
        rec->meta.title = field(o, k_title, NULL);
        rec->meta.byline = field(o, k_byline, NULL);
        if (!rec->meta.byline) {
            r->byline_join = join_authors(json_object_get(o, "authors"));
            if (!r->byline_join)
                r->byline_join = join_authors(json_object_get(o, "author"));
            rec->meta.byline = r->byline_join;
        }
        rec->meta.language = field(o, k_lang, NULL);
        return 1;
    }
}
