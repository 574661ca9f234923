/*
 * utf8.h: UTF-8 validation, repair and decoding.
 *
 * Input text reaches the rest of chorus only as valid UTF-8 without NUL
 * bytes: cx_utf8_repair replaces each maximal invalid subsequence (overlong
 * forms, surrogates, code points past U+10FFFF, stray continuation bytes,
 * truncated sequences: the WHATWG/Unicode "maximal subpart" rule) and each
 * NUL byte with U+FFFD, and counts the replacements.
 */
#ifndef CX_UTF8_H
#define CX_UTF8_H
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is invalid or
 * truncated. *cp receives the code point. NUL counts as valid here. */
size_t cx_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Writes cp as UTF-8 into out (4 bytes room); returns its length. */
size_t cx_utf8_encode(uint32_t cp, char *out);

/* Number of invalid sequences (and NUL bytes) in s[0..n); the byte offset of
 * the first in *first (when not NULL and the count is > 0). */
size_t cx_utf8_count_invalid(const char *s, size_t n, size_t *first);

/* Appends s[0..n) to out with every invalid sequence and NUL replaced by
 * U+FFFD. Returns the number of replacements, or (size_t)-1 when out is full
 * or memory ran out. */
size_t cx_utf8_repair(const char *s, size_t n, cx_buf *out);

/* 1 when s[0..n) looks like binary data rather than text: many control
 * bytes or NULs in its first 4 KiB. */
int cx_looks_binary(const char *s, size_t n);

#endif
