/*
 * story.c: claims and disagreements across a story's articles (see
 * claims.h and docs/claims.md).
 *
 * Claims. Each article's statements become units: all the statements an
 * article rests on one anonymous or documentary source ("two senior
 * officials ...", inherited by "the officials said") form one unit, every
 * other sourced statement is a unit of its own. A statement that cites an
 * outlet ("the Harbour Herald reported") joins the unit of that outlet's
 * earlier article in the story (its main anonymous unit, else the unit whose
 * words it shares most); units of different articles that share enough
 * content words (same actors, numbers, predicate) merge. A claim is kept
 * when it spans two articles, rests on anonymous sources or an outlet, or
 * draws a stance. Stances attach to the claim whose words they share, with
 * a bonus for claims their own article carries and for naming the claim's
 * origin outlet; a ruling or denial that speaks of "the claim" with nothing
 * better goes to the story's most relayed claim. Rulings attach first, so
 * their articles count as carrying the claim for the stances after them.
 * The origin is the earliest article stating the claim on its own sources;
 * relays are later articles citing an outlet for it.
 *
 * Disagreements. Numbers with their head word ("12 injured", "14 people
 * were treated": injured/hurt/treated are one fact, killed/dead another),
 * clock times of one day in sentences sharing words, and years after
 * "<verb> in" ("founded in 1998"): one fact, two or more values, each with
 * its articles.
 *
 * Copies (copy_of >= 0) are left out: they repeat their origin.
 */
#include "claims/cint.h"
#include "core/article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_WORDS 48
#define MAX_CLAIMS 30
/* Bounds on the work of one story (the grouping is quadratic in units): an
 * article's first statements carry its claims; beyond these they are left out. */
#define MAX_UNITS_PER_ART 200
#define MAX_UNITS 4000
#define MAX_STANCES_PER_ART 64
#define MAX_REFS 32 /* per claim and kind of reference */

typedef struct unit {
    uint32_t art;
    int32_t first;          /* first statement */
    uint32_t words[MAX_WORDS]; /* content-word hashes, sorted, unique */
    uint32_t n_words;
    int32_t claim;          /* merged claim id (union-find root) */
    uint8_t bundle;         /* anonymous/document bundle */
    uint8_t relay;          /* cites an outlet */
    const char *outlet_cited;
} unit;

typedef struct sctx {
    cx_arena *a;
    cx_article *const *arts;
    size_t n;
    const int32_t *copy_of;
    unit *u;
    size_t n_u;
    int32_t **unit_of;      /* per article, per statement: unit index, -1 */
} sctx;

static int live(const sctx *x, size_t i)
{
    const cx_article *a = x->arts[i];
    return a && a->text && a->claims && (!x->copy_of || x->copy_of[i] < 0);
}

