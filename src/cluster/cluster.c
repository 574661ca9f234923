/*
 * cluster.c: online event clustering (the stories stage, see cluster.h and
 * docs/stories.md).
 *
 * Each article becomes a sparse unit vector of at most K_TERMS terms:
 * stems of the title and body words (stopwords dropped), with capitalised
 * words not at a sentence start (a cheap proxy for names and places),
 * numbers and resolved dates weighing more, and title words more again;
 * weight = boost * (1 + ln tf) * idf, the document frequencies counted as
 * the stream goes. A story keeps the sum of its articles' vectors (its
 * centroid, truncated to M_TERMS terms) and the times of its first and last
 * article. The article's most salient terms look up candidate stories in an
 * inverted index; the cosine with each candidate's centroid, mixed with the
 * cosine of the name/number/date terms alone and decayed by the gap in
 * publication time (and by a penalty when both name days and none agree),
 * picks the best, which the article joins when the score reaches the
 * threshold; else it opens a new story. A copy joins its origin's story
 * unless they share almost no words (see score_story and docs/stories.md).
 * The merge pass (cx_cluster_merge, run by the caller after each article)
 * looks at the stories joined since the last pass: each looks candidate
 * stories up through the same index and merges with the best when their
 * centroids and entity terms agree (score_pair), so that two stories of one
 * event opened by articles in different words join once later articles
 * bridge them.
 *
 * Memory: at most MAX_STORIES stories are live (the least recently joined
 * are dropped); posting lists keep their last POST_CAP entries. The document
 * frequency table (one entry per distinct term) and the story id -> slot map
 * (12 bytes a story) still grow with the stream.
 */
#include "cluster/cluster.h"
#include "cluster/terms.h"
#include "text/text.h"
#include "util/alloc.h"
#include "util/vec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


enum {
    K_TERMS = 64,      /* terms kept per article */
    M_TERMS = 128,     /* terms kept per story centroid */
    S_QUERY = 12,      /* salient terms that look up and index stories */
    M_QUERY = 12,      /* centroid terms a changed story looks candidates up with */
    M_CAND = 16,       /* candidate stories scored per changed story */
    POST_CAP = 64,     /* entries kept per posting list */
    MAX_CAND = 64,     /* candidate stories scored per article */
    MAX_STORIES = 16384,
    MAX_OUTLETS = 64,  /* outlets listed per story */
    TITLE_MAX = 200,   /* bytes of a fallback headline */
    TITLE_KEEP = 256   /* bytes of the headline a story keeps */
};

/* ---- a map from 64-bit keys to 64-bit values (open addressing; key and
 * value side by side, so that a lookup costs one cache miss) ---- */
typedef struct map_entry {
    uint64_t key; /* 0 = empty */
    uint64_t val;
} map_entry;

typedef struct u64map {
    map_entry *e;
    size_t cap, n;
} u64map;

static uint64_t *map_slot(u64map *m, uint64_t key, int insert)
{
    if (insert && (m->n + 1) * 4 >= m->cap * 3) {
        size_t ncap = m->cap ? m->cap * 2 : 1024;
        map_entry *ne = cx_calloc(ncap, sizeof *ne);
        if (!ne)
            return NULL;
        for (size_t i = 0; i < m->cap; i++)
            if (m->e[i].key) {
                size_t j = (size_t)(m->e[i].key * 0x9E3779B97F4A7C15ull >> 20) & (ncap - 1);
                while (ne[j].key)
                    j = (j + 1) & (ncap - 1);
                ne[j] = m->e[i];
            }
        cx_free(m->e);
        m->e = ne;
        m->cap = ncap;
    }
    if (!m->cap)
        return NULL;
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 20) & (m->cap - 1);
    while (m->e[j].key) {
        if (m->e[j].key == key)
            return &m->e[j].val;
        j = (j + 1) & (m->cap - 1);
    }
    if (!insert)
        return NULL;
    m->e[j].key = key;
    m->e[j].val = 0;
    m->n++;
    return &m->e[j].val;
}

static void map_free(u64map *m) { cx_free(m->e); }

/* ---- stories ---- */
typedef struct story {
    int64_t id;       /* 0 = free slot */
    uint32_t gen;     /* bumped when the slot is reused */
    uint32_t n_terms; /* sorted by key */
    term terms[M_TERMS];
    double norm, enorm; /* of all terms, of the entity terms */
    int dates;          /* bit 0: some terms are days, bit 1: years */
    int64_t first, last; /* epoch seconds, INT64_MIN when undated */
    uint64_t touched;    /* article counter when last joined */
    uint32_t run_gen;    /* run the record below belongs to */
    uint32_t rec;        /* index in runs */
    uint32_t pending;    /* 1 while in the merge pass's list of changed stories */
    double title_score;  /* of title, -1 when none */
    char title[TITLE_KEEP];
} story;

typedef struct run_rec {
    int64_t id;
    char *title;
    double title_score;
    char **articles;
    size_t n_articles, cap_articles;
    char **outlets;
    size_t n_outlets;
    int64_t first, last;
    char first_iso[32], last_iso[32];
} run_rec;

typedef struct plist {
    uint32_t n, cap;
    uint64_t *e; /* slot << 32 | gen, oldest first */
} plist;

