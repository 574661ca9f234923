/*
 * timeline.c: dated events of a set of articles (see timeline.h).
 *
 * Each DATE/TIME expression with a known value gives a mention: the clause
 * of its sentence that holds it (sentences are cut at ";", dashes, ":" and
 * at a comma before a conjunction or relative word; a piece with fewer than
 * four content words grows into its neighbour) and that clause's content
 * terms, the date's own words left out. Mentions are sorted by date and
 * merged greedily: a mention joins an event of the same value when its
 * clause shares at least TL_MERGE of the smaller term set with one of the
 * event's mentions (single link). Each article's publication is an event of
 * its own. The merge rule and its threshold are documented in docs/time.md.
 */
#include "time/timeline.h"

#include <stdlib.h>
#include <string.h>

#include "core/storyview.h"
#include "text/terms.h"
#include "time/calendar.h"
#include "util/date.h"
#include "util/str.h"

#define TL_MERGE 0.34   /* overlap coefficient of two clauses for one event */
#define TL_MERGE_LEAD 0.15 /* ... when both are their article's news of the day (lead) */
#define TL_MIN_WORDS 4  /* content words a clause needs before it stands alone */
#define TL_MAX_TERMS 96 /* terms kept per clause */

typedef struct mention {
    uint32_t art, sent;
    uint32_t cs, ce; /* clause bytes */
    const char *value, *precision;
    int64_t key;
    int rank;
    uint64_t *terms;
    uint32_t n_terms;
    int event;
    int lead; /* in the first sentences, the publication day or the day before */
} mention;

/* ---- sort keys ---------------------------------------------------------- */

static int num(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!cx_is_digit(s[i]))
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

static int64_t minutes(int y, int m, int d, int hh, int mm)
{
    return (cx_days_from_civil(y, m, d) + 719468) * 1440 + hh * 60 + mm; /* day 0 = 0000-03-01 */
}

int cx_timeline_key(const char *v, int64_t *key, int *rank)
{
    int y, m = 1, d = 1, hh = 0, mm = 0, r;
    size_t n = strlen(v);
    if (n >= 4 && num(v, 4, &y))
        r = 3;
    else if (n == 3 && num(v, 3, &y))
        y *= 10, r = 2; /* decade "197" */
    else if (n == 2 && num(v, 2, &y))
        y *= 100, r = 1; /* century "18" */
    else
        return 0;
    const char *p = v + (r == 3 ? 4 : n);
    if (p[0] == '-' && cx_is_digit(p[1]) && num(p + 1, 2, &m) && m >= 1 && m <= 12) {
        r = 7;
        p += 3;
        if (p[0] == '-' && num(p + 1, 2, &d) && d >= 1 && d <= 31) {
            r = 10;
            p += 3;
        }
    } else if (p[0] == '-' && p[1] == 'W' && num(p + 2, 2, &d)) { /* ISO week: its Monday */
        int64_t jan4 = cx_days_from_civil(y, 1, 4);
        int64_t wd = ((jan4 % 7) + 7 + 3) % 7; /* 0 = Monday (1970-01-01 was a Thursday) */
        int64_t mon = jan4 - wd + (int64_t)(d - 1) * 7;
        r = 8;
        p += 4;
        if (!strncmp(p, "-WE", 3)) {
            mon += 5;
            r = 9;
            p += 3;
        } else if (p[0] == '-' && cx_is_digit(p[1])) {
            mon += p[1] - '1';
            r = 10;
            p += 2;
        }
        cx_civil_from_days(mon, &y, &m, &d);
    } else if (p[0] == '-' && (p[1] == 'Q' || p[1] == 'H') && cx_is_digit(p[2])) {
        int k = p[2] - '1';
        m = p[1] == 'Q' ? 1 + 3 * k : 1 + 6 * k;
        r = p[1] == 'Q' ? 5 : 4;
        p += 3;
    } else if (p[0] == '-' && p[1] && p[2] && strchr("SP SU FA WI", p[1])) {
        static const char *const seasons[] = {"SP", "SU", "FA", "WI"};
        for (int k = 0; k < 4; k++)
            if (!strncmp(p + 1, seasons[k], 2)) {
                m = 3 + 3 * k;
                r = 6;
            }
        if (r != 6)
            return 0;
        p += 3;
    }
    if (r >= 10 && p[0] == 'T') {
        static const char *const parts[] = {"MO", "AF", "EV", "NI"};
        static const int part_hour[] = {6, 12, 18, 21};
        int k;
        for (k = 0; k < 4; k++)
            if (!strncmp(p + 1, parts[k], 2))
                break;
        if (k < 4) {
            hh = part_hour[k];
            r = 11;
        } else if (num(p + 1, 2, &hh) && hh < 24) {
            r = 12;
            if (p[3] == ':' && num(p + 4, 2, &mm) && mm < 60) {
                r = 13;
                if (p[6] == ':' && cx_is_digit(p[7]))
                    r = 14;
            }
        }
    }
    *key = minutes(y, m, d, hh, mm);
    *rank = r;
    return 1;
}

