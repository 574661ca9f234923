/*
 * jw.c: the streaming JSON writer (see jw.h). The layout rules are jansson's
 * (dump.c): members and elements each on a new line indented two spaces per
 * level, ": " after keys, empty containers as {} and []; in compact form no
 * white space at all. Strings escape '"', '\\', and the control characters
 * (\b \f \n \r \t by name, the others as \u00XX in upper case); everything
 * else, '/' and non-ASCII included, is written as it is.
 */
#include "report/jw.h"

#include <stdio.h>
#include <string.h>

void cx_jw_init(cx_jw *w, cx_buf *b, int pretty, int base)
{
    memset(w, 0, sizeof *w);
    w->b = b;
    w->pretty = pretty;
    w->base = pretty ? base : 0;
}

static void put(cx_jw *w, const char *s, size_t n)
{
    cx_buf *b = w->b;
    if (b->data && n < b->cap - b->len && n <= b->limit - b->len) { /* room: no call */
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    if (!w->failed && cx_buf_append(b, s, n))
        w->failed = 1;
}

static void newline(cx_jw *w, int depth)
{
    static const char spaces[] = "                                                                ";
    put(w, "\n", 1);
    for (size_t n = (size_t)(depth + w->base) * 2; n;) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        put(w, spaces, k);
        n -= k;
    }
}

/* What comes before a value or a key: nothing after a key, else the comma
 * and the new line of a member. */
static void before(cx_jw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth == 0)
        return;
    if (w->count[w->depth]++)
        put(w, ",", 1);
    if (w->pretty)
        newline(w, w->depth);
}

static void jw_open(cx_jw *w, char c)
{
    before(w);
    put(w, &c, 1);
    if (w->depth >= CX_JW_MAX_DEPTH) {
        w->failed = 1;
        return;
    }
    w->count[++w->depth] = 0;
}

static void jw_close(cx_jw *w, char c)
{
    if (w->depth == 0) {
        w->failed = 1;
        return;
    }
    if (w->pretty && w->count[w->depth])
        newline(w, w->depth - 1);
    w->depth--;
    put(w, &c, 1);
}

void cx_jw_object(cx_jw *w) { jw_open(w, '{'); }
void cx_jw_object_end(cx_jw *w) { jw_close(w, '}'); }
void cx_jw_array(cx_jw *w) { jw_open(w, '['); }
void cx_jw_array_end(cx_jw *w) { jw_close(w, ']'); }

static void quoted(cx_jw *w, const char *s, size_t n)
{
    put(w, "\"", 1);
    size_t run = 0; /* bytes written as they are, pending */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            run++;
            continue;
        }
        put(w, s + i - run, run);
        run = 0;
        char esc[8];
        const char *e = esc;
        switch (c) {
        case '"': e = "\\\""; break;
        case '\\': e = "\\\\"; break;
        case '\b': e = "\\b"; break;
        case '\f': e = "\\f"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        default: snprintf(esc, sizeof esc, "\\u%04X", c); break;
        }
        put(w, e, strlen(e));
    }
    put(w, s + n - run, run);
    put(w, "\"", 1);
}

void cx_jw_key(cx_jw *w, const char *key)
{
    before(w);
    quoted(w, key, strlen(key));
    put(w, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
    w->after_key = 1;
}

void cx_jw_strn(cx_jw *w, const char *s, size_t n)
{
    before(w);
    quoted(w, s ? s : "", s ? n : 0);
}

void cx_jw_str(cx_jw *w, const char *s)
{
    if (s)
        cx_jw_strn(w, s, strlen(s));
    else
        cx_jw_null(w);
}

void cx_jw_int(cx_jw *w, long long v)
{
    char num[32];
    int k = snprintf(num, sizeof num, "%lld", v);
    before(w);
    put(w, num, (size_t)k);
}

void cx_jw_bool(cx_jw *w, int v)
{
    before(w);
    put(w, v ? "true" : "false", v ? 4 : 5);
}

void cx_jw_null(cx_jw *w)
{
    before(w);
    put(w, "null", 4);
}

void cx_jw_kstr(cx_jw *w, const char *key, const char *s)
{
    cx_jw_key(w, key);
    cx_jw_str(w, s);
}

void cx_jw_kstrn(cx_jw *w, const char *key, const char *s, size_t n)
{
    cx_jw_key(w, key);
    cx_jw_strn(w, s, n);
}

void cx_jw_kint(cx_jw *w, const char *key, long long v)
{
    cx_jw_key(w, key);
    cx_jw_int(w, v);
}