struct cx_cluster {
    double merge_threshold, merge_ent;
    double threshold, copy_min, year_miss, ent_mix, date_miss, undated, tau_days, window_days, b_entity, b_number, b_date, b_title;
    cx_stemmer *stem;
    u64map df;      /* term -> articles holding it */
    uint64_t n_docs;
    u64map post;    /* term -> index in plists */
    plist *plists;
    size_t n_plists, cap_plists;
    story *stories; /* cap_stories slots, grown to MAX_STORIES as stories open */
    size_t cap_stories;
    uint32_t *free_slots;
    size_t n_free;
    size_t clock;
    uint64_t *stamp; /* per slot: the article counter that last scored it */
    uint64_t merge_clock; /* stamps of the merge pass's lookups (high bit set) */
    uint64_t *changed;    /* slot << 32 | gen of the stories joined since the last pass */
    size_t n_changed, cap_changed;
    int64_t next_id;
    u64map ids;       /* story id -> 1 + slot (checked against the slot's id) */
    run_rec *runs;
    size_t n_runs, cap_runs;
    uint32_t run_gen;
    int keep_runs;
    u64map stop;    /* hashes of the stopwords */
    u64map words;   /* raw word -> its stem's key, or STOPWORD */
    term *scratch; /* an article's distinct terms while it is built */
    float *counts; /* their occurrences */
    size_t cap_scratch, cap_counts;
    uint32_t *acc;  /* open addressing: 1 + index in scratch, 0 = empty */
    size_t cap_acc; /* a power of two, over twice the distinct terms */
};

static int load_stopwords(cx_cluster *cl);

cx_cluster *cx_cluster_new(void)
{
    cx_cluster *cl = cx_calloc(1, sizeof *cl);
    if (!cl)
        return NULL;
    /* tuned on the dev sets (docs/stories.md) */
    cl->threshold = 0.18;
    cl->merge_threshold = 0.3;
    cl->merge_ent = 0.45;
    cl->copy_min = 0.09;
    cl->year_miss = 0.8;
    cl->ent_mix = 0.5;
    cl->date_miss = 0.5;
    cl->undated = 0.65;
    cl->tau_days = 60.0;
    cl->window_days = 400.0;
    cl->b_entity = 3.0;
    cl->b_number = 2.5;
    cl->b_date = 1.5;
    cl->b_title = 2.0;
    cl->stem = cx_stemmer_new("en");
    /* slots grow as stories open: a short run should not pay for 16,384 */
    cl->cap_stories = 64;
    cl->stories = cx_calloc(cl->cap_stories, sizeof *cl->stories);
    cl->free_slots = cx_malloc(cl->cap_stories * sizeof *cl->free_slots);
    cl->stamp = cx_calloc(cl->cap_stories, sizeof *cl->stamp);
    cl->run_gen = 1;
    cl->keep_runs = 1;
    cl->merge_clock = 1ull << 63; /* apart from the article counters */
    if (!cl->stem || !cl->stories || !cl->free_slots || !cl->stamp || !load_stopwords(cl)) {
        cx_cluster_free(cl);
        return NULL;
    }
    for (size_t i = 0; i < cl->cap_stories; i++)
        cl->free_slots[i] = (uint32_t)(cl->cap_stories - 1 - i);
    cl->n_free = cl->cap_stories;
    cl->next_id = 1;
    return cl;
}

void cx_cluster_free(cx_cluster *cl)
{
    if (!cl)
        return;
    cx_cluster_run_end(cl);
    cx_free(cl->runs);
    if (cl->stem)
        cx_stemmer_free(cl->stem);
    map_free(&cl->df);
    map_free(&cl->post);
    map_free(&cl->words);
    map_free(&cl->stop);
    for (size_t i = 0; i < cl->n_plists; i++)
        cx_free(cl->plists[i].e);
    cx_free(cl->plists);
    cx_free(cl->stories);
    cx_free(cl->free_slots);
    cx_free(cl->stamp);
    cx_free(cl->changed);
    map_free(&cl->ids);
    cx_free(cl->scratch);
    cx_free(cl->counts);
    cx_free(cl->acc);
    cx_free(cl);
}

int cx_cluster_param(cx_cluster *cl, const char *name, double v)
{
    static const struct {
        const char *name;
        size_t off;
    } knobs[] = {
        {"threshold", offsetof(cx_cluster, threshold)}, {"ent_mix", offsetof(cx_cluster, ent_mix)},
        {"copy_min", offsetof(cx_cluster, copy_min)}, {"year_miss", offsetof(cx_cluster, year_miss)},
        {"date_miss", offsetof(cx_cluster, date_miss)}, {"undated", offsetof(cx_cluster, undated)}, {"tau_days", offsetof(cx_cluster, tau_days)},
        {"window_days", offsetof(cx_cluster, window_days)}, {"entity", offsetof(cx_cluster, b_entity)},
        {"number", offsetof(cx_cluster, b_number)},     {"date", offsetof(cx_cluster, b_date)},
        {"title", offsetof(cx_cluster, b_title)},
        {"merge", offsetof(cx_cluster, merge_threshold)},   {"merge_ent", offsetof(cx_cluster, merge_ent)},
    };
    for (size_t i = 0; i < sizeof knobs / sizeof knobs[0]; i++)
        if (!strcmp(knobs[i].name, name)) {
            memcpy((char *)cl + knobs[i].off, &v, sizeof v);
            return 1;
        }
    return 0;
}

/* ---- an article's vector ---- */
/* A 64-bit hash of s[0..n), 8 bytes at a time; never 0 (the maps' empty key). */

static const char *const stopwords[] = {
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
    "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now",
    "of", "off", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own", "said",
    "same", "says", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "would", "you", "your", "told", "according", "new", "two", "three", "year",
    "years", "mr", "mrs", "ms", "say", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "yesterday", "today", "tonight", "last", "week", "first", "time", "like",
    "get", "got", "may", "might", "must", "many", "much", "around", "since", "another", "still",
};

static int load_stopwords(cx_cluster *cl)
{
    for (size_t i = 0; i < sizeof stopwords / sizeof stopwords[0]; i++)
        if (!map_slot(&cl->stop, cx_term_hash(stopwords[i], strlen(stopwords[i]), 0x73746f70), 1))
            return 0;
    return 1;
}

static int is_stopword(cx_cluster *cl, const char *s, size_t n)
{
    char low[16];
    if (n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80)
            return 0;
        low[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    return map_slot(&cl->stop, cx_term_hash(low, n, 0x73746f70), 0) != NULL;
}

/* The slot of key in the article's term table (empty when absent). */
static size_t acc_find(const cx_cluster *cl, uint64_t key)
{
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 24) & (cl->cap_acc - 1);
    while (cl->acc[j] && cl->scratch[cl->acc[j] - 1].key != key)
        j = (j + 1) & (cl->cap_acc - 1);
    return j;
}

