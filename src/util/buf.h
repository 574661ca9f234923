/*
 * buf.h: a growable byte buffer with a hard size limit.
 *
 * Every buffer that grows with outside input is given the most it may ever
 * hold (the article limit, a header limit), so hostile input meets a clear
 * CX_BUF_TOO_LARGE instead of exhausting memory. The data is kept
 * NUL-terminated for convenience; it may also contain NUL bytes.
 */
#ifndef CX_BUF_H
#define CX_BUF_H
#include <stddef.h>

typedef struct cx_buf {
    char *data;   /* NULL until the first append */
    size_t len;
    size_t cap;
    size_t limit; /* len never exceeds this */
} cx_buf;

enum { CX_BUF_OK = 0, CX_BUF_NOMEM = 1, CX_BUF_TOO_LARGE = 2 };

/* An empty buffer that may grow to limit bytes; cannot fail. */
void cx_buf_init(cx_buf *b, size_t limit);
void cx_buf_free(cx_buf *b);
/* Empties the buffer, keeping its memory. */
void cx_buf_reset(cx_buf *b);
int cx_buf_append(cx_buf *b, const void *p, size_t n);
int cx_buf_putc(cx_buf *b, char c);
int cx_buf_puts(cx_buf *b, const char *s);
/* Makes room for n more bytes; returns a pointer to write them at, or NULL
 * with *err set. Call cx_buf_commit(b, k) after writing k <= n bytes. */
char *cx_buf_reserve(cx_buf *b, size_t n, int *err);
void cx_buf_commit(cx_buf *b, size_t n);
/* Hands the data to the caller (free with cx_free) and empties the buffer. */
char *cx_buf_take(cx_buf *b, size_t *len);

#endif
