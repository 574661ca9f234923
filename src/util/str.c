/*
 * str.c: ASCII helpers (see str.h).
 */
#include "util/str.h"

int cx_ascii_ncaseeq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cx_lower(a[i]) != cx_lower(b[i]))
            return 0;
    return 1;
}

int cx_span_caseeq(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    return k == n && cx_ascii_ncaseeq(s, word, n);
}

int cx_span_endswith(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return k <= n && cx_ascii_ncaseeq(s + n - k, suffix, k);
}

const char *cx_trim(const char *s, size_t *n)
{
    size_t len = *n;
    while (len && cx_is_space(*s)) {
        s++;
        len--;
    }
    while (len && cx_is_space(s[len - 1]))
        len--;
    *n = len;
    return s;
}

const char *cx_memcasemem(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (k == 0)
        return s;
    if (k > n)
        return NULL;
    char first = cx_lower(needle[0]);
    if (!cx_is_alpha(first)) {
        /* A non-letter first byte has one case: let memchr find the candidates. */
        const char *p = s, *end = s + n - k + 1;
        while (p < end && (p = memchr(p, first, (size_t)(end - p))) != NULL) {
            if (cx_ascii_ncaseeq(p + 1, needle + 1, k - 1))
                return p;
            p++;
        }
        return NULL;
    }
    for (size_t i = 0; i + k <= n; i++)
        if (cx_lower(s[i]) == first && cx_ascii_ncaseeq(s + i, needle, k))
            return s + i;
    return NULL;
}