/* Counts an occurrence of key in the article's distinct terms scratch[0..*n)
 * (the highest boost and every flag kept). */
static int add_occ(cx_cluster *cl, size_t *n, uint64_t key, float boost, uint32_t ent)
{
    if ((*n + 1) * 2 > cl->cap_acc) { /* grow the table and put the terms back */
        size_t ncap = cl->cap_acc ? cl->cap_acc * 2 : 4096;
        uint32_t *na = cx_calloc(ncap, sizeof *na);
        if (!na)
            return 0;
        cx_free(cl->acc);
        cl->acc = na;
        cl->cap_acc = ncap;
        for (size_t i = 0; i < *n; i++)
            cl->acc[acc_find(cl, cl->scratch[i].key)] = (uint32_t)i + 1;
    }
    size_t j = acc_find(cl, key);
    if (cl->acc[j]) {
        term *t = &cl->scratch[cl->acc[j] - 1];
        if (boost > t->w)
            t->w = boost;
        t->ent |= ent;
        cl->counts[cl->acc[j] - 1] += 1;
        return 1;
    }
    term *g = cx_grow(cl->scratch, &cl->cap_scratch, *n + 1, sizeof *g, 256);
    if (!g)
        return 0;
    cl->scratch = g;
    float *c = cx_grow(cl->counts, &cl->cap_counts, *n + 1, sizeof *c, 256);
    if (!c)
        return 0;
    cl->counts = c;
    g[*n].key = key;
    g[*n].w = boost;
    g[*n].ent = ent;
    c[*n] = 1;
    cl->acc[j] = (uint32_t)++*n;
    return 1;
}

static int cmp_key(const void *x, const void *y)
{
    uint64_t a = ((const term *)x)->key, b = ((const term *)y)->key;
    return a < b ? -1 : a > b;
}

static int cmp_w_desc(const void *x, const void *y)
{
    float a = ((const term *)x)->w, b = ((const term *)y)->w;
    return a > b ? -1 : a < b;
}

/* The term key of a word (its stem's hash) in *key: 1, or 0 for a
 * stopword or a word with no stem, -1 when out of memory. Stems are cached
 * by the word as written (up to WORD_CACHE distinct words). */
static int word_key(cx_cluster *cl, const char *w, size_t len, uint64_t *key)
{
    enum { WORD_CACHE = 1 << 20 };
    uint64_t h = cx_term_hash(w, len, 0x776f7264);
    enum { STOPWORD = 1 }; /* hash_bytes of a stem is never 1: a collision at worst */
    uint64_t *v = map_slot(&cl->words, h, 0);
    if (v) {
        if (*v == STOPWORD)
            return 0;
        *key = *v;
        return 1;
    }
    size_t sl = 0;
    const char *st = is_stopword(cl, w, len) ? NULL : cx_stem(cl->stem, w, len, &sl);
    int found = st && sl;
    if (found)
        *key = cx_term_hash(st, sl, 0);
    if (cl->words.n < WORD_CACHE) {
        if (!(v = map_slot(&cl->words, h, 1)))
            return -1;
        *v = found ? *key : STOPWORD;
    }
    return found;
}

/* Occurrences of the words and numbers of tokens toks[0..n) of s. */
static int add_tokens(cx_cluster *cl, size_t *n_occ, const char *s, const cx_token *toks, size_t n,
                      const cx_sentence *sents, size_t n_sents, float extra)
{
    size_t si = 0;
    int first_word = 1;
    for (size_t i = 0; i < n; i++) {
        const cx_token *t = &toks[i];
        while (sents && si < n_sents && i >= sents[si].tok_end) {
            si++;
            first_word = 1;
        }
        const char *w = s + t->start;
        size_t len = t->end - t->start;
        if (t->kind == CX_TOK_NUMBER) {
            first_word = 0;
            uint32_t year = len == 4 && (w[0] == '1' || w[0] == '2') && (w[1] == '9' || w[1] == '0') &&
                            w[2] >= '0' && w[2] <= '9' && w[3] >= '0' && w[3] <= '9';
            if (!add_occ(cl, n_occ, cx_term_hash(w, len, 0x6e756d), (float)cl->b_number * extra,
                         ENT_NAME | (year ? ENT_YEAR : 0)))
                return 0;
            continue;
        }
        if (t->kind != CX_TOK_WORD)
            continue;
        int at_start = first_word;
        first_word = 0;
        if (len < 2)
            continue;
        uint64_t key;
        int r = word_key(cl, w, len, &key);
        if (r < 0)
            return 0;
        if (r == 0)
            continue;
        float boost = extra;
        uint32_t ent = (t->flags & CX_TF_CAP) && !at_start && sents;
        if (ent)
            boost *= (float)cl->b_entity;
        if (!add_occ(cl, n_occ, key, boost, ent))
            return 0;
    }
    return 1;
}