/* ---- clauses ------------------------------------------------------------ */

static int tok_is(const cx_text *t, uint32_t i, const char *w)
{
    const cx_token *k = &t->toks[i];
    return cx_span_caseeq(t->s + k->start, k->end - k->start, w);
}

static int is_break(const cx_text *t, uint32_t i, uint32_t end)
{
    const cx_token *k = &t->toks[i];
    if (k->kind != CX_TOK_PUNCT)
        return 0;
    if (tok_is(t, i, ";") || tok_is(t, i, "--") || tok_is(t, i, "\xe2\x80\x94") || tok_is(t, i, "\xe2\x80\x93") ||
        tok_is(t, i, ":"))
        return 1;
    /* coordinated clauses only: a relative clause (", which") sits inside its sentence */
    static const char *const joins[] = {"and", "but", "while", "although", "though", "whereas", "yet"};
    if (tok_is(t, i, ",") && i + 1 < end)
        for (size_t j = 0; j < sizeof joins / sizeof *joins; j++)
            if (tok_is(t, i + 1, joins[j]))
                return 1;
    return 0;
}

static uint32_t content_words(const cx_text *t, uint32_t b, uint32_t e, uint32_t ds, uint32_t de)
{
    uint32_t c = 0;
    for (uint32_t i = b; i < e; i++) {
        const cx_token *k = &t->toks[i];
        if ((k->kind == CX_TOK_WORD || k->kind == CX_TOK_NUMBER) && !(k->start >= ds && k->end <= de) &&
            !cx_terms_stop(t->s + k->start, k->end - k->start))
            c++;
    }
    return c;
}

/* The clause of sentence s holding bytes [ds, de): tokens [*b, *e). */
static void clause_of(const cx_text *t, const cx_sentence *s, uint32_t ds, uint32_t de, uint32_t *b, uint32_t *e)
{
    uint32_t at = s->tok_begin;
    while (at < s->tok_end && t->toks[at].end <= ds)
        at++;
    uint32_t lo = at, hi = at;
    while (lo > s->tok_begin && !is_break(t, lo - 1, s->tok_end))
        lo--;
    while (hi < s->tok_end && !is_break(t, hi, s->tok_end))
        hi++;
    for (int grow = 0; grow < 3 && content_words(t, lo, hi, ds, de) < TL_MIN_WORDS; grow++) {
        if (hi < s->tok_end) { /* the next piece: "On Monday morning, | the ramp ..." */
            hi++;
            while (hi < s->tok_end && !is_break(t, hi, s->tok_end))
                hi++;
        } else if (lo > s->tok_begin) {
            lo--;
            while (lo > s->tok_begin && !is_break(t, lo - 1, s->tok_end))
                lo--;
        } else {
            break;
        }
    }
    /* no break token at either end of the clause */
    while (lo < hi && t->toks[lo].kind == CX_TOK_PUNCT)
        lo++;
    while (hi > lo && t->toks[hi - 1].kind == CX_TOK_PUNCT && !tok_is(t, hi - 1, ".") && !tok_is(t, hi - 1, "?") &&
           !tok_is(t, hi - 1, "!"))
        hi--;
    *b = lo;
    *e = hi;
}

