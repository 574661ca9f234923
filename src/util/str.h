/*
 * str.h: small ASCII and span helpers, locale-free (the C library's ctype
 * functions depend on the locale and take int; these take char).
 */
#ifndef CX_STR_H
#define CX_STR_H
#include <stddef.h>
#include <string.h>

static inline int cx_is_digit(char c) { return c >= '0' && c <= '9'; }
static inline int cx_is_alpha(char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static inline int cx_is_alnum(char c) { return cx_is_digit(c) || cx_is_alpha(c); }
static inline int cx_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static inline char cx_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c | 32) : c; }

/* Case-insensitive ASCII comparison of the first n bytes. */
int cx_ascii_ncaseeq(const char *a, const char *b, size_t n);
/* 1 when s[0..n) equals the NUL-terminated word, ignoring ASCII case. */
int cx_span_caseeq(const char *s, size_t n, const char *word);
/* 1 when s[0..n) ends with suffix, ignoring ASCII case. */
int cx_span_endswith(const char *s, size_t n, const char *suffix);
/* Trims ASCII space on both sides of s[0..*n); returns the new start. */
const char *cx_trim(const char *s, size_t *n);
/* Case-insensitive search of needle in s[0..n); NULL when absent. */
const char *cx_memcasemem(const char *s, size_t n, const char *needle);

#endif