/* Moves the k heaviest of t[0..n) to the front (in no order): quickselect. */
static void top_k(term *t, size_t n, size_t k)
{
    size_t lo = 0, hi = n; /* the k-th heaviest is in [lo, hi) */
    while (hi - lo > 1) {
        float pivot = t[lo + (hi - lo) / 2].w;
        size_t i = lo, j = hi - 1;
        while (i <= j) {
            while (t[i].w > pivot)
                i++;
            while (t[j].w < pivot)
                j--;
            if (i <= j) {
                term x = t[i];
                t[i] = t[j];
                t[j] = x;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k - 1 <= j && j != (size_t)-1 && j >= lo)
            hi = j + 1;
        else if (k - 1 >= i)
            lo = i;
        else
            return;
    }
}

/* Builds the article's unit vector in cl->scratch[0..*n_out) sorted by key,
 * and the keys of its title's words in title_keys[0..*n_title). */
static int article_vector(cx_cluster *cl, const cx_article *a, size_t *n_out, uint64_t *title_keys,
                          size_t *n_title)
{
    size_t n_occ = 0;
    *n_title = 0;
    if (a->title && *a->title) {
        cx_arena ar;
        cx_arena_init(&ar);
        cx_token *toks = NULL;
        size_t nt = 0;
        int ok = cx_tokenize(&ar, a->title, strlen(a->title), &toks, &nt) &&
                 add_tokens(cl, &n_occ, a->title, toks, nt, NULL, 0, (float)cl->b_title);
        cx_arena_free(&ar);
        if (!ok)
            return 0;
        for (size_t i = 0; i < n_occ && *n_title < K_TERMS; i++)
            title_keys[(*n_title)++] = cl->scratch[i].key;
    }
    if (a->text && !add_tokens(cl, &n_occ, a->text->s, a->text->toks, a->text->n_toks, a->text->sents,
                               a->text->n_sents, 1.0f))
        return 0;
    for (size_t i = 0; i < a->n_dates; i++) {
        const char *v = a->dates[i].value;
        if (v && strlen(v) >= 10 && v[4] == '-' && v[7] == '-' && /* a day: 2013-01-01 */
            !add_occ(cl, &n_occ, cx_term_hash(v, 10, CX_TERM_DATE_SEED), (float)cl->b_date,
                     ENT_NAME | ENT_DATE))
            return 0;
    }
    /* weights of the distinct terms: boost * (1 + ln tf) * idf */
    term *t = cl->scratch;
    size_t n = n_occ;
    cl->n_docs++;
    for (size_t i = 0; i < n; i++) {
        uint64_t *df = map_slot(&cl->df, t[i].key, 1);
        if (!df)
            return 0;
        (*df)++;
        double idf = log(1.0 + (double)cl->n_docs / *df);
        t[i].w = (float)(t[i].w * (1.0 + log((double)cl->counts[i])) * idf);
    }
    if (n) /* empty for the next article */
        memset(cl->acc, 0, cl->cap_acc * sizeof *cl->acc);
    if (n > K_TERMS) {
        top_k(t, n, K_TERMS);
        n = K_TERMS;
    }
    if (n)
        qsort(t, n, sizeof *t, cmp_key);
    double norm = 0;
    for (size_t i = 0; i < n; i++)
        norm += (double)t[i].w * t[i].w;
    norm = norm > 0 ? sqrt(norm) : 1;
    for (size_t i = 0; i < n; i++)
        t[i].w = (float)(t[i].w / norm);
    *n_out = n;
    return 1;
}

/* ---- the inverted index ---- */
static int post_add(cx_cluster *cl, uint64_t key, uint64_t entry)
{
    uint64_t *v = map_slot(&cl->post, key, 1);
    if (!v)
        return 0;
    if (!*v) {
        plist *g = cx_grow(cl->plists, &cl->cap_plists, cl->n_plists + 1, sizeof *g, 256);
        if (!g)
            return 0;
        cl->plists = g;
        memset(&cl->plists[cl->n_plists], 0, sizeof *cl->plists);
        *v = (uint32_t)++cl->n_plists; /* 1-based */
    }
    plist *p = &cl->plists[*v - 1];
    if (p->n && p->e[p->n - 1] == entry)
        return 1;
    if (p->n == POST_CAP) { /* keep the most recent half and go on */
        memmove(p->e, p->e + POST_CAP / 2, (POST_CAP / 2) * sizeof *p->e);
        p->n = POST_CAP / 2;
    }
    if (p->n == p->cap) {
        uint32_t ncap = p->cap ? p->cap * 2 : 4;
        uint64_t *e = cx_realloc(p->e, ncap * sizeof *e);
        if (!e)
            return 0;
        p->e = e;
        p->cap = ncap;
    }
    p->e[p->n++] = entry;
    return 1;
}

static const plist *post_get(cx_cluster *cl, uint64_t key)
{
    uint64_t *v = map_slot(&cl->post, key, 0);
    return v && *v ? &cl->plists[*v - 1] : NULL;
}

/* ---- run records ---- */
static run_rec *run_of(cx_cluster *cl, story *s)
{
    if (s->run_gen == cl->run_gen)
        return &cl->runs[s->rec];
    run_rec *g = cx_grow(cl->runs, &cl->cap_runs, cl->n_runs + 1, sizeof *g, 64);
    if (!g)
        return NULL;
    cl->runs = g;
    run_rec *r = &cl->runs[cl->n_runs];
    memset(r, 0, sizeof *r);
    r->id = s->id;
    r->title_score = -1;
    r->first = INT64_MAX;
    r->last = INT64_MIN;
    s->run_gen = cl->run_gen;
    s->rec = (uint32_t)cl->n_runs++;
    return r;
}

static int run_add(cx_cluster *cl, story *s, const cx_article *a, double title_score)
{
    run_rec *r = cl->keep_runs ? run_of(cl, s) : NULL;
    if (!r && cl->keep_runs)
        return 0;
    if (!r) { /* only the story's own headline */
        const char *title = a->title && *a->title ? a->title : NULL;
        if (title && title_score > s->title_score) {
            size_t k = strlen(title);
            k = k < TITLE_KEEP ? k : TITLE_KEEP - 1;
            while (k && ((unsigned char)title[k] & 0xC0) == 0x80)
                k--;
            memcpy(s->title, title, k);
            s->title[k] = '\0';
            s->title_score = title_score;
        }
        return 1;
    }
    char **g = cx_grow(r->articles, &r->cap_articles, r->n_articles + 1, sizeof *g, 4);
    if (!g)
        return 0;
    r->articles = g;
    if (!(r->articles[r->n_articles] = cx_strdup(a->id ? a->id : "")))
        return 0;
    r->n_articles++;
    const char *title = a->title && *a->title ? a->title : NULL;
    size_t tlen = title ? strlen(title) : 0;
    if (!title && a->text && a->text->n_sents) { /* no headline: the first sentence stands in */
        title = a->body + a->text->sents[0].start;
        tlen = a->text->sents[0].end - a->text->sents[0].start;
        if (tlen > TITLE_MAX) {
            tlen = TITLE_MAX;
            while (tlen && ((unsigned char)title[tlen] & 0xC0) == 0x80)
                tlen--;
        }
        title_score *= 0.5; /* a real headline is preferred */
    }
    if (title && title_score > s->title_score) { /* the story's, kept across runs */
        size_t k = tlen < TITLE_KEEP ? tlen : TITLE_KEEP - 1;
        while (k && k < tlen && ((unsigned char)title[k] & 0xC0) == 0x80)
            k--;
        memcpy(s->title, title, k);
        s->title[k] = '\0';
        s->title_score = title_score;
    }
    if (title && title_score > r->title_score) {
        char *t = cx_strndup(title, tlen);
        if (!t)
            return 0;
        cx_free(r->title);
        r->title = t;
        r->title_score = title_score;
    }
    if (a->outlet && r->n_outlets < MAX_OUTLETS) {
        size_t i = 0;
        while (i < r->n_outlets && strcmp(r->outlets[i], a->outlet))
            i++;
        if (i == r->n_outlets) {
            if (!r->outlets && !(r->outlets = cx_calloc(MAX_OUTLETS, sizeof *r->outlets)))
                return 0;
            if (!(r->outlets[r->n_outlets] = cx_strdup(a->outlet)))
                return 0;
            r->n_outlets++;
        }
    }
    if (a->published.prec) {
        int64_t t = cx_date_epoch(&a->published);
        if (t < r->first) {
            r->first = t;
            memcpy(r->first_iso, a->published_iso, sizeof r->first_iso);
        }
        if (t > r->last) {
            r->last = t;
            memcpy(r->last_iso, a->published_iso, sizeof r->last_iso);
        }
    }
    return 1;
}

/* ---- the decision ---- */
/* Doubles the story slots (up to MAX_STORIES); 0 when at the maximum or out
 * of memory. Story pointers are invalid afterwards. */
static int grow_slots(cx_cluster *cl)
{
    size_t cap = cl->cap_stories * 2 < MAX_STORIES ? cl->cap_stories * 2 : MAX_STORIES;
    if (cap <= cl->cap_stories)
        return 0;
    story *st = cx_realloc(cl->stories, cap * sizeof *st);
    if (!st)
        return 0;
    cl->stories = st;
    uint64_t *stamp = cx_realloc(cl->stamp, cap * sizeof *stamp);
    if (!stamp)
        return 0;
    cl->stamp = stamp;
    uint32_t *fs = cx_realloc(cl->free_slots, cap * sizeof *fs);
    if (!fs)
        return 0;
    cl->free_slots = fs;
    memset(st + cl->cap_stories, 0, (cap - cl->cap_stories) * sizeof *st);
    memset(stamp + cl->cap_stories, 0, (cap - cl->cap_stories) * sizeof *stamp);
    for (size_t i = cap; i-- > cl->cap_stories;)
        cl->free_slots[cl->n_free++] = (uint32_t)i;
    cl->cap_stories = cap;
    return 1;
}

static uint32_t new_slot(cx_cluster *cl)
{
    if (cl->n_free || grow_slots(cl))
        return cl->free_slots[--cl->n_free];
    /* full: drop the least recently joined of a few slots after the clock hand */
    size_t best = cl->clock;
    for (size_t k = 0; k < 8; k++) {
        size_t i = (cl->clock + k) % cl->cap_stories;
        if (cl->stories[i].touched < cl->stories[best].touched)
            best = i;
    }
    cl->clock = (cl->clock + 8) % cl->cap_stories;
    return (uint32_t)best;
}

/* The live story of id, or NULL. */
static story *story_by_id(cx_cluster *cl, int64_t id)
{
    uint64_t *v = map_slot(&cl->ids, (uint64_t)id, 0);
    story *s = v && *v ? &cl->stories[*v - 1] : NULL;
    return s && s->id == id ? s : NULL;
}

/* A fresh story in a slot (dropping the one there when memory is full). */
static story *open_story(cx_cluster *cl, int64_t id)
{
    uint32_t slot = new_slot(cl);
    uint64_t *v = map_slot(&cl->ids, (uint64_t)id, 1);
    if (!v) {
        cl->free_slots[cl->n_free++] = slot;
        return NULL;
    }
    *v = slot + 1;
    story *s = &cl->stories[slot];
    uint32_t gen = s->gen + 1;
    memset(s, 0, sizeof *s);
    s->gen = gen;
    s->id = id;
    s->title_score = -1;
    if (id >= cl->next_id)
        cl->next_id = id + 1;
    return s;
}

/* The centroid's norms (all terms, entity terms) and which kinds of dates it
 * names, from its terms. */
static void story_norms(story *s)
{
    double norm = 0, enorm = 0;
    s->dates = 0;
    for (size_t x = 0; x < s->n_terms; x++) {
        norm += (double)s->terms[x].w * s->terms[x].w;
        if (s->terms[x].ent)
            enorm += (double)s->terms[x].w * s->terms[x].w;
        s->dates |= ((s->terms[x].ent & ENT_DATE) != 0) | ((s->terms[x].ent & ENT_YEAR) != 0) << 1;
    }
    s->norm = norm > 0 ? sqrt(norm) : 1;
    s->enorm = enorm > 0 ? sqrt(enorm) : 1;
    if (enorm > 0)
        s->dates |= 4; /* has entity terms */
}

/* Adds vector v[0..n) (an article's, or another story's centroid: n <=
 * M_TERMS) to story s (sum, truncated to M_TERMS). */
static void centroid_add(story *s, const term *v, size_t n)
{
    term merged[2 * M_TERMS];
    size_t k = 0, i = 0, j = 0;
    while (i < s->n_terms || j < n) {
        if (j == n || (i < s->n_terms && s->terms[i].key < v[j].key))
            merged[k++] = s->terms[i++];
        else if (i == s->n_terms || v[j].key < s->terms[i].key)
            merged[k++] = v[j++];
        else {
            merged[k] = s->terms[i++];
            merged[k].ent |= v[j].ent;
            merged[k++].w += v[j++].w;
        }
    }
    if (k > M_TERMS) {
        top_k(merged, k, M_TERMS);
        k = M_TERMS;
        qsort(merged, k, sizeof *merged, cmp_key);
    }
    memcpy(s->terms, merged, k * sizeof *merged);
    s->n_terms = (uint32_t)k;
    story_norms(s);
}

/* Puts story s on the merge pass's list of changed stories (once). */
static int mark_changed(cx_cluster *cl, story *s)
{
    if (s->pending)
        return 1;
    uint64_t *g = cx_grow(cl->changed, &cl->cap_changed, cl->n_changed + 1, sizeof *g, 256);
    if (!g)
        return 0;
    cl->changed = g;
    cl->changed[cl->n_changed++] = (uint64_t)(s - cl->stories) << 32 | s->gen;
    s->pending = 1;
    return 1;
}

/* An article's vector with what scoring needs of it. */
typedef struct article_view {
    const term *v;
    size_t n;
    double enorm; /* of its entity terms */
    int dates;    /* bit 0: it names days, bit 1: years */
    int64_t t;    /* publication, epoch seconds or INT64_MIN */
} article_view;

/* The article's score against a story: the cosine with the centroid mixed
 * with the cosine of the entity terms, times the decay of the time gap (or
 * the undated prior), times date_miss when both name days but none in
 * common, times year_miss when both name years but none in common; -1
 * beyond the time window. */
static double score_story(const cx_cluster *cl, const article_view *av, const story *s)
{
    double decay = cl->undated;
    if (av->t != INT64_MIN && s->last != INT64_MIN) {
        int64_t gap = av->t > s->last ? av->t - s->last : (av->t < s->first ? s->first - av->t : 0);
        double days = (double)gap / 86400.0;
        if (days > cl->window_days)
            return -1;
        decay = 1.0 / (1.0 + days / cl->tau_days);
    }
    double e;
    int same_day;
    double score = cx_term_dot(av->v, av->n, s->terms, s->n_terms, &e, &same_day) / s->norm;
    if (av->enorm > 0)
        score = (1 - cl->ent_mix) * score + cl->ent_mix * e / (av->enorm * s->enorm);
    score *= decay;
    /* only for a dated article: undated ones resolve only the days written in full */
    if (av->t != INT64_MIN && (av->dates & 1) && (s->dates & 1) && !(same_day & 1))
        score *= cl->date_miss;
    if ((av->dates & 2) && (s->dates & 2) && !(same_day & 2)) /* years named, none in common */
        score *= cl->year_miss;
    return score;
}

int64_t cx_cluster_add(cx_cluster *cl, const cx_article *a, int64_t copy_story)
{
    uint64_t title_keys[K_TERMS];
    size_t n = 0, n_title = 0;
    if (!article_vector(cl, a, &n, title_keys, &n_title))
        return 0;
    term v[K_TERMS];
    if (n)
        memcpy(v, cl->scratch, n * sizeof *v);
    int64_t t = a->published.prec ? cx_date_epoch(&a->published) : INT64_MIN;
    uint64_t now = cl->n_docs;
    double v_enorm = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].ent)
            v_enorm += (double)v[i].w * v[i].w;
    v_enorm = sqrt(v_enorm);
    int v_dates = 0;
    for (size_t i = 0; i < n; i++)
        v_dates |= ((v[i].ent & ENT_DATE) != 0) | ((v[i].ent & ENT_YEAR) != 0) << 1;

    /* the salient terms: the heaviest S_QUERY */
    term sal[K_TERMS];
    memcpy(sal, v, n * sizeof *sal);
    size_t n_sal = n < S_QUERY ? n : S_QUERY;
    if (n > n_sal)
        top_k(sal, n, n_sal);
    qsort(sal, n_sal, sizeof *sal, cmp_w_desc);
    article_view av = {v, n, v_enorm, v_dates, t};
    /* a copy joins its origin's story unless their words share too little
     * (the copies stage also links templated texts about other events) */
    story *best = copy_story > 0 ? story_by_id(cl, copy_story) : NULL;
    if (best && score_story(cl, &av, best) < cl->copy_min)
        best = NULL;
    if (!best) {
        double best_score = cl->threshold;
        size_t scored = 0;
        for (size_t q = 0; q < n_sal && scored < MAX_CAND; q++) {
            const plist *p = post_get(cl, sal[q].key);
            for (size_t k = p ? p->n : 0; k-- > 0 && scored < MAX_CAND;) {
                uint32_t slot = (uint32_t)(p->e[k] >> 32), gen = (uint32_t)p->e[k];
                story *s = &cl->stories[slot];
                if (!s->id || s->gen != gen || cl->stamp[slot] == now)
                    continue;
                cl->stamp[slot] = now;
                scored++;
                double score = score_story(cl, &av, s);
                if (score >= best_score) {
                    best_score = score;
                    best = s;
                }
            }
        }
    }
    int opened = !best;
    if (!best) {
        if (!(best = open_story(cl, cl->next_id)))
            return 0;
        best->first = best->last = t;
    } else if (t != INT64_MIN) {
        if (best->first == INT64_MIN || t < best->first)
            best->first = t;
        if (best->last == INT64_MIN || t > best->last)
            best->last = t;
    }
    centroid_add(best, v, n);
    best->touched = now;
    /* a story the article opened is not for the merge pass: its centroid is
     * the article's vector, just scored against the candidates (below the
     * join threshold, itself below the merge threshold) */
    if (!opened && !mark_changed(cl, best))
        return 0;
    uint32_t slot = (uint32_t)(best - cl->stories);
    uint64_t entry = (uint64_t)slot << 32 | best->gen;
    for (size_t q = 0; q < n_sal; q++)
        if (!post_add(cl, sal[q].key, entry))
            return 0;
    /* how well the headline says what the story is about */
    double ts = 0;
    for (size_t i = 0; i < n_title; i++) {
        size_t lo = 0, hi = best->n_terms;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (best->terms[mid].key < title_keys[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < best->n_terms && best->terms[lo].key == title_keys[i])
            ts += best->terms[lo].w;
    }
    ts = n_title ? ts / (best->norm * sqrt((double)n_title)) : 0;
    if (!run_add(cl, best, a, ts))
        return 0;
    return best->id;
}

