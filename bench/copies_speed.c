/*
 * copies_speed.c: the copies stage measured on its own (bench/copies.sh runs it).
 *
 *   copies_speed stream N BASES.jsonl...   N articles replayed from the bases'
 *       texts: fingerprint + index lookup + comparison per article, the rate of
 *       each 100,000, index memory per article and peak RSS.
 *   copies_speed file N TEXTS.jsonl...      the same on the first N texts as
 *       given (to compare with a peer on one input).
 *   copies_speed exact N BASES.jsonl...    exact Jaccard over all pairs of the
 *       first N texts (prefix filtering, so nothing is missed), then the share
 *       of the pairs with J >= 0.8 that the index returns as candidates and
 *       that are classified as copies: the recall of the sketch and its keys.
 *
 * The replayed stream: each article is 8 to 30 sentences drawn at random from
 * all the bases' sentences, in paragraphs of three, with 40% of the words
 * replaced by words drawn from the whole pool: a few hundred thousand real
 * sentences replayed into a million articles would otherwise share long runs
 * of words far more often than real news does (a sentence would recur in
 * about a hundred articles); with 40% of the words replaced a run of five
 * survives 8% of the time, so articles share a shingle now and then, as real
 * news does, without being copies. One article in ten is instead a light edit
 * (2% of words) of an article emitted shortly before: a copy to find.
 * The text layer (tokens, sentences) is timed apart: it belongs to every later
 * stage, not to the copies stage alone. Each step is timed over batches of
 * 16 articles (see BATCH).
 */
#include "rng.h"
#include "core/article.h"
#include "dedup/dedup.h"
#include "text/text.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine may be shared */
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void) { return xorshift64(&rng_state); }

typedef struct { char **v; size_t n, cap; } strvec;

static void push(strvec *s, char *x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v) {
            fprintf(stderr, "copies_speed: out of memory\n");
            exit(2);
        }
    }
    s->v[s->n++] = x;
}

/* The "text" (or "body") of each JSON line of each file. */
static void load(strvec *texts, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "copies_speed: cannot open %s\n", path);
        exit(2);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        json_t *o = json_loadb(line, (size_t)n, 0, NULL);
        const char *t = json_string_value(json_object_get(o, "text"));
        if (!t)
            t = json_string_value(json_object_get(o, "body"));
        if (t && strlen(t) > 200) {
            char *c = strdup(t);
            if (c)
                push(texts, c);
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
}

/* Words of all texts (pointers into them), for substitutions. */
static strvec pool;
static size_t *pool_len;

static void build_pool(const strvec *texts)
{
    size_t cap = 0, seen = 0;
    for (size_t i = 0; i < texts->n; i++)
        for (char *p = texts->v[i]; *p;) {
            while (*p == ' ' || *p == '\n')
                p++;
            char *w = p;
            while (*p && *p != ' ' && *p != '\n')
                p++;
            if (p == w || seen++ % 7)
                continue; /* one word in seven is sample enough */
            if (pool.n == cap) {
                cap = cap ? cap * 2 : 4096;
                pool_len = realloc(pool_len, cap * sizeof *pool_len);
                if (!pool_len)
                    exit(2);
            }
            push(&pool, w);
            pool_len[pool.n - 1] = (size_t)(p - w);
        }
}

/* Sentences of all texts (copies), for composing articles. */
static strvec sentences;

static void build_sentences(const strvec *texts)
{
    for (size_t i = 0; i < texts->n; i++) {
        const char *p = texts->v[i];
        while (*p) {
            while (*p == ' ' || *p == '\n')
                p++;
            const char *b = p;
            while (*p && *p != '\n' && !((*p == '.' || *p == '?' || *p == '!') && p[1] == ' '))
                p++;
            if (*p && *p != '\n')
                p++;
            if (p - b > 40) {
                char *c = strndup(b, (size_t)(p - b));
                if (c)
                    push(&sentences, c);
            }
        }
    }
}

/* A new article of random sentences into out. */
static void compose(char *out, size_t cap)
{
    size_t k = 0, n = 8 + rnd() % 23;
    for (size_t i = 0; i < n && sentences.n; i++) {
        const char *sn = sentences.v[rnd() % sentences.n];
        size_t len = strlen(sn);
        if (k + len + 4 >= cap)
            break;
        if (i)
            out[k++] = i % 3 == 0 ? '\n' : ' ';
        if (i && i % 3 == 0)
            out[k++] = '\n';
        memcpy(out + k, sn, len);
        k += len;
    }
    out[k] = '\0';
}

