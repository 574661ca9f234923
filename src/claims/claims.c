/*
 * claims.c: statements, their sources and stances, in one article (see
 * claims.h and docs/claims.md).
 *
 * Sentence by sentence:
 *   1. stance: the cue words of a correction ("an earlier version of this
 *      story"), a ruling (a body that rules + found/concluded/rejected + a
 *      verdict or a claim noun), a verification disclaimer (a negated
 *      verify/confirm/review with "independently", "able to" or a passive),
 *      a no-comment ("declined to comment", "did not respond to requests"),
 *      a denial ("denied", "rejected the allegations", "called them
 *      baseless") or a confirmation, in that order of precedence.
 *   2. attribution: "according to NP", "NP said/told/reported ...",
 *      "..., said NP", "the report shows", else the speaker of a quote the
 *      quotes stage found in the sentence, else (stances) the subject of the
 *      stance's verb. The noun phrase is typed: a person named in it, words
 *      marking anonymity ("familiar with", "on condition of anonymity",
 *      "sources"), an outlet, a document head noun, an organisation, a
 *      group or a role. Pronouns and definite descriptions ("the officials",
 *      "the newspaper") take the source of an earlier statement whose head
 *      they repeat, and are marked inherited.
 *   3. continuation: a sentence with no cue of its own inside a quote, or
 *      right after a sourced sentence of its paragraph, carries that source
 *      (inherited).
 */
#include "claims/cint.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NP_MAX 14
#define LOOKBACK 64 /* statements searched back for an antecedent */
#ifndef CONT_MAX
#define CONT_MAX 2 /* sentences a source carries on without a cue of their own */
#endif
#define AGENT_HEADS "officials spokesperson spokesman spokeswoman representative representatives lawyers attorneys executives spokespeople"

typedef struct cctx {
    cx_arena *a;
    const cx_text *t;
    const char *s;
    const cx_quotes *q;
    const char *outlet;
    uint64_t *lx;     /* per token: claims lexicon classes */
    uint32_t *qlx;    /* per token: quotes lexicon classes, UINT32_MAX until looked up */
    int32_t *ent;     /* per token: entity whose mention covers it, -1 */
    int32_t *inq;     /* per token: direct quote whose content holds it, -1 */
    cx_statement *st; /* statements so far */
    size_t n_st, cap_st;
    const char **head; /* per statement: head word of its source phrase (arena) */
    size_t last_cont;  /* 1 + the last statement carried by continuation, 0 */
    size_t qcur;       /* first quote that may still overlap the current sentence */
    int oom;           /* a copy failed: the analysis returns NULL */
    unsigned chain;    /* continuations in a row up to it */
} cctx;

typedef struct src {
    const char *name;
    uint8_t type;
    uint8_t inherited;
    int32_t entity;
    int32_t count;
    cx_span span;
    const char *head;
    const char *via;
    uint32_t cb, ce; /* cue tokens */
} src;

/* ---- tokens ---- */

static const cx_token *T(const cctx *c, size_t i) { return &c->t->toks[i]; }
static int isw(const cctx *c, size_t i) { return T(c, i)->kind == CX_TOK_WORD; }
static uint64_t L(const cctx *c, size_t i) { return c->lx[i]; }

/* The quotes lexicon's classes of token i, looked up on first use. */
static uint32_t QL(const cctx *c, size_t i)
{
    if (c->qlx[i] == UINT32_MAX) {
        const cx_token *k = &c->t->toks[i];
        c->qlx[i] = k->kind == CX_TOK_WORD ? cx_lex(c->s + k->start, k->end - k->start) : 0;
    }
    return c->qlx[i];
}

static int eqw(const cctx *c, size_t i, const char *w)
{
    const cx_token *k = T(c, i);
    size_t n = strlen(w);
    if (k->kind != CX_TOK_WORD || k->end - k->start != n)
        return 0;
    for (size_t j = 0; j < n; j++) {
        char ch = c->s[k->start + j];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if (ch != w[j])
            return 0;
    }
    return 1;
}

/* Token i is one of the space-separated words of ws. */
static int anyw(const cctx *c, size_t i, const char *ws)
{
    const cx_token *k = T(c, i);
    if (k->kind != CX_TOK_WORD)
        return 0;
    size_t n = k->end - k->start;
    const char *p = ws;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t m = e ? (size_t)(e - p) : strlen(p);
        if (m == n) {
            size_t j = 0;
            for (; j < n; j++) {
                char ch = c->s[k->start + j];
                if (ch >= 'A' && ch <= 'Z')
                    ch = (char)(ch + 32);
                if (ch != p[j])
                    break;
            }
            if (j == n)
                return 1;
        }
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

static int punct(const cctx *c, size_t i, char ch)
{
    const cx_token *k = T(c, i);
    return k->kind == CX_TOK_PUNCT && k->end - k->start == 1 && c->s[k->start] == ch;
}

static int is_dash(const cctx *c, size_t i)
{
    const cx_token *k = T(c, i);
    if (k->kind != CX_TOK_PUNCT)
        return 0;
    const unsigned char *p = (const unsigned char *)c->s + k->start;
    size_t n = k->end - k->start;
    return (n == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x94 || p[2] == 0x93)) ||
           (n == 2 && p[0] == '-' && p[1] == '-');
}

static int cap(const cctx *c, size_t i) { return isw(c, i) && (T(c, i)->flags & CX_TF_CAP); }

static int lyadv(const cctx *c, size_t i)
{
    const cx_token *k = T(c, i);
    return k->kind == CX_TOK_WORD && (k->flags & CX_TF_LOWER) && k->end - k->start > 4 &&
           c->s[k->end - 1] == 'y' && c->s[k->end - 2] == 'l' && !(L(c, i) & ~(C_ADV | C_STOP)) &&
           !anyw(c, i, "apply supply reply rely family rally ally assembly anomaly monopoly bully");
}

static char *dup_span(cctx *c, uint32_t s, uint32_t e)
{
    char *r = cx_arena_strndup(c->a, c->s + s, e - s);
    c->oom |= !r; /* reported when the article is done */
    return r;
}

static char *dup_toks(cctx *c, size_t b, size_t e)
{
    return dup_span(c, T(c, b)->start, T(c, e - 1)->end);
}

/* ---- noun phrases ---- */

/* A chunk [b, e) that sits between commas as an aside: a relative clause, an
 * appositive description or an age. */
static int aside(const cctx *c, size_t b, size_t e)
{
    if (b >= e)
        return 0;
    if (anyw(c, b, "who which whose where"))
        return 1;
    if (anyw(c, b, "of from") && b + 1 < e && (cap(c, b + 1) || eqw(c, b + 1, "the")))
        return 1; /* "Jane Roe, of Port Ardent, said" */
    if (T(c, b)->kind == CX_TOK_NUMBER && e - b <= 2)
        return 1;
    for (size_t i = b; i < e; i++)
        if (L(c, i) & (C_ROLE | C_GROUP))
            return 1;
    return 0;
}

/* The noun phrase ending right before token v (the subject of a cue verb),
 * skipping auxiliaries, negation and adverbs, asides between commas and a
 * relative "which"/"who". lo: first token allowed. */