/* ---- the merge pass ---- */
/* Two stories' agreement, on the article score's scale (score_story): the
 * cosine of the centroids mixed with the cosine of their entity terms, times
 * the decay of the gap between their spans (or the undated prior), times
 * date_miss when both are dated and name days but none in common, times
 * year_miss when both name years but none in common; -1 beyond the time
 * window or when the entity cosine is below merge_ent. */
static double score_pair(const cx_cluster *cl, const story *x, const story *y)
{
    double decay = cl->undated;
    int dated = x->last != INT64_MIN && y->last != INT64_MIN;
    if (dated) {
        int64_t gap = x->first > y->last ? x->first - y->last : (y->first > x->last ? y->first - x->last : 0);
        double days = (double)gap / 86400.0;
        if (days > cl->window_days)
            return -1;
        decay = 1.0 / (1.0 + days / cl->tau_days);
    }
    double e;
    int same;
    double cos = cx_term_dot(x->terms, x->n_terms, y->terms, y->n_terms, &e, &same) / (x->norm * y->norm);
    double score = cos;
    if ((x->dates & 4) && (y->dates & 4)) {
        double ce = e / (x->enorm * y->enorm);
        if (ce < cl->merge_ent)
            return -1;
        score = (1 - cl->ent_mix) * cos + cl->ent_mix * ce;
    }
    score *= decay;
    if (dated && (x->dates & 1) && (y->dates & 1) && !(same & 1))
        score *= cl->date_miss;
    if ((x->dates & 2) && (y->dates & 2) && !(same & 2))
        score *= cl->year_miss;
    return score;
}