/* src with each word replaced with probability rate/1000 by a pool word. */
static size_t edit(const char *src, unsigned rate, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = src; *p && k + 64 < cap;) {
        if (*p == ' ' || *p == '\n') {
            out[k++] = *p++;
            continue;
        }
        const char *w = p;
        while (*p && *p != ' ' && *p != '\n')
            p++;
        size_t n = (size_t)(p - w);
        if (rnd() % 1000 < rate && pool.n) {
            size_t j = rnd() % pool.n;
            w = pool.v[j];
            n = pool_len[j];
        }
        if (k + n + 64 >= cap)
            break;
        memcpy(out + k, w, n);
        k += n;
    }
    out[k] = '\0';
    return k;
}

static cx_article *make(const char *text, size_t n, double *t_text, double *t_fp)
{
    cx_article *a = cx_article_new();
    if (!a)
        return NULL;
    a->body = cx_arena_strndup(&a->arena, text, n);
    a->body_len = n;
    double t0 = now();
    a->text = cx_text_analyze(&a->arena, a->body, a->body_len);
    double t1 = now();
    a->fp = cx_arena_alloc(&a->arena, sizeof *a->fp);
    if (!a->text || !a->fp || !cx_fingerprint_make(a, a->fp)) {
        cx_article_free(a);
        return NULL;
    }
    *t_text += t1 - t0;
    *t_fp += now() - t1;
    return a;
}

/* Articles are handled in batches of BATCH, each step timed over the whole
 * batch: reading the process CPU clock costs about 0.7 us here (a system
 * call), which timed around every article would add 1.4 us to each article's
 * fingerprint + lookup (7% of it) without being work of the stage. The order
 * of the work is unchanged: each article is looked up, compared and added
 * before the next one is looked up (a fingerprint does not read the index).
 * A batch is small enough that its texts and text layers (about 8 KB an
 * article) stay in the second-level cache, as one article's would between
 * its text layer and its fingerprint. */
#define BATCH 16

static int stream(size_t total, const strvec *texts, int as_given)
{
    if (as_given && total > texts->n)
        total = texts->n;
    build_pool(texts);
    build_sentences(texts);
    cx_copy_index *ix = cx_copy_index_new(131072) /* the library default */;
    size_t cap = 1 << 22;
    char *buf = malloc(cap), *base = malloc(cap);
    /* the last 64 emitted texts, to copy from */
    char *recent[64] = {0};
    cx_article *batch[BATCH];
    uint16_t pairs[CX_MAX_SENTS][2];
    double t_text = 0, t_fp = 0, t_look = 0, t_start = now();
    double fp_look_last = 0;
    size_t found = 0, planted = 0, chars = 0;
    if (!ix || !buf)
        return 2;
    printf("%10s %12s %14s %14s %12s %10s\n", "articles", "all/s", "fp+lookup/s", "(last 100k)",
           "index B/art", "RSS MB");
    for (size_t i0 = 0; i0 < total; i0 += BATCH) {
        size_t nb = total - i0 < BATCH ? total - i0 : BATCH;
        /* the batch's texts (not timed) */
        for (size_t b = 0; b < nb; b++) {
            size_t i = i0 + b, n;
            int copy = !as_given && i >= 64 && rnd() % 10 == 0;
            if (as_given) {
                n = strlen(texts->v[i]);
                if (n + 1 > cap)
                    n = cap - 1;
                memcpy(buf, texts->v[i], n);
                buf[n] = '\0';
            } else if (copy) {
                n = edit(recent[rnd() % 64], 20, buf, cap);
                planted++;
            } else {
                compose(base, cap);
                n = edit(base, 400, buf, cap);
            }
            chars += n;
            free(recent[i % 64]);
            recent[i % 64] = strdup(buf);
            cx_article *a = cx_article_new();
            if (!a || !(a->body = cx_arena_strndup(&a->arena, buf, n)))
                return 2;
            a->body_len = n;
            batch[b] = a;
        }
        /* the text layer (timed apart: it serves every stage) */
        double t0 = now();
        for (size_t b = 0; b < nb; b++)
            if (!(batch[b]->text = cx_text_analyze(&batch[b]->arena, batch[b]->body, batch[b]->body_len)))
                return 2;
        double t1 = now();
        /* fingerprints */
        for (size_t b = 0; b < nb; b++) {
            cx_article *a = batch[b];
            if (!(a->fp = cx_arena_alloc(&a->arena, sizeof *a->fp)) || !cx_fingerprint_make(a, a->fp))
                return 2;
        }
        double t2 = now();
        /* lookup, comparison and insertion, article by article */
        for (size_t b = 0; b < nb; b++) {
            cx_article *a = batch[b];
            cx_candidate c[64];
            size_t nc = cx_copy_index_candidates(ix, a->fp, c, 64);
            int hit = 0;
            for (size_t k = 0; k < nc; k++) {
                cx_copy_match m = {.pairs = pairs, .no_rewrite = c[k].shared_pairs < CX_REWRITE_MIN_PAIRS};
                cx_copy_classify(a->fp, c[k].fp, &m);
                if (m.kind != CX_COPY_NONE && ++hit == 4)
                    break;
            }
            found += hit > 0;
            if (!cx_copy_index_add(ix, (int64_t)(i0 + b) + 1, a->fp))
                return 2;
        }
        double t3 = now();
        t_text += t1 - t0;
        t_fp += t2 - t1;
        t_look += t3 - t2;
        for (size_t b = 0; b < nb; b++)
            cx_article_free(batch[b]);
        size_t done = i0 + nb;
        if (done % 100000 == 0 || done == total) {
            double fl = t_fp + t_look, tn = now();
            size_t step = done % 100000 ? done % 100000 : 100000;
            printf("%10zu %12.0f %14.0f %14.0f %12.0f %10.1f\n", done, (double)done / (tn - t_start),
                   (double)done / fl, (double)step / (fl - fp_look_last),
                   (double)cx_copy_index_bytes(ix) / (double)cx_copy_index_count(ix), peak_rss_kb() / 1024.0);
            fflush(stdout);
            fp_look_last = fl;
        }
    }
    printf("summary: articles %zu, mean %.0f chars; text layer %.0f/s; fingerprint %.0f/s; "
           "lookup+compare+add %.0f/s; fingerprint+lookup %.0f/s; planted copies %zu, articles "
           "with a relation found %zu; index %zu articles, %.0f bytes each; peak RSS %.1f MB\n",
           total, (double)chars / (double)total, (double)total / t_text, (double)total / t_fp,
           (double)total / t_look, (double)total / (t_fp + t_look), planted, found,
           cx_copy_index_count(ix), (double)cx_copy_index_bytes(ix) / (double)cx_copy_index_count(ix),
           peak_rss_kb() / 1024.0);
    for (int k = 0; k < 64; k++)
        free(recent[k]);
    free(buf);
    free(base);
    for (size_t k = 0; k < sentences.n; k++)
        free(sentences.v[k]);
    free(sentences.v);
    cx_copy_index_free(ix);
    return 0;
}

