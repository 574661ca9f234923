/*
 * normalize.c: Unicode normalisation through utf8proc.
 *
 * Bodies are stored in NFC so that the same text always has the same bytes
 * (and offsets); matching keys use NFKC with case folding. Most news text is
 * already NFC, so a quick scan skips utf8proc unless a combining mark, a
 * Hangul jamo or a character with a canonical decomposition above U+02FF shows up.
 */
#include "text/text.h"
#include "util/alloc.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <utf8proc.h>

static int needs_nfc(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = cx_utf8_decode(u + i, n - i, &cp);
        if (!k)
            return 1;
        i += k;
        if (cp < 0x300)
            continue; /* Latin-1 and Latin Extended are NFC as they stand */
        const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
        if (p->combining_class != 0 || (cp >= 0x1100 && cp <= 0x11FF) ||
            (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) || p->comp_exclusion)
            return 1;
    }
    return 0;
}

static int map_into(const char *s, size_t n, utf8proc_option_t opt, cx_buf *out)
{
    utf8proc_uint8_t *res = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &res, opt);
    if (r < 0)
        return 0;
    int ok = cx_buf_append(out, res, (size_t)r) == CX_BUF_OK;
    free(res); /* utf8proc allocates with malloc */
    return ok;
}

int cx_nfc(const char *s, size_t n, cx_buf *out)
{
    if (!needs_nfc(s, n))
        return cx_buf_append(out, s, n) == CX_BUF_OK;
    return map_into(s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE, out);
}

int cx_fold(const char *s, size_t n, cx_buf *out)
{
    int ascii = 1;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) {
            ascii = 0;
            break;
        }
    if (ascii) {
        int err;
        char *w = cx_buf_reserve(out, n, &err);
        if (!w)
            return 0;
        for (size_t i = 0; i < n; i++)
            w[i] = cx_lower(s[i]);
        cx_buf_commit(out, n);
        return 1;
    }
    return map_into(s, n, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                              UTF8PROC_CASEFOLD | UTF8PROC_IGNORE, out);
}