/* Moves this run's record of story drop into keep's (articles, outlets,
 * span, headline); drop's record is left empty with id 0. */
static int run_merge(cx_cluster *cl, story *keep, story *drop)
{
    if (!cl->keep_runs || drop->run_gen != cl->run_gen)
        return 1;
    size_t di = drop->rec;
    if (!run_of(cl, keep)) /* may move cl->runs */
        return 0;
    run_rec *rk = &cl->runs[keep->rec], *rd = &cl->runs[di];
    char **g = cx_grow(rk->articles, &rk->cap_articles, rk->n_articles + rd->n_articles, sizeof *g, 4);
    if (!g)
        return 0;
    rk->articles = g;
    memcpy(rk->articles + rk->n_articles, rd->articles, rd->n_articles * sizeof *g);
    rk->n_articles += rd->n_articles;
    rd->n_articles = 0;
    for (size_t k = 0; k < rd->n_outlets; k++) {
        size_t i = 0;
        while (i < rk->n_outlets && strcmp(rk->outlets[i], rd->outlets[k]))
            i++;
        if (i == rk->n_outlets && i < MAX_OUTLETS) {
            if (!rk->outlets && !(rk->outlets = cx_calloc(MAX_OUTLETS, sizeof *rk->outlets)))
                return 0;
            rk->outlets[rk->n_outlets++] = rd->outlets[k];
            rd->outlets[k] = NULL;
        }
    }
    if (rd->title && rd->title_score > rk->title_score) {
        cx_free(rk->title);
        rk->title = rd->title;
        rk->title_score = rd->title_score;
        rd->title = NULL;
    }
    if (rd->first < rk->first) {
        rk->first = rd->first;
        memcpy(rk->first_iso, rd->first_iso, sizeof rk->first_iso);
    }
    if (rd->last > rk->last) {
        rk->last = rd->last;
        memcpy(rk->last_iso, rd->last_iso, sizeof rk->last_iso);
    }
    rd->id = 0; /* left out of cx_cluster_stories */
    return 1;
}