static int np_before(const cctx *c, size_t lo, size_t v, size_t *nb, size_t *ne)
{
    size_t i = v;
    while (i > lo && isw(c, i - 1) && ((L(c, i - 1) & (C_AUX | C_NEG | C_ADV)) || lyadv(c, i - 1)) &&
           !(L(c, i - 1) & C_PRON))
        i--;
    /* ", which said" / ", who told": the antecedent before the comma */
    if (i > lo + 1 && anyw(c, i - 1, "which who") && punct(c, i - 2, ','))
        i -= 2;
    for (int skips = 0; skips < 2 && i > lo + 1 && (punct(c, i - 1, ',') || is_dash(c, i - 1)); skips++) {
        size_t k = i - 1;
        while (k > lo && !punct(c, k - 1, ',') && !is_dash(c, k - 1) && !punct(c, k - 1, '('))
            k--;
        /* between two dashes, anything is an aside: "The lawsuit -- filed in May -- claims" */
        int dashes = is_dash(c, i - 1) && k > lo && is_dash(c, k - 1);
        if (k == lo || (!dashes && !aside(c, k, i - 1)))
            return 0;
        if (!anyw(c, k, "who which whose where")) {
            size_t m = k;
            while (m < i - 1 && !(c->ent[m] >= 0 && c->q->entities[c->ent[m]].type == CX_ENT_PERSON) &&
                   !(L(c, m) & C_PREP))
                m++;
            if (m < i - 1 && (L(c, m) & C_PREP))
                m = i - 1; /* "a spokesperson for X": X is not the speaker */
            if (m < i - 1) { /* "Its chair, Councillor Jane Roe, said": the name */
                *nb = k;
                *ne = i - 1;
                return 1;
            }
        }
        i = k - 1; /* the comma opening the aside */
    }
    if (i <= lo)
        return 0;
    size_t e = i, b = i;
    while (b > lo && e - b < NP_MAX) {
        size_t j = b - 1;
        const cx_token *k = T(c, j);
        if (k->kind == CX_TOK_WORD || k->kind == CX_TOK_NUMBER) {
            if ((L(c, j) & C_BOUND) && !(eqw(c, j, "and") && j > lo && cap(c, j - 1) && cap(c, b)))
                break;
            if (L(c, j) & (C_SAY | C_DENY | C_DECLINE) && (T(c, j)->flags & CX_TF_LOWER) &&
                !(L(c, j) & (C_DOC | C_GROUP | C_ROLE)))
                break;
        } else if (!(k->kind == CX_TOK_PUNCT && (punct(c, j, '&') || punct(c, j, '/') || punct(c, j, '-') ||
                                                 punct(c, j, '.')))) {
            break;
        }
        b = j;
    }
    /* a leading adjunct: "On Tuesday the minister", "In 2020 officials" */
    while (b < e && (L(c, b) & C_PREP) && !eqw(c, b, "of")) {
        size_t k = b + 1;
        while (k < e && ((L(c, k) & (C_TIMEW | C_DET)) || T(c, k)->kind == CX_TOK_NUMBER))
            k++;
        if (k == b + 1 || k >= e)
            break;
        b = k;
    }
    if (b >= e)
        return 0;
    *nb = b;
    *ne = e;
    return 1;
}

/* The noun phrase starting at token b (after "according to", "citing",
 * "said"): up to a comma, a clause word or the sentence's end. */
static int np_after(const cctx *c, size_t b, size_t hi, size_t *nb, size_t *ne, int long_np)
{
    size_t e = b;
    while (e < hi && e - b < (long_np ? NP_MAX + 6 : NP_MAX)) {
        const cx_token *k = T(c, e);
        if (k->kind == CX_TOK_WORD || k->kind == CX_TOK_NUMBER) {
            if (e > b && (L(c, e) & C_BOUND) && !eqw(c, e, "and") && !(long_np && eqw(c, e, "who")))
                break;
            if (e > b && !long_np && (L(c, e) & C_SAY) && (k->flags & CX_TF_LOWER))
                break;
        } else if (!(punct(c, e, '&') || punct(c, e, '/') || punct(c, e, '-'))) {
            break;
        }
        e++;
    }
    /* a trailing time adjunct: "said the minister on Tuesday" */
    while (e > b + 1 && (L(c, e - 1) & C_TIMEW) && (L(c, e - 2) & (C_PREP | C_DET | C_TIMEW))) {
        e -= 2;
        while (e > b + 1 && (L(c, e - 1) & (C_PREP | C_TIMEW)))
            e--;
    }
    if (e <= b)
        return 0;
    *nb = b;
    *ne = e;
    return 1;
}

/* Head of [b, e): the last word before a preposition, a clause word or an
 * anonymity adjective ("officials familiar with"); "one of the officials"
 * -> officials. */
static size_t np_head(const cctx *c, size_t b, size_t e)
{
    if (e - b >= 3 && (L(c, b) & C_NUMW || anyw(c, b, "some many all each none several most")) &&
        eqw(c, b + 1, "of"))
        b += 2;
    size_t h = e;
    for (size_t i = b; i < e; i++) {
        if (i > b && ((L(c, i) & (C_PREP | C_BOUND)) || anyw(c, i, "familiar briefed close knowledgeable involved")))
            break;
        if (isw(c, i))
            h = i;
    }
    return h;
}

/* The last entity of the type named in [b, e); a one-word "person" that is a
 * common noun of the lexicon ("Opponents" opening a sentence) is none. */
static int32_t entity_in(const cctx *c, size_t b, size_t e, int type)
{
    int32_t best = -1;
    for (size_t i = b; i < e; i++)
        if (c->ent[i] >= 0 && c->q->entities[c->ent[i]].type == type &&
            !(type == CX_ENT_PERSON && (L(c, i) & (C_GROUP | C_ROLE | C_DOC)) && !strchr(c->q->entities[c->ent[i]].name, ' ')))
            best = c->ent[i];
    return best;
}

static int32_t count_of(const cctx *c, size_t b, size_t e)
{
    for (size_t i = b; i < e && i < b + 3; i++) {
        const cx_token *k = T(c, i);
        if (k->kind == CX_TOK_NUMBER) {
            long v = strtol(c->s + k->start, NULL, 10);
            return v > 0 && v < 100000 ? (int32_t)v : -1;
        }
        int v = cl_numword(c->s + k->start, k->end - k->start);
        if (v > 0)
            return v;
        if (!(L(c, i) & (C_DET | C_STOP)))
            break;
    }
    return -1;
}

/* Words anywhere in the sentence that make an unnamed source anonymous. */
static int anon_context(const cctx *c, const cx_sentence *se)
{
    for (size_t i = se->tok_begin; i < se->tok_end; i++) {
        if (!(L(c, i) & C_TRIG))
            continue;
        if (anyw(c, i, "anonymity anonymously"))
            return 1;
        if (anyw(c, i, "authorized authorised") && i > se->tok_begin && (L(c, i - 1) & C_NEG))
            return 1;
        if (anyw(c, i, "named identified") && i >= se->tok_begin + 3 && eqw(c, i - 1, "be") &&
            (L(c, i - 2) & C_NEG || eqw(c, i - 2, "to")))
            return 1;
    }
    return 0;
}

