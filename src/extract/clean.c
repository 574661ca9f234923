/*
 * clean.c: white space and invisible characters in extracted text, and the
 * paragraph builder.
 */
#include "extract/extract.h"
#include "util/alloc.h"
#include "util/utf8.h"

#include <string.h>
#include <xxhash.h>

static int is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0x85;
}

static int is_invisible_cp(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xAD || cp == 0x200B ||
           cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x200E ||
           cp == 0x200F;
}

/* The general case: any bytes (an invalid one becomes U+FFFD, 3 bytes). */
static int clean_slow(const char *s, size_t n, cx_buf *out)
{
    cx_buf tmp;
    cx_buf_init(&tmp, 3 * n + 4);
    const unsigned char *u = (const unsigned char *)s;
    int pending_space = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k;
        if (u[i] < 0x80) {
            cp = u[i];
            k = 1;
        } else if (!(k = cx_utf8_decode(u + i, n - i, &cp))) {
            cp = 0xFFFD;
            k = 1;
        }
        if (is_space_cp(cp)) {
            pending_space = tmp.len > 0;
        } else if (!is_invisible_cp(cp)) {
            if (pending_space && cx_buf_putc(&tmp, ' ') != CX_BUF_OK)
                goto fail;
            pending_space = 0;
            if (cp == 0xFFFD && k == 1) {
                if (cx_buf_append(&tmp, "\xEF\xBF\xBD", 3) != CX_BUF_OK)
                    goto fail;
            } else if (cx_buf_append(&tmp, s + i, k) != CX_BUF_OK) {
                goto fail;
            }
        }
        i += k;
    }
    int ok = tmp.len == 0 || cx_nfc(tmp.data, tmp.len, out);
    cx_buf_free(&tmp);
    return ok;
fail:
    cx_buf_free(&tmp);
    return 0;
}

int cx_clean_inline(const char *s, size_t n, cx_buf *out)
{
    if (n == 0)
        return 1;
    /* Valid UTF-8 (what the decoder hands on) only shrinks: written straight
     * into out; only text with a non-ASCII character goes through NFC, via a
     * copy. An invalid byte sends the text to the general case. */
    int err;
    char *w = cx_buf_reserve(out, n, &err);
    if (!w)
        return 0;
    const unsigned char *u = (const unsigned char *)s;
    size_t k = 0;
    int pending_space = 0, ascii = 1;
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        if (c < 0x80) {
            i++;
            if (c == ' ' || (c >= '\t' && c <= '\r')) {
                pending_space = k > 0;
                continue;
            }
            if (c < 0x20 || c == 0x7F)
                continue;
            if (pending_space)
                w[k++] = ' ';
            pending_space = 0;
            w[k++] = (char)c;
            continue;
        }
        uint32_t cp;
        size_t len = cx_utf8_decode(u + i, n - i, &cp);
        if (!len)
            return clean_slow(s, n, out); /* nothing committed yet */
        if (is_space_cp(cp)) {
            pending_space = k > 0;
        } else if (!is_invisible_cp(cp)) {
            if (pending_space)
                w[k++] = ' ';
            pending_space = 0;
            ascii = 0;
            memcpy(w + k, s + i, len);
            k += len;
        }
        i += len;
    }
    if (ascii || k == 0) {
        cx_buf_commit(out, k);
        return 1;
    }
    cx_buf tmp;
    cx_buf_init(&tmp, k + 1);
    int ok = cx_buf_append(&tmp, w, k) == CX_BUF_OK && cx_nfc(tmp.data, tmp.len, out);
    cx_buf_free(&tmp);
    return ok;
}

void cx_paras_init(cx_paras *p, size_t limit)
{
    memset(p, 0, sizeof *p);
    cx_buf_init(&p->body, limit);
    cx_buf_init(&p->cur, limit);
    cx_buf_init(&p->scratch, limit);
    cx_buf_init(&p->removed, CX_REMOVED_MAX);
}

void cx_paras_free(cx_paras *p)
{
    cx_free(p->seen);
    p->seen = NULL;
    cx_buf_free(&p->body);
    cx_buf_free(&p->cur);
    cx_buf_free(&p->scratch);
    cx_buf_free(&p->removed);
    cx_free(p->first);
    p->first = NULL;
}