/* Story drop joins story keep: centroids summed, spans joined, the better
 * headline kept, keep indexed under its new heaviest terms, drop's slot
 * freed. */
static int merge_into(cx_cluster *cl, story *keep, story *drop)
{
    if (!run_merge(cl, keep, drop))
        return 0;
    centroid_add(keep, drop->terms, drop->n_terms);
    if (drop->first != INT64_MIN && (keep->first == INT64_MIN || drop->first < keep->first))
        keep->first = drop->first;
    if (drop->last != INT64_MIN && (keep->last == INT64_MIN || drop->last > keep->last))
        keep->last = drop->last;
    if (drop->touched > keep->touched)
        keep->touched = drop->touched;
    if (drop->title_score > keep->title_score) {
        memcpy(keep->title, drop->title, sizeof keep->title);
        keep->title_score = drop->title_score;
    }
    term sal[M_TERMS];
    size_t n = keep->n_terms, n_sal = n < S_QUERY ? n : S_QUERY;
    memcpy(sal, keep->terms, n * sizeof *sal);
    if (n > n_sal)
        top_k(sal, n, n_sal);
    qsort(sal, n_sal, sizeof *sal, cmp_w_desc);
    uint64_t entry = (uint64_t)(keep - cl->stories) << 32 | keep->gen;
    for (size_t q = 0; q < n_sal; q++)
        if (!post_add(cl, sal[q].key, entry))
            return 0;
    drop->id = 0; /* its posting entries and id map entry go stale */
    drop->pending = 0;
    cl->free_slots[cl->n_free++] = (uint32_t)(drop - cl->stories);
    return 1;
}

