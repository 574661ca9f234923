/*
 * terms.h: content terms of a span of text, for comparing sentences.
 *
 * In:  the text layer and a token range (a sentence, a clause, a title's
 *      own tokens).
 * Out: the span's content terms as 64-bit hashes: words case-folded (ASCII),
 *      lightly stemmed (plural and -ed/-ing endings dropped), English stop
 *      words left out, number words up to twenty written as digits ("twelve"
 *      and "12" are one term). Sorted and deduplicated when asked.
 *
 * The story-level stages (timeline merging, brief) compare many sentence
 * pairs per story; a Snowball stem per word would cost more than the whole
 * comparison, so this folding is deliberately cheap and approximate. Words
 * that are not ASCII keep their bytes (no folding).
 */
#ifndef CX_TERMS_H
#define CX_TERMS_H
#include <stddef.h>
#include <stdint.h>

#include "text/text.h"

/* Terms of tokens [tb, te) of t appended to out (at most cap); tokens whose
 * bytes fall inside [skip_s, skip_e) are left out (pass 0, 0 for none).
 * Returns how many were written. */
size_t cx_terms_span(const cx_text *t, uint32_t tb, uint32_t te, uint32_t skip_s, uint32_t skip_e,
                     uint64_t *out, size_t cap);

/* Terms of a plain string (a title): tokenised on letters and digits. */
size_t cx_terms_string(const char *s, uint64_t *out, size_t cap);

/* Sorts h[0..n) and drops duplicates; returns the new length. */
size_t cx_terms_unique(uint64_t *h, size_t n);

/* Number of values common to two sorted, deduplicated arrays. */
size_t cx_terms_common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

/* 1 when w[0..n) (ASCII, any case) is an English stop word. */
int cx_terms_stop(const char *w, size_t n);

#endif