/* 1 when h was seen before; records it otherwise. 0 on out of memory is read as
 * "not seen" (the paragraph is kept: duplicates cost less than lost text). */
static int seen_before(cx_paras *p, uint64_t h)
{
    if (h == 0)
        h = 1;
    if ((p->count + 1) * 2 > p->seen_cap) {
        size_t cap = p->seen_cap ? p->seen_cap * 2 : 64;
        uint64_t *t = cx_calloc(cap, sizeof *t);
        if (!t)
            return 0;
        for (size_t i = 0; i < p->seen_cap; i++)
            if (p->seen[i])
                for (size_t k = p->seen[i] & (cap - 1);; k = (k + 1) & (cap - 1))
                    if (!t[k]) {
                        t[k] = p->seen[i];
                        break;
                    }
        cx_free(p->seen);
        p->seen = t;
        p->seen_cap = cap;
    }
    for (size_t k = h & (p->seen_cap - 1);; k = (k + 1) & (p->seen_cap - 1)) {
        if (p->seen[k] == h)
            return 1;
        if (!p->seen[k]) {
            p->seen[k] = h;
            return 0;
        }
    }
}

int cx_paras_add(cx_paras *p, const char *s, size_t n)
{
    cx_buf_reset(&p->scratch);
    if (!cx_clean_inline(s, n, &p->scratch))
        return 0;
    if (p->scratch.len == 0)
        return 1;
    if (p->scratch.len >= 80 && seen_before(p, XXH3_64bits(p->scratch.data, p->scratch.len)))
        return cx_paras_drop(p, "repeat", p->scratch.data, p->scratch.len);
    if (p->count && cx_buf_append(&p->body, "\n\n", 2) != CX_BUF_OK)
        return 0;
    if (cx_buf_append(&p->body, p->scratch.data, p->scratch.len) != CX_BUF_OK)
        return 0;
    if (p->count == 0 && !(p->first = cx_strndup(p->scratch.data, p->scratch.len)))
        return 0;
    p->count++;
    return 1;
}

/* A menu's items, a row of share buttons: short blocks that read as one
 * record, joined by a middle dot. */
enum { JOIN_ITEM = 120, JOIN_RECORD = 600 };

int cx_paras_drop(cx_paras *p, const char *kind, const char *s, size_t n)
{
    if (!p->keep_removed)
        return 1;
    cx_buf *r = &p->removed;
    cx_buf *t = &p->scratch;
    if (s != t->data) { /* else: a repeated paragraph, cleaned there already */
        cx_buf_reset(t);
        if (!cx_clean_inline(s, n, t))
            return 0;
    }
    size_t len = t->len;
    int ok = 1;
    if (len == 0) {
        /* nothing visible */
    } else if (p->removed_lost || r->len + len + 32 > CX_REMOVED_MAX) {
        p->removed_lost++;
    } else if (p->last_kind && !strcmp(p->last_kind, kind) && len <= JOIN_ITEM &&
               p->last_item <= JOIN_ITEM && r->len - p->last_start <= JOIN_RECORD) {
        r->len--; /* the record's newline */
        ok = cx_buf_append(r, " \xC2\xB7 ", 4) == CX_BUF_OK && cx_buf_append(r, t->data, len) == CX_BUF_OK &&
             cx_buf_putc(r, '\n') == CX_BUF_OK;
    } else {
        ok = cx_buf_puts(r, kind) == CX_BUF_OK && cx_buf_putc(r, '\t') == CX_BUF_OK;
        p->last_start = r->len;
        ok = ok && cx_buf_append(r, t->data, len) == CX_BUF_OK && cx_buf_putc(r, '\n') == CX_BUF_OK;
        p->last_kind = kind;
    }
    if (len && !p->removed_lost)
        p->last_item = len;
    return ok;
}

int cx_paras_flush(cx_paras *p)
{
    if (p->cur.len == 0)
        return 1;
    int ok = cx_paras_add(p, p->cur.data, p->cur.len);
    cx_buf_reset(&p->cur);
    return ok;
}