/* Folded word of token i into the arena. */
static const char *word_key(cctx *c, size_t i)
{
    char *w = dup_span(c, T(c, i)->start, T(c, i)->end);
    for (char *p = w; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    return w;
}

static int head_eq(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    size_t n = strlen(a), m = strlen(b);
    /* official/officials, source/sources */
    if (n == m + 1 && a[n - 1] == 's')
        n--;
    else if (m == n + 1 && b[m - 1] == 's')
        m--;
    return n == m && !memcmp(a, b, n);
}

static uint8_t ent_type(int type)
{
    return type == CX_ENT_PERSON ? CX_SRC_PERSON : type == CX_ENT_OUTLET ? CX_SRC_OUTLET : CX_SRC_ORG;
}

/* The latest statement before this one whose source fits the test. */
static const cx_statement *last_src(const cctx *c, int persons, const char *head, size_t *idx)
{
    size_t stop = c->n_st > LOOKBACK ? c->n_st - LOOKBACK : 0; /* antecedents are near */
    for (size_t k = c->n_st; k-- > stop;) {
        const cx_statement *x = &c->st[k];
        if (!x->source)
            continue;
        if (head) {
            if (head_eq(c->head[k], head)) {
                *idx = k;
                return x;
            }
            continue;
        }
        if (persons == 1 && x->source_type == CX_SRC_PERSON)
            return *idx = k, x;
        if (persons == 0 && x->source_type != CX_SRC_PERSON && x->source_type != CX_SRC_UNNAMED_PERSON &&
            x->source_type != CX_SRC_DOCUMENT)
            return *idx = k, x;
        if (persons == 2 && x->source_type == CX_SRC_OUTLET)
            return *idx = k, x;
    }
    return NULL;
}

static void take(src *o, const cx_statement *x, const char *head)
{
    o->name = x->source;
    o->type = x->source_type;
    o->entity = x->entity;
    o->count = x->count;
    o->inherited = 1;
    o->head = head;
}

/* The quote of the quotes stage whose speaker mention covers byte b; NULL. */
static const cx_quote *quote_mentioning(const cctx *c, uint32_t b)
{
    if (!c->q)
        return NULL;
    for (size_t k = 0; k < c->q->n_quotes; k++) {
        const cx_quote *x = &c->q->quotes[k];
        if (x->speaker && x->mention.start <= b && b < x->mention.end)
            return x;
    }
    return NULL;
}

static uint8_t name_type(const cctx *c, const char *nm, const char **full);

static void from_quote(cctx *c, const cx_quote *x, src *o)
{
    o->name = x->speaker;
    o->entity = x->entity;
    if (x->entity >= 0)
        o->type = ent_type(c->q->entities[x->entity].type);
    else if (x->speaker[0] >= 'A' && x->speaker[0] <= 'Z' && !strchr(x->speaker, ','))
        o->type = name_type(c, x->speaker, &o->name);
    else
        o->type = CX_SRC_UNNAMED_PERSON;
}

/* A lower-case plural noun not in the lexicon ("landowners", "commenters"). */
static int plural_noun(const cctx *c, size_t i)
{
    const cx_token *k = T(c, i);
    size_t n = k->end - k->start;
    return k->kind == CX_TOK_WORD && (k->flags & CX_TF_LOWER) && n > 4 && c->s[k->end - 1] == 's' &&
           c->s[k->end - 2] != 's' && c->s[k->end - 2] != 'u' && c->s[k->end - 2] != 'i' && !L(c, i) &&
           !QL(c, i);
}

static int word_in(const cctx *c, size_t b, size_t e, const char *ws);

/* An organisation's name that is a news outlet's ("The Harbour Herald",
 * "Veloria Public Radio"): its last word. */
static int outlet_name(const char *nm)
{
    if (!nm)
        return 0;
    static const char *const W[] = {"herald", "times", "post", "news", "journal", "gazette", "courier",
                                    "tribune", "chronicle", "radio", "press", "telegraph", "guardian",
                                    "observer", "standard", "mail", "express", "examiner", "inquirer",
                                    "bulletin", "wire", "tv", "television", "reuters", "ap", "bbc", "cnn",
                                    "newspaper", "magazine", "daily", "globe", "sun", "star", "mirror",
                                    "independent", "record", "dispatch", "register", "sentinel", "clarion",
                                    "ledger", "monitor", "beacon", "echo", "advertiser", "inquirer"};
    const char *sp = strrchr(nm, ' ');
    const char *w = sp ? sp + 1 : nm;
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++)
        if (!strcasecmp(w, W[i]))
            return 1;
    return 0;
}

/* A name no entity covers: a person when it is a surname of a person
 * source met before (the full name is taken) or two to four capitalised
 * words with no organisation head; else an organisation (outlets by name). */
static uint8_t name_type(const cctx *c, const char *nm, const char **full)
{
    if (!nm) /* out of memory copying it: typed, the caller's NULL name stays */
        return CX_SRC_ORG;
    size_t words = 1, n = strlen(nm);
    for (const char *p = nm; *p; p++)
        words += *p == ' ';
    const char *last = strrchr(nm, ' ');
    last = last ? last + 1 : nm;
    size_t ln = strlen(last);
    if (cx_lex(last, ln) & (LX_ORGHEAD | LX_PLACEHEAD))
        return CX_SRC_ORG;
    for (const char *p = nm; *p; p++) /* an acronym: "SUPER UW", "AHF" */
        if (p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'A' && p[1] <= 'Z' && (p == nm || p[-1] == ' '))
            return CX_SRC_ORG;
    if (outlet_name(nm))
        return CX_SRC_OUTLET;
    for (size_t k = c->n_st; k-- > (c->n_st > LOOKBACK ? c->n_st - LOOKBACK : 0);) {
        const cx_statement *x = &c->st[k];
        size_t m = x->source ? strlen(x->source) : 0;
        if (x->source_type == CX_SRC_PERSON && m > n && x->source[m - n - 1] == ' ' &&
            !strcmp(x->source + m - n, nm)) {
            *full = x->source;
            return CX_SRC_PERSON;
        }
    }
    if (c->q)
        for (size_t k = 0; k < c->q->n_entities; k++) {
            const char *en = c->q->entities[k].name;
            size_t m = strlen(en);
            if (m > n && en[m - n - 1] == ' ' && !strcmp(en + m - n, nm)) {
                *full = en;
                return ent_type(c->q->entities[k].type);
            }
        }
    if (cx_gazetteer(nm, n) == CX_ENT_ORG || cx_gazetteer(nm, n) == CX_ENT_OUTLET)
        return ent_type(cx_gazetteer(nm, n));
    return words >= 2 && words <= 4 ? CX_SRC_PERSON : CX_SRC_ORG;
}

