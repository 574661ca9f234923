/*
 * brief.c: summary, headline and coverage matrix of a story (see brief.h).
 *
 * Steps: (1) each sentence's content terms (text/terms.h), one IDF per term
 * over the story's sentences, the sentence as a binary-TF x IDF vector;
 * (2) the cosine of every pair through an inverted index (a story has a few
 * hundred sentences: the matrix is small); (3) centrality: for each other
 * copy group, the best match of the sentence in it (independent
 * corroboration, averaged over the other groups), plus its degree (LexRank's
 * degree centrality over other articles' sentences), the cosine with the
 * centroid of the non-copy articles and a lead bonus; (4) facts: sentences
 * grouped around a leader at cosine >= CX_BRIEF_CITE; (5) maximal marginal
 * relevance picks the summary, skipping a sentence too close to one picked
 * or of a fact already stated; (6) each picked sentence cites the articles
 * with a sentence at cosine >= CX_BRIEF_CITE; (7) per outlet, facts no other
 * outlet has (its own copies aside) and facts most other outlets have.
 */
#include "brief/brief.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/terms.h"
#include "util/str.h"

#define BR_MAX_PER_ART 80    /* sentences read per article */
#define BR_MAX_SENTS 1200    /* sentences read per story (the matrix is its square) */
#define BR_MAX_TERMS 128     /* terms per sentence */
#define BR_MIN_TERMS 5       /* a summary candidate has at least this many content terms */
#define BR_MAX_CAND_TERMS 70 /* and at most this many (run-on lists, tables) */
#define BR_FACT_MIN_TERMS 3  /* shorter sentences state no fact of their own */
#define BR_COPY_SAME 0.80f   /* a copy's sentence this close to its origin's is the origin's */
#define BR_REDUNDANT 0.35f    /* never two summary sentences this close */
#define BR_MMR 0.6f          /* weight of the closeness to what is picked */
#define BR_NEAR 0.20f        /* below this no sentence of an outlet states the fact */
#define BR_LINK 0.10f        /* cosine of a link in the degree centrality (LexRank's threshold) */
#define BR_W_SUPPORT 0.5f
#define BR_W_DEGREE 1.0f
#define BR_W_CENTROID 0.5f
#define BR_MIDQUOTE 0.6f     /* score factor of a sentence that starts inside a quotation */
#define BR_W_LEAD 0.15f

typedef struct bsent {
    uint32_t art, sent;
    uint32_t t0, nt; /* terms in the story's term arrays */
    float norm;
    uint32_t group;  /* copy group: the root article */
    int cand;
    float score;
    int fact;
    int copied; /* repeats a sentence of its copy origin */
    int quoted; /* quote_shape */
} bsent;

typedef struct vocab {
    uint64_t *keys;
    uint32_t *ids;
    size_t cap, n;
} vocab;

typedef struct bctx {
    cx_arena tmp;
    const cx_article *const *arts;
    size_t n;
    bsent *s;
    size_t ns;
    uint32_t *terms;   /* term ids, per sentence sorted */
    size_t n_terms_all;
    float *idf;
    size_t n_vocab;
    float *sim;        /* ns x ns */
    uint32_t *run;     /* per article: its first sentence; run[n] = ns (an article's sentences are contiguous) */
    uint8_t *some_copied; /* per article: one of its sentences repeats its copy origin */
    uint32_t *groups;  /* per article: its group root */
    vocab voc;         /* term hash -> id */
    float *cent;       /* centroid of the articles that copy nobody (by term id) */
    float cent_norm;
    size_t n_groups;
} bctx;

static uint32_t root_of(const int *origin, size_t n, uint32_t i)
{
    for (size_t hop = 0; origin && hop < n && origin[i] >= 0 && (size_t)origin[i] < n && (uint32_t)origin[i] != i;
         hop++)
        i = (uint32_t)origin[i];
    return i;
}

/* ---- vocabulary ----------------------------------------------------------- */


static int vocab_init(cx_arena *a, vocab *v, size_t want)
{
    v->cap = 64;
    while (v->cap < want * 2)
        v->cap *= 2;
    v->keys = cx_arena_calloc(a, v->cap, sizeof *v->keys);
    v->ids = cx_arena_alloc(a, v->cap * sizeof *v->ids); /* read only where a key is set */
    v->n = 0;
    return v->keys && v->ids;
}

/* Id of h (added when add, else UINT32_MAX when unknown). Key 0 marks a free
 * slot: a hash of 0 is stored as 1 (a collision too rare to matter). */
