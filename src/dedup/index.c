/*
 * index.c: the copies stage's candidate index, in memory (see dedup.h).
 *
 * The last `window` fingerprints sit in a ring; their keys sit in two
 * open-addressing hash tables, one per generation of window/2 articles. When
 * the current generation is full the older table is emptied and becomes the
 * current one, so memory stays bounded by the window and every lookup costs
 * about the same however long the stream has run. The two tables are
 * interleaved by cache line (each 64-byte line holds four slots of each), so
 * that a key's home in both is one line: one memory access per key where two
 * tables cost two, and the insertion that follows a lookup finds its lines in
 * the cache. A key lists at most 32 articles:
 * a flood of near-identical articles (one template, one press release
 * everywhere) must not make every lookup return all of them; a group is joined
 * through any few of its members.
 *
 * Per article: the ring entry (a 16-bit MinHash of 128 bins, 256 bytes, plus
 * about 40 bytes), its sentence word sets (2 bytes a content word and 2 a
 * sentence), and 20 key slots of 8 bytes at 70% load or less (the tables are
 * sized for a full generation; untouched pages cost no memory).
 */
#include "dedup/dedup.h"
#include "util/alloc.h"
#include "util/vec.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PER_KEY 32
#define MAX_PER_PAIR_KEY 8 /* name/number pair keys: common pairs recur far more */
#define MAX_SEEN 512

typedef struct ix_entry {
    int64_t seq;
    uint64_t body_hash;
    uint16_t *sents; /* malloc'd: n_sents + 1 offsets, then the words */
    uint32_t shingles;
    uint32_t serial; /* 0: empty */
    uint16_t n_sents;
    uint8_t credited;
    uint16_t mh[CX_MH];
} ix_entry;

/* One generation's keys: open addressing, linear probing, 8-byte slots (the
 * key's high 32 bits as a tag, its low bits choose the home slot), sized once
 * for a full generation at 70% load so that it never rehashes. Two keys that
 * share a home region and a tag are confused one time in 2^32: a spurious
 * candidate that the comparison then drops. */
typedef struct ix_slot {
    uint32_t tag;
    uint32_t serial; /* 0: empty */
} ix_slot;

/* A line: slot[h][0..4) is half h's part of it. The current table is half
 * ix->cur_half, the older one the other half. */
#define HALF_SLOTS 4
typedef struct ix_line {
    ix_slot slot[2][HALF_SLOTS];
} ix_line;

typedef struct seen {
    uint32_t serial;
    int n, nr; /* keys shared, of which name/number pair keys */
} seen;

/* The articles a lookup has met: s[0..ns), found again through a small
 * open-addressing map from serial to position (a hot key can bring hundreds). */
typedef struct seen_set {
    seen s[MAX_SEEN];
    size_t ns;
    uint32_t map[2 * MAX_SEEN]; /* stamp << 16 | position + 1; an old stamp: empty */
    uint32_t stamp;             /* this lookup's, 1..65535 (no clearing of the map per lookup) */
} seen_set;

struct cx_copy_index {
    size_t window, generation, table_cap;
    ix_entry *ring; /* window entries, allocated as they fill */
    size_t ring_cap;
    uint32_t next_serial; /* serials start at 1 */
    size_t in_generation;
    ix_line *line;       /* n_lines lines, 64-byte aligned inside line_mem */
    void *line_mem;
    size_t n_lines;      /* a power of two */
    unsigned cur_half;   /* the table being filled */
    int have_old;        /* the other half holds the previous generation */
    size_t sent_bytes;
    cx_fingerprint scratch[64];
    seen_set seen; /* a lookup's working set */
};

cx_copy_index *cx_copy_index_new(size_t window)
{
    if (window < 2)
        window = 2;
    cx_copy_index *ix = cx_calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->window = window;
    ix->generation = window / 2;
    size_t need = ix->generation * (CX_KEYS + CX_RKEYS) * 10 / 7 + 1;
    ix->table_cap = 64; /* slots of one table */
    while (ix->table_cap < need)
        ix->table_cap *= 2;
    ix->next_serial = 1;
    return ix;
}