/* Types the noun phrase [b, e) as a source; 0 when it names none. */
static int type_np(cctx *c, const cx_sentence *se, size_t b, size_t e, src *o)
{
    memset(o, 0, sizeof *o);
    o->entity = -1;
    o->count = -1;
    o->span.start = T(c, b)->start;
    o->span.end = T(c, e - 1)->end;
    size_t h = np_head(c, b, e);
    if (h >= e)
        return 0;
    o->head = word_key(c, h);
    size_t idx = 0;
    /* pronouns: the speaker the quotes stage found, else the latest source */
    if (e - b == 1 && (L(c, b) & C_PRON)) {
        if (anyw(c, b, "it"))
            return 0; /* "it said" is too often not a source */
        const cx_quote *x = quote_mentioning(c, T(c, b)->start);
        if (x && x->speaker) {
            from_quote(c, x, o);
            o->inherited = 1;
            return 1;
        }
        const cx_statement *p = last_src(c, anyw(c, b, "he she i") ? 1 : 0, NULL, &idx);
        if (p) {
            take(o, p, c->head[idx]);
            return 1;
        }
        o->name = dup_toks(c, b, e);
        o->type = anyw(c, b, "they we") ? CX_SRC_UNNAMED_GROUP : CX_SRC_UNNAMED_PERSON;
        return 1;
    }
    if (anyw(c, h, "statement statements release estimates research") && h + 2 < e &&
        anyw(c, h + 1, "from by of") && cap(c, h + 2)) {
        /* "a statement from UW", "estimates from Bernstein Research": who speaks */
        size_t k = h + 2;
        while (k < e && (cap(c, k) || punct(c, k, '&')))
            k++;
        o->name = dup_toks(c, h + 2, k);
        o->type = name_type(c, o->name, &o->name);
        return 1;
    }
    if ((L(c, h) & C_DOC) && (T(c, h)->flags & CX_TF_LOWER) && !(L(c, h) & (C_GROUP | C_ROLE))) {
        /* "court filings", "Smith's lawsuit": the document, whoever is named in it */
        o->type = CX_SRC_DOCUMENT;
        o->name = dup_toks(c, b, e);
        return 1;
    }
    int32_t per = entity_in(c, b, e, CX_ENT_PERSON);
    if (per >= 0 && (L(c, h) & (C_GROUP | C_ROLE)) && (T(c, h)->flags & CX_TF_LOWER) && c->ent[h] != per &&
        h > b && c->ent[h - 1] == per) {
        /* "Love's lawyers", "Brockman's wife": the lawyers, not Love */
        o->name = dup_toks(c, b, e);
        o->type = (L(c, h) & C_GROUP) ? CX_SRC_UNNAMED_GROUP : CX_SRC_UNNAMED_PERSON;
        return 1;
    }
    if (per >= 0 && b < e && eqw(c, b, "the") && c->ent[b + 1 < e ? b + 1 : b] == per) {
        /* "The Fenwick Ledger": no person is named with "the" */
        o->entity = per;
        o->name = c->q->entities[per].name;
        o->type = outlet_name(o->name) || word_in(c, se->tok_begin, se->tok_end, "reported citing")
                      ? CX_SRC_OUTLET : CX_SRC_ORG;
        return 1;
    }
    if (per >= 0) {
        o->entity = per;
        o->name = c->q->entities[per].name;
        o->type = CX_SRC_PERSON;
        return 1;
    }
    int anon = 0;
    for (size_t i = b; i < e; i++)
        if ((L(c, i) & C_ANON) && !anyw(c, i, "authorized authorised"))
            anon = 1;
    int32_t org = entity_in(c, b, e, CX_ENT_ORG);
    int32_t out = entity_in(c, b, e, CX_ENT_OUTLET);
    int definite = anyw(c, b, "the both that those these") ||
                   (e - b >= 3 && eqw(c, b + 1, "of") && (L(c, b) & C_NUMW));
    uint64_t hl = L(c, h);
    if (!anon && org < 0 && out < 0 && (hl & (C_GROUP | C_ROLE)) && anon_context(c, se))
        anon = 1;
    /* "a person involved in the talks", "three people who were on the call" */
    if (!anon && org < 0 && anyw(c, h, "people person individuals someone sources source") && h + 1 < e &&
        anyw(c, h + 1, "involved familiar close who with briefed knowledgeable"))
        anon = 1;
    if (anon) {
        o->type = CX_SRC_ANONYMOUS;
        o->count = count_of(c, b, e);
        o->name = dup_toks(c, b, e);
        if (definite) { /* "the officials", "one of the officials": the ones met before */
            const cx_statement *p = last_src(c, 0, o->head, &idx);
            if (p && p->source_type == CX_SRC_ANONYMOUS)
                take(o, p, c->head[idx]);
        }
        return 1;
    }
    if (out >= 0 && !(hl & C_DOC)) {
        o->entity = out;
        o->name = c->q->entities[out].name;
        o->type = CX_SRC_OUTLET;
        return 1;
    }
    if (definite && (hl & (C_GROUP | C_ROLE | C_OUTLETN | C_BODY | C_DOC)) && org < 0) {
        const cx_statement *p = (hl & C_OUTLETN) ? last_src(c, 2, NULL, &idx) : last_src(c, 0, o->head, &idx);
        if (p && ((hl & C_OUTLETN) || p->source_type == CX_SRC_ANONYMOUS ||
                  p->source_type == CX_SRC_UNNAMED_GROUP || p->source_type == CX_SRC_DOCUMENT)) {
            take(o, p, c->head[idx]);
            return 1;
        }
        /* "the inquiry" -> the Saltmarsh Marine Safety Inquiry named earlier */
        if (c->q) {
            size_t hn = T(c, h)->end - T(c, h)->start;
            for (size_t k = 0; k < c->q->n_entities; k++) {
                const char *nm = c->q->entities[k].name;
                size_t n = strlen(nm);
                if (n > hn && nm[n - hn - 1] == ' ' && !strncasecmp(nm + n - hn, c->s + T(c, h)->start, hn)) {
                    o->entity = (int32_t)k;
                    o->name = nm;
                    o->type = ent_type(c->q->entities[k].type);
                    o->inherited = 1;
                    return 1;
                }
            }
        }
    }
    if (org < 0 && (hl & (C_GROUP | C_ROLE)) && anyw(c, h, AGENT_HEADS) && h > b && cap(c, h - 1) &&
        !(QL(c, h - 1) & LX_DEMONYM)) {
        /* "Caltrans officials", "a Bluewake spokesperson": the organisation */
        size_t k = h;
        while (k > b && cap(c, k - 1))
            k--;
        o->name = dup_toks(c, k, h);
        o->type = CX_SRC_ORG;
        return 1;
    }
    if (org < 0 && ((QL(c, h) & LX_ORGHEAD) || anyw(c, h, "police government")) && !(hl & (C_GROUP | C_ROLE | C_DOC)) &&
        !cap(c, h)) {
        /* "police", "the ministry", "the company": an institution */
        o->name = dup_toks(c, b, e);
        o->type = CX_SRC_ORG;
        if (definite) {
            const cx_statement *p = last_src(c, 0, o->head, &idx);
            if (p && p->source_type == CX_SRC_ORG)
                take(o, p, c->head[idx]);
        }
        return 1;
    }
    if (hl & C_DOC) {
        o->type = CX_SRC_DOCUMENT;
        o->name = dup_toks(c, b, e);
        return 1;
    }
    if (org >= 0) {
        o->entity = org;
        o->name = c->q->entities[org].name;
        o->type = outlet_name(o->name) ? CX_SRC_OUTLET : CX_SRC_ORG;
        return 1;
    }
    if (hl & C_BODY) { /* "the inquiry", "a federal court" */
        o->type = CX_SRC_ORG;
        o->name = dup_toks(c, b, e);
        return 1;
    }
    if ((hl & C_GROUP) || anyw(c, h, "them those") || plural_noun(c, h)) {
        o->type = CX_SRC_UNNAMED_GROUP;
        o->name = dup_toks(c, b, e);
        return 1;
    }
    if (hl & (C_ROLE | C_OUTLETN)) {
        const cx_quote *x = quote_mentioning(c, T(c, h)->start);
        if (x && x->entity >= 0) {
            from_quote(c, x, o);
            o->inherited = 1;
            return 1;
        }
        o->type = (hl & C_OUTLETN) ? CX_SRC_OUTLET : CX_SRC_UNNAMED_PERSON;
        o->name = dup_toks(c, b, e);
        return 1;
    }
    /* capitalised words the entity pass did not keep */
    size_t caps = 0, cb = e;
    for (size_t i = b; i < e; i++)
        if (cap(c, i) && !(L(c, i) & (C_STOP | C_TIMEW))) {
            caps++;
            if (cb == e)
                cb = i;
        }
    if (caps && (caps >= 2 || b > se->tok_begin)) {
        for (size_t i = cb; i + 1 < e; i++)
            if ((QL(c, i) & LX_FIRSTNAME) && cap(c, i + 1) && cap(c, i))
                cb = i; /* "Secretary of Education Miguel Cardona" -> the name */
        while (cb + 1 < e && ((QL(c, cb) & LX_TITLE) || punct(c, cb, '.')))
            cb++;
        o->name = dup_toks(c, cb, e);
        o->type = name_type(c, o->name, &o->name);
        return 1;
    }
    return 0;
}