/* Terms of tokens [b, e) without the date's own words and, when the date is
 * outside quotation marks, without the quoted words: "..., Coldwell told
 * reporters on Tuesday" is about the telling, not the quote. */
static size_t clause_terms(const cx_text *t, const cx_sentence *s, uint32_t b, uint32_t e, uint32_t ds, uint32_t de,
                           uint64_t *out, size_t cap)
{
    int depth = 0, date_quoted = 0;
    for (uint32_t i = s->tok_begin; i < s->tok_end && t->toks[i].start < ds; i++)
        if (t->toks[i].kind == CX_TOK_QUOTE)
            depth = t->toks[i].quote == CX_Q_OPEN ? 1 : t->toks[i].quote == CX_Q_CLOSE ? 0 : !depth;
    date_quoted = depth > 0;
    depth = 0;
    size_t k = 0;
    for (uint32_t i = s->tok_begin; i < e && k < cap; i++) {
        const cx_token *tok = &t->toks[i];
        if (tok->kind == CX_TOK_QUOTE) {
            depth = tok->quote == CX_Q_OPEN ? 1 : tok->quote == CX_Q_CLOSE ? 0 : !depth;
            continue;
        }
        if (i < b || (depth && !date_quoted))
            continue;
        k += cx_terms_span(t, i, i + 1, ds, de, out + k, cap - k);
    }
    return k;
}

/* ---- merging ------------------------------------------------------------ */

static int cmp_mention(const void *pa, const void *pb)
{
    const mention *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank - b->rank;
    int c = strcmp(a->value, b->value);
    if (c)
        return c;
    if (a->art != b->art)
        return a->art < b->art ? -1 : 1;
    return a->cs < b->cs ? -1 : a->cs > b->cs;
}

static double overlap(const mention *a, const mention *b)
{
    uint32_t m = a->n_terms < b->n_terms ? a->n_terms : b->n_terms;
    if (m == 0)
        return 0;
    return (double)cx_terms_common(a->terms, a->n_terms, b->terms, b->n_terms) / m;
}

static int cmp_event(const void *pa, const void *pb)
{
    const cx_tl_event *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank - b->rank;
    if (a->kind != b->kind) /* what happened before its reports */
        return a->kind - b->kind;
    int c = strcmp(a->date, b->date);
    if (c)
        return c;
    return (a->n_arts ? (int)a->arts[0] : 0) - (b->n_arts ? (int)b->arts[0] : 0);
}

static uint32_t root_of(const int *origin, size_t n, uint32_t i)
{
    for (size_t hop = 0; origin && hop < n && origin[i] >= 0 && (size_t)origin[i] < n && (uint32_t)origin[i] != i;
         hop++)
        i = (uint32_t)origin[i];
    return i;
}

static int valid_value(const char *v)
{
    return v && cx_is_digit(v[0]) && !strchr(v, 'X');
}