void cx_copy_index_free(cx_copy_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->ring_cap; i++)
        cx_free(ix->ring[i].sents);
    cx_free(ix->ring);
    cx_free(ix->line_mem);
    cx_free(ix);
}

static size_t home(uint64_t key, size_t n_lines) { return (size_t)key & (n_lines - 1); }
static uint32_t tag_of(uint64_t key) { return (uint32_t)(key >> 32); }

/* The lines, allocated on first use (calloc: pages the run never touches
 * cost nothing), sized for a full generation per half at 70% load or less,
 * so that a table never rehashes. */
static int lines_alloc(cx_copy_index *ix)
{
    size_t n = ix->table_cap / HALF_SLOTS;
    char *mem = cx_calloc(n * sizeof(ix_line) + 64, 1);
    if (!mem)
        return 0;
    ix->line_mem = mem;
    ix->line = (ix_line *)(mem + (64 - (uintptr_t)mem % 64) % 64);
    ix->n_lines = n;
    return 1;
}

/* Adds key -> serial to half h unless the key already lists max articles
 * there. Linear probing line by line within the half. */
static void table_add(cx_copy_index *ix, unsigned h, uint64_t key, uint32_t serial, int max)
{
    size_t i = home(key, ix->n_lines);
    uint32_t tag = tag_of(key);
    int n = 0;
    for (;;) {
        ix_slot *sl = ix->line[i].slot[h];
        for (unsigned j = 0; j < HALF_SLOTS; j++) {
            if (!sl[j].serial) {
                sl[j].tag = tag;
                sl[j].serial = serial;
                return;
            }
            if (sl[j].tag == tag && ++n >= max)
                return;
        }
        i = (i + 1) & (ix->n_lines - 1);
    }
}

/* A new generation: the older half is emptied and becomes the current one. */
static void new_generation(cx_copy_index *ix)
{
    unsigned h = ix->cur_half ^ 1;
    for (size_t i = 0; i < ix->n_lines; i++)
        memset(ix->line[i].slot[h], 0, sizeof ix->line[i].slot[h]);
    ix->cur_half = h;
    ix->have_old = 1;
    ix->in_generation = 0;
}

int cx_copy_index_add(cx_copy_index *ix, int64_t seq, const cx_fingerprint *fp)
{
    if (!fp->shingles)
        return 1; /* nothing to find it by */
    if (!ix->line && !lines_alloc(ix))
        return 0;
    if (ix->in_generation == ix->generation)
        new_generation(ix);
    uint32_t serial = ix->next_serial;
    size_t slot = serial % ix->window;
    if (slot >= ix->ring_cap) {
        size_t cap = ix->ring_cap;
        ix_entry *r = cx_grow(ix->ring, &cap, slot + 1, sizeof *r, 1024);
        if (!r)
            return 0;
        if (cap > ix->window)
            cap = ix->window;
        memset(r + ix->ring_cap, 0, (cap - ix->ring_cap) * sizeof *r);
        ix->ring = r;
        ix->ring_cap = cap;
    }
    ix_entry *e = &ix->ring[slot];
    size_t n16 = fp->n_sents ? fp->n_sents + 1 + (size_t)fp->sent_off[fp->n_sents] : 0;
    uint16_t *sents = NULL;
    if (n16 && !(sents = cx_malloc(n16 * sizeof *sents)))
        return 0;
    /* the home lines first (a lookup has usually just read them) */
    for (unsigned i = 0; i < fp->n_keys; i++)
        __builtin_prefetch(&ix->line[home(fp->keys[i], ix->n_lines)], 1);
    for (unsigned i = 0; i < fp->n_rkeys; i++)
        __builtin_prefetch(&ix->line[home(~fp->rkeys[i], ix->n_lines)], 1);
    for (unsigned i = 0; i < fp->n_keys; i++)
        table_add(ix, ix->cur_half, fp->keys[i], serial, MAX_PER_KEY);
    for (unsigned i = 0; i < fp->n_rkeys; i++)
        table_add(ix, ix->cur_half, ~fp->rkeys[i], serial, MAX_PER_PAIR_KEY); /* its own key space */
    if (e->sents)
        ix->sent_bytes -= ((size_t)e->n_sents + 1 + e->sents[e->n_sents]) * sizeof *e->sents;
    cx_free(e->sents);
    if (sents) {
        memcpy(sents, fp->sent_off, (fp->n_sents + 1) * sizeof *sents);
        memcpy(sents + fp->n_sents + 1, fp->sent_words, fp->sent_off[fp->n_sents] * sizeof *sents);
    }
    e->sents = sents;
    e->n_sents = sents ? fp->n_sents : 0;
    ix->sent_bytes += n16 * sizeof *sents;
    e->seq = seq;
    e->body_hash = fp->body_hash;
    e->shingles = fp->shingles;
    e->credited = (uint8_t)fp->credited;
    for (unsigned i = 0; i < CX_MH; i++)
        e->mh[i] = (uint16_t)fp->mh[i];
    e->serial = serial;
    ix->next_serial = serial + 1 ? serial + 1 : 1;
    ix->in_generation++;
    return 1;
}