/* ---- attribution ---- */

static int in_direct(const cctx *c, size_t i) { return c->inq[i] >= 0; }

/* The first cue of the sentence that names its source. */
static int find_attr(cctx *c, const cx_sentence *se, src *o)
{
    size_t tb = se->tok_begin, te = se->tok_end, nb, ne;
    for (size_t i = tb; i < te; i++) {
        if (!(L(c, i) & (C_SAY | C_DOCVERB | C_TRIG)) || in_direct(c, i))
            continue;
        if ((L(c, i) & C_TRIG) && eqw(c, i, "according") && i + 2 < te && eqw(c, i + 1, "to")) {
            if (np_after(c, i + 2, te, &nb, &ne, 1) && type_np(c, se, nb, ne, o)) {
                /* "according to a report in the Herald": the outlet */
                o->cb = (uint32_t)i;
                o->ce = (uint32_t)i + 2;
                return 1;
            }
            continue;
        }
        if (!(L(c, i) & (C_SAY | C_DOCVERB)) || !(T(c, i)->flags & CX_TF_LOWER) || eqw(c, i, "citing"))
            continue;
        if (i > tb && anyw(c, i - 1, "was were been being is are be"))
            continue; /* passive: "was urged by" */
        /* inverted: "..., said the minister" / "", said Jane Roe" */
        int inv = i > tb && (punct(c, i - 1, ',') || T(c, i - 1)->kind == CX_TOK_QUOTE) && i + 1 < te &&
                  !anyw(c, i, "told tells informed advised urged") &&
                  (cap(c, i + 1) || anyw(c, i + 1, "a an the one"));
        if (inv && np_after(c, i + 1, te, &nb, &ne, 0) &&
            (ne >= te || T(c, ne)->kind == CX_TOK_PUNCT || T(c, ne)->kind == CX_TOK_QUOTE) &&
            type_np(c, se, nb, ne, o)) {
            o->cb = o->ce = (uint32_t)i;
            o->ce++;
            return 1;
        }
        if (np_before(c, tb, i, &nb, &ne) && type_np(c, se, nb, ne, o)) {
            if (!(L(c, i) & C_SAY) && o->type != CX_SRC_DOCUMENT && !(L(c, np_head(c, nb, ne)) & C_BODY))
                continue; /* "found" etc. only for documents and inquiries */
            o->cb = (uint32_t)i;
            o->ce = (uint32_t)i + 1;
            return 1;
        }
    }
    return 0;
}

/* "citing NP": whom an outlet relays. */
static const char *citing(cctx *c, const cx_sentence *se)
{
    size_t nb, ne;
    for (size_t i = se->tok_begin; i + 1 < se->tok_end; i++)
        if ((L(c, i) & C_TRIG) && eqw(c, i, "citing") && np_after(c, i + 1, se->tok_end, &nb, &ne, 1))
            return dup_toks(c, nb, ne);
    return NULL;
}

/* ---- stances ---- */

typedef struct stance {
    uint8_t kind;
    uint32_t cb, ce; /* cue tokens */
    uint32_t subj;   /* token before which the stance's subject ends */
    const char *verdict;
} stance;

static int has_in(const cctx *c, size_t b, size_t e, uint64_t cls)
{
    for (size_t i = b; i < e; i++)
        if (L(c, i) & cls)
            return (int)(i - b) + 1;
    return 0;
}

static int word_in(const cctx *c, size_t b, size_t e, const char *ws)
{
    for (size_t i = b; i < e; i++)
        if (anyw(c, i, ws))
            return (int)(i - b) + 1;
    return 0;
}

static const char *verdict_of(const cctx *c, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++) {
        if (L(c, i) & C_VFALSE) {
            if (anyw(c, i, "baseless unfounded groundless meritless"))
                return "unfounded";
            if (anyw(c, i, "misleading"))
                return "misleading";
            if (anyw(c, i, "unsubstantiated"))
                return "unsubstantiated";
            return "false";
        }
        if (L(c, i) & C_VTRUE) {
            if (i > b && (L(c, i - 1) & C_NEG))
                return "false";
            return anyw(c, i, "substantiated founded justified") ? "confirmed" : "true";
        }
    }
    return NULL;
}

static size_t skip_adv(const cctx *c, size_t i, size_t te)
{
    while (i < te && isw(c, i) && ((L(c, i) & C_ADV) || lyadv(c, i) || anyw(c, i, "immediately")))
        i++;
    return i;
}

static int set_st(stance *s, uint8_t kind, size_t cb, size_t ce, size_t subj)
{
    s->kind = kind;
    s->cb = (uint32_t)cb;
    s->ce = (uint32_t)ce;
    s->subj = (uint32_t)subj;
    return 1;
}

static int correction(const cctx *c, size_t tb, size_t te, stance *s)
{
    if (anyw(c, tb, "correction clarification") && tb + 1 < te && (punct(c, tb + 1, ':') || is_dash(c, tb + 1)))
        return set_st(s, CX_ST_CORRECTION, tb, tb + 1, tb);
    for (size_t i = tb; i < te; i++) {
        if (!(L(c, i) & (C_TRIG | C_CORRECT)))
            continue;
        if (anyw(c, i, "earlier previous") && i + 4 < te && eqw(c, i + 1, "version") && eqw(c, i + 2, "of") &&
            anyw(c, i + 3, "this the") && anyw(c, i + 4, "story article report post piece headline"))
            return set_st(s, CX_ST_CORRECTION, i, i + 5, i);
        if (anyw(c, i, "incorrectly erroneously mistakenly wrongly") && i + 1 < te &&
            anyw(c, i + 1, "stated reported said identified described attributed named gave listed"))
            return set_st(s, CX_ST_CORRECTION, i, i + 2, i);
        if (anyw(c, i, "misstated misidentified misquoted misattributed misspelled"))
            return set_st(s, CX_ST_CORRECTION, i, i + 1, i);
        if (eqw(c, i, "corrected") && i > tb && (L(c, i - 1) & C_AUX) &&
            word_in(c, tb, te, "story article report version headline caption"))
            return set_st(s, CX_ST_CORRECTION, i, i + 1, i);
        if (eqw(c, i, "correct") && i > tb + 1 && eqw(c, i - 1, "to") &&
            word_in(c, tb, i, "updated amended changed edited") &&
            word_in(c, tb, i, "story article report version post"))
            return set_st(s, CX_ST_CORRECTION, i - 1, i + 1, i);
        if (eqw(c, i, "regret") && i + 2 < te && eqw(c, i + 1, "the") && eqw(c, i + 2, "error"))
            return set_st(s, CX_ST_CORRECTION, i, i + 3, i);
    }
    return 0;
}