static uint32_t hash_word(const char *s, size_t n)
{
    /* first six letters, folded: "inspection" and "inspected" meet */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n && i < 6; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h = (h ^ c) * 16777619u;
    }
    return h;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Content words of sentence si of article a, outside bytes [xs, xe) (the
 * source's own words), added to w. */
static void add_words(const cx_article *a, uint32_t si, uint32_t xs, uint32_t xe, uint32_t *w, uint32_t *n)
{
    const cx_text *t = a->text;
    for (size_t i = t->sents[si].tok_begin; i < t->sents[si].tok_end && *n < MAX_WORDS; i++) {
        const cx_token *k = &t->toks[i];
        if (k->start >= xs && k->end <= xe)
            continue;
        size_t len = k->end - k->start;
        if (k->kind == CX_TOK_NUMBER) {
            w[(*n)++] = hash_word(t->s + k->start, len) ^ 0x9e3779b9u;
            continue;
        }
        if (k->kind != CX_TOK_WORD || len < 3)
            continue;
        uint64_t f = cl_lex(t->s + k->start, len);
        if (f & (C_STOP | C_SAY | C_AUX | C_TIMEW | C_PREP | C_NEG))
            continue;
        int v = cl_numword(t->s + k->start, len);
        if (v > 0) {
            char d[8];
            int m = snprintf(d, sizeof d, "%d", v);
            w[(*n)++] = hash_word(d, (size_t)m) ^ 0x9e3779b9u;
            continue;
        }
        w[(*n)++] = hash_word(t->s + k->start, len);
    }
}

static void uniq(uint32_t *w, uint32_t *n)
{
    qsort(w, *n, sizeof *w, cmp_u32);
    uint32_t k = 0;
    for (uint32_t i = 0; i < *n; i++)
        if (!k || w[k - 1] != w[i])
            w[k++] = w[i];
    *n = k;
}

static uint32_t shared(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb)
{
    uint32_t i = 0, j = 0, s = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            s++, i++, j++;
        else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return s;
}

static int32_t root(unit *u, int32_t i)
{
    while (u[i].claim != i) {
        u[i].claim = u[u[i].claim].claim;
        i = u[i].claim;
    }
    return i;
}

static void join(unit *u, int32_t a, int32_t b)
{
    a = root(u, a);
    b = root(u, b);
    if (a != b) /* the earlier unit stays the root: it holds the origin */
        u[a > b ? a : b].claim = a < b ? a : b;
}

int cl_outlet_eq(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    if (!strncasecmp(a, "the ", 4))
        a += 4;
    if (!strncasecmp(b, "the ", 4))
        b += 4;
    size_t n = strlen(a), m = strlen(b);
    if (n == m)
        return !strncasecmp(a, b, n);
    const char *s = n < m ? a : b, *l = n < m ? b : a;
    size_t ns = n < m ? n : m, nl = n < m ? m : n;
    return ns >= 3 && l[nl - ns - 1] == ' ' && !strncasecmp(l + nl - ns, s, ns);
}

static int claim_stance(int st) { return st == CX_ST_CLAIM || st == CX_ST_CONFIRMATION; }

static int is_bundle_type(int t) { return t == CX_SRC_ANONYMOUS || t == CX_SRC_DOCUMENT; }

/* ---- units ---- */

static int build_units(sctx *x)
{
    size_t total = 0;
    for (size_t i = 0; i < x->n; i++)
        if (live(x, i))
            total += x->arts[i]->claims->n;
    x->u = cx_arena_calloc(x->a, total ? total : 1, sizeof *x->u);
    x->unit_of = cx_arena_calloc(x->a, x->n ? x->n : 1, sizeof *x->unit_of);
    if (!x->u || !x->unit_of)
        return 0;
    for (size_t i = 0; i < x->n; i++) {
        if (!live(x, i))
            continue;
        const cx_article *a = x->arts[i];
        const cx_claims_article *c = a->claims;
        x->unit_of[i] = cx_arena_alloc(x->a, (c->n ? c->n : 1) * sizeof **x->unit_of);
        if (!x->unit_of[i])
            return 0;
        size_t first_u = x->n_u;
        for (size_t k = 0; k < c->n; k++) {
            const cx_statement *s = &c->st[k];
            x->unit_of[i][k] = -1;
            if (!claim_stance(s->stance) || !s->source || s->self)
                continue;
            int32_t ui = -1;
            if (is_bundle_type(s->source_type))
                for (size_t j = first_u; j < x->n_u; j++)
                    if (x->u[j].art == i && x->u[j].bundle && c->st[x->u[j].first].source &&
                        !strcmp(c->st[x->u[j].first].source, s->source)) {
                        ui = (int32_t)j;
                        break;
                    }
            if (ui < 0) {
                if (x->n_u - first_u >= MAX_UNITS_PER_ART || x->n_u >= MAX_UNITS)
                    continue;
                ui = (int32_t)x->n_u++;
                unit *u = &x->u[ui];
                u->art = (uint32_t)i;
                u->first = (int32_t)k;
                u->claim = ui;
                u->bundle = (uint8_t)is_bundle_type(s->source_type);
                u->relay = s->source_type == CX_SRC_OUTLET;
                u->outlet_cited = u->relay ? s->source : NULL;
            }
            unit *u = &x->u[ui];
            /* a bundle keeps its source's words: "two senior officials familiar
             * with ..." is what its relays repeat */
            add_words(a, s->sentence, u->bundle ? 0 : s->source_span.start, u->bundle ? 0 : s->source_span.end,
                      u->words, &u->n_words);
            uniq(u->words, &u->n_words);
            x->unit_of[i][k] = ui;
        }
    }
    return 1;
}

/* The unit a relay belongs to, among the earlier articles of the outlet it
 * cites: an anonymous or document bundle sharing words with it, else the
 * unit sharing most words (three at least). */
static int32_t relay_target(const sctx *x, const unit *r)
{
    int32_t best = -1, bundle = -1;
    uint32_t bs = 0, bb = 0;
    for (size_t j = 0; j < x->n_u; j++) {
        const unit *u = &x->u[j];
        if (u->art >= r->art || u->relay || !live(x, u->art) || !cl_outlet_eq(x->arts[u->art]->outlet, r->outlet_cited))
            continue;
        uint32_t s = shared(u->words, u->n_words, r->words, r->n_words);
        if (u->bundle && s >= 2 && s > bb)
            bb = s, bundle = (int32_t)j;
        if (s > bs)
            bs = s, best = (int32_t)j;
    }
    return bundle >= 0 ? bundle : bs >= 3 ? best : -1;
}

static const char *src_of(const sctx *x, const unit *u) { return x->arts[u->art]->claims->st[u->first].source; }

/* One source under two names: equal, or one the other's last word ("Keel",
 * "Darius Keel"). */
static int same_source(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    if (!strcasecmp(a, b))
        return 1;
    size_t n = strlen(a), m = strlen(b);
    const char *s = n < m ? a : b, *l = n < m ? b : a;
    size_t ns = n < m ? n : m, nl = n < m ? m : n;
    return ns >= 3 && l[nl - ns - 1] == ' ' && !strcasecmp(l + nl - ns, s);
}

static void merge_units(sctx *x)
{
    /* relays onto the cited outlet's earlier article */
    for (size_t j = 0; j < x->n_u; j++) {
        unit *r = &x->u[j];
        if (!r->relay)
            continue;
        int32_t t = relay_target(x, r);
        if (t >= 0)
            join(x->u, t, (int32_t)j);
    }
    /* relays in one article citing the same outlet are one claim */
    for (size_t j = 0; j < x->n_u; j++)
        for (size_t k = j + 1; k < x->n_u; k++)
            if (x->u[j].relay && x->u[k].relay && x->u[j].art == x->u[k].art &&
                cl_outlet_eq(x->u[j].outlet_cited, x->u[k].outlet_cited))
                join(x->u, (int32_t)j, (int32_t)k);
    /* content: same source, actors, numbers and predicate; an anonymous or
     * documentary bundle gathers only its relays (its words are many) */
    for (size_t j = 0; j < x->n_u; j++)
        for (size_t k = j + 1; k < x->n_u; k++) {
            const unit *a = &x->u[j], *b = &x->u[k];
            if (a->art == b->art || a->bundle || b->bundle || a->relay || b->relay ||
                !same_source(src_of(x, a), src_of(x, b)))
                continue;
            uint32_t s = shared(a->words, a->n_words, b->words, b->n_words);
            uint32_t m = a->n_words < b->n_words ? a->n_words : b->n_words;
            if (s >= 4 && 2 * s >= m)
                join(x->u, (int32_t)j, (int32_t)k);
        }
}

/* ---- claims ---- */

typedef struct cl_build {
    int32_t root;
    cx_claim_ref refs[5][MAX_REFS]; /* relays, disclaimers, denials, no_comment, rulings */
    size_t n_refs[5];
    uint8_t has_art[1]; /* flexible: per article (allocated with the struct) */
} cl_build;

enum { R_RELAY, R_DISC, R_DENY, R_NOCOM, R_RULE };

static const char *stmt_text(sctx *x, size_t i, const cx_statement *s)
{
    return cx_arena_strndup(x->a, x->arts[i]->body + s->span.start, s->span.end - s->span.start);
}

static int add_ref(sctx *x, cl_build *b, int kind, size_t i, size_t k)
{
    const cx_statement *s = &x->arts[i]->claims->st[k];
    if (b->n_refs[kind] >= MAX_REFS)
        return 1;
    for (size_t j = 0; j < b->n_refs[kind]; j++) /* one relay per article */
        if (kind == R_RELAY && b->refs[kind][j].article == i)
            return 1;
    cx_claim_ref *r = &b->refs[kind][b->n_refs[kind]++];
    r->article = (uint32_t)i;
    r->statement = (int32_t)k;
    r->who = s->source;
    r->verdict = s->verdict;
    r->text = stmt_text(x, i, s);
    b->has_art[i] = 1;
    return r->text != NULL;
}

/* How well stance statement k of article i fits claim b, which shares at
 * most `best` words with it in one unit. */
static int fit(const sctx *x, const cl_build *b, size_t i, size_t k, const char *origin_outlet, uint32_t best)
{
    const cx_article *a = x->arts[i];
    const cx_statement *s = &a->claims->st[k];
    int score = (int)best;
    if (b->has_art[i])
        score += 3;
    if (origin_outlet) {
        /* the stance names the claim's origin ("first reported by the Herald") */
        const char *o = origin_outlet;
        if (!strncasecmp(o, "the ", 4))
            o += 4;
        const char *sp = strrchr(o, ' ');
        const char *last = sp ? sp + 1 : o;
        size_t ln = strlen(last);
        const char *body = a->body + s->span.start;
        size_t bl = s->span.end - s->span.start;
        for (size_t p = 0; ln >= 3 && p + ln <= bl; p++)
            if (!strncasecmp(body + p, last, ln) && (p == 0 || body[p - 1] == ' ')) {
                score += 2;
                break;
            }
    }
    return score;
}

static int speaks_of_claim(const cx_article *a, const cx_statement *s)
{
    const cx_text *t = a->text;
    for (size_t i = t->sents[s->sentence].tok_begin; i < t->sents[s->sentence].tok_end; i++) {
        const cx_token *k = &t->toks[i];
        if (k->kind == CX_TOK_WORD && (cl_lex(t->s + k->start, k->end - k->start) & C_CLAIMN))
            return 1;
    }
    return 0;
}

static const char *sourcing_of(int type)
{
    switch (type) {
    case CX_SRC_ANONYMOUS: return "anonymous";
    case CX_SRC_DOCUMENT: return "document";
    case CX_SRC_OUTLET: return "outlet";
    case CX_SRC_NONE: return "unsourced";
    default: return "named";
    }
}

static int copy_refs(sctx *x, cx_claim_ref **dst, size_t *n, const cx_claim_ref *src, size_t k)
{
    *n = k;
    *dst = NULL;
    if (!k)
        return 1;
    *dst = cx_arena_alloc(x->a, k * sizeof **dst);
    if (!*dst)
        return 0;
    memcpy(*dst, src, k * sizeof **dst);
    return 1;
}

static int build_claims(sctx *x, cx_story_claims *out)
{
    /* roots, in order of their first unit */
    size_t n_roots = 0;
    int32_t *roots = cx_arena_alloc(x->a, (x->n_u ? x->n_u : 1) * sizeof *roots);
    if (!roots)
        return 0;
    for (size_t j = 0; j < x->n_u; j++)
        if (root(x->u, (int32_t)j) == (int32_t)j)
            roots[n_roots++] = (int32_t)j;
    size_t bsz = sizeof(cl_build) + x->n;
    cl_build **bs = cx_arena_calloc(x->a, n_roots ? n_roots : 1, sizeof *bs);
    const char **origin_outlet = cx_arena_calloc(x->a, n_roots ? n_roots : 1, sizeof *origin_outlet);
    int32_t *origin = cx_arena_alloc(x->a, (n_roots ? n_roots : 1) * sizeof *origin);
    if (!bs || !origin_outlet || !origin)
        return 0;
    for (size_t r = 0; r < n_roots; r++) {
        if (!(bs[r] = cx_arena_calloc(x->a, 1, bsz)))
            return 0;
        bs[r]->root = roots[r];
        origin[r] = -1;
        /* members, origin, relays */
        for (size_t j = 0; j < x->n_u; j++) {
            if (root(x->u, (int32_t)j) != roots[r])
                continue;
            const unit *u = &x->u[j];
            bs[r]->has_art[u->art] = 1;
            if (u->relay) {
                if (!origin_outlet[r])
                    origin_outlet[r] = u->outlet_cited;
                if (!add_ref(x, bs[r], R_RELAY, u->art, (size_t)u->first))
                    return 0;
            } else if (origin[r] < 0 || u->art < (uint32_t)origin[r]) {
                origin[r] = (int32_t)u->art;
            }
        }
        if (origin[r] >= 0) {
            origin_outlet[r] = x->arts[origin[r]]->outlet;
            /* relays in the origin's own article are not relays */
            size_t k = 0;
            for (size_t j = 0; j < bs[r]->n_refs[R_RELAY]; j++)
                if (bs[r]->refs[R_RELAY][j].article != (uint32_t)origin[r])
                    bs[r]->refs[R_RELAY][k++] = bs[r]->refs[R_RELAY][j];
            bs[r]->n_refs[R_RELAY] = k;
        }
    }
    /* each unit's claim slot, and a scratch row of shared-word counts */
    uint32_t *root_slot = cx_arena_alloc(x->a, (x->n_u ? x->n_u : 1) * sizeof *root_slot);
    uint32_t *sh = cx_arena_alloc(x->a, (n_roots ? n_roots : 1) * sizeof *sh);
    if (!root_slot || !sh)
        return 0;
    for (size_t r = 0; r < n_roots; r++)
        root_slot[roots[r]] = (uint32_t)r;
    for (size_t j = 0; j < x->n_u; j++)
        root_slot[j] = root_slot[root(x->u, (int32_t)j)];
    /* the most relayed claim, for rulings that only say "the claim" */
    int32_t top = -1;
    for (size_t r = 0; r < n_roots; r++)
        if (bs[r]->n_refs[R_RELAY] && (top < 0 || bs[r]->n_refs[R_RELAY] > bs[top]->n_refs[R_RELAY]))
            top = (int32_t)r;
    /* stances: rulings and corrections first, then the rest */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < x->n; i++) {
            if (!live(x, i))
                continue;
            const cx_claims_article *c = x->arts[i]->claims;
            size_t n_stances = 0;
            for (size_t k = 0; k < c->n && n_stances < MAX_STANCES_PER_ART; k++) {
                int st = c->st[k].stance;
                int kind = st == CX_ST_RULING || st == CX_ST_CORRECTION ? R_RULE
                         : st == CX_ST_DISCLAIMER ? R_DISC : st == CX_ST_DENIAL ? R_DENY
                         : st == CX_ST_NO_COMMENT ? R_NOCOM : -1;
                if (kind < 0 || (pass == 0) != (kind == R_RULE))
                    continue;
                n_stances++;
                /* the words the stance shares with each claim's closest unit */
                uint32_t w[MAX_WORDS], nw = 0;
                add_words(x->arts[i], c->st[k].sentence, 0, 0, w, &nw);
                uniq(w, &nw);
                memset(sh, 0, n_roots * sizeof *sh);
                for (size_t j = 0; j < x->n_u; j++) {
                    uint32_t v = shared(w, nw, x->u[j].words, x->u[j].n_words);
                    if (v > sh[root_slot[j]])
                        sh[root_slot[j]] = v;
                }
                int best = 0;
                int32_t br = -1;
                for (size_t r = 0; r < n_roots; r++) {
                    int f = fit(x, bs[r], i, k, origin_outlet[r], sh[r]);
                    /* disclaimers and denials answer contested claims: relayed or anonymous */
                    if (f > 0 && (kind == R_DISC || kind == R_DENY) &&
                        (bs[r]->n_refs[R_RELAY] || x->u[bs[r]->root].bundle))
                        f += 2;
                    if (f > best || (f == best && f > 0 && (int32_t)r == top))
                        best = f, br = (int32_t)r;
                }
                /* a ruling or denial of "the claim": the story's most relayed one */
                if (top >= 0 && br != top && (kind == R_RULE || kind == R_DENY) &&
                    speaks_of_claim(x->arts[i], &c->st[k]))
                    br = top, best = best > 3 ? best : 3;
                if (br >= 0 && best >= 3 && !add_ref(x, bs[br], kind, i, k))
                    return 0;
            }
        }
    /* keep what matters, most-carried first */
    out->claims = cx_arena_calloc(x->a, MAX_CLAIMS, sizeof *out->claims);
    if (!out->claims)
        return 0;
    for (size_t r = 0; r < n_roots; r++) {
        cl_build *b = bs[r];
        size_t arts = 0;
        for (size_t i = 0; i < x->n; i++)
            arts += b->has_art[i];
        const unit *u0 = &x->u[b->root];
        const cx_statement *s0 = &x->arts[u0->art]->claims->st[u0->first];
        int stances = b->n_refs[R_DISC] + b->n_refs[R_DENY] + b->n_refs[R_NOCOM] + b->n_refs[R_RULE] > 0;
        int keep = arts >= 2 || s0->source_type == CX_SRC_ANONYMOUS || u0->relay || stances;
        if (!keep)
            continue;
        size_t slot = out->n_claims;
        if (slot == MAX_CLAIMS) {
            /* full: replace the least carried when this one carries more */
            size_t worst = 0;
            for (size_t q = 1; q < MAX_CLAIMS; q++)
                if (out->claims[q].n_articles < out->claims[worst].n_articles)
                    worst = q;
            if (out->claims[worst].n_articles >= arts)
                continue;
            slot = worst;
        } else {
            out->n_claims++;
        }
        cx_claim *cl = &out->claims[slot];
        memset(cl, 0, sizeof *cl);
        /* the claim's wording: the origin's first statement, else the first */
        const unit *uo = u0;
        if (origin[r] >= 0) {
            const unit *any = NULL, *bundle = NULL;
            for (size_t j = 0; j < x->n_u; j++)
                if (root(x->u, (int32_t)j) == b->root && x->u[j].art == (uint32_t)origin[r] && !x->u[j].relay) {
                    if (!any)
                        any = &x->u[j];
                    if (!bundle && x->u[j].bundle)
                        bundle = &x->u[j];
                }
            uo = bundle ? bundle : any ? any : u0;
        }
        const cx_statement *so = &x->arts[uo->art]->claims->st[uo->first];
        cl->text = stmt_text(x, uo->art, so);
        cl->sourcing = sourcing_of(origin[r] >= 0 ? so->source_type : CX_SRC_OUTLET);
        cl->origin = origin[r];
        cl->origin_outlet = origin_outlet[r];
        /* sources: one per (article, name) */
        cx_claim_ref src[64];
        size_t ns = 0;
        for (size_t j = 0; j < x->n_u && ns < 64; j++) {
            if (root(x->u, (int32_t)j) != b->root)
                continue;
            const cx_statement *s = &x->arts[x->u[j].art]->claims->st[x->u[j].first];
            src[ns].article = x->u[j].art;
            src[ns].statement = x->u[j].first;
            src[ns].who = s->source;
            src[ns].text = cx_source_type_name(s->source_type); /* the type, for the writer */
            src[ns].verdict = NULL;
            ns++;
        }
        if (!copy_refs(x, &cl->sources, &cl->n_sources, src, ns) ||
            !copy_refs(x, &cl->relays, &cl->n_relays, b->refs[R_RELAY], b->n_refs[R_RELAY]) ||
            !copy_refs(x, &cl->disclaimers, &cl->n_disclaimers, b->refs[R_DISC], b->n_refs[R_DISC]) ||
            !copy_refs(x, &cl->denials, &cl->n_denials, b->refs[R_DENY], b->n_refs[R_DENY]) ||
            !copy_refs(x, &cl->no_comment, &cl->n_no_comment, b->refs[R_NOCOM], b->n_refs[R_NOCOM]) ||
            !copy_refs(x, &cl->rulings, &cl->n_rulings, b->refs[R_RULE], b->n_refs[R_RULE]))
            return 0;
        cl->articles = cx_arena_alloc(x->a, (arts ? arts : 1) * sizeof *cl->articles);
        if (!cl->articles)
            return 0;
        for (size_t i = 0; i < x->n; i++)
            if (b->has_art[i])
                cl->articles[cl->n_articles++] = (uint32_t)i;
    }
    /* order: most articles first, then the earliest */
    for (size_t i = 1; i < out->n_claims; i++)
        for (size_t j = i; j > 0; j--) {
            cx_claim *p = &out->claims[j - 1], *q = &out->claims[j];
            size_t wp = p->n_articles + p->n_relays + p->n_rulings, wq = q->n_articles + q->n_relays + q->n_rulings;
            if (wq > wp || (wq == wp && q->articles[0] < p->articles[0])) {
                cx_claim t = *p;
                *p = *q;
                *q = t;
            } else {
                break;
            }
        }
    return 1;
}

