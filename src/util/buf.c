/*
 * buf.c: bounded growable byte buffer (see buf.h).
 */
#include "util/buf.h"
#include "util/alloc.h"

#include <string.h>

void cx_buf_init(cx_buf *b, size_t limit)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->limit = limit;
}

void cx_buf_free(cx_buf *b)
{
    cx_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void cx_buf_reset(cx_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *cx_buf_reserve(cx_buf *b, size_t n, int *err)
{
    if (n > b->limit || b->len > b->limit - n) {
        *err = CX_BUF_TOO_LARGE;
        return NULL;
    }
    size_t need = b->len + n + 1; /* +1: the NUL kept after the data */
    if (need > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < need)
            cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
        char *d = cx_realloc(b->data, cap);
        if (!d) {
            *err = CX_BUF_NOMEM;
            return NULL;
        }
        b->data = d;
        b->cap = cap;
    }
    *err = CX_BUF_OK;
    return b->data + b->len;
}

void cx_buf_commit(cx_buf *b, size_t n)
{
    b->len += n;
    b->data[b->len] = '\0';
}

int cx_buf_append(cx_buf *b, const void *p, size_t n)
{
    int err;
    char *w = cx_buf_reserve(b, n, &err);
    if (!w)
        return err;
    if (n)
        memcpy(w, p, n);
    cx_buf_commit(b, n);
    return CX_BUF_OK;
}

int cx_buf_putc(cx_buf *b, char c) { return cx_buf_append(b, &c, 1); }

int cx_buf_puts(cx_buf *b, const char *s) { return cx_buf_append(b, s, strlen(s)); }

char *cx_buf_take(cx_buf *b, size_t *len)
{
    char *d = b->data;
    if (len)
        *len = b->len;
    if (!d)
        d = cx_strndup("", 0);
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}
