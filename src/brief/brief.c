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
    uint32_t *df;
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
    v->ids = cx_arena_calloc(a, v->cap, sizeof *v->ids);
    v->df = cx_arena_calloc(a, v->cap, sizeof *v->df);
    v->n = 0;
    return v->keys && v->ids && v->df;
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

/* Insertion sort: a sentence has a few dozen terms. */
static void sort_u32(uint32_t *x, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t v = x[i];
        size_t j = i;
        while (j > 0 && x[j - 1] > v) {
            x[j] = x[j - 1];
            j--;
        }
        x[j] = v;
    }
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* ---- sentences ------------------------------------------------------------ */

/* Page furniture that sentence splitting leaves in bodies: links, sign-up
 * and copyright lines, "Related:" teasers, and sentences running across a
 * paragraph break. Marks are tried at word starts. */
static int boilerplate(const cx_text *t, const cx_sentence *st)
{
    static const char *const marks[] = {"http", "www.", "sign up", "subscribe", "newsletter", "copyright",
                                        "all rights reserved", "read more", "click here", "follow us",
                                        "related:", "enter your email"};
    static const size_t lens[] = {4, 4, 7, 9, 10, 9, 19, 9, 10, 9, 8, 16};
    for (uint32_t i = st->tok_begin; i < st->tok_end; i++) {
        const cx_token *k = &t->toks[i];
        const char *p = t->s + k->start;
        if (k->kind != CX_TOK_WORD) {
            if (*p == '@' || ((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa9))
                return 1;
            continue;
        }
        if (i > st->tok_begin) { /* a sentence across a paragraph break: two pieces left together */
            int nl = 0;
            for (uint32_t b = k->start; b > st->start && cx_is_space(t->s[b - 1]); b--)
                nl += t->s[b - 1] == '\n';
            if (nl >= 2)
                return 1;
        }
        char c = cx_lower(*p);
        size_t room = st->end - k->start;
        for (size_t m = 0; m < sizeof marks / sizeof *marks; m++)
            if (marks[m][0] == c && lens[m] <= room && cx_ascii_ncaseeq(p, marks[m], lens[m]))
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
    uint64_t *hash = cx_arena_alloc(&c->tmp, (ns + 1) * BR_MAX_TERMS * sizeof *hash);
    vocab v;
    if (!c->groups || !c->s || !hash || !vocab_init(&c->tmp, &v, ns * 16 + 64))
        return 0;
    for (size_t i = 0; i < c->n; i++) {
        c->groups[i] = root_of(origin, c->n, (uint32_t)i);
        c->n_groups += c->groups[i] == i;
    }
    size_t nh = 0;
    c->ns = 0;
    for (size_t i = 0; i < c->n && c->ns < ns; i++) {
        const cx_article *a = c->arts[i];
        if (!a->text)
            continue;
        for (uint32_t k = 0; k < a->text->n_sents && k < BR_MAX_PER_ART && c->ns < ns; k++) {
            const cx_sentence *st = &a->text->sents[k];
            bsent *b = &c->s[c->ns++];
            b->art = (uint32_t)i;
            b->sent = k;
            b->group = c->groups[i];
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
    /* term ids and sentence frequencies */
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
    uint32_t *df = cx_arena_calloc(&c->tmp, v.n + 1, sizeof *df);
    c->idf = cx_arena_calloc(&c->tmp, v.n + 1, sizeof *c->idf);
    if (!df || !c->idf)
        return 0;
    for (size_t j = 0; j < nh; j++)
        df[c->terms[j]]++;
    for (size_t w = 0; w < v.n; w++)
        c->idf[w] = logf((1.0f + (float)c->ns) / (1.0f + (float)df[w])) + 1.0f;
    for (size_t k = 0; k < c->ns; k++) {
        bsent *b = &c->s[k];
        sort_u32(c->terms + b->t0, b->nt);
        float sq = 0;
        for (uint32_t j = 0; j < b->nt; j++)
            sq += c->idf[c->terms[b->t0 + j]] * c->idf[c->terms[b->t0 + j]];
        b->norm = sqrtf(sq);
    }
    /* the cosine matrix through an inverted index */
    uint32_t *off = cx_arena_calloc(&c->tmp, v.n + 2, sizeof *off);
    uint32_t *post = cx_arena_alloc(&c->tmp, (nh + 1) * sizeof *post);
    uint32_t *end = cx_arena_alloc(&c->tmp, (v.n + 1) * sizeof *end);
    c->sim = cx_arena_calloc(&c->tmp, c->ns * c->ns + 1, sizeof *c->sim);
    if (!off || !post || !end || !c->sim)
        return 0;
    for (size_t j = 0; j < nh; j++)
        off[c->terms[j] + 1]++;
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
        for (uint32_t j = 0; j < b->nt; j++) {
            uint32_t w = c->terms[b->t0 + j];
            float x = c->idf[w] * c->idf[w];
            uint32_t q = ++off[w]; /* past k's own posting */
            for (; q < end[w]; q++)
                row[post[q]] += x;
        }
        float ik = b->norm > 0 ? 1.0f / b->norm : 0;
        for (size_t q = k + 1; q < c->ns; q++)
            row[q] *= ik * inv[q];
        row[k] = 1;
    }
    /* the lower triangle, mirrored tile by tile (cache-friendly) */
    for (size_t i0 = 0; i0 < c->ns; i0 += 32)
        for (size_t j0 = 0; j0 <= i0; j0 += 32)
            for (size_t i = i0; i < i0 + 32 && i < c->ns; i++)
                for (size_t j = j0; j < j0 + 32 && j < i; j++)
                    c->sim[i * c->ns + j] = c->sim[j * c->ns + i];
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
    uint32_t *grp = cx_arena_alloc(&c->tmp, (c->ns + 1) * sizeof *grp);
    float *deg = cx_arena_alloc(&c->tmp, (c->ns + 1) * sizeof *deg), max_deg = 0;
    uint32_t *art = cx_arena_alloc(&c->tmp, (c->ns + 1) * sizeof *art); /* UINT32_MAX: a copied sentence */
    if (!grp || !deg || !art)
        return 0;
    for (size_t q = 0; q < c->ns; q++) {
        grp[q] = c->s[q].group;
        art[q] = c->s[q].copied ? UINT32_MAX : c->s[q].art;
    }
    for (size_t k = 0; k < c->ns; k++) {
        bsent *b = &c->s[k];
        /* corroboration: the best match in each other copy group */
        memset(best, 0, c->n * sizeof *best);
        const float *row = c->sim + k * c->ns;
        /* and degree centrality (LexRank's degree variant): how many
         * sentences of other articles, copies of the same text aside, it is
         * linked to; one pass over the row for both */
        uint32_t d = 0;
        for (size_t q = 0; q < c->ns; q++) {
            float x = row[q];
            if (x > best[grp[q]])
                best[grp[q]] = x;
            d += (x >= BR_LINK) & (art[q] != b->art) & (art[q] != UINT32_MAX);
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
        for (size_t f = 0; f < nl; f++) {
            float x = sim(c, k, lead[f]);
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
 * than o (other). For a candidate, which repeats nobody, src is its own. */
static float near_outlet(const bctx *c, size_t k, const uint32_t *of, const uint32_t *src, uint32_t o, int by_origin,
                         int other)
{
    float m = 0;
    for (size_t q = 0; q < c->ns; q++) {
        uint32_t oq = by_origin ? src[q] : of[c->s[q].art];
        int in = other ? oq != o : oq == o;
        if (in && sim(c, k, q) > m)
            m = sim(c, k, q);
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