int cx_timeline_build(cx_arena *a, const cx_article *const *arts, const int *origin, size_t n,
                      cx_tl_event **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    size_t nm = 0;
    for (size_t i = 0; i < n; i++)
        if (arts[i]->text)
            nm += arts[i]->n_dates;
    mention *m = nm ? cx_arena_calloc(a, nm, sizeof *m) : NULL;
    if (nm && !m)
        return 0;
    size_t k = 0;
    uint64_t terms[TL_MAX_TERMS];
    for (size_t i = 0; i < n; i++) {
        const cx_article *ar = arts[i];
        if (!ar->text)
            continue;
        const cx_text *t = ar->text;
        for (size_t j = 0; j < ar->n_dates; j++) {
            const cx_timex *d = &ar->dates[j];
            if ((d->type != CX_TIMEX_DATE && d->type != CX_TIMEX_TIME) || !valid_value(d->value) ||
                d->sentence >= t->n_sents)
                continue;
            int64_t key;
            int rank;
            if (!cx_timeline_key(d->value, &key, &rank))
                continue;
            /* one mention per value and sentence of an article */
            int dup = 0;
            for (size_t q = k; q-- > 0 && m[q].art == i && !dup;)
                dup = m[q].sent == d->sentence && !strcmp(m[q].value, d->value);
            if (dup)
                continue;
            const cx_sentence *s = &t->sents[d->sentence];
            uint32_t b, e;
            clause_of(t, s, d->start, d->end, &b, &e);
            if (b >= e)
                continue;
            mention *x = &m[k];
            x->art = (uint32_t)i;
            x->sent = d->sentence;
            x->cs = t->toks[b].start;
            x->ce = t->toks[e - 1].end;
            x->value = d->value;
            x->precision = d->precision;
            x->key = key;
            x->rank = rank;
            size_t nt = cx_terms_unique(terms, clause_terms(t, s, b, e, d->start, d->end, terms, TL_MAX_TERMS));
            if (d->sentence < 3 && rank >= 10 && ar->published.prec != CX_PREC_NONE) {
                int64_t day = key / 1440 - 719468, pub = cx_days_from_civil(ar->published.year,
                                                                             ar->published.month, ar->published.day);
                x->lead = day == pub || day == pub - 1;
            }
            if (nt && !(x->terms = cx_arena_alloc(a, nt * sizeof *terms)))
                return 0;
            if (nt)
                memcpy(x->terms, terms, nt * sizeof *terms);
            x->n_terms = (uint32_t)nt;
            x->event = -1;
            k++;
        }
    }
    nm = k;
    if (nm)
        qsort(m, nm, sizeof *m, cmp_mention);

    /* events: mentions first, then one per publication */
    size_t cap = nm + n, ne = 0;
    cx_tl_event *ev = cap ? cx_arena_calloc(a, cap, sizeof *ev) : NULL;
    uint32_t *first = nm ? cx_arena_calloc(a, nm, sizeof *first) : NULL; /* event -> its first mention */
    if ((cap && !ev) || (nm && !first))
        return 0;
    size_t run = 0; /* first mention of the current value */
    for (size_t i = 0; i < nm; i++) {
        if (i == 0 || strcmp(m[i].value, m[run].value))
            run = i;
        double best = 0;
        int be = -1;
        for (size_t j = run; j < i; j++) {
            double o = overlap(&m[i], &m[j]);
            if (m[i].lead && m[j].lead) /* two reports' news of the day: one happening, worded apart */
                o = o >= TL_MERGE_LEAD ? 1.0 : o;
            if (o > best) {
                best = o;
                be = m[j].event;
            }
        }
        if (be >= 0 && best >= TL_MERGE) {
            m[i].event = be;
            continue;
        }
        m[i].event = (int)ne;
        first[ne] = (uint32_t)i;
        cx_tl_event *e = &ev[ne++];
        e->date = m[i].value;
        e->precision = m[i].precision;
        e->kind = CX_TL_EVENT;
        e->key = m[i].key;
        e->rank = m[i].rank;
    }
    size_t n_mention_events = ne;
    /* articles of each event, ascending; text from the earliest article */
    uint32_t *cnt = n_mention_events ? cx_arena_calloc(a, n_mention_events, sizeof *cnt) : NULL;
    if (n_mention_events && !cnt)
        return 0;
    for (size_t i = 0; i < nm; i++)
        cnt[m[i].event]++;
    for (size_t e = 0; e < n_mention_events; e++)
        if (!(ev[e].arts = cx_arena_alloc(a, cnt[e] * sizeof(uint32_t))))
            return 0;
    for (size_t i = 0; i < nm; i++) {
        cx_tl_event *e = &ev[m[i].event];
        uint32_t art = m[i].art, p = e->n_arts;
        int have = 0;
        for (uint32_t q = 0; q < e->n_arts && !have; q++)
            have = e->arts[q] == art;
        if (have)
            continue;
        while (p > 0 && e->arts[p - 1] > art) {
            e->arts[p] = e->arts[p - 1];
            p--;
        }
        e->arts[p] = art;
        e->n_arts++;
        const mention *f = &m[first[m[i].event]];
        if (art < f->art || (art == f->art && m[i].cs < f->cs))
            first[m[i].event] = (uint32_t)i;
    }
    for (size_t e = 0; e < n_mention_events; e++) {
        const mention *f = &m[first[e]];
        if (!(ev[e].text = cx_arena_strndup(a, arts[f->art]->body + f->cs, f->ce - f->cs)))
            return 0;
    }
    for (size_t i = 0; i < n; i++) {
        const cx_article *ar = arts[i];
        int64_t key;
        int rank;
        if (ar->published.prec == CX_PREC_NONE || !ar->published_iso[0] ||
            !cx_timeline_key(ar->published_iso, &key, &rank))
            continue;
        cx_tl_event *e = &ev[ne++];
        if (!(e->date = cx_arena_strdup(a, ar->published_iso)))
            return 0;
        e->precision = cx_precision_name(ar->published.prec);
        e->kind = CX_TL_PUBLISHED;
        e->text = ar->title ? ar->title : "";
        e->key = key;
        e->rank = rank;
        if (!(e->arts = cx_arena_alloc(a, sizeof(uint32_t))))
            return 0;
        e->arts[0] = (uint32_t)i;
        e->n_arts = 1;
    }
    /* independent reports: copy groups among the articles */
    for (size_t e = 0; e < ne; e++) {
        uint32_t s = 0;
        for (uint32_t q = 0; q < ev[e].n_arts; q++) {
            uint32_t r = root_of(origin, n, ev[e].arts[q]), dup = 0;
            for (uint32_t p = 0; p < q && !dup; p++)
                dup = root_of(origin, n, ev[e].arts[p]) == r;
            s += !dup;
        }
        ev[e].n_sources = s;
    }
    if (ne)
        qsort(ev, ne, sizeof *ev, cmp_event);
    *out = ev;
    *n_out = ne;
    return 1;
}