static int ruling(const cctx *c, size_t tb, size_t te, stance *s)
{
    for (size_t i = tb; i < te; i++) {
        if (!(L(c, i) & C_FIND) || !(T(c, i)->flags & CX_TF_LOWER))
            continue;
        if (i > tb && anyw(c, i - 1, "was were been be is are being"))
            continue; /* "was found dead" */
        size_t lo = i > tb + 12 ? i - 12 : tb;
        int body = has_in(c, lo, i, C_BODY) != 0;
        const char *v = verdict_of(c, i + 1, te);
        int claimn = has_in(c, i + 1, i + 8 < te ? i + 8 : te, C_CLAIMN) != 0;
        int strong = anyw(c, i, "ruled cleared upheld") ||
                     (anyw(c, i, "found concluded determined") && i + 1 < te && eqw(c, i + 1, "that"));
        if ((body && (v || claimn || strong)) || (claimn && v && anyw(c, i, "found concluded determined deemed"))) {
            if (!v)
                v = anyw(c, i, "rejected dismissed") ? "rejected" : anyw(c, i, "cleared") ? "cleared"
                  : anyw(c, i, "upheld") ? "upheld" : "ruled";
            s->verdict = v;
            return set_st(s, CX_ST_RULING, i, i + 1, i);
        }
    }
    return 0;
}

static int outlet_name(const char *nm);

/* The capitalised name starting at token i ends with an outlet's word ("the Morrow Courier"). */
static int outlet_after(const cctx *c, size_t i, size_t te)
{
    if (i < te && eqw(c, i, "the"))
        i++;
    size_t e = i;
    while (e < te && cap(c, e))
        e++;
    for (size_t k = i; k < e; k++) {
        char w[40];
        size_t n = T(c, k)->end - T(c, k)->start;
        if (n >= sizeof w)
            continue;
        memcpy(w, c->s + T(c, k)->start, n);
        w[n] = 0;
        if (outlet_name(w) || (L(c, k) & C_OUTLETN))
            return 1;
    }
    /* the article's own outlet */
    return c->outlet && e > i && !strncasecmp(c->s + T(c, i)->start, c->outlet + (strncasecmp(c->outlet, "the ", 4) ? 0 : 4),
                                              T(c, e - 1)->end - T(c, i)->start);
}

static int disclaimer(const cctx *c, size_t tb, size_t te, stance *s)
{
    for (size_t i = tb; i < te; i++) {
        if (!(L(c, i) & C_VERIFY) || !(T(c, i)->flags & CX_TF_LOWER))
            continue;
        size_t lo = i > tb + 8 ? i - 8 : tb;
        int neg = has_in(c, lo, i, C_NEG);
        if (!neg)
            continue;
        size_t nt = lo + (size_t)neg - 1;
        int indep = word_in(c, nt, i, "independently") != 0;
        int able = word_in(c, nt, i, "able unable") != 0 || eqw(c, nt, "unable");
        int passive = word_in(c, nt, i, "be been") != 0;
        int verify = anyw(c, i, "verified verify verifying authenticated authenticate corroborated corroborate");
        int outlet_subj = outlet_after(c, tb, te) || anyw(c, tb, "we");
        if (indep || able || (passive && !anyw(c, i, "seen review reviewed")) || verify ||
            (outlet_subj && !passive)) {
            /* "has not been confirmed by police" is the police's silence, not ours */
            if (!indep && !able && i + 1 < te && eqw(c, i + 1, "by") && !outlet_after(c, i + 2, te))
                continue;
            size_t cb = nt;
            while (cb > tb && (L(c, cb - 1) & C_AUX))
                cb--;
            return set_st(s, CX_ST_DISCLAIMER, cb, i + 1, cb);
        }
    }
    return 0;
}

static int no_comment(const cctx *c, size_t tb, size_t te, stance *s)
{
    for (size_t i = tb; i < te; i++) {
        uint64_t f = L(c, i);
        if (!(f & (C_DECLINE | C_NEG | C_TRIG)))
            continue;
        if ((f & C_DECLINE) && i + 1 < te) {
            if (eqw(c, i + 1, "to") && i + 2 < te && (L(c, i + 2) & C_COMMENT))
                return set_st(s, CX_ST_NO_COMMENT, i, i + 3, i);
            if (anyw(c, i + 1, "comment interviews interview requests"))
                return set_st(s, CX_ST_NO_COMMENT, i, i + 2, i);
        }
        if (f & C_NEG) {
            size_t j = skip_adv(c, i + 1, te);
            int modal = i > tb && anyw(c, i - 1, "would will could can did does do has have had");
            int fused = anyw(c, i, "wouldn't won't didn't couldn't can't cannot hasn't haven't doesn't");
            if (j < te && (modal || fused)) {
                if (anyw(c, j, "comment discuss speculate elaborate"))
                    return set_st(s, CX_ST_NO_COMMENT, modal ? i - 1 : i, j + 1, modal ? i - 1 : i);
                if (anyw(c, j, "say confirm") && (anyw(c, i - 1, "would will") || anyw(c, i, "wouldn't won't")))
                    return set_st(s, CX_ST_NO_COMMENT, modal ? i - 1 : i, j + 1, modal ? i - 1 : i);
                if ((L(c, j) & C_RESPOND) && has_in(c, j + 1, j + 8 < te ? j + 8 : te, C_REQ))
                    return set_st(s, CX_ST_NO_COMMENT, modal ? i - 1 : i, j + 1, modal ? i - 1 : i);
                if (eqw(c, j, "be") && j + 1 < te && anyw(c, j + 1, "reached contacted") &&
                    (word_in(c, j + 2, j + 7 < te ? j + 7 : te, "comment") || j + 2 >= te ||
                     punct(c, j + 2, '.') || punct(c, j + 2, ',') ||
                     ((L(c, j + 2) & C_PREP) && j + 3 < te && (L(c, j + 3) & (C_TIMEW | C_DET)) &&
                      !anyw(c, j + 2, "by"))))
                    return set_st(s, CX_ST_NO_COMMENT, modal ? i - 1 : i, j + 2, modal ? i - 1 : i);
            }
            /* "messages left with the company were not returned" */
            if (j < te && anyw(c, j, "returned answered") && has_in(c, i > tb + 6 ? i - 6 : tb, i, C_REQ))
                return set_st(s, CX_ST_NO_COMMENT, i, j + 1, i);
            if (eqw(c, i, "no") && j < te && eqw(c, j, "comment"))
                return set_st(s, CX_ST_NO_COMMENT, i, j + 1, i);
        }
        if (anyw(c, i, "available unavailable") && i + 2 < te && eqw(c, i + 1, "for") && eqw(c, i + 2, "comment"))
            return set_st(s, CX_ST_NO_COMMENT, i, i + 3, i);
        if (eqw(c, i, "referred") && i + 2 < te && anyw(c, i + 1, "questions inquiries requests queries"))
            return set_st(s, CX_ST_NO_COMMENT, i, i + 2, i);
    }
    return 0;
}

