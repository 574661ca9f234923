/*
 * groups.c: the same utterance across the articles of a story.
 *
 * Forty outlets quote the mayor; each trims, reorders or rewords a little,
 * and a scraper may have stripped the marks. A quote group gathers the
 * variants of one utterance, one per article: two quotes join when most of
 * the words of the shorter one are in the longer one (containment, so a
 * partial quote joins the full one) and their speakers do not contradict
 * each other. Groups are single-link (union-find): a trimmed variant can
 * bridge two longer ones. Only groups seen in two articles or more are kept:
 * a quote of one article is in that article's quotes[].
 *
 * Words are compared as 32-bit hashes of the quote's norm (case-folded
 * words), dropping words under three letters, which are mostly function words.
 */
#include "core/storyview.h"
#include "quotes/quotes.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define MIN_WORDS 3          /* shorter quotes are too common to group */
#define JOIN_CONTAINMENT 0.6 /* share of the shorter quote's words in the other */
#define MAX_PAIRWISE 4000    /* above this many quotes, only same-speaker pairs are compared */

typedef struct item {
    uint32_t member, quote;
    uint32_t *words; /* sorted, distinct */
    uint32_t n_words;
    const char *speaker;
} item;

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

/* The norm's distinct word hashes, sorted; 0 words when none qualify. */
static uint32_t *words_of(cx_arena *ar, const char *norm, uint32_t *n)
{
    *n = 0;
    size_t cap = 1;
    for (const char *p = norm; *p; p++)
        cap += *p == ' ';
    uint32_t *w = cx_arena_alloc(ar, cap * sizeof *w);
    if (!w)
        return NULL;
    for (const char *p = norm; *p;) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l >= 3)
            w[(*n)++] = (uint32_t)XXH3_64bits(p, l);
        p += l + (e != NULL);
    }
    qsort(w, *n, sizeof *w, cmp_u32);
    uint32_t k = 0;
    for (uint32_t i = 0; i < *n; i++)
        if (!k || w[k - 1] != w[i])
            w[k++] = w[i];
    *n = k;
    return w;
}

static uint32_t shared(const item *a, const item *b)
{
    uint32_t i = 0, j = 0, s = 0;
    while (i < a->n_words && j < b->n_words) {
        if (a->words[i] < b->words[j])
            i++;
        else if (a->words[i] > b->words[j])
            j++;
        else
            s++, i++, j++;
    }
    return s;
}

/* Whether one name may be the other: equal, or one is the last word of the
 * other ("Brannagh" and "Ilse Brannagh"). An unknown speaker fits any. */
static int same_speaker(const char *a, const char *b)
{
    if (!a || !b || !strcmp(a, b))
        return 1;
    size_t la = strlen(a), lb = strlen(b);
    const char *lng = la > lb ? a : b, *sht = la > lb ? b : a;
    size_t ll = la > lb ? la : lb, ls = la > lb ? lb : la;
    return ls < ll && lng[ll - ls - 1] == ' ' && !strcmp(lng + ll - ls, sht);
}

static uint32_t find(uint32_t *up, uint32_t x)
{
    while (up[x] != x)
        x = up[x] = up[up[x]];
    return x;
}

static int joins(const item *a, const item *b)
{
    if (a->member == b->member || !same_speaker(a->speaker, b->speaker))
        return 0;
    uint32_t lo = a->n_words < b->n_words ? a->n_words : b->n_words;
    return shared(a, b) >= JOIN_CONTAINMENT * lo;
}

