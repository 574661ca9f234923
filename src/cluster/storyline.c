/*
 * storyline.c: events that continue one another (cluster.h, docs/stories.md).
 *
 * The verdict seven months after the collapse is a new event of the same
 * storyline; a similar collapse the next day in another town is not. A story
 * continues an earlier one when it starts later and its centroid speaks of
 * the same people, places and organisations: the entity cosine (names,
 * numbers, days) weighs most, because the words of two ferry accidents are
 * alike while their names are not; and at least MIN_SHARED_NAMES names
 * both hold must be uncommon (in at most 1% of all stories): pages of one
 * site share its chrome, and two shootings in one city share the city. A
 * reference back, a day inside the
 * earlier story's span named in the later one ("the collapse on March 10"),
 * adds to the score when the later story starts a week or more after the
 * earlier one ended (events of the same days mention each other). Each story joins the storyline of the earlier story it
 * scores best with, when that score reaches LINK_MIN; else it opens its own.
 *
 * Cost: each story is scored against the earlier stories, among the MAX_BACK
 * most recent that started within WINDOW_DAYS before it, that share at least
 * MIN_SHARED_NAMES uncommon names with it, found through an inverted index
 * over those names.
 */
#include "cluster/cluster.h"
#include "cluster/terms.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/vec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ENT_MIX 0.7         /* weight of the entity cosine in the score */
#define REF_BONUS 0.15      /* a day of the earlier story named in the later one */
#define REF_GAP_DAYS 7      /* ... counted when the later one starts this long after */
#define LINK_MIN 0.33       /* score that links a story to an earlier one */
#define MIN_ENT_COS 0.30    /* and the entity cosine at least this */
#define MIN_SHARED_NAMES 10 /* and this many uncommon names in common */
#define DF_SHARE_DIV 100    /* a name in more than 1% of the stories is common */
#define DF_CAP_MIN 31       /* ... or in more than 31 */
#define WINDOW_DAYS 1100.0  /* about three years back */
#define MAX_BACK 4096       /* earlier stories compared, the most recent first */
#define MAX_REF_DAYS 31     /* days of an earlier story's span tested as references */

typedef struct sl_story {
    int64_t id, first, last;
    term *terms;
    uint32_t n_terms;
    double norm, enorm;
    int64_t line;  /* the storyline: id of its first story */
    char *title;
} sl_story;

struct cx_storylines {
    sl_story *s;
    size_t n, cap;
    int linked;
    uint64_t *keys; /* distinct name keys of all stories, sorted, with their story counts */
    uint32_t *df;
    size_t n_keys;
    uint32_t df_cap; /* a name in more stories than this is generic (site chrome, a city) */
};

cx_storylines *cx_storylines_new(void) { return cx_calloc(1, sizeof(cx_storylines)); }

void cx_storylines_free(cx_storylines *sl)
{
    if (!sl)
        return;
    for (size_t i = 0; i < sl->n; i++) {
        cx_free(sl->s[i].terms);
        cx_free(sl->s[i].title);
    }
    cx_free(sl->s);
    cx_free(sl->keys);
    cx_free(sl->df);
    cx_free(sl);
}

int cx_storylines_add(cx_storylines *sl, const cx_story_state *st)
{
    sl_story *g = cx_grow(sl->s, &sl->cap, sl->n + 1, sizeof *g, 64);
    if (!g)
        return 0;
    sl->s = g;
    sl_story *x = &sl->s[sl->n];
    memset(x, 0, sizeof *x);
    x->id = st->id;
    x->first = st->first;
    x->last = st->last;
    x->line = st->id;
    if (st->title && !(x->title = cx_strdup(st->title)))
        return 0;
    size_t n = st->terms_len / sizeof(term);
    if (n) { /* copied: a blob from the store need not be aligned for term */
        if (!(x->terms = cx_malloc(n * sizeof(term)))) {
            cx_free(x->title); /* x is not counted yet: cx_storylines_free would miss it */
            x->title = NULL;
            return 0;
        }
        memcpy(x->terms, st->terms, n * sizeof(term));
    }
    x->n_terms = (uint32_t)n;
    double norm = 0, enorm = 0;
    for (size_t k = 0; k < n; k++) {
        double w2 = (double)x->terms[k].w * x->terms[k].w;
        norm += w2;
        if (x->terms[k].ent)
            enorm += w2;
    }
    x->norm = norm > 0 ? sqrt(norm) : 1;
    x->enorm = enorm > 0 ? sqrt(enorm) : 1;
    sl->n++;
    sl->linked = 0;
    return 1;
}

static int by_first(const void *p, const void *q)
{
    const sl_story *a = p, *b = q;
    int ua = a->first == INT64_MIN, ub = b->first == INT64_MIN;
    if (ua != ub)
        return ua - ub;
    if (a->first != b->first)
        return a->first < b->first ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

static int has_key(const sl_story *s, uint64_t key, uint32_t flag)
{
    size_t lo = 0, hi = s->n_terms;
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (s->terms[m].key < key)
            lo = m + 1;
        else
            hi = m;
    }
    return lo < s->n_terms && s->terms[lo].key == key && (s->terms[lo].ent & flag);
}