/* ---- storylines ----------------------------------------------------------- */

typedef struct member_ref {
    const cx_article *a;
    size_t view, index; /* where it comes from, for the copy origins */
} member_ref;

static int cmp_ref(const void *pa, const void *pb)
{
    const member_ref *x = pa, *y = pb;
    int dx = x->a->published.prec != CX_PREC_NONE, dy = y->a->published.prec != CX_PREC_NONE;
    if (dx != dy)
        return dy - dx;
    if (dx) {
        int64_t ex = cx_date_epoch(&x->a->published), ey = cx_date_epoch(&y->a->published);
        if (ex != ey)
            return ex < ey ? -1 : 1;
    }
    if (x->view != y->view)
        return x->view < y->view ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

int cx_timeline_build_views(cx_arena *a, const cx_story_view *const *views, size_t n_views, cx_tl_event **out,
                            size_t *n_out, const cx_article ***arts_out, size_t *n_arts)
{
    size_t n = 0;
    for (size_t v = 0; v < n_views; v++)
        n += views[v]->n_members;
    member_ref *refs = cx_arena_alloc(a, (n + 1) * sizeof *refs);
    const cx_article **arts = cx_arena_alloc(a, (n + 1) * sizeof *arts);
    int *origin = cx_arena_alloc(a, (n + 1) * sizeof *origin);
    if (!refs || !arts || !origin)
        return 0;
    size_t k = 0;
    for (size_t v = 0; v < n_views; v++)
        for (size_t i = 0; i < views[v]->n_members; i++)
            refs[k++] = (member_ref){views[v]->members[i].a, v, i};
    if (n > 1)
        qsort(refs, n, sizeof *refs, cmp_ref);
    for (size_t i = 0; i < n; i++) {
        arts[i] = refs[i].a;
        origin[i] = -1;
        int o = views[refs[i].view]->members[refs[i].index].origin;
        if (o < 0)
            continue;
        const cx_article *oa = views[refs[i].view]->members[o].a; /* the origin, within the same story */
        for (size_t j = 0; j < n && origin[i] < 0; j++)
            if (refs[j].a == oa)
                origin[i] = (int)j;
    }
    *arts_out = arts;
    *n_arts = n;
    return cx_timeline_build(a, arts, origin, n, out, n_out);
}