cx_quote_groups *cx_quote_groups_build(cx_arena *ar, const cx_story_view *v)
{
    cx_quote_groups *out = cx_arena_calloc(ar, 1, sizeof *out);
    if (!out)
        return NULL;
    size_t n = 0;
    for (size_t m = 0; m < v->n_members; m++)
        n += v->members[m].a->quotes ? v->members[m].a->quotes->n_quotes : 0;
    if (n < 2)
        return out;
    item *it = cx_malloc(n * sizeof *it);
    uint32_t *up = cx_malloc(n * sizeof *up);
    if (!it || !up) {
        cx_free(it);
        cx_free(up);
        return NULL;
    }
    size_t k = 0;
    int ok = 1;
    for (size_t m = 0; ok && m < v->n_members; m++) {
        const cx_quotes *q = v->members[m].a->quotes;
        for (size_t i = 0; ok && q && i < q->n_quotes; i++) {
            item x = {(uint32_t)m, (uint32_t)i, NULL, 0, q->quotes[i].speaker};
            ok = (x.words = words_of(ar, q->quotes[i].norm ? q->quotes[i].norm : "", &x.n_words)) != NULL;
            if (ok && x.n_words >= MIN_WORDS) {
                up[k] = (uint32_t)k;
                it[k++] = x;
            }
        }
    }
    for (size_t i = 0; ok && i < k; i++)
        for (size_t j = i + 1; j < k; j++) {
            if (k > MAX_PAIRWISE && (!it[i].speaker || !it[j].speaker))
                continue;
            if (joins(&it[i], &it[j])) {
                uint32_t a = find(up, (uint32_t)i), b = find(up, (uint32_t)j);
                if (a != b)
                    up[a > b ? a : b] = a < b ? a : b;
            }
        }
    /* groups in order of their first quote; one variant per article (the
     * first), kept when two articles or more carry it */
    uint32_t *size = ok ? cx_calloc(k ? k : 1, sizeof *size) : NULL;
    ok = ok && size;
    for (size_t i = 0; ok && i < k; i++)
        size[find(up, (uint32_t)i)]++;
    for (size_t r = 0; ok && r < k; r++) {
        if (find(up, (uint32_t)r) != r || size[r] < 2)
            continue;
        cx_quote_variant *var = cx_arena_alloc(ar, size[r] * sizeof *var);
        ok = var != NULL;
        uint32_t nv = 0, last_member = UINT32_MAX;
        for (size_t i = r; ok && i < k; i++)
            if (find(up, (uint32_t)i) == r && it[i].member != last_member) {
                var[nv++] = (cx_quote_variant){it[i].member, it[i].quote};
                last_member = it[i].member;
            }
        if (!ok || nv < 2)
            continue;
        cx_quote_group *g = cx_arena_alloc(ar, (out->n + 1) * sizeof *g);
        if (!(ok = g != NULL))
            break;
        if (out->n)
            memcpy(g, out->groups, out->n * sizeof *g);
        out->groups = g;
        cx_quote_group *ng = &g[out->n++];
        memset(ng, 0, sizeof *ng);
        ng->variants = var;
        ng->n_variants = nv;
        /* the speaker most variants name, and the wording most share (the
         * earliest on a tie: variants are in publication order) */
        uint32_t best_sp = 0, best_tx = 0;
        for (uint32_t a = 0; a < nv; a++) {
            const cx_quote *qa = &v->members[var[a].member].a->quotes->quotes[var[a].quote];
            uint32_t sp = 0, tx = 0;
            for (uint32_t b = 0; b < nv; b++) {
                const cx_quote *qb = &v->members[var[b].member].a->quotes->quotes[var[b].quote];
                sp += qa->speaker && qb->speaker && !strcmp(qa->speaker, qb->speaker);
                tx += qa->norm && qb->norm && !strcmp(qa->norm, qb->norm);
            }
            if (qa->speaker && sp > best_sp)
                best_sp = sp, ng->speaker = qa->speaker;
            if (tx > best_tx)
                best_tx = tx, ng->text_variant = a;
        }
    }
    cx_free(size);
    cx_free(it);
    cx_free(up);
    return ok ? out : NULL;
}

char *cx_quote_text(cx_arena *ar, const char *body, const cx_quote *q)
{
    size_t n = 1;
    for (uint32_t k = 0; k < q->n_parts; k++)
        n += q->parts[k].end - q->parts[k].start + 1;
    char *t = cx_arena_alloc(ar, n);
    if (!t)
        return NULL;
    size_t w = 0;
    for (uint32_t k = 0; k < q->n_parts; k++) {
        if (k)
            t[w++] = ' ';
        memcpy(t + w, body + q->parts[k].start, q->parts[k].end - q->parts[k].start);
        w += q->parts[k].end - q->parts[k].start;
    }
    t[w] = '\0';
    return t;
}