static uint32_t vocab_id(vocab *v, uint64_t h, int add)
{
    if (!h)
        h = 1;
    size_t i = (size_t)(h ^ (h >> 29)) & (v->cap - 1);
    while (v->keys[i] && v->keys[i] != h)
        i = (i + 1) & (v->cap - 1);
    if (v->keys[i])
        return v->ids[i];
    if (!add)
        return UINT32_MAX;
    v->keys[i] = h;
    v->ids[i] = (uint32_t)v->n++;
    return v->ids[i];
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* ---- sentences ------------------------------------------------------------ */

/* 1 when one of the furniture marks starts at p (room bytes left in the
 * sentence). This runs for every word of every sentence that could enter
 * the summary: a table of the marks' first two letters turns most words
 * away with no branch on the word's own letters, the rest are compared by
 * their first letter. */
#define BR_MARK(m) (sizeof(m) - 1 <= room && cx_lower(p[1]) == (m)[1] && cx_ascii_ncaseeq(p, m, sizeof(m) - 1))
static int mark_at(const char *p, size_t room)
{
    /* the second letters each first letter allows: most words stop here */
#define BR_B(ch) (1u << ((ch) - 'a'))
    static const uint32_t second[26] = {['a' - 'a'] = BR_B('l'), ['c' - 'a'] = BR_B('o') | BR_B('l'),
                                        ['e' - 'a'] = BR_B('n'), ['f' - 'a'] = BR_B('o'),
                                        ['h' - 'a'] = BR_B('t'), ['n' - 'a'] = BR_B('e'),
                                        ['r' - 'a'] = BR_B('e'), ['s' - 'a'] = BR_B('i') | BR_B('u'),
                                        ['w' - 'a'] = BR_B('w')};
#undef BR_B
    if (room < 4) /* the shortest mark */
        return 0;
    unsigned l0 = (unsigned)(unsigned char)cx_lower(p[0]) - 'a', l1 = (unsigned)(unsigned char)cx_lower(p[1]) - 'a';
    if (l0 >= 26 || l1 >= 26 || !((second[l0] >> l1) & 1))
        return 0;
    switch (cx_lower(*p)) {
    case 'a':
        return BR_MARK("all rights reserved");
    case 'c':
        return BR_MARK("copyright") || BR_MARK("click here");
    case 'e':
        return BR_MARK("enter your email");
    case 'f':
        return BR_MARK("follow us");
    case 'h':
        return BR_MARK("http");
    case 'n':
        return BR_MARK("newsletter");
    case 'r':
        return BR_MARK("read more") || BR_MARK("related:");
    case 's':
        return BR_MARK("sign up") || BR_MARK("subscribe");
    case 'w':
        return BR_MARK("www.");
    default:
        return 0;
    }
}
#undef BR_MARK

/* Page furniture that sentence splitting leaves in bodies: links, sign-up
 * and copyright lines, "Related:" teasers, and sentences running across a
 * paragraph break. Marks are tried at word starts. */
static int boilerplate(const cx_text *t, const cx_sentence *st)
{
    /* the paragraph break needs two line feeds in the sentence: most have none */
    const char *lf = memchr(t->s + st->start, '\n', st->end - st->start);
    int breaks = lf && memchr(lf + 1, '\n', (size_t)(t->s + st->end - (lf + 1)));
    for (uint32_t i = st->tok_begin; i < st->tok_end; i++) {
        const cx_token *k = &t->toks[i];
        const char *p = t->s + k->start;
        if (k->kind != CX_TOK_WORD) {
            if (*p == '@' || ((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa9))
                return 1;
            continue;
        }
        if (breaks && i > st->tok_begin) { /* a sentence across a paragraph break: two pieces left together */
            int nl = 0;
            for (uint32_t b = k->start; b > st->start && cx_is_space(t->s[b - 1]); b--)
                nl += t->s[b - 1] == '\n';
            if (nl >= 2)
                return 1;
        }
        if (mark_at(p, st->end - k->start))
            return 1;
    }
    return 0;
}

/* A sentence that reads as one: ends with . ! ? or a closing quotation mark. */
static int well_ended(const cx_text *t, const cx_sentence *s)
{
    if (s->tok_end <= s->tok_begin)
        return 0;
    const cx_token *k = &t->toks[s->tok_end - 1];
    if (k->kind == CX_TOK_QUOTE)
        return 1;
    if (k->kind != CX_TOK_PUNCT)
        return 0;
    char c = t->s[k->start];
    return c == '.' || c == '!' || c == '?';
}

/* Quotation shape: 2 when the sentence is a quotation and nothing else
 * (its attribution is in another sentence), 1 when it starts inside a
 * quotation that an earlier sentence opened, else 0. */
static int quote_shape(const cx_text *t, const cx_sentence *s)
{
    if (s->tok_end <= s->tok_begin)
        return 0;
    const cx_token *first = &t->toks[s->tok_begin], *last = &t->toks[s->tok_end - 1];
    if (last->kind == CX_TOK_PUNCT && s->tok_end - s->tok_begin > 1)
        last--;
    if (first->kind == CX_TOK_QUOTE && first->quote != CX_Q_CLOSE && last->kind == CX_TOK_QUOTE &&
        last->quote != CX_Q_OPEN)
        return 2;
    for (uint32_t i = s->tok_begin; i < s->tok_end; i++)
        if (t->toks[i].kind == CX_TOK_QUOTE)
            return t->toks[i].quote == CX_Q_CLOSE;
    return 0;
}

static void sent_span(const cx_article *a, uint32_t k, const char **p, size_t *len)
{
    const cx_sentence *s = &a->text->sents[k];
    *len = s->end - s->start;
    *p = cx_trim(a->body + s->start, len);
}

/* ---- row kernels ---------------------------------------------------------- */

/* The loops over a matrix row are most of a brief's time. They are written
 * as blocks of BR_LANES independent lanes, which the compiler turns into
 * vector instructions at -O2 (its cheap vectoriser takes straight-line
 * blocks, not loops of unknown length). Each gives exactly what the plain
 * loop gives: products are per element, and a maximum or a count does not
 * depend on the order (the cosines are never NaN and never -0). */
#define BR_LANES 4

/* x[q] *= ik * y[q] */
static void scale_run(float *restrict x, const float *restrict y, float ik, size_t n)
{
    size_t q = 0;
    for (; q + BR_LANES <= n; q += BR_LANES)
        for (size_t j = 0; j < BR_LANES; j++)
            x[q + j] *= ik * y[q + j];
    for (; q < n; q++)
        x[q] *= ik * y[q];
}

/* The largest of m and x[0..n). */
static float max_run(const float *x, size_t n, float m)
{
    float l[BR_LANES];
    for (size_t j = 0; j < BR_LANES; j++)
        l[j] = m;
    size_t q = 0;
    for (; q + BR_LANES <= n; q += BR_LANES)
        for (size_t j = 0; j < BR_LANES; j++)
            l[j] = x[q + j] > l[j] ? x[q + j] : l[j];
    for (; q < n; q++)
        m = x[q] > m ? x[q] : m;
    for (size_t j = 0; j < BR_LANES; j++)
        m = l[j] > m ? l[j] : m;
    return m;
}

/* The largest of m and x[0..n), and how many of x[0..n) are >= t added
 * to *d: one pass for both. */
static float max_count_run(const float *x, size_t n, float m, float t, uint32_t *d)
{
    float l[BR_LANES];
    uint32_t c[BR_LANES] = {0};
    for (size_t j = 0; j < BR_LANES; j++)
        l[j] = m;
    size_t q = 0;
    for (; q + BR_LANES <= n; q += BR_LANES)
        for (size_t j = 0; j < BR_LANES; j++) {
            l[j] = x[q + j] > l[j] ? x[q + j] : l[j];
            c[j] += x[q + j] >= t;
        }
    uint32_t k = 0;
    for (; q < n; q++) {
        m = x[q] > m ? x[q] : m;
        k += x[q] >= t;
    }
    for (size_t j = 0; j < BR_LANES; j++) {
        m = l[j] > m ? l[j] : m;
        k += c[j];
    }
    *d += k;
    return m;
}

static int load(bctx *c, const int *origin)
{
    size_t ns = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->arts[i]->text) {
            size_t k = c->arts[i]->text->n_sents;
            ns += k < BR_MAX_PER_ART ? k : BR_MAX_PER_ART;
        }
    if (ns > BR_MAX_SENTS)
        ns = BR_MAX_SENTS;
    c->groups = cx_arena_calloc(&c->tmp, c->n + 1, sizeof *c->groups);
    c->s = cx_arena_calloc(&c->tmp, ns + 1, sizeof *c->s);
    c->run = cx_arena_alloc(&c->tmp, (c->n + 1) * sizeof *c->run);
    uint64_t *hash = cx_arena_alloc(&c->tmp, (ns + 1) * BR_MAX_TERMS * sizeof *hash);
    vocab v;
    if (!c->groups || !c->s || !c->run || !hash)
        return 0;
    for (size_t i = 0; i < c->n; i++) {
        c->groups[i] = root_of(origin, c->n, (uint32_t)i);
        c->n_groups += c->groups[i] == i;
    }
    size_t nh = 0;
    c->ns = 0;
    size_t ai = 0;
    for (; ai < c->n && c->ns < ns; ai++) {
        const cx_article *a = c->arts[ai];
        c->run[ai] = (uint32_t)c->ns;
        if (!a->text)
            continue;
        for (uint32_t k = 0; k < a->text->n_sents && k < BR_MAX_PER_ART && c->ns < ns; k++) {
            const cx_sentence *st = &a->text->sents[k];
            bsent *b = &c->s[c->ns++];
            b->art = (uint32_t)ai;
            b->sent = k;
            b->group = c->groups[ai];
            b->fact = -1;
            b->t0 = (uint32_t)nh;
            b->nt = (uint32_t)cx_terms_unique(hash + nh, cx_terms_span(a->text, st->tok_begin, st->tok_end, 0, 0,
                                                                     hash + nh, BR_MAX_TERMS));
            nh += b->nt;
            b->quoted = quote_shape(a->text, st);
            b->cand = b->quoted < 2 && b->nt >= BR_MIN_TERMS && b->nt <= BR_MAX_CAND_TERMS && well_ended(a->text, st) &&
                      !boilerplate(a->text, st);
        }
    }
    for (; ai <= c->n; ai++)
        c->run[ai] = (uint32_t)c->ns;
    /* term ids and sentence frequencies (the table sized by the terms read,
     * not the most there could be: its clearing is per story) */
    if (!vocab_init(&c->tmp, &v, nh))
        return 0;
    c->terms = cx_arena_alloc(&c->tmp, (nh + 1) * sizeof *c->terms);
    if (!c->terms)
        return 0;
    for (size_t j = 0; j < nh; j++) {
        uint32_t id = vocab_id(&v, hash[j], 1);
        c->terms[j] = id;
    }
    c->n_terms_all = nh;
    c->n_vocab = v.n;
    c->voc = v;
    /* the inverted index: each term's sentences, in sentence order; counted
     * first, the counts are the sentence frequencies */
    c->idf = cx_arena_calloc(&c->tmp, v.n + 1, sizeof *c->idf);
    uint32_t *off = cx_arena_calloc(&c->tmp, v.n + 2, sizeof *off);
    uint32_t *post = cx_arena_alloc(&c->tmp, (nh + 1) * sizeof *post);
    uint32_t *end = cx_arena_alloc(&c->tmp, (v.n + 1) * sizeof *end);
    uint32_t *cur = cx_arena_alloc(&c->tmp, (c->ns + 1) * sizeof *cur);
    c->sim = cx_arena_alloc(&c->tmp, (c->ns * c->ns + 1) * sizeof *c->sim); /* each row's upper part cleared below */
    if (!c->idf || !off || !post || !end || !cur || !c->sim)
        return 0;
    for (size_t j = 0; j < nh; j++)
        off[c->terms[j] + 1]++;
    for (size_t w = 0; w < v.n; w++)
        c->idf[w] = logf((1.0f + (float)c->ns) / (1.0f + (float)off[w + 1])) + 1.0f;
    for (size_t w = 0; w < v.n; w++)
        off[w + 1] += off[w];
    for (size_t k = 0; k < c->ns; k++)
        for (uint32_t j = 0; j < c->s[k].nt; j++)
            post[off[c->terms[c->s[k].t0 + j]]++] = (uint32_t)k;
    for (size_t w = v.n; w > 0; w--) /* back to the starts */
        off[w] = off[w - 1];
    off[0] = 0;
    for (size_t w = 0; w < v.n; w++)
        end[w] = off[w + 1];
    /* each sentence's terms in id order, read back from the index (a
     * counting sort; the order of the sums below is the ids') */
    for (size_t k = 0; k < c->ns; k++)
        cur[k] = c->s[k].t0;
    for (size_t w = 0; w < v.n; w++)
        for (uint32_t q = off[w]; q < end[w]; q++)
            c->terms[cur[post[q]]++] = (uint32_t)w;
    for (size_t k = 0; k < c->ns; k++) {
        bsent *b = &c->s[k];
        float sq = 0;
        for (uint32_t j = 0; j < b->nt; j++)
            sq += c->idf[c->terms[b->t0 + j]] * c->idf[c->terms[b->t0 + j]];
        b->norm = sqrtf(sq);
    }
    float *inv = cx_arena_alloc(&c->tmp, (c->ns + 1) * sizeof *inv);
    if (!inv)
        return 0;
    for (size_t k = 0; k < c->ns; k++)
        inv[k] = c->s[k].norm > 0 ? 1.0f / c->s[k].norm : 0;
    /* postings are in sentence order: off[w] moves past k as k is done, so
     * each pair is visited once */
    for (size_t k = 0; k < c->ns; k++) {
        float *row = c->sim + k * c->ns;
        const bsent *b = &c->s[k];
        memset(row + k + 1, 0, (c->ns - k - 1) * sizeof *row);
        for (uint32_t j = 0; j < b->nt; j++) {
            uint32_t w = c->terms[b->t0 + j];
            float x = c->idf[w] * c->idf[w];
            uint32_t q = ++off[w]; /* past k's own posting */
            for (; q < end[w]; q++)
                row[post[q]] += x;
        }
        float ik = b->norm > 0 ? 1.0f / b->norm : 0;
        scale_run(row + k + 1, inv + k + 1, ik, c->ns - k - 1);
        row[k] = 1;
    }
    /* the lower triangle, mirrored tile by tile (cache-friendly) */
    size_t n = c->ns;
    for (size_t i0 = 0; i0 < n; i0 += 32) {
        size_t i1 = i0 + 32 < n ? i0 + 32 : n;
        for (size_t j0 = 0; j0 <= i0; j0 += 32)
            for (size_t i = i0; i < i1; i++) {
                float *dst = c->sim + i * n;
                const float *col = c->sim + i;
                size_t j = j0, j1 = j0 + 32 < i ? j0 + 32 : i;
                for (; j + 4 <= j1; j += 4) { /* four at a time: the loop control cost as much as the copy */
                    dst[j] = col[j * n];
                    dst[j + 1] = col[(j + 1) * n];
                    dst[j + 2] = col[(j + 2) * n];
                    dst[j + 3] = col[(j + 3) * n];
                }
                for (; j < j1; j++)
                    dst[j] = col[j * n];
            }
    }
    return 1;
}

static float sim(const bctx *c, size_t i, size_t j) { return c->sim[i * c->ns + j]; }

/* ---- scores ------------------------------------------------------------- */

static int score(bctx *c)
{
    /* a copy's sentence that repeats its origin is the origin's */
    for (size_t k = 0; k < c->ns; k++) {
        bsent *b = &c->s[k];
        if (c->groups[b->art] == b->art)
            continue;
        for (size_t q = 0; q < c->ns && !b->copied; q++)
            if (c->s[q].group == b->group && c->s[q].art < b->art && sim(c, k, q) >= BR_COPY_SAME)
                b->copied = 1;
        if (b->copied)
            b->cand = 0;
    }
    /* centroid of the articles that copy nobody */
    float *cent = cx_arena_calloc(&c->tmp, c->n_vocab + 1, sizeof *cent);
    float *best = cx_arena_calloc(&c->tmp, c->n + 1, sizeof *best);
    if (!cent || !best)
        return 0;
    for (size_t k = 0; k < c->ns; k++) {
        const bsent *b = &c->s[k];
        if (c->groups[b->art] != b->art || !b->norm)
            continue;
        for (uint32_t j = 0; j < b->nt; j++)
            cent[c->terms[b->t0 + j]] += c->idf[c->terms[b->t0 + j]] / b->norm;
    }
    float cn = 0;
    for (size_t w = 0; w < c->n_vocab; w++)
        cn += cent[w] * cent[w];
    cn = sqrtf(cn);
    c->cent = cent;
    c->cent_norm = cn;
    float *deg = cx_arena_alloc(&c->tmp, (c->ns + 1) * sizeof *deg), max_deg = 0;
    uint8_t *some_copied = c->some_copied = cx_arena_calloc(&c->tmp, c->n + 1, 1);
    if (!deg || !some_copied)
        return 0;
    for (size_t q = 0; q < c->ns; q++)
        some_copied[c->s[q].art] |= (uint8_t)c->s[q].copied;
    for (size_t k = 0; k < c->ns; k++) {
        bsent *b = &c->s[k];
        /* corroboration: the best match in each other copy group */
        memset(best, 0, c->n * sizeof *best);
        const float *row = c->sim + k * c->ns;
        /* and degree centrality (LexRank's degree variant): how many
         * sentences of other articles, copies of the same text aside, it is
         * linked to (copied sentences aside); one pass over the row for
         * both, article by article (an article is one group) */
        uint32_t d = 0;
        for (size_t i = 0; i < c->n; i++) {
            size_t q0 = c->run[i], q1 = c->run[i + 1];
            if (q0 == q1)
                continue;
            float *g = &best[c->groups[i]];
            if (i != b->art && !some_copied[i]) {
                *g = max_count_run(row + q0, q1 - q0, *g, BR_LINK, &d);
                continue;
            }
            *g = max_run(row + q0, q1 - q0, *g);
            if (i != b->art)
                for (size_t q = q0; q < q1; q++)
                    d += (row[q] >= BR_LINK) & !c->s[q].copied;
        }
        best[b->group] = 0;
        float sup = 0;
        for (size_t g = 0; g < c->n; g++)
            sup += best[g];
        if (c->n_groups > 1)
            sup /= (float)(c->n_groups - 1);
        deg[k] = (float)d;
        if (deg[k] > max_deg)
            max_deg = deg[k];
        float cc = 0;
        if (cn > 0 && b->norm > 0) {
            for (uint32_t j = 0; j < b->nt; j++)
                cc += c->idf[c->terms[b->t0 + j]] * cent[c->terms[b->t0 + j]];
            cc /= b->norm * cn;
        }
        b->score = BR_W_SUPPORT * sup + BR_W_CENTROID * cc + BR_W_LEAD / (1.0f + (float)b->sent);
    }
    for (size_t k = 0; k < c->ns; k++) {
        bsent *b = &c->s[k];
        if (max_deg > 0)
            b->score += BR_W_DEGREE * deg[k] / max_deg;
        if (b->quoted) /* the end of a quotation reads badly without its start */
            b->score *= BR_MIDQUOTE;
    }
    return 1;
}

/* Facts: each sentence joins the most similar leader at >= CX_BRIEF_CITE. */
static int facts(bctx *c, uint32_t **leaders_out, size_t *n_out)
{
    uint32_t *lead = cx_arena_alloc(&c->tmp, (c->ns + 1) * sizeof *lead);
    if (!lead)
        return 0;
    size_t nl = 0;
    for (size_t k = 0; k < c->ns; k++) {
        if (c->s[k].nt < BR_FACT_MIN_TERMS)
            continue;
        float bx = 0;
        int bf = -1;
        const float *row = c->sim + k * c->ns;
        for (size_t f = 0; f < nl; f++) {
            float x = row[lead[f]];
            if (x > bx) {
                bx = x;
                bf = (int)f;
            }
        }
        if (bf >= 0 && bx >= CX_BRIEF_CITE) {
            c->s[k].fact = bf;
        } else {
            c->s[k].fact = (int)nl;
            lead[nl++] = (uint32_t)k;
        }
    }
    *leaders_out = lead;
    *n_out = nl;
    return 1;
}

/* ---- output --------------------------------------------------------------- */

static int add_art(uint32_t *arts, uint32_t *n, uint32_t art)
{
    uint32_t p = *n;
    for (uint32_t i = 0; i < *n; i++)
        if (arts[i] == art)
            return 0;
    while (p > 0 && arts[p - 1] > art) {
        arts[p] = arts[p - 1];
        p--;
    }
    arts[p] = art;
    (*n)++;
    return 1;
}

/* An item for sentence k, citing the articles given by mode: 0 those with
 * a sentence at >= CX_BRIEF_CITE from k, 1 those of k's fact. */
static int make_item(bctx *c, cx_arena *a, size_t k, int mode, cx_brief_item *it)
{
    const bsent *b = &c->s[k];
    const char *p;
    size_t len;
    sent_span(c->arts[b->art], b->sent, &p, &len);
    it->art = b->art;
    it->sent = b->sent;
    it->score = b->score;
    if (!(it->text = cx_arena_strndup(a, p, len)) || !(it->arts = cx_arena_alloc(a, c->n * sizeof *it->arts)))
        return 0;
    it->n_arts = 0;
    add_art(it->arts, &it->n_arts, b->art);
    for (size_t q = 0; q < c->ns; q++)
        if (mode == 0 ? sim(c, k, q) >= CX_BRIEF_CITE : (c->s[q].fact == b->fact && b->fact >= 0))
            add_art(it->arts, &it->n_arts, c->s[q].art);
    return 1;
}

static int cmp_reading(const void *pa, const void *pb)
{
    const cx_brief_item *x = pa, *y = pb;
    if (x->sent != y->sent)
        return x->sent < y->sent ? -1 : 1;
    return x->art < y->art ? -1 : x->art > y->art;
}

static int summary(bctx *c, cx_arena *a, int max_sents, cx_brief *out)
{
    uint32_t pick[CX_BRIEF_MAX_SENTS];
    size_t np = 0;
    while (np < (size_t)max_sents) {
        float bv = -1e9f;
        size_t bk = SIZE_MAX;
        for (size_t k = 0; k < c->ns; k++) {
            const bsent *b = &c->s[k];
            if (!b->cand)
                continue;
            float red = 0;
            int skip = 0;
            for (size_t j = 0; j < np && !skip; j++) {
                float x = sim(c, k, pick[j]);
                red = x > red ? x : red;
                skip = k == pick[j] || x >= BR_REDUNDANT;
            }
            if (skip)
                continue;
            float v = b->score - BR_MMR * red;
            if (v > bv) {
                bv = v;
                bk = k;
            }
        }
        if (bk == SIZE_MAX)
            break;
        pick[np++] = (uint32_t)bk;
    }
    out->summary = np ? cx_arena_calloc(a, np, sizeof *out->summary) : NULL;
    if (np && !out->summary)
        return 0;
    for (size_t i = 0; i < np; i++)
        if (!make_item(c, a, pick[i], 0, &out->summary[i]))
            return 0;
    out->n_summary = np;
    if (np > 1)
        qsort(out->summary, np, sizeof *out->summary, cmp_reading);
    return 1;
}

/* Shouting: two upper-case words in a row ("HORROR AT THE QUAY"). */
static int shouting(const char *t)
{
    int run = 0;
    for (size_t i = 0; t[i];) {
        if (!cx_is_alpha(t[i])) {
            i++;
            continue;
        }
        size_t j = i;
        int upper = 1;
        while (cx_is_alpha(t[j])) {
            upper &= t[j] >= 'A' && t[j] <= 'Z';
            j++;
        }
        run = upper && j - i >= 2 ? run + 1 : 0;
        if (run >= 2)
            return 1;
        i = j;
    }
    return 0;
}

static int headline(bctx *c, cx_brief *out)
{
    out->headline_art = -1;
    out->headline = NULL;
    uint64_t h[64];
    uint32_t(*ids)[64] = cx_arena_calloc(&c->tmp, c->n + 1, sizeof *ids);
    uint32_t *nid = cx_arena_calloc(&c->tmp, c->n + 1, sizeof *nid);
    float *norm = cx_arena_calloc(&c->tmp, c->n + 1, sizeof *norm);
    float *best = cx_arena_calloc(&c->tmp, c->n + 1, sizeof *best);
    if (!ids || !nid || !norm || !best)
        return 0;
    /* titles compare by their own terms, unweighted: a title is a handful of words */
    vocab v;
    if (!vocab_init(&c->tmp, &v, c->n * 64 + 16))
        return 0;
    for (size_t i = 0; i < c->n; i++) {
        if (!c->arts[i]->title)
            continue;
        size_t k = cx_terms_unique(h, cx_terms_string(c->arts[i]->title, h, 64));
        for (size_t j = 0; j < k; j++)
            ids[i][nid[i]++] = vocab_id(&v, h[j], 1);
        qsort(ids[i], nid[i], sizeof **ids, cmp_u32);
        norm[i] = sqrtf((float)nid[i]);
    }
    float bs = -1;
    for (size_t i = 0; i < c->n; i++) {
        if (!c->arts[i]->title || !nid[i])
            continue;
        /* the best match in each other copy group: one pass over the titles */
        memset(best, 0, c->n * sizeof *best);
        for (size_t j = 0; j < c->n; j++) {
            if (!nid[j] || c->groups[j] == c->groups[i])
                continue;
            size_t common = 0;
            for (size_t p = 0, q = 0; p < nid[i] && q < nid[j];) {
                if (ids[i][p] < ids[j][q])
                    p++;
                else if (ids[i][p] > ids[j][q])
                    q++;
                else {
                    common++;
                    p++;
                    q++;
                }
            }
            float x = (float)common / (norm[i] * norm[j]);
            if (x > best[c->groups[j]])
                best[c->groups[j]] = x;
        }
        float sum = 0;
        size_t groups = 0;
        for (size_t g = 0; g < c->n; g++)
            if (c->groups[g] == g && g != c->groups[i]) {
                sum += best[g];
                groups++;
            }
        /* and closeness to what the articles say: the title against the
         * sentences' centroid, in their TF-IDF space */
        float dot = 0, sq = 0, unknown = logf(1.0f + (float)c->ns) + 1.0f;
        size_t k = cx_terms_unique(h, cx_terms_string(c->arts[i]->title, h, 64));
        for (size_t j = 0; j < k; j++) {
            uint32_t w = vocab_id(&c->voc, h[j], 0);
            float x = w == UINT32_MAX ? unknown : c->idf[w];
            sq += x * x;
            if (w != UINT32_MAX)
                dot += x * c->cent[w];
        }
        float cc = sq > 0 && c->cent_norm > 0 ? dot / (sqrtf(sq) * c->cent_norm) : 0;
        float s = (groups ? sum / (float)groups : 0) + cc + (shouting(c->arts[i]->title) ? 0 : 0.05f);
        if (s > bs) {
            bs = s;
            out->headline_art = (int)i;
        }
    }
    if (out->headline_art >= 0)
        out->headline = c->arts[out->headline_art]->title;
    return 1;
}

static int same_outlet(const char *x, const char *y) { return x == y || (x && y && !strcmp(x, y)); }

/* The closest sentence to k among those of outlet o (by_origin: among the
 * sentences whose src outlet is o: the copy origin's outlet for a sentence
 * that repeats its origin, else its article's own), or of any other outlet
 * than o (other). For a candidate, which repeats nobody, src is its own.
 * Article by article: an article's sentences all have its outlet, and src
 * differs from it only in an article with copied sentences. */
static float near_outlet(const bctx *c, size_t k, const uint32_t *of, const uint32_t *src, uint32_t o, int by_origin,
                         int other)
{
    const float *row = c->sim + k * c->ns;
    float m = 0;
    for (size_t i = 0; i < c->n; i++) {
        size_t q0 = c->run[i], q1 = c->run[i + 1];
        if (by_origin && c->some_copied[i]) {
            for (size_t q = q0; q < q1; q++)
                if ((other ? src[q] != o : src[q] == o) && row[q] > m)
                    m = row[q];
        } else if (q0 < q1 && (other ? of[i] != o : of[i] == o)) {
            m = max_run(row + q0, q1 - q0, m);
        }
    }
    return m;
}

static int coverage(bctx *c, cx_arena *a, const uint32_t *lead, size_t nf, cx_brief *out)
{
    /* outlets in order of first article */
    const char **names = cx_arena_calloc(&c->tmp, c->n + 1, sizeof *names);
    uint32_t *of = cx_arena_calloc(&c->tmp, c->n + 1, sizeof *of); /* article -> outlet */
    size_t no = 0;
    if (!names || !of)
        return 0;
    for (size_t i = 0; i < c->n; i++) {
        size_t o = 0;
        while (o < no && !same_outlet(names[o], c->arts[i]->outlet))
            o++;
        if (o == no)
            names[no++] = c->arts[i]->outlet;
        of[i] = (uint32_t)o;
    }
    out->coverage = cx_arena_calloc(a, no + 1, sizeof *out->coverage);
    if (!out->coverage)
        return 0;
    out->n_coverage = no;
    /* per fact: outlets carrying it (bit set over outlets), outlets of its
     * origins, its best-scored sentence */
    size_t words = (no + 63) / 64;
    uint64_t *carry = cx_arena_calloc(&c->tmp, nf * words + 1, sizeof *carry);
    uint64_t *orig = cx_arena_calloc(&c->tmp, nf * words + 1, sizeof *orig);
    uint32_t *top = cx_arena_alloc(&c->tmp, (nf + 1) * sizeof *top);
    uint32_t *ncarry = cx_arena_calloc(&c->tmp, nf + 1, sizeof *ncarry);
    if (!carry || !orig || !top || !ncarry)
        return 0;
    for (size_t f = 0; f < nf; f++)
        top[f] = lead[f];
    uint32_t *src = cx_arena_alloc(&c->tmp, (c->ns + 1) * sizeof *src);
    if (!src)
        return 0;
    for (size_t k = 0; k < c->ns; k++)
        src[k] = c->s[k].copied ? of[c->groups[c->s[k].art]] : of[c->s[k].art];
    for (size_t k = 0; k < c->ns; k++) {
        const bsent *b = &c->s[k];
        if (b->fact < 0)
            continue;
        size_t f = (size_t)b->fact;
        uint32_t o = of[b->art], og = src[k];
        carry[f * words + o / 64] |= 1ull << (o % 64);
        orig[f * words + og / 64] |= 1ull << (og % 64);
        if (b->score > c->s[top[f]].score && c->s[top[f]].cand <= b->cand)
            top[f] = (uint32_t)k;
    }
    for (size_t f = 0; f < nf; f++)
        for (size_t w = 0; w < words; w++)
            ncarry[f] += (uint32_t)__builtin_popcountll(carry[f * words + w]);
    /* per sentence, the closest one another outlet stands for (the test of
     * "alone": computed once, not per outlet and fact) */
    float *near_other = cx_arena_alloc(&c->tmp, (c->ns + 1) * sizeof *near_other);
    if (!near_other)
        return 0;
    for (size_t k = 0; k < c->ns; k++)
        near_other[k] = c->s[k].cand ? near_outlet(c, k, of, src, of[c->s[k].art], 1, 1) : 1;
    for (size_t o = 0; o < no; o++) {
        cx_brief_outlet *co = &out->coverage[o];
        co->outlet = names[o];
        if (!(co->arts = cx_arena_alloc(a, c->n * sizeof *co->arts)) ||
            !(co->only = cx_arena_calloc(a, CX_BRIEF_MAX_ONLY, sizeof *co->only)) ||
            !(co->missed = cx_arena_calloc(a, CX_BRIEF_MAX_MISSED, sizeof *co->missed)))
            return 0;
        for (size_t i = 0; i < c->n; i++)
            if (of[i] == o)
                co->arts[co->n_arts++] = (uint32_t)i;
        if (no < 2)
            continue; /* one outlet: every fact is its alone, none missed */
        /* the best facts of each kind, by score (insertion into a short list) */
        uint32_t only[CX_BRIEF_MAX_ONLY], missed[CX_BRIEF_MAX_MISSED];
        size_t n_only = 0, n_missed = 0;
        for (size_t f = 0; f < nf; f++) {
            int has = (carry[f * words + o / 64] >> (o % 64)) & 1;
            int alone = 1;
            for (size_t w = 0; w < words; w++) {
                uint64_t mine = (o / 64 == w) ? 1ull << (o % 64) : 0;
                alone &= orig[f * words + w] == mine;
            }
            const bsent *t = &c->s[top[f]];
            /* the facts are leader clusters: a sentence close to this one may
             * sit in another cluster, so the direct closeness decides too */
            if (has && alone && t->cand && of[t->art] == o && near_other[top[f]] < BR_NEAR) {
                size_t p = n_only < CX_BRIEF_MAX_ONLY ? n_only++ : CX_BRIEF_MAX_ONLY;
                while (p > 0 && c->s[only[p - 1]].score < t->score) {
                    if (p < CX_BRIEF_MAX_ONLY)
                        only[p] = only[p - 1];
                    p--;
                }
                if (p < CX_BRIEF_MAX_ONLY)
                    only[p] = (uint32_t)(t - c->s); /* a sentence */
            } else if (!has && ncarry[f] >= 2 && 2 * ncarry[f] > no - 1 &&
                       near_outlet(c, top[f], of, src, (uint32_t)o, 0, 0) < BR_NEAR) {
                size_t p = n_missed < CX_BRIEF_MAX_MISSED ? n_missed++ : CX_BRIEF_MAX_MISSED;
                while (p > 0 && (ncarry[missed[p - 1]] < ncarry[f] ||
                                 (ncarry[missed[p - 1]] == ncarry[f] && c->s[top[missed[p - 1]]].score < t->score))) {
                    if (p < CX_BRIEF_MAX_MISSED)
                        missed[p] = missed[p - 1];
                    p--;
                }
                if (p < CX_BRIEF_MAX_MISSED)
                    missed[p] = (uint32_t)f;
            }
        }
        for (size_t i = 0; i < n_only; i++)
            if (!make_item(c, a, only[i], 1, &co->only[co->n_only++]))
                return 0;
        for (size_t i = 0; i < n_missed; i++)
            if (!make_item(c, a, top[missed[i]], 1, &co->missed[co->n_missed++]))
                return 0;
    }
    return 1;
}

int cx_brief_build(cx_arena *a, const cx_article *const *arts, const int *origin, size_t n, int max_sents,
                   cx_brief *out)
{
    memset(out, 0, sizeof *out);
    out->headline_art = -1;
    if (max_sents < 1)
        max_sents = 1;
    if (max_sents > CX_BRIEF_MAX_SENTS)
        max_sents = CX_BRIEF_MAX_SENTS;
    if (n == 0)
        return 1;
    bctx c;
    memset(&c, 0, sizeof c);
    cx_arena_init(&c.tmp);
    c.arts = arts;
    c.n = n;
    uint32_t *lead = NULL;
    size_t nf = 0;
    int ok = load(&c, origin) && score(&c) && facts(&c, &lead, &nf) && summary(&c, a, max_sents, out) &&
             headline(&c, out) && coverage(&c, a, lead, nf, out);
    cx_arena_free(&c.tmp);
    return ok;
}