static int denial(const cctx *c, size_t tb, size_t te, stance *s)
{
    for (size_t i = tb; i < te; i++) {
        uint64_t f = L(c, i);
        if (!(f & (C_DENY | C_REJECT | C_CALL | C_TRIG | C_CLAIMN)))
            continue;
        if ((f & C_DENY) && !(T(c, i)->flags & CX_TF_UPPER)) {
            size_t p = i;
            while (p > tb && ((L(c, p - 1) & C_ADV) || lyadv(c, p - 1)))
                p--;
            if (p > tb && anyw(c, p - 1, "was were been be is are being get got"))
                continue; /* "was denied bail" */
            size_t j = i + 1 < te && (L(c, i + 1) & C_DET) ? i + 2 : i + 1;
            if (j < te && anyw(c, j, "bail entry access permission parole visa visas request requests motion "
                                     "application appeal petition permit service benefits coverage nothing"))
                continue;
            return set_st(s, CX_ST_DENIAL, i, i + 1, i);
        }
        if ((f & C_REJECT) && !(T(c, i)->flags & CX_TF_UPPER)) {
            size_t e = i + 7 < te ? i + 7 : te;
            int cn = has_in(c, i + 1, e, C_CLAIMN);
            int as = word_in(c, i + 1, e, "as");
            if (cn || (as && verdict_of(c, i + 1, e)))
                return set_st(s, CX_ST_DENIAL, i, i + 1, i);
        }
        if ((f & C_CALL) && (T(c, i)->flags & CX_TF_LOWER)) {
            size_t e = i + 8 < te ? i + 8 : te;
            if (verdict_of(c, i + 1, e) && (word_in(c, i + 1, e, "them it this that allegations allegation claims claim "
                                                                 "report reports accusations accusation story")))
                return set_st(s, CX_ST_DENIAL, i, i + 1, i);
        }
        if (eqw(c, i, "true") && i > tb && (L(c, i - 1) & C_NEG || lyadv(c, i - 1)) &&
            (L(c, i - 1) & C_NEG || (i > tb + 1 && (L(c, i - 2) & C_NEG))))
            return set_st(s, CX_ST_DENIAL, i - 1, i + 1, i);
        if (eqw(c, i, "true") && i > tb + 1 && anyw(c, i - 1, "is are was were") &&
            has_in(c, i > tb + 5 ? i - 5 : tb, i - 1, C_NEG)) /* "none of this is true" */
            return set_st(s, CX_ST_DENIAL, i - 1, i + 1, i);
        if (eqw(c, i, "untrue"))
            return set_st(s, CX_ST_DENIAL, i, i + 1, i);
        if (eqw(c, i, "nothing") && i + 1 < te && eqw(c, i + 1, "wrong") && i > tb &&
            anyw(c, i - 1, "did done doing"))
            return set_st(s, CX_ST_DENIAL, i - 1, i + 2, i);
        if ((f & C_CLAIMN) && !(T(c, i)->flags & CX_TF_UPPER)) {
            size_t j = i + 1;
            if (j < te && anyw(c, j, "are is were was")) {
                j = skip_adv(c, j + 1, te);
                if (j < te && (L(c, j) & C_VFALSE))
                    return set_st(s, CX_ST_DENIAL, i, j + 1, i);
            }
        }
    }
    return 0;
}

static int confirmation(const cctx *c, size_t tb, size_t te, stance *s)
{
    for (size_t i = tb; i < te; i++) {
        if (!(L(c, i) & C_CONFIRM) || !(T(c, i)->flags & CX_TF_LOWER))
            continue;
        size_t lo = i > tb + 3 ? i - 3 : tb;
        if (has_in(c, lo, i, C_NEG))
            continue;
        if (i > tb && ((L(c, i - 1) & C_DET) || T(c, i - 1)->kind == CX_TOK_NUMBER))
            continue; /* "the confirmed cases" */
        if (i + 1 < te && (eqw(c, i + 1, "that") || (L(c, i + 1) & C_DET) || cap(c, i + 1)))
            return set_st(s, CX_ST_CONFIRMATION, i, i + 1, i);
    }
    return 0;
}

static int find_stance(const cctx *c, const cx_sentence *se, stance *s)
{
    memset(s, 0, sizeof *s);
    size_t tb = se->tok_begin, te = se->tok_end;
    return correction(c, tb, te, s) || ruling(c, tb, te, s) || disclaimer(c, tb, te, s) ||
           no_comment(c, tb, te, s) || denial(c, tb, te, s) || confirmation(c, tb, te, s);
}

/* ---- the article ---- */

static int push(cctx *c, const cx_statement *x, const char *head)
{
    if (c->n_st == c->cap_st) {
        size_t cap = c->cap_st ? c->cap_st * 2 : 32;
        cx_statement *ns = cx_arena_alloc(c->a, cap * sizeof *ns);
        const char **nh = cx_arena_alloc(c->a, cap * sizeof *nh);
        if (!ns || !nh)
            return 0;
        if (c->n_st) {
            memcpy(ns, c->st, c->n_st * sizeof *ns);
            memcpy(nh, c->head, c->n_st * sizeof *nh);
        }
        c->st = ns;
        c->head = nh;
        c->cap_st = cap;
    }
    c->head[c->n_st] = head;
    c->st[c->n_st++] = *x;
    return 1;
}

/* The direct quote of the quotes stage covering most of the sentence. */
static const cx_quote *quote_over(const cctx *c, const cx_sentence *se)
{
    size_t words = 0, in = 0;
    int32_t best = -1;
    for (size_t i = se->tok_begin; i < se->tok_end; i++) {
        if (T(c, i)->kind != CX_TOK_WORD)
            continue;
        words++;
        if (c->inq[i] >= 0) {
            in++;
            best = c->inq[i];
        }
    }
    if (best < 0 || in * 2 < words)
        return NULL;
    return &c->q->quotes[best];
}