static void meet(seen_set *m, uint32_t serial, int rkey)
{
    size_t h = (size_t)((serial * 2654435761u) >> 22) & (2 * MAX_SEEN - 1);
    uint32_t st = m->stamp << 16;
    while ((m->map[h] & 0xFFFF0000u) == st) {
        seen *x = &m->s[(m->map[h] & 0xFFFF) - 1];
        if (x->serial == serial) {
            x->n++;
            x->nr += rkey;
            return;
        }
        h = (h + 1) & (2 * MAX_SEEN - 1);
    }
    if (m->ns == MAX_SEEN)
        return;
    m->s[m->ns] = (seen){serial, 1, rkey};
    m->map[h] = st | (uint32_t)(++m->ns);
}

/* The articles listed under key in half h. */
static void lookup(const cx_copy_index *ix, unsigned h, uint64_t key, int rkey, seen_set *m)
{
    size_t i = home(key, ix->n_lines);
    uint32_t tag = tag_of(key);
    for (;;) {
        const ix_slot *sl = ix->line[i].slot[h];
        for (unsigned j = 0; j < HALF_SLOTS; j++) {
            if (!sl[j].serial)
                return;
            if (sl[j].tag == tag)
                meet(m, sl[j].serial, rkey);
        }
        i = (i + 1) & (ix->n_lines - 1);
    }
}

static int by_shared(const void *a, const void *b)
{
    const seen *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return x->serial > y->serial ? -1 : x->serial < y->serial;
}