/* ---- disagreements ---- */

typedef struct fact_val {
    char key[48];
    char value[24];
    uint32_t art;
    const char *text;
    uint32_t s, e; /* sentence bytes */
    uint32_t sent;
} fact_val;

typedef struct fvec {
    fact_val *v;
    size_t n, cap;
} fvec;

static int fv_push(sctx *x, fvec *f, const fact_val *v)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        fact_val *nv = cx_arena_alloc(x->a, cap * sizeof *nv);
        if (!nv)
            return 0;
        if (f->n)
            memcpy(nv, f->v, f->n * sizeof *nv);
        f->v = nv;
        f->cap = cap;
    }
    f->v[f->n++] = *v;
    return 1;
}

static void fold_into(char *dst, size_t cap, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char c = s[i];
        dst[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    dst[k] = 0;
}

static int is_year(const char *s, size_t n)
{
    if (n != 4)
        return 0;
    for (size_t i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    int y = (int)strtol(s, NULL, 10);
    return y >= 1800 && y <= 2100;
}

static int in_date(const cx_article *a, uint32_t s, uint32_t e)
{
    for (size_t i = 0; i < a->n_dates; i++)
        if (a->dates[i].start <= s && e <= a->dates[i].end)
            return 1;
    return 0;
}

/* Numbers with their heads, years after "<verb> in", in article i. */
static int facts_of(sctx *x, size_t i, fvec *f)
{
    const cx_article *a = x->arts[i];
    const cx_text *t = a->text;
    const char *s = t->s;
    for (size_t si = 0; si < t->n_sents; si++) {
        const cx_sentence *se = &t->sents[si];
        for (size_t j = se->tok_begin; j < se->tok_end; j++) {
            const cx_token *k = &t->toks[j];
            size_t n = k->end - k->start;
            int val = -1;
            if (k->kind == CX_TOK_NUMBER) {
                if (memchr(s + k->start, ':', n) || memchr(s + k->start, '.', n) || memchr(s + k->start, ',', n))
                    continue;
                if (is_year(s + k->start, n)) {
                    /* "founded in 1998": the verb before "in" is the fact */
                    if (j >= se->tok_begin + 2 && k[-1].kind == CX_TOK_WORD && k[-1].end - k[-1].start == 2 &&
                        !strncasecmp(s + k[-1].start, "in", 2) && k[-2].kind == CX_TOK_WORD &&
                        (k[-2].flags & CX_TF_LOWER)) {
                        const cx_token *v = &k[-2];
                        size_t vn = v->end - v->start;
                        if (vn > 3 && !(cl_lex(s + v->start, vn) & (C_STOP | C_AUX | C_TIMEW | C_PREP))) {
                            fact_val fv;
                            memset(&fv, 0, sizeof fv);
                            fold_into(fv.key, sizeof fv.key, s + v->start, vn);
                            fold_into(fv.value, sizeof fv.value, s + k->start, n);
                            fv.art = (uint32_t)i;
                            fv.s = se->start;
                            fv.e = se->end;
                            fv.sent = (uint32_t)si;
                            if (!fv_push(x, f, &fv))
                                return 0;
                        }
                    }
                    continue;
                }
                val = (int)strtol(s + k->start, NULL, 10);
            } else if (k->kind == CX_TOK_WORD) {
                if (!(cl_lex(s + k->start, n) & C_NUMW))
                    continue;
                val = cl_numword(s + k->start, n);
                if (val < 2 || (n == 4 && !strncasecmp(s + k->start, "both", 4)))
                    continue;
            } else {
                continue;
            }
            if (val <= 0 || val > 100000 || in_date(a, k->start, k->end))
                continue;
            /* the head: skip people/aux, keep an -ly adverb with its word */
            size_t h = j + 1;
            int part = 0; /* "nine others were treated": a part, not the count */
            while (h < se->tok_end && t->toks[h].kind == CX_TOK_WORD &&
                   (cl_lex(s + t->toks[h].start, t->toks[h].end - t->toks[h].start) & (C_PEOPLE | C_AUX))) {
                part |= t->toks[h].end - t->toks[h].start == 6 && !strncasecmp(s + t->toks[h].start, "others", 6);
                h++;
            }
            if (part || (h < se->tok_end && t->toks[h].kind == CX_TOK_WORD && t->toks[h].end - t->toks[h].start == 4 &&
                         !strncasecmp(s + t->toks[h].start, "more", 4)))
                continue;
            if (h >= se->tok_end || t->toks[h].kind != CX_TOK_WORD || h > j + 4)
                continue;
            const cx_token *hk = &t->toks[h];
            size_t hn = hk->end - hk->start;
            uint64_t hf = cl_lex(s + hk->start, hn);
            if ((hf & (C_STOP | C_PREP | C_TIMEW)) || !(hk->flags & CX_TF_LOWER) || hn < 3)
                continue;
            fact_val fv;
            memset(&fv, 0, sizeof fv);
            if (hf & C_HURT)
                snprintf(fv.key, sizeof fv.key, "injured");
            else if (hf & C_DEAD)
                snprintf(fv.key, sizeof fv.key, "killed");
            else {
                size_t e2 = h;
                if (hn > 4 && !strncmp(s + hk->end - 2, "ly", 2) && h + 1 < se->tok_end &&
                    t->toks[h + 1].kind == CX_TOK_WORD)
                    e2 = h + 1;
                fold_into(fv.key, sizeof fv.key, s + hk->start, t->toks[e2].end - hk->start);
            }
            snprintf(fv.value, sizeof fv.value, "%d", val);
            fv.art = (uint32_t)i;
            fv.s = se->start;
            fv.e = se->end;
            fv.sent = (uint32_t)si;
            if (!fv_push(x, f, &fv))
                return 0;
        }
    }
    /* clock times of the day, keyed by the day and checked for shared words below */
    for (size_t d = 0; d < a->n_dates; d++) {
        const cx_timex *tx = &a->dates[d];
        if (!tx->precision || strcmp(tx->precision, "minute") || !tx->value || strlen(tx->value) < 16)
            continue;
        /* "the 7:45 ferry": a timetable, not an event */
        size_t j = 0;
        while (j < t->n_toks && t->toks[j].end <= tx->start)
            j++;
        if (j > 0 && t->toks[j - 1].kind == CX_TOK_WORD && t->toks[j - 1].end - t->toks[j - 1].start == 3 &&
            !strncasecmp(s + t->toks[j - 1].start, "the", 3))
            continue;
        fact_val fv;
        memset(&fv, 0, sizeof fv);
        snprintf(fv.key, sizeof fv.key, "@%.10s", tx->value);
        snprintf(fv.value, sizeof fv.value, "%.5s", tx->value + 11);
        fv.art = (uint32_t)i;
        fv.s = t->sents[tx->sentence].start;
        fv.e = t->sents[tx->sentence].end;
        fv.sent = tx->sentence;
        if (!fv_push(x, f, &fv))
            return 0;
    }
    return 1;
}

static int cmp_fv(const void *a, const void *b)
{
    const fact_val *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    c = strcmp(x->value, y->value);
    return c ? c : (x->art > y->art) - (x->art < y->art);
}

/* Times of one day only disagree between sentences sharing words. */
static int same_event(const sctx *x, const fact_val *p, const fact_val *q)
{
    uint32_t a[MAX_WORDS], b[MAX_WORDS], na = 0, nb = 0;
    add_words(x->arts[p->art], p->sent, 0, 0, a, &na);
    add_words(x->arts[q->art], q->sent, 0, 0, b, &nb);
    uniq(a, &na);
    uniq(b, &nb);
    return shared(a, na, b, nb) >= 2;
}

/* Two values each given by an article that does not give the other: outlets
 * that disagree, not one article listing several counts. */
static int opposed(const sctx *x, const fact_val *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if (!strcmp(v[i].value, v[j].value))
                continue;
            int i_has_j = 0, j_has_i = 0;
            for (size_t k = 0; k < n; k++) {
                i_has_j |= v[k].art == v[i].art && !strcmp(v[k].value, v[j].value);
                j_has_i |= v[k].art == v[j].art && !strcmp(v[k].value, v[i].value);
            }
            if (!i_has_j && !j_has_i)
                return 1;
        }
    (void)x;
    return 0;
}

static int minutes(const char *hhmm) { return (int)strtol(hhmm, NULL, 10) * 60 + (int)strtol(hhmm + 3, NULL, 10); }

static int build_dis(sctx *x, cx_story_claims *out)
{
    fvec f = {0};
    for (size_t i = 0; i < x->n; i++)
        if (live(x, i) && !facts_of(x, i, &f))
            return 0;
    if (!f.n)
        return 1;
    qsort(f.v, f.n, sizeof *f.v, cmp_fv);
    out->dis = cx_arena_calloc(x->a, 16, sizeof *out->dis);
    if (!out->dis)
        return 0;
    for (size_t b = 0; b < f.n && out->n_dis < 16;) {
        size_t e = b;
        while (e < f.n && !strcmp(f.v[e].key, f.v[b].key))
            e++;
        size_t end = e;
        /* distinct values and articles of this key */
        size_t nv = 0, arts = 0;
        uint8_t *seen = cx_arena_calloc(x->a, x->n ? x->n : 1, 1);
        if (!seen)
            return 0;
        for (size_t k = b; k < e; k++) {
            if (k == b || strcmp(f.v[k].value, f.v[k - 1].value))
                nv++;
            if (!seen[f.v[k].art])
                seen[f.v[k].art] = 1, arts++;
        }
        int time = f.v[b].key[0] == '@';
        int casualty = !strcmp(f.v[b].key, "injured") || !strcmp(f.v[b].key, "killed");
        if (nv >= 2 && arts >= 2 && (casualty || time || arts >= 3) && (time || opposed(x, f.v + b, e - b))) {
            if (time) { /* keep values within an hour of another article's, sentences sharing words */
                size_t kept = b;
                for (size_t k = b; k < e; k++) {
                    int ok = 0;
                    for (size_t m = b; m < e && !ok; m++)
                        ok = m != k && strcmp(f.v[k].value, f.v[m].value) && f.v[k].art != f.v[m].art &&
                             abs(minutes(f.v[k].value) - minutes(f.v[m].value)) <= 60 && same_event(x, &f.v[k], &f.v[m]);
                    if (ok)
                        f.v[kept++] = f.v[k];
                }
                if (kept == b) {
                    b = end;
                    continue;
                }
                e = kept;
            }
            cx_disagreement *d = &out->dis[out->n_dis++];
            d->fact = time ? cx_arena_strdup(x->a, "time") : cx_arena_strdup(x->a, f.v[b].key);
            d->values = cx_arena_calloc(x->a, nv, sizeof *d->values);
            if (!d->fact || !d->values)
                return 0;
            for (size_t k = b; k < e;) {
                size_t m = k;
                while (m < e && !strcmp(f.v[m].value, f.v[k].value))
                    m++;
                cx_dis_value *v = &d->values[d->n_values++];
                v->value = cx_arena_strdup(x->a, f.v[k].value);
                v->text = cx_arena_strndup(x->a, x->arts[f.v[k].art]->body + f.v[k].s, f.v[k].e - f.v[k].s);
                v->articles = cx_arena_alloc(x->a, (m - k) * sizeof *v->articles);
                if (!v->value || !v->text || !v->articles)
                    return 0;
                for (size_t q = k; q < m; q++)
                    if (!v->n_articles || v->articles[v->n_articles - 1] != f.v[q].art)
                        v->articles[v->n_articles++] = f.v[q].art;
                k = m;
            }
        }
        b = end;
    }
    return 1;
}

cx_story_claims *cx_claims_story(cx_arena *a, struct chorus_article *const *arts, size_t n,
                                 const int32_t *copy_of)
{
    cx_story_claims *out = cx_arena_calloc(a, 1, sizeof *out);
    if (!out)
        return NULL;
    out->arts = arts;
    out->n_arts = n;
    sctx x = {a, arts, n, copy_of, NULL, 0, NULL};
    if (!build_units(&x))
        return NULL;
    merge_units(&x);
    if (!build_claims(&x, out) || !build_dis(&x, out))
        return NULL;
    return out;
}