/* ---- exact Jaccard reference ---- */

typedef struct { uint64_t *h; size_t n; } hset;

static int cmp64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The article's distinct non-quoted 5-gram hashes: the same shingles the
 * fingerprint samples (recomputed here through the bottom-k with k = all). */
static hset shingles_of(cx_article *a);

static double jaccard(const hset *x, const hset *y)
{
    size_t i = 0, j = 0, both = 0;
    while (i < x->n && j < y->n) {
        if (x->h[i] == y->h[j])
            both++, i++, j++;
        else if (x->h[i] < y->h[j])
            i++;
        else
            j++;
    }
    size_t u = x->n + y->n - both;
    return u ? (double)both / (double)u : 0;
}

typedef struct { uint64_t h; uint32_t freq; } hf;
static int cmp_hf(const void *a, const void *b)
{
    const hf *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return 0;
}

static uint32_t freq_of(const hf *tab, size_t n, uint64_t h)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (tab[mid].h < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && tab[lo].h == h ? tab[lo].freq : 0;
}

static const hf *g_tab;
static size_t g_ntab;
static int by_freq(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    uint32_t fx = freq_of(g_tab, g_ntab, x), fy = freq_of(g_tab, g_ntab, y);
    if (fx != fy)
        return fx < fy ? -1 : 1;
    return (x > y) - (x < y);
}

typedef struct { uint64_t h; uint32_t doc; } posting;
static int cmp_posting(const void *a, const void *b)
{
    const posting *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return (x->doc > y->doc) - (x->doc < y->doc);
}

/* The earlier documents sharing a prefix token with document i (prefix
 * filtering for J >= t): appended to touched, each once (marked with mark in
 * seen); returns how many. */