size_t cx_copy_index_candidates(cx_copy_index *ix, const cx_fingerprint *fp, cx_candidate *out,
                                size_t max)
{
    seen_set *m = &ix->seen;
    m->ns = 0;
    if (++m->stamp == 0x10000) {
        memset(m->map, 0, sizeof m->map);
        m->stamp = 1;
    }
    seen *s = m->s;
    /* Every home line is fetched first: some 20 cache misses then overlap
     * instead of following one another (the tables are far larger than the
     * caches once the window fills). One line serves both tables. */
    if (ix->line) {
        for (unsigned i = 0; i < fp->n_keys; i++)
            __builtin_prefetch(&ix->line[home(fp->keys[i], ix->n_lines)]);
        for (unsigned i = 0; i < fp->n_rkeys; i++)
            __builtin_prefetch(&ix->line[home(~fp->rkeys[i], ix->n_lines)]);
        unsigned cur = ix->cur_half, old = cur ^ 1;
        for (unsigned i = 0; i < fp->n_keys; i++) {
            lookup(ix, cur, fp->keys[i], 0, m);
            if (ix->have_old)
                lookup(ix, old, fp->keys[i], 0, m);
        }
        for (unsigned i = 0; i < fp->n_rkeys; i++) {
            lookup(ix, cur, ~fp->rkeys[i], 1, m);
            if (ix->have_old)
                lookup(ix, old, ~fp->rkeys[i], 1, m);
        }
    }
    /* Only serials still in the ring, and only those the sketch says may be
     * copies (or, sharing name/number pairs, rewrites): the comparison is
     * settled here for most, on 16-bit values, before anything is copied. */
    for (size_t k = 0; k < m->ns; k++) {
        size_t slot = s[k].serial % ix->window;
        if (slot < ix->ring_cap && !(s[k].n == s[k].nr && s[k].nr < CX_REWRITE_MIN_PAIRS)) {
            const ix_entry *e = &ix->ring[slot];
            __builtin_prefetch(e);
            __builtin_prefetch((const char *)e + 64);
            __builtin_prefetch((const char *)e + 128);
            __builtin_prefetch((const char *)e + 192);
            __builtin_prefetch((const char *)e + 256);
        }
    }
    uint16_t q16[CX_MH];
    for (unsigned i = 0; i < CX_MH; i++)
        q16[i] = (uint16_t)fp->mh[i];
    size_t live = 0;
    for (size_t k = 0; k < m->ns; k++) {
        /* One shared name/number pair and nothing else is chance (pairs such
         * as a city and a weekday recur everywhere): not even looked at. */
        if (s[k].n == s[k].nr && s[k].nr < CX_REWRITE_MIN_PAIRS)
            continue;
        size_t slot = s[k].serial % ix->window;
        if (slot >= ix->ring_cap || ix->ring[slot].serial != s[k].serial)
            continue;
        const ix_entry *e = &ix->ring[slot];
        if (e->body_hash != fp->body_hash && s[k].nr < CX_REWRITE_MIN_PAIRS) {
            unsigned eq = 0;
            for (unsigned i = 0; i < CX_MH; i++)
                eq += e->mh[i] == q16[i];
            double j = (double)eq / CX_MH, sx = fp->shingles, sy = e->shingles;
            double small = sx < sy ? sx : sy;
            double contain = small > 0 ? j * (sx + sy) / (1 + j) / small : 0;
            if (j < 0.8 && !(small >= 20 && contain >= 0.4))
                continue;
        }
        s[live++] = s[k];
    }
    qsort(s, live, sizeof *s, by_shared);
    if (max > 64)
        max = 64;
    size_t n = 0;
    for (size_t k = 0; k < live && n < max; k++) {
        const ix_entry *e = &ix->ring[s[k].serial % ix->window];
        cx_fingerprint *f = &ix->scratch[n];
        /* everything but the MinHash (set below, and first) zeroed */
        _Static_assert(offsetof(cx_fingerprint, mh) == 0, "mh first");
        memset((char *)f + sizeof f->mh, 0, sizeof *f - sizeof f->mh);
        for (unsigned i = 0; i < CX_MH; i++)
            f->mh[i] = e->mh[i];
        f->body_hash = e->body_hash;
        f->shingles = e->shingles;
        f->credited = e->credited;
        f->n_sents = e->n_sents;
        if (e->sents) {
            f->sent_off = e->sents;
            f->sent_words = e->sents + e->n_sents + 1;
        }
        out[n] = (cx_candidate){e->seq, f, s[k].n, s[k].nr};
        n++;
    }
    return n;
}

size_t cx_copy_index_count(const cx_copy_index *ix)
{
    size_t n = 0;
    for (size_t i = 0; i < ix->ring_cap; i++)
        n += ix->ring[i].serial != 0;
    return n;
}

size_t cx_copy_index_bytes(const cx_copy_index *ix)
{
    return sizeof *ix + ix->ring_cap * sizeof *ix->ring + ix->sent_bytes + ix->n_lines * sizeof(ix_line);
}
