/*
 * utf8.c: UTF-8 validation and repair (see utf8.h).
 */
#include "util/utf8.h"

#include <string.h>

size_t cx_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t cx_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length of the maximal subpart of an ill-formed sequence at s: the bytes a
 * decoder consumes before it knows the sequence is bad (at least 1). */
static size_t invalid_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 1;
    size_t i = 1;
    if (i < n && s[i] >= lo && s[i] <= hi) {
        i++;
        while (i < len && i < n && (s[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* Scans s for the next problem (invalid sequence or NUL). Returns its offset
 * (n when none) and its length in *bad. Plain ASCII runs are skipped fast. */
static size_t next_problem(const unsigned char *s, size_t n, size_t *bad)
{
    size_t i = 0;
    while (i < n) {
        /* Eight ASCII bytes at a time: no high bit set and no zero byte. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w & 0x8080808080808080ull) || ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned c = s[i];
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        if (c == 0) {
            *bad = 1;
            return i;
        }
        uint32_t cp;
        size_t k = cx_utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            *bad = invalid_len(s + i, n - i);
            return i;
        }
        i += k;
    }
    *bad = 0;
    return n;
}

size_t cx_utf8_count_invalid(const char *s, size_t n, size_t *first)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t count = 0, pos = 0, bad;
    while (pos < n) {
        size_t at = pos + next_problem(u + pos, n - pos, &bad);
        if (at >= n)
            break;
        if (count == 0 && first)
            *first = at;
        count++;
        pos = at + bad;
    }
    return count;
}

size_t cx_utf8_repair(const char *s, size_t n, cx_buf *out)
{
    static const char repl[3] = {(char)0xEF, (char)0xBF, (char)0xBD};
    const unsigned char *u = (const unsigned char *)s;
    size_t count = 0, pos = 0, bad;
    while (pos < n) {
        size_t run = next_problem(u + pos, n - pos, &bad);
        if (cx_buf_append(out, s + pos, run) != CX_BUF_OK)
            return (size_t)-1;
        pos += run;
        if (pos >= n)
            break;
        if (cx_buf_append(out, repl, 3) != CX_BUF_OK)
            return (size_t)-1;
        count++;
        pos += bad;
    }
    return count;
}

int cx_looks_binary(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t m = n < 4096 ? n : 4096, ctrl = 0, nul = 0;
    for (size_t i = 0; i < m; i++) {
        if (u[i] == 0)
            nul++;
        else if (u[i] < 0x20 && u[i] != '\n' && u[i] != '\r' && u[i] != '\t' && u[i] != '\f')
            ctrl++;
    }
    if (m == 0)
        return 0;
    /* Text has essentially no NULs and very few control bytes; a few stray
     * ones are repaired, a page of them is not text. */
    return nul * 100 > m || (nul + ctrl) * 20 > m;
}