static size_t partners(const hset *set, uint32_t i, const posting *post, size_t np, double t, uint8_t *seen,
                       uint8_t mark, uint32_t *touched)
{
    size_t nt = 0, s = set->n, need = (size_t)((double)s * t + 0.999999);
    size_t pre = s ? s - need + 1 : 0;
    uint64_t *ord = malloc((s + 1) * sizeof *ord);
    if (!ord)
        exit(2);
    memcpy(ord, set->h, s * sizeof *ord);
    qsort(ord, s, sizeof *ord, by_freq);
    for (size_t j = 0; j < pre && j < s; j++) {
        posting key = {ord[j], 0};
        size_t lo = 0, hi = np;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (cmp_posting(&post[mid], &key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t q = lo; q < np && post[q].h == ord[j]; q++) {
            uint32_t d = post[q].doc;
            if (d < i && !(seen[d] & mark)) {
                seen[d] |= mark;
                touched[nt++] = d;
            }
        }
    }
    free(ord);
    return nt;
}

static int exact(size_t n, const strvec *texts)
{
    if (n > texts->n)
        n = texts->n;
    const double t = 0.5;
    hset *sets = calloc(n, sizeof *sets);
    cx_fingerprint *fps = calloc(n, sizeof *fps);
    cx_article **arts = calloc(n, sizeof *arts);
    double tt = 0, tf = 0, t0 = now();
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        arts[i] = make(texts->v[i], strlen(texts->v[i]), &tt, &tf);
        if (!arts[i])
            return 2;
        sets[i] = shingles_of(arts[i]);
        fps[i] = *arts[i]->fp;
        total += sets[i].n;
    }
    /* global shingle frequencies */
    hf *tab = malloc((total + 1) * sizeof *tab);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < sets[i].n; j++)
            tab[k++] = (hf){sets[i].h[j], 1};
    qsort(tab, k, sizeof *tab, cmp_hf);
    size_t m = 0;
    for (size_t i = 0; i < k; i++) {
        if (m && tab[m - 1].h == tab[i].h)
            tab[m - 1].freq++;
        else
            tab[m++] = tab[i];
    }
    g_tab = tab;
    g_ntab = m;
    /* prefix filtering: for J >= t two sets share a token among the first
     * |S| - ceil(t |S|) + 1 of each, ordered rarest first */
    posting *post = malloc((total + 1) * sizeof *post);
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t *ord = malloc((sets[i].n + 1) * sizeof *ord);
        memcpy(ord, sets[i].h, sets[i].n * sizeof *ord);
        qsort(ord, sets[i].n, sizeof *ord, by_freq);
        size_t s = sets[i].n, need = (size_t)((double)s * t + 0.999999);
        size_t pre = s ? s - need + 1 : 0;
        for (size_t j = 0; j < pre && j < s; j++)
            post[np++] = (posting){ord[j], (uint32_t)i};
        free(ord);
    }
    qsort(post, np, sizeof *post, cmp_posting);
    /* candidate pairs, verified exactly, each once */
    size_t pairs08 = 0, pairs05 = 0, cand_hit = 0, class_hit = 0, verified = 0;
    uint8_t *seen = calloc(n, 1);
    uint32_t *touched = malloc(n * sizeof *touched);
    for (size_t i = 0; i < n; i++) {
        size_t nt = partners(&sets[i], (uint32_t)i, post, np, t, seen, 1, touched);
        for (size_t q = 0; q < nt; q++) {
            uint32_t d = touched[q];
            seen[d] = 0;
            verified++;
            double jv = jaccard(&sets[i], &sets[d]);
            if (jv < t)
                continue;
            pairs05++;
            if (jv >= 0.8)
                pairs08++;
        }
    }
    /* now the index, in stream order: does article i find each earlier d with J >= 0.8? */
    cx_copy_index *ix = cx_copy_index_new(131072) /* the library default */;
    uint16_t pr[CX_MAX_SENTS][2];
    for (size_t i = 0; i < n; i++) {
        cx_candidate c[64];
        size_t nc = cx_copy_index_candidates(ix, &fps[i], c, 64);
        /* the J >= 0.8 partners of i among earlier docs, checked against c[] */
        for (size_t d = 0; d < i; d++)
            seen[d] = 0;
        for (size_t q = 0; q < nc; q++) {
            cx_copy_match mm = {.pairs = pr, .no_rewrite = c[q].shared_pairs < CX_REWRITE_MIN_PAIRS};
            cx_copy_classify(&fps[i], c[q].fp, &mm);
            seen[c[q].seq - 1] = mm.kind != CX_COPY_NONE ? 2 : 1;
        }
        /* exact partners again, through the prefix index */
        size_t nt = partners(&sets[i], (uint32_t)i, post, np, t, seen, 4, touched);
        for (size_t q = 0; q < nt; q++) {
            uint32_t d = touched[q];
            if (jaccard(&sets[i], &sets[d]) >= 0.8) {
                cand_hit += (seen[d] & 3) != 0;
                class_hit += (seen[d] & 3) == 2;
            }
        }
        cx_copy_index_add(ix, (int64_t)i + 1, &fps[i]);
    }
    printf("exact: %zu texts, %zu candidate pairs verified, %zu pairs with J >= 0.5, %zu with J >= 0.8 "
           "(%.1f s)\n", n, verified, pairs05, pairs08, now() - t0);
    printf("recall at J >= 0.8: candidates %.4f (%zu/%zu), classified as copies %.4f (%zu/%zu)\n",
           pairs08 ? (double)cand_hit / (double)pairs08 : 1.0, cand_hit, pairs08,
           pairs08 ? (double)class_hit / (double)pairs08 : 1.0, class_hit, pairs08);
    cx_copy_index_free(ix);
    for (size_t i = 0; i < n; i++) {
        free(sets[i].h);
        cx_article_free(arts[i]);
    }
    free(sets);
    free(fps);
    free(arts);
    free(tab);
    free(post);
    free(seen);
    free(touched);
    return 0;
}

