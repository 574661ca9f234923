/*
 * jw.h: a streaming JSON writer into a buffer, for the per-article output.
 *
 * In:  values in document order (begin/end of objects and arrays, keys,
 *      strings, integers, booleans, nulls).
 * Out: the JSON text in the buffer, byte for byte as jansson's json_dumps
 *      writes the same document with JSON_INDENT(2) (pretty) or JSON_COMPACT,
 *      so the output does not depend on which writer made it.
 *
 * Why not jansson here: building an article's object tree and dumping it took
 * 1.5 M instructions per article (a fifth of the whole pipeline; see
 * docs/performance.md): a tree of small objects with their hash tables, freed
 * right after. This writes the text in one pass. jansson stays the parser and
 * the writer of everything else.
 */
#ifndef CX_JW_H
#define CX_JW_H
#include <stddef.h>

#include "util/buf.h"

#define CX_JW_MAX_DEPTH 32

typedef struct cx_jw {
    cx_buf *b;
    int pretty;
    int base;      /* indentation levels the text is nested at in its document */
    int depth;
    int after_key; /* the next value follows its key */
    int failed;    /* out of memory, or nesting past CX_JW_MAX_DEPTH */
    unsigned count[CX_JW_MAX_DEPTH + 1]; /* members written at each depth */
} cx_jw;

/* pretty: jansson's JSON_INDENT(2) layout, each new line indented by `base`
 * more levels (to nest the text in a document without re-indenting it). */
void cx_jw_init(cx_jw *w, cx_buf *b, int pretty, int base);
void cx_jw_object(cx_jw *w);
void cx_jw_object_end(cx_jw *w);
void cx_jw_array(cx_jw *w);
void cx_jw_array_end(cx_jw *w);
void cx_jw_key(cx_jw *w, const char *key);
/* s[0..n): valid UTF-8 (the article's text is repaired on the way in). */
void cx_jw_strn(cx_jw *w, const char *s, size_t n);
/* NULL writes null. */
void cx_jw_str(cx_jw *w, const char *s);
void cx_jw_int(cx_jw *w, long long v);
void cx_jw_bool(cx_jw *w, int v);
void cx_jw_null(cx_jw *w);
/* key: value in one call. */
void cx_jw_kstr(cx_jw *w, const char *key, const char *s);
void cx_jw_kstrn(cx_jw *w, const char *key, const char *s, size_t n);
void cx_jw_kint(cx_jw *w, const char *key, long long v);

#endif