/* Whether b names a day of a's span (days of at most MAX_REF_DAYS). */
static int refers_back(const sl_story *a, const sl_story *b)
{
    if (a->first == INT64_MIN)
        return 0;
    for (int64_t t = a->first - a->first % 86400, k = 0; t <= a->last && k < MAX_REF_DAYS; t += 86400, k++) {
        time_t tt = (time_t)t;
        struct tm tm;
        char day[16];
        if (!gmtime_r(&tt, &tm) || strftime(day, sizeof day, "%Y-%m-%d", &tm) != 10)
            continue;
        if (has_key(b, cx_term_hash(day, 10, CX_TERM_DATE_SEED), ENT_DATE))
            return 1;
    }
    return 0;
}

/* The index of key in the sorted distinct keys (n_keys when absent). */
static size_t key_index(const cx_storylines *sl, uint64_t key)
{
    size_t lo = 0, hi = sl->n_keys;
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (sl->keys[m] < key)
            lo = m + 1;
        else
            hi = m;
    }
    return lo < sl->n_keys && sl->keys[lo] == key ? lo : sl->n_keys;
}

/* The number of stories whose centroid holds key. */
static uint32_t df_of(const cx_storylines *sl, uint64_t key)
{
    size_t k = key_index(sl, key);
    return k < sl->n_keys ? sl->df[k] : 0;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* Counts in how many stories each term is, and sets the cap above which a
 * name is generic. */
static int build_df(cx_storylines *sl)
{
    size_t n = 0;
    for (size_t i = 0; i < sl->n; i++)
        n += sl->s[i].n_terms;
    uint64_t *k = cx_malloc((n ? n : 1) * sizeof *k);
    uint32_t *c = cx_malloc((n ? n : 1) * sizeof *c);
    if (!k || !c) {
        cx_free(k);
        cx_free(c);
        return 0;
    }
    n = 0;
    for (size_t i = 0; i < sl->n; i++)
        for (size_t t = 0; t < sl->s[i].n_terms; t++)
            k[n++] = sl->s[i].terms[t].key; /* distinct within a story */
    qsort(k, n, sizeof *k, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        if (u && k[u - 1] == k[i]) {
            c[u - 1]++;
        } else {
            k[u] = k[i];
            c[u++] = 1;
        }
    }
    cx_free(sl->keys);
    cx_free(sl->df);
    sl->keys = k;
    sl->df = c;
    sl->n_keys = u;
    sl->df_cap = (uint32_t)(sl->n / DF_SHARE_DIV > DF_CAP_MIN ? sl->n / DF_SHARE_DIV : DF_CAP_MIN);
    return 1;
}

static double score(const cx_storylines *sl, const sl_story *a, const sl_story *b)
{
    double e = 0;
    int dates = 0;
    double d = cx_term_dot(a->terms, a->n_terms, b->terms, b->n_terms, &e, &dates);
    double cos = d / (a->norm * b->norm), cos_e = e / (a->enorm * b->enorm);
    if (cos_e < MIN_ENT_COS)
        return 0;
    /* the same people, places and organisations: names both centroids hold
     * that few stories hold (not dates, years, a site's chrome or a city) */
    int shared = 0;
    for (size_t i = 0, j = 0; i < a->n_terms && j < b->n_terms;) {
        const term *x = &a->terms[i], *y = &b->terms[j];
        if (x->key < y->key) {
            i++;
        } else if (x->key > y->key) {
            j++;
        } else {
            shared += (x->ent & y->ent & ENT_NAME) && !((x->ent | y->ent) & (ENT_DATE | ENT_YEAR)) &&
                      df_of(sl, x->key) <= sl->df_cap;
            i++;
            j++;
        }
    }
    if (shared < MIN_SHARED_NAMES)
        return 0;
    /* a reference back counts when the later story is not running alongside:
     * two events of the same days often mention each other */
    int ref = b->first - a->last >= REF_GAP_DAYS * 86400 && refers_back(a, b);
    return (1 - ENT_MIX) * cos + ENT_MIX * cos_e + (ref ? REF_BONUS : 0);
}

static int by_id(const void *p, const void *q)
{
    const sl_story *a = p, *b = q;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Whether a term counts among the uncommon names two stories must share. */
static int uncommon_name(const cx_storylines *sl, const term *t)
{
    return (t->ent & ENT_NAME) && !(t->ent & (ENT_DATE | ENT_YEAR)) && df_of(sl, t->key) <= sl->df_cap;
}

static int cmp_size_desc(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? 1 : a > b ? -1 : 0;
}

/* Links stories in the order they started. Only stories sharing at least
 * MIN_SHARED_NAMES uncommon names can score (see score()), so the earlier
 * stories are found through an inverted index over those names (positions
 * in start order per name) and only they are scored: the same links as
 * scoring every earlier story in the window, at the cost of the names'
 * postings (each at most df_cap long) instead of MAX_BACK merges. */
int cx_storylines_link(cx_storylines *sl)
{
    if (!build_df(sl))
        return 0;
    if (sl->n > 1)
        qsort(sl->s, sl->n, sizeof *sl->s, by_first);
    size_t *off = cx_calloc(sl->n_keys + 1, sizeof *off), n_post = 0;
    for (size_t j = 0; off && j < sl->n; j++)
        for (size_t t = 0; t < sl->s[j].n_terms; t++)
            if (uncommon_name(sl, &sl->s[j].terms[t])) {
                off[key_index(sl, sl->s[j].terms[t].key) + 1]++;
                n_post++;
            }
    size_t *post = cx_malloc((n_post ? n_post : 1) * sizeof *post);
    size_t *fill = cx_malloc((sl->n_keys + 1) * sizeof *fill);
    uint32_t *cnt = cx_calloc(sl->n + 1, sizeof *cnt);
    size_t *touched = cx_malloc((sl->n + 1) * sizeof *touched);
    if (!off || !post || !fill || !cnt || !touched) {
        cx_free(off);
        cx_free(post);
        cx_free(fill);
        cx_free(cnt);
        cx_free(touched);
        return 0;
    }
    for (size_t k = 0; k < sl->n_keys; k++)
        off[k + 1] += off[k];
    memcpy(fill, off, (sl->n_keys + 1) * sizeof *fill);
    for (size_t j = 0; j < sl->n; j++) /* in start order: each posting list ascends */
        for (size_t t = 0; t < sl->s[j].n_terms; t++)
            if (uncommon_name(sl, &sl->s[j].terms[t]))
                post[fill[key_index(sl, sl->s[j].terms[t].key)]++] = j;
    for (size_t j = 0; j < sl->n; j++) {
        sl_story *b = &sl->s[j];
        b->line = b->id;
        if (b->first == INT64_MIN)
            continue; /* undated: nothing to say it comes later */
        size_t lo = j >= MAX_BACK ? j - MAX_BACK : 0, nt = 0;
        for (size_t t = 0; t < b->n_terms; t++) {
            if (!uncommon_name(sl, &b->terms[t]))
                continue;
            size_t k = key_index(sl, b->terms[t].key);
            for (size_t p = off[k]; p < off[k + 1] && post[p] < j; p++)
                if (post[p] >= lo && cnt[post[p]]++ == 0)
                    touched[nt++] = post[p];
        }
        size_t nc = 0;
        for (size_t t = 0; t < nt; t++) { /* the candidates; every other count back to 0 */
            size_t x = touched[t];
            if (cnt[x] >= MIN_SHARED_NAMES)
                touched[nc++] = x;
            else
                cnt[x] = 0;
        }
        /* the most recent first, as a scan back from b would meet them */
        qsort(touched, nc, sizeof *touched, cmp_size_desc);
        double best = LINK_MIN;
        for (size_t t = 0; t < nc; t++) {
            sl_story *a = &sl->s[touched[t]];
            cnt[touched[t]] = 0;
            if ((double)(b->first - a->first) / 86400.0 > WINDOW_DAYS)
                continue; /* older still: out of the window (all after it too) */
            if (a->first >= b->first)
                continue; /* it must start later */
            double sc = score(sl, a, b);
            if (sc >= best) {
                best = sc;
                b->line = a->line;
            }
        }
    }
    cx_free(off);
    cx_free(post);
    cx_free(fill);
    cx_free(cnt);
    cx_free(touched);
    if (sl->n > 1)
        qsort(sl->s, sl->n, sizeof *sl->s, by_id);
    sl->linked = 1;
    return 1;
}

int64_t cx_storylines_of(const cx_storylines *sl, int64_t story)
{
    sl_story key = {.id = story};
    const sl_story *s = sl->linked ? bsearch(&key, sl->s, sl->n, sizeof *sl->s, by_id) : NULL;
    return s ? s->line : 0;
}

size_t cx_storylines_members(const cx_storylines *sl, int64_t line, int64_t *out, size_t max)
{
    /* in the order they started: members are kept by id, so sort a copy */
    size_t n = 0;
    for (size_t i = 0; i < sl->n; i++)
        if (sl->s[i].line == line) {
            if (n < max)
                out[n] = sl->s[i].id;
            n++;
        }
    size_t k = n < max ? n : max;
    for (size_t i = 1; i < k; i++) { /* insertion sort by first publication, few members */
        int64_t id = out[i];
        const sl_story *x = bsearch(&(sl_story){.id = id}, sl->s, sl->n, sizeof *sl->s, by_id);
        size_t j = i;
        while (j > 0) {
            const sl_story *y = bsearch(&(sl_story){.id = out[j - 1]}, sl->s, sl->n, sizeof *sl->s, by_id);
            if (by_first(y, x) <= 0)
                break;
            out[j] = out[j - 1];
            j--;
        }
        out[j] = id;
    }
    return n;
}

const char *cx_storylines_title(const cx_storylines *sl, int64_t line)
{
    const sl_story *s = sl->linked ? bsearch(&(sl_story){.id = line}, sl->s, sl->n, sizeof *sl->s, by_id) : NULL;
    return s ? s->title : NULL;
}