/* Shingles recomputed as the fingerprint does (words folded, quotes left
 * out, within paragraphs), hashed the same way through a fingerprint of
 * each word window: kept simple by re-running the tokens. */
#include <xxhash.h>
#include "text/text.h"
static uint64_t rotl64(uint64_t x, unsigned r) { return (x << r) | (x >> (64 - r)); }
static uint64_t mix5(const uint64_t *g)
{
    uint64_t k = g[0] ^ rotl64(g[1], 13) ^ rotl64(g[2], 26) ^ rotl64(g[3], 39) ^ rotl64(g[4], 52);
    k = (k ^ (k >> 32)) * 0xD6E8FEB86659FD93ull;
    return k ^ (k >> 32);
}

static hset shingles_of(cx_article *a)
{
    hset s = {malloc((a->text->n_toks + 1) * sizeof(uint64_t)), 0};
    const cx_text *t = a->text;
    for (size_t p = 0; p < t->n_paras; p++) {
        int depth = 0;
        uint64_t win[5];
        size_t have = 0;
        size_t tb = t->paras[p].sent_begin < t->n_sents ? t->sents[t->paras[p].sent_begin].tok_begin : 0;
        size_t te = t->paras[p].sent_end > 0 && t->paras[p].sent_end <= t->n_sents
                        ? t->sents[t->paras[p].sent_end - 1].tok_end : 0;
        for (size_t k = tb; k < te; k++) {
            const cx_token *tk = &t->toks[k];
            if (tk->kind == CX_TOK_QUOTE) {
                if (tk->flags & CX_TF_APOS)
                    continue;
                depth = tk->quote == CX_Q_OPEN ? 1 : tk->quote == CX_Q_CLOSE ? 0 : !depth;
                have = 0;
                continue;
            }
            if (tk->kind != CX_TOK_WORD && tk->kind != CX_TOK_NUMBER)
                continue;
            if (depth)
                continue;
            uint64_t w = cx_word_hash(t->s + tk->start, tk->end - tk->start);
            if (have < 5)
                win[have++] = w;
            else {
                memmove(win, win + 1, 4 * sizeof *win);
                win[4] = w;
            }
            if (have == 5) /* as dedup.c mixes them */
                s.h[s.n++] = mix5(win);
        }
    }
    qsort(s.h, s.n, sizeof *s.h, cmp64);
    size_t u = 0;
    for (size_t i = 0; i < s.n; i++)
        if (!u || s.h[i] != s.h[u - 1])
            s.h[u++] = s.h[i];
    s.n = u;
    return s;
}

int main(int argc, char **argv)
{
    if (argc < 4 || (strcmp(argv[1], "stream") && strcmp(argv[1], "exact") && strcmp(argv[1], "file"))) {
        fprintf(stderr, "usage: copies_speed stream|file|exact N BASES.jsonl...\n"
                        "  stream: N replayed articles through fingerprint + lookup, rates and memory\n"
                        "  file:   the first N texts as given (no replay), the same figures\n"
                        "  exact:  exact Jaccard over all pairs of the first N texts, and the index's recall\n");
        return 2;
    }
    size_t n = (size_t)strtoull(argv[2], NULL, 10);
    strvec texts = {0};
    for (int i = 3; i < argc; i++)
        load(&texts, argv[i]);
    if (!texts.n) {
        fprintf(stderr, "copies_speed: no texts over 200 characters in the inputs\n");
        return 2;
    }
    int rc = !strcmp(argv[1], "exact") ? exact(n, &texts) : stream(n, &texts, !strcmp(argv[1], "file"));
    for (size_t i = 0; i < texts.n; i++)
        free(texts.v[i]);
    free(texts.v);
    free(pool.v);
    free(pool_len);
    return rc;
}