static int sentence(cctx *c, size_t si, int *prev_src_para)
{
    const cx_sentence *se = &c->t->sents[si];
    if (se->tok_end <= se->tok_begin)
        return 1;
    stance sk;
    int has_st = find_stance(c, se, &sk);
    src o;
    int has = find_attr(c, se, &o);
    if (has && o.type == CX_SRC_OUTLET)
        o.via = citing(c, se);
    if (!has && c->q) { /* a quote's speaker the cue search missed */
        const cx_quote *x = NULL;
        /* quotes are in text order: skip those ending before this sentence */
        while (c->qcur < c->q->n_quotes && c->q->quotes[c->qcur].span.end <= se->start)
            c->qcur++;
        for (size_t k = c->qcur; k < c->q->n_quotes && c->q->quotes[k].span.start < se->end; k++) {
            const cx_quote *y = &c->q->quotes[k];
            if (y->speaker && y->span.end > se->start) {
                x = y;
                break;
            }
        }
        if (!x)
            x = quote_over(c, se);
        if (x && x->speaker) {
            memset(&o, 0, sizeof o);
            from_quote(c, x, &o);
            o.count = -1;
            if (x->mention.end > x->mention.start) {
                o.span = x->mention;
                o.inherited = x->mention.start < se->start || x->mention.start >= se->end;
            }
            if (x->cue.end > x->cue.start && x->cue.start >= se->start && x->cue.end <= se->end) {
                /* cue tokens for the cue string */
                for (size_t i = se->tok_begin; i < se->tok_end; i++)
                    if (T(c, i)->start == x->cue.start) {
                        o.cb = (uint32_t)i;
                        o.ce = (uint32_t)i + 1;
                    }
            }
            o.type = o.type ? o.type : CX_SRC_UNNAMED_PERSON;
            if (o.entity < 0 && x->mention.end > x->mention.start) {
                /* a descriptor: type its words */
                size_t b = se->tok_begin, e;
                while (b < se->tok_end && T(c, b)->start < x->mention.start)
                    b++;
                e = b;
                while (e < se->tok_end && T(c, e)->end <= x->mention.end)
                    e++;
                src d;
                if (e > b && type_np(c, se, b, e, &d))
                    o.type = d.type, o.count = d.count, o.head = d.head;
                else
                    o.type = 0;
            }
            has = o.type != 0;
        }
    }
    if (has_st && (!has || o.cb > sk.cb || o.ce <= o.cb)) {
        /* the stance's own subject ("Castellan declined to comment"), unless
         * the stance is what a source said ("X said it would not comment") */
        size_t nb, ne, v = sk.subj;
        src d;
        int got = np_before(c, se->tok_begin, v, &nb, &ne) && type_np(c, se, nb, ne, &d);
        if (got && has && ne == nb + 1 && anyw(c, nb, "i we"))
            got = -1; /* "I did nothing wrong, she said": the speaker */
        if (got == 0) { /* "The Herald has seen ... but has not been able to": the sentence's subject */
            for (v = se->tok_begin + 1; v < sk.subj && !(L(c, v) & (C_AUX | C_SAY)); v++)
                ;
            got = v < sk.subj && np_before(c, se->tok_begin, v, &nb, &ne) && type_np(c, se, nb, ne, &d);
        }
        if (got > 0) {
            o = d;
            has = 1;
        }
    }
    int cont = 0;
    if (!has && !has_st && *prev_src_para >= 0 && (size_t)*prev_src_para + 1 == c->n_st &&
        c->st[c->n_st - 1].sentence + 1 == si && c->t->sents[si - 1].para == se->para &&
        (c->last_cont != c->n_st || c->chain < CONT_MAX)) {
        /* continuation: the sentence right after a sourced one, same paragraph */
        const cx_statement *p = &c->st[c->n_st - 1];
        memset(&o, 0, sizeof o);
        take(&o, p, c->head[c->n_st - 1]);
        o.span.start = o.span.end = 0;
        has = cont = 1;
    }
    if (!has && !has_st)
        return 1;
    cx_statement x;
    memset(&x, 0, sizeof x);
    x.span.start = se->start;
    x.span.end = se->end;
    x.sentence = (uint32_t)si;
    x.count = -1;
    x.entity = -1;
    x.stance = has_st ? sk.kind : CX_ST_CLAIM;
    if (has) {
        x.source = o.name;
        x.source_type = o.type;
        x.source_span = o.span;
        x.inherited = o.inherited;
        x.entity = o.entity;
        x.count = o.type == CX_SRC_ANONYMOUS ? o.count : -1;
        x.via = o.via;
        x.self = c->outlet && o.name && cl_outlet_eq(o.name, c->outlet);
        if (x.self && o.type != CX_SRC_ANONYMOUS && o.type != CX_SRC_DOCUMENT)
            x.source_type = CX_SRC_OUTLET; /* the article's own outlet, whatever the name looked like */
        if (!has_st && o.ce > o.cb)
            x.cue = dup_toks(c, o.cb, o.ce);
    }
    if (has_st) {
        x.cue = dup_toks(c, sk.cb, sk.ce > sk.cb ? sk.ce : sk.cb + 1);
        x.verdict = sk.verdict;
        if (sk.kind == CX_ST_CORRECTION)
            x.verdict = "corrected";
        /* an outlet naming itself ("Channel 9 has not verified") */

    }
    if (!push(c, &x, has ? o.head : NULL))
        return 0;
    if (cont) {
        c->chain = c->last_cont == c->n_st - 1 ? c->chain + 1 : 1;
        c->last_cont = c->n_st;
    }
    *prev_src_para = has ? (int)(c->n_st - 1) : -1;
    return 1;
}

static int english(const char *lang) { return !lang || !*lang || !strcmp(lang, "en") || !strcmp(lang, "und"); }

cx_claims_article *cx_claims_analyze(cx_arena *a, const cx_text *t, const cx_quotes *q,
                                     const char *outlet, const char *lang)
{
    cx_claims_article *r = cx_arena_calloc(a, 1, sizeof *r);
    if (!r)
        return NULL;
    if (!t || !t->n_toks || !english(lang))
        return r;
    cctx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.t = t;
    c.s = t->s;
    c.q = q;
    c.outlet = outlet;
    size_t n = t->n_toks;
    c.lx = cx_arena_alloc(a, n * sizeof *c.lx);
    c.qlx = cx_arena_alloc(a, n * sizeof *c.qlx);
    c.ent = cx_arena_alloc(a, n * sizeof *c.ent);
    c.inq = cx_arena_alloc(a, n * sizeof *c.inq);
    if (!c.lx || !c.qlx || !c.ent || !c.inq)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const cx_token *k = &t->toks[i];
        int w = k->kind == CX_TOK_WORD;
        c.lx[i] = w ? cl_lex(c.s + k->start, k->end - k->start) : 0;
        c.qlx[i] = UINT32_MAX;
        c.ent[i] = -1;
        c.inq[i] = -1;
    }
    if (q) {
        /* mentions and direct-quote contents onto tokens (both in text order per item) */
        for (size_t e = 0; e < q->n_entities; e++)
            for (uint32_t m = 0; m < q->entities[e].n_mentions; m++) {
                cx_span sp = q->entities[e].mentions[m];
                size_t lo = 0, hi = n;
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    if (t->toks[mid].end <= sp.start)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                for (size_t i = lo; i < n && t->toks[i].start < sp.end; i++)
                    c.ent[i] = (int32_t)e;
            }
        for (size_t k = 0; k < q->n_quotes; k++) {
            const cx_quote *x = &q->quotes[k];
            if (x->kind != CX_QK_DIRECT && x->kind != CX_QK_UNMARKED)
                continue;
            for (uint32_t p = 0; p < x->n_parts; p++) {
                cx_span sp = x->parts[p];
                size_t lo = 0, hi = n;
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    if (t->toks[mid].end <= sp.start)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                for (size_t i = lo; i < n && t->toks[i].start < sp.end; i++)
                    c.inq[i] = (int32_t)k;
            }
        }
    }
    int prev = -1;
    for (size_t si = 0; si < t->n_sents; si++) {
        if (si && t->sents[si].para != t->sents[si - 1].para)
            prev = prev >= 0 && (size_t)prev + 1 == c.n_st ? prev : -1;
        if (!sentence(&c, si, &prev) || c.oom)
            return NULL;
    }
    r->st = c.st;
    r->n = c.n_st;
    return r;
}

const char *cx_source_type_name(int type)
{
    static const char *const N[] = {NULL,       "named_person", "named_organization", "document",
                                    "outlet",   "anonymous",    "unnamed_person",     "unnamed_group"};
    return type >= 0 && type < (int)(sizeof N / sizeof N[0]) ? N[type] : NULL;
}

const char *cx_stance_name(int kind)
{
    static const char *const N[] = {NULL,           "claim",  "disclaimer", "denial",
                                    "no_comment",   "confirmation", "ruling", "correction"};
    return kind >= 0 && kind < (int)(sizeof N / sizeof N[0]) ? N[kind] : NULL;
}
