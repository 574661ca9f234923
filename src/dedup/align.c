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
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Bits set in x (SWAR: no libgcc call when the target lacks a popcount
 * instruction). */
static inline int popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (int)((x * 0x0101010101010101ull) >> 56);
}

/* Two sentences match at Dice >= CX_SENT_DICE10 / 10 of their word sets. */
#ifndef CX_SENT_DICE10
#define CX_SENT_DICE10 5
#endif

/* Words two sets share (each set unique, at most CX_SENT_WORDS), run only for
 * the pairs the 64-bit summaries let through. With SSE2 (every x86-64) each
 * word of a is compared with eight of b at once; b is copied and padded with
 * its own first word, which changes no answer. */
static size_t shared(const uint16_t *a, size_t na, const uint16_t *b, size_t nb)
{
    size_t both = 0;
#if defined(__SSE2__)
    if (nb && nb <= CX_SENT_WORDS) {
        uint16_t bb[CX_SENT_WORDS + 8];
        size_t nc = (nb + 7) / 8;
        memcpy(bb, b, nb * sizeof *b);
        for (size_t j = nb; j < nc * 8; j++)
            bb[j] = b[0];
        __m128i v[CX_SENT_WORDS / 8 + 1];
        for (size_t c = 0; c < nc; c++)
            v[c] = _mm_loadu_si128((const __m128i *)(const void *)(bb + 8 * c));
        for (size_t i = 0; i < na; i++) {
            __m128i x = _mm_set1_epi16((short)a[i]);
            __m128i eq = _mm_cmpeq_epi16(x, v[0]);
            for (size_t c = 1; c < nc; c++)
                eq = _mm_or_si128(eq, _mm_cmpeq_epi16(x, v[c]));
            both += _mm_movemask_epi8(eq) != 0;
        }
        return both;
    }
#endif
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (a[i] == b[j]) {
                both++;
                break;
            }
    return both;
}

/* Dice of two word sets at the threshold. */
static int match(const uint16_t *a, size_t na, const uint16_t *b, size_t nb)
{
    return 20 * shared(a, na, b, nb) >= CX_SENT_DICE10 * (na + nb);
}

double cx_pairs_dice(const cx_fingerprint *x, const cx_fingerprint *y, const uint16_t (*pairs)[2], uint32_t n)
{
    double sum = 0;
    for (uint32_t k = 0; k < n; k++) {
        const uint16_t *a = x->sent_words + x->sent_off[pairs[k][0]];
        const uint16_t *b = y->sent_words + y->sent_off[pairs[k][1]];
        size_t na = (size_t)(x->sent_off[pairs[k][0] + 1] - x->sent_off[pairs[k][0]]);
        size_t nb = (size_t)(y->sent_off[pairs[k][1] + 1] - y->sent_off[pairs[k][1]]);
        size_t both = shared(a, na, b, nb);
        sum += na + nb ? 2.0 * (double)both / (double)(na + nb) : 0;
    }
    return n ? sum / n : 0;
}

size_t cx_signed_sentences(const cx_fingerprint *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n_sents; i++)
        n += f->sent_off[i + 1] > f->sent_off[i];
    return n;
}

/* The signed sentences of f, as indices, each with a 64-bit summary of its
 * words (one bit per word) and its size: two sentences whose summaries share
 * too few bits cannot match, which settles most pairs without a merge. */
static size_t signed_only(const cx_fingerprint *f, uint16_t *idx, uint64_t *bits, uint8_t *size)
{
    size_t k = 0;
    for (size_t i = 0; i < f->n_sents && i < CX_MAX_SENTS; i++) {
        size_t b = f->sent_off[i], e = f->sent_off[i + 1];
        if (e <= b)
            continue;
        uint64_t m = 0;
        for (size_t w = b; w < e; w++)
            m |= 1ull << (f->sent_words[w] & 63);
        idx[k] = (uint16_t)i;
        bits[k] = m;
        size[k] = (uint8_t)(e - b);
        k++;
    }
    return k;
}

#define WORDS(f, i) ((f)->sent_words + (f)->sent_off[i]), (size_t)((f)->sent_off[(i) + 1] - (f)->sent_off[i])
/* Sentences i of x and j of y (signed indices) match: the summary test, then
 * the merge. Shared words set shared bits, but two of them may set the same
 * one; two bits of slack keep the test from refusing a true match but for
 * rare pile-ups of three collisions. */
#define MATCH(i, j)                                                                               \
    (20 * (popcount64(bx[i] & by[j]) + 2) >= CX_SENT_DICE10 * (sx[i] + sy[j]) &&                      \
     match(WORDS(x, ix[i]), WORDS(y, iy[j])))

uint32_t cx_align(const cx_fingerprint *x, const cx_fingerprint *y, uint16_t (*pairs)[2])
{
    uint16_t ix[CX_MAX_SENTS], iy[CX_MAX_SENTS];
    uint64_t bx[CX_MAX_SENTS], by[CX_MAX_SENTS];
    uint8_t sx[CX_MAX_SENTS], sy[CX_MAX_SENTS];
    if (!x->n_sents || !y->n_sents)
        return 0;
    size_t mx = signed_only(x, ix, bx, sx), my = signed_only(y, iy, by, sy);
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
                if (prev[j - 1] + 1 > best && MATCH(i - 1, j - 1))
                    best = (uint16_t)(prev[j - 1] + 1);
                cur[j] = best;
            }
            memcpy(prev, cur, (my + 1) * sizeof *prev);
        }
        return prev[my];
    }
    /* With the pairs: the whole table, then a walk back. */
    size_t w = my + 1;
    uint16_t small[64 * 64]; /* most pairs of texts: no allocation */
    uint16_t *L = small;
    if ((mx + 1) * w > sizeof small / sizeof *small && !(L = cx_malloc((mx + 1) * w * sizeof *L)))
        return 0;
    /* only the first row and column are read before they are written */
    memset(L, 0, w * sizeof *L);
    for (size_t i = 1; i <= mx; i++)
        L[i * w] = 0;
    for (size_t i = 1; i <= mx; i++)
        for (size_t j = 1; j <= my; j++) {
            uint16_t best = L[(i - 1) * w + j] > L[i * w + j - 1] ? L[(i - 1) * w + j] : L[i * w + j - 1];
            if (L[(i - 1) * w + j - 1] + 1 > best && MATCH(i - 1, j - 1))
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
    if (L != small)
        cx_free(L);
    return n;
}
