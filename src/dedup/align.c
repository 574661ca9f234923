/*
 * align.c: monotone sentence alignment of two texts (see dedup.h).
 *
 * Each sentence is the set of its content words outside quotes. Two sentences
 * match when they share at least 60% of their words (Dice >= 0.6): a
 * rewritten sentence keeps its names, numbers and most of its nouns, while
 * independent reports of one event, on the samples and on ECB+, rarely say
 * the same thing in so many of the same words. The alignment is the longest
 * common subsequence under that match, so the order of facts counts: a report
 * that mentions the same things in another order aligns far less than a
 * rewrite.
 */
#include "dedup/dedup.h"
#include "util/alloc.h"

#include <string.h>

/* Dice of two sorted word sets >= 0.6. */
static int match(const uint16_t *a, size_t na, const uint16_t *b, size_t nb)
{
    size_t i = 0, j = 0, both = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            both++;
            i++;
            j++;
        } else if (a[i] < b[j]) {
            i++;
        } else {
            j++;
        }
    }
    return 10 * 2 * both >= 6 * (na + nb);
}

size_t cx_signed_sentences(const cx_fingerprint *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n_sents; i++)
        n += f->sent_off[i + 1] > f->sent_off[i];
    return n;
}

/* The signed sentences of f, as indices. */
static size_t signed_only(const cx_fingerprint *f, uint16_t *idx)
{
    size_t k = 0;
    for (size_t i = 0; i < f->n_sents && i < CX_MAX_SENTS; i++)
        if (f->sent_off[i + 1] > f->sent_off[i])
            idx[k++] = (uint16_t)i;
    return k;
}

#define WORDS(f, i) ((f)->sent_words + (f)->sent_off[i]), (size_t)((f)->sent_off[(i) + 1] - (f)->sent_off[i])

uint32_t cx_align(const cx_fingerprint *x, const cx_fingerprint *y, uint16_t (*pairs)[2])
{
    uint16_t ix[CX_MAX_SENTS], iy[CX_MAX_SENTS];
    if (!x->n_sents || !y->n_sents)
        return 0;
    size_t mx = signed_only(x, ix), my = signed_only(y, iy);
    if (!mx || !my)
        return 0;
    if (!pairs) {
        /* The count alone: two rows of the table. */
        uint16_t prev[CX_MAX_SENTS + 1], cur[CX_MAX_SENTS + 1];
        memset(prev, 0, (my + 1) * sizeof *prev);
        for (size_t i = 1; i <= mx; i++) {
            cur[0] = 0;
            for (size_t j = 1; j <= my; j++) {
                uint16_t best = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
                if (prev[j - 1] + 1 > best && match(WORDS(x, ix[i - 1]), WORDS(y, iy[j - 1])))
                    best = (uint16_t)(prev[j - 1] + 1);
                cur[j] = best;
            }
            memcpy(prev, cur, (my + 1) * sizeof *prev);
        }
        return prev[my];
    }
    /* With the pairs: the whole table, then a walk back. */
    size_t w = my + 1;
    uint16_t *L = cx_calloc((mx + 1) * w, sizeof *L);
    if (!L)
        return 0;
    for (size_t i = 1; i <= mx; i++)
        for (size_t j = 1; j <= my; j++) {
            uint16_t best = L[(i - 1) * w + j] > L[i * w + j - 1] ? L[(i - 1) * w + j] : L[i * w + j - 1];
            if (L[(i - 1) * w + j - 1] + 1 > best && match(WORDS(x, ix[i - 1]), WORDS(y, iy[j - 1])))
                best = (uint16_t)(L[(i - 1) * w + j - 1] + 1);
            L[i * w + j] = best;
        }
    uint32_t n = L[mx * w + my];
    size_t i = mx, j = my, k = n;
    while (i > 0 && j > 0 && k > 0) {
        if (L[i * w + j] == L[(i - 1) * w + j])
            i--;
        else if (L[i * w + j] == L[i * w + j - 1])
            j--;
        else {
            k--;
            pairs[k][0] = ix[i - 1];
            pairs[k][1] = iy[j - 1];
            i--;
            j--;
        }
    }
    cx_free(L);
    return n;
}