int cx_cluster_merge(cx_cluster *cl, int (*fn)(void *ctx, int64_t from, int64_t into), void *ctx)
{
    int merges = 0;
    /* the list grows while it is read: a story that absorbed another is
     * looked at again with its new centroid */
    for (size_t i = 0; i < cl->n_changed; i++) {
        uint32_t slot = (uint32_t)(cl->changed[i] >> 32), gen = (uint32_t)cl->changed[i];
        story *x = &cl->stories[slot];
        if (!x->id || x->gen != gen)
            continue; /* merged away or dropped from memory since */
        x->pending = 0;
        if (cl->merge_threshold <= 0)
            continue;
        term sal[M_TERMS];
        size_t n = x->n_terms, n_sal = n < M_QUERY ? n : M_QUERY;
        memcpy(sal, x->terms, n * sizeof *sal);
        if (n > n_sal)
            top_k(sal, n, n_sal);
        qsort(sal, n_sal, sizeof *sal, cmp_w_desc);
        uint64_t clk = ++cl->merge_clock;
        cl->stamp[slot] = clk;
        story *best = NULL;
        double best_score = cl->merge_threshold;
        size_t scored = 0;
        for (size_t q = 0; q < n_sal && scored < M_CAND; q++) {
            const plist *p = post_get(cl, sal[q].key);
            for (size_t k = p ? p->n : 0; k-- > 0 && scored < M_CAND;) {
                uint32_t ys = (uint32_t)(p->e[k] >> 32), yg = (uint32_t)p->e[k];
                story *y = &cl->stories[ys];
                if (!y->id || y->gen != yg || cl->stamp[ys] == clk)
                    continue;
                cl->stamp[ys] = clk;
                scored++;
                double score = score_pair(cl, x, y);
                if (score >= best_score) {
                    best_score = score;
                    best = y;
                }
            }
        }
        if (!best)
            continue;
        story *keep = best->id < x->id ? best : x, *drop = keep == x ? best : x; /* the older id stays */
        int64_t from = drop->id, into = keep->id;
        if (!merge_into(cl, keep, drop) || (fn && !fn(ctx, from, into)))
            return -1;
        merges++;
        if (!mark_changed(cl, keep))
            return -1;
    }
    cl->n_changed = 0;
    return merges;
}

int cx_cluster_state(cx_cluster *cl, int64_t id, cx_story_state *st)
{
    story *s = story_by_id(cl, id);
    if (!s)
        return 0;
    st->id = s->id;
    st->title = s->title_score >= 0 ? s->title : NULL;
    st->title_score = s->title_score;
    st->first = s->first;
    st->last = s->last;
    st->terms = s->terms;
    st->terms_len = s->n_terms * sizeof *s->terms;
    return 1;
}

int cx_cluster_load(cx_cluster *cl, const cx_story_state *st)
{
    story *s = story_by_id(cl, st->id);
    if (!s && !(s = open_story(cl, st->id)))
        return 0;
    size_t n = st->terms_len / sizeof(term);
    if (n > M_TERMS)
        n = M_TERMS;
    if (n)
        memcpy(s->terms, st->terms, n * sizeof(term));
    s->n_terms = (uint32_t)n;
    s->first = st->first;
    s->last = st->last;
    s->touched = cl->n_docs;
    if (st->title) {
        size_t k = strlen(st->title);
        k = k < TITLE_KEEP ? k : TITLE_KEEP - 1;
        memcpy(s->title, st->title, k);
        s->title[k] = '\0';
        s->title_score = st->title_score;
    }
    story_norms(s);
    /* index it under its heaviest terms, as its articles would have */
    term sal[M_TERMS];
    memcpy(sal, s->terms, n * sizeof *sal);
    qsort(sal, n, sizeof *sal, cmp_w_desc);
    uint64_t entry = (uint64_t)(s - cl->stories) << 32 | s->gen;
    for (size_t q = 0; q < n && q < 2 * S_QUERY; q++)
        if (!post_add(cl, sal[q].key, entry))
            return 0;
    return 1;
}

static int cmp_story(const void *x, const void *y)
{
    int64_t a = ((const cx_story_out *)x)->id, b = ((const cx_story_out *)y)->id;
    return a < b ? -1 : a > b;
}

int cx_cluster_stories(cx_cluster *cl, cx_story_out **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!cl->n_runs)
        return 1;
    cx_story_out *o = cx_calloc(cl->n_runs, sizeof *o);
    if (!o)
        return 0;
    size_t no = 0;
    for (size_t i = 0; i < cl->n_runs; i++) {
        run_rec *r = &cl->runs[i];
        if (!r->id) /* merged into another story */
            continue;
        o[no].id = r->id;
        o[no].title = r->title;
        o[no].articles = r->articles;
        o[no].n_articles = r->n_articles;
        o[no].first_published = r->first != INT64_MAX ? r->first_iso : NULL;
        o[no].last_published = r->last != INT64_MIN ? r->last_iso : NULL;
        o[no].outlets = r->outlets;
        o[no].n_outlets = r->n_outlets;
        no++;
    }
    qsort(o, no, sizeof *o, cmp_story);
    *out = o;
    *n = no;
    return 1;
}

void cx_cluster_keep_runs(cx_cluster *cl, int keep) { cl->keep_runs = keep; }

void cx_cluster_run_end(cx_cluster *cl)
{
    for (size_t i = 0; i < cl->n_runs; i++) {
        run_rec *r = &cl->runs[i];
        for (size_t k = 0; k < r->n_articles; k++)
            cx_free(r->articles[k]);
        cx_free(r->articles);
        for (size_t k = 0; k < r->n_outlets; k++)
            cx_free(r->outlets[k]);
        cx_free(r->outlets);
        cx_free(r->title);
    }
    cl->n_runs = 0;
    cl->run_gen++;
}
