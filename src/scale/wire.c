/*
 * wire.c: the byte forms of records, analysed articles and applied entries
 * (see wire.h). Kept flat and explicit rather than JSON: an article's
 * fingerprint is arrays of integers, and the forms only travel between
 * chorus processes of the same build.
 */
#include "scale/wire.h"
#include "dedup/dedup.h"
#include "util/alloc.h"

#include <string.h>

#define WIRE_VERSION 3 /* 2: the article's boilerplate; 3: the stories' merges */
#define NUL32 0xffffffffu

/* ---- writing ---- */

/* cx_buf_append's status to 1 (appended) or 0 (out of memory). */
static int app(cx_buf *b, const void *p, size_t n) { return cx_buf_append(b, p, n) == CX_BUF_OK; }

static int put_u64(cx_buf *b, uint64_t v)
{
    unsigned char x[8];
    for (int i = 0; i < 8; i++)
        x[i] = (unsigned char)(v >> (8 * i));
    return app(b, x, 8);
}

static int put_u32(cx_buf *b, uint32_t v)
{
    unsigned char x[4];
    for (int i = 0; i < 4; i++)
        x[i] = (unsigned char)(v >> (8 * i));
    return app(b, x, 4);
}

static int put_bytes(cx_buf *b, const void *p, size_t n)
{
    if (!p)
        return put_u32(b, NUL32);
    if (n >= NUL32)
        return 0;
    /* a NUL after the bytes, not counted: read back, every value is a C string in place */
    return put_u32(b, (uint32_t)n) && (n == 0 || app(b, p, n)) && app(b, "", 1);
}

static int put_str(cx_buf *b, const char *s) { return put_bytes(b, s, s ? strlen(s) : 0); }

static int put_double(cx_buf *b, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    return put_u64(b, v);
}

/* ---- reading ---- */

typedef struct rd {
    const unsigned char *p, *end;
    int bad;
} rd;

static uint64_t get_u64(rd *r)
{
    if (r->bad || r->end - r->p < 8) {
        r->bad = 1;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)r->p[i] << (8 * i);
    r->p += 8;
    return v;
}

static uint32_t get_u32(rd *r)
{
    if (r->bad || r->end - r->p < 4) {
        r->bad = 1;
        return 0;
    }
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v |= (uint32_t)r->p[i] << (8 * i);
    r->p += 4;
    return v;
}

/* Bytes in place: *n their count; NULL for a NULL value or when bad. */
static const char *get_bytes(rd *r, size_t *n)
{
    uint32_t len = get_u32(r);
    *n = 0;
    if (r->bad || len == NUL32)
        return NULL;
    if ((size_t)(r->end - r->p) < len) {
        r->bad = 1;
        return NULL;
    }
    const char *s = (const char *)r->p;
    r->p += len;
    if (r->p >= r->end || *r->p != 0) {
        r->bad = 1;
        return NULL;
    }
    r->p++;
    *n = len;
    return s;
}

static double get_double(rd *r)
{
    uint64_t v = get_u64(r);
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}

/* The raw formats are static strings in the engine: read back as the same. */
static const char *raw_format_of(const char *s, size_t n)
{
    static const char *const known[] = {"html", "text", "jsonl", "warc"};
    for (size_t i = 0; s && i < sizeof known / sizeof known[0]; i++)
        if (strlen(known[i]) == n && !memcmp(known[i], s, n))
            return known[i];
    return NULL;
}

/* ---- records ---- */

int cx_wire_record(cx_buf *b, const cx_record *rec)
{
    const cx_meta *m = &rec->meta;
    int raw_is_data = rec->raw == rec->data && rec->raw_len == rec->len;
    return put_u32(b, WIRE_VERSION) && put_str(b, rec->input) && put_u64(b, rec->line) &&
           put_u64(b, rec->byte) && put_u32(b, (uint32_t)rec->multi) && put_u32(b, (uint32_t)rec->kind) &&
           put_bytes(b, rec->data, rec->len) && put_u32(b, (uint32_t)raw_is_data) &&
           (raw_is_data || put_bytes(b, rec->raw, rec->raw_len)) && put_str(b, rec->raw_format) &&
           put_str(b, m->id) && put_str(b, m->url) && put_str(b, m->outlet) && put_str(b, m->published) &&
           put_str(b, m->title) && put_str(b, m->byline) && put_str(b, m->language) &&
           put_str(b, m->charset) && put_str(b, m->fetched);
}

static const char *get_str(rd *r)
{
    size_t n;
    return get_bytes(r, &n);
}

int cx_wire_record_read(const char *p, size_t n, cx_record *rec)
{
    memset(rec, 0, sizeof *rec);
    rd r = {(const unsigned char *)p, (const unsigned char *)p + n, 0};
    if (get_u32(&r) != WIRE_VERSION)
        return 0;
    rec->input = get_str(&r);
    rec->line = get_u64(&r);
    rec->byte = get_u64(&r);
    rec->multi = (int)get_u32(&r);
    rec->kind = (cx_payload)get_u32(&r);
    rec->data = get_bytes(&r, &rec->len);
    if (get_u32(&r)) {
        rec->raw = rec->data;
        rec->raw_len = rec->len;
    } else {
        rec->raw = get_bytes(&r, &rec->raw_len);
    }
    size_t fl;
    const char *f = get_bytes(&r, &fl);
    rec->raw_format = raw_format_of(f, fl);
    cx_meta *m = &rec->meta;
    m->id = get_str(&r);
    m->url = get_str(&r);
    m->outlet = get_str(&r);
    m->published = get_str(&r);
    m->title = get_str(&r);
    m->byline = get_str(&r);
    m->language = get_str(&r);
    m->charset = get_str(&r);
    m->fetched = get_str(&r);
    if (!rec->input || !rec->data || (rec->kind != CX_PAYLOAD_HTML && rec->kind != CX_PAYLOAD_TEXT))
        r.bad = 1;
    return !r.bad;
}

/* ---- articles ---- */

static int put_date(cx_buf *b, const cx_date *d)
{
    return put_u32(b, (uint32_t)d->year) && put_u32(b, (uint32_t)d->month) && put_u32(b, (uint32_t)d->day) &&
           put_u32(b, (uint32_t)d->hour) && put_u32(b, (uint32_t)d->minute) &&
           put_u32(b, (uint32_t)d->second) && put_u32(b, (uint32_t)d->prec) && put_u32(b, (uint32_t)d->utc);
}

static void get_date(rd *r, cx_date *d)
{
    d->year = (int)get_u32(r);
    d->month = (int)get_u32(r);
    d->day = (int)get_u32(r);
    d->hour = (int)get_u32(r);
    d->minute = (int)get_u32(r);
    d->second = (int)get_u32(r);
    d->prec = (cx_precision)get_u32(r);
    d->utc = (int)get_u32(r);
}

static int put_fp(cx_buf *b, const cx_fingerprint *fp)
{
    int ok = put_u32(b, 1);
    for (size_t i = 0; ok && i < CX_MH; i++)
        ok = put_u32(b, fp->mh[i]);
    for (size_t i = 0; ok && i < CX_KEYS; i++)
        ok = put_u64(b, fp->keys[i]);
    for (size_t i = 0; ok && i < CX_RKEYS; i++)
        ok = put_u64(b, fp->rkeys[i]);
    ok = ok && put_u32(b, fp->n_keys) && put_u32(b, fp->n_rkeys) && put_u32(b, fp->n_sents);
    size_t nw = fp->sent_off ? fp->sent_off[fp->n_sents] : 0;
    ok = ok && put_u32(b, fp->sent_off != NULL) && put_u32(b, (uint32_t)nw);
    for (size_t i = 0; ok && fp->sent_off && i <= fp->n_sents; i++)
        ok = put_u32(b, fp->sent_off[i]);
    for (size_t i = 0; ok && i < nw; i++)
        ok = put_u32(b, fp->sent_words[i]);
    return ok && put_u64(b, fp->body_hash) && put_u32(b, fp->shingles) && put_u32(b, fp->quoted) &&
           put_u32(b, (uint32_t)fp->credited) && put_str(b, fp->credit);
}

static int get_fp(rd *r, cx_article *a)
{
    if (!get_u32(r))
        return 1; /* no fingerprint */
    cx_fingerprint *fp = cx_arena_alloc(&a->arena, sizeof *fp);
    if (!fp)
        return 0;
    memset(fp, 0, sizeof *fp);
    for (size_t i = 0; i < CX_MH; i++)
        fp->mh[i] = get_u32(r);
    for (size_t i = 0; i < CX_KEYS; i++)
        fp->keys[i] = get_u64(r);
    for (size_t i = 0; i < CX_RKEYS; i++)
        fp->rkeys[i] = get_u64(r);
    uint32_t nk = get_u32(r), nrk = get_u32(r), ns = get_u32(r);
    uint32_t has_off = get_u32(r), nw = get_u32(r);
    if (r->bad || nk > CX_KEYS || nrk > CX_RKEYS || ns > 65535 || nw > 65535 * (CX_SENT_WORDS + 1u) ||
        (size_t)(r->end - r->p) / 4 < (has_off ? ns + 1u + nw : 0u)) {
        r->bad = 1;
        return 1;
    }
    fp->n_keys = (uint8_t)nk;
    fp->n_rkeys = (uint8_t)nrk;
    fp->n_sents = (uint16_t)ns;
    if (has_off) {
        fp->sent_off = cx_arena_alloc(&a->arena, (ns + 1) * sizeof *fp->sent_off);
        fp->sent_words = cx_arena_alloc(&a->arena, (nw + 1) * sizeof *fp->sent_words);
        if (!fp->sent_off || !fp->sent_words)
            return 0;
        for (size_t i = 0; i <= ns; i++) {
            uint32_t o = get_u32(r);
            if (o > nw || (i && o < fp->sent_off[i - 1]))
                r->bad = 1;
            fp->sent_off[i] = (uint16_t)o;
        }
        if (fp->sent_off[ns] != nw)
            r->bad = 1;
        for (size_t i = 0; i < nw; i++)
            fp->sent_words[i] = (uint16_t)get_u32(r);
    }
    fp->body_hash = get_u64(r);
    fp->shingles = get_u32(r);
    fp->quoted = get_u32(r);
    fp->credited = (int)get_u32(r);
    size_t cn;
    const char *cr = get_bytes(r, &cn);
    if (cr && cn < sizeof fp->credit)
        memcpy(fp->credit, cr, cn + 1);
    else
        r->bad = 1;
    a->fp = fp;
    return 1;
}

int cx_wire_article(cx_buf *b, const cx_article *a)
{
    int ok = put_u32(b, WIRE_VERSION) && put_str(b, a->id) && put_str(b, a->input) && put_str(b, a->outlet) &&
             put_str(b, a->url) && put_date(b, &a->published) && put_str(b, a->published_iso) &&
             put_str(b, a->language) && put_str(b, a->title) && put_str(b, a->byline) &&
             put_bytes(b, a->body, a->body_len) && put_str(b, a->raw_format) &&
             put_bytes(b, a->raw, a->raw_len) && put_u32(b, a->repairs) && put_u32(b, (uint32_t)a->n_credits);
    for (int i = 0; ok && i < a->n_credits; i++)
        ok = put_str(b, a->credits[i]);
    ok = ok && put_bytes(b, a->boilerplate, a->boilerplate_len);
    ok = ok && put_str(b, a->url_key) && put_bytes(b, a->body_key, sizeof a->body_key);
    return ok && (a->fp ? put_fp(b, a->fp) : put_u32(b, 0));
}

/* A string of the value copied into the article's arena (NULL stays NULL). */
static char *dup_str(rd *r, cx_article *a, int *nomem)
{
    size_t n;
    const char *s = get_bytes(r, &n);
    if (!s)
        return NULL;
    char *d = cx_arena_strndup(&a->arena, s, n);
    if (!d)
        *nomem = 1;
    return d;
}

cx_article *cx_wire_article_read(const char *p, size_t n)
{
    rd r = {(const unsigned char *)p, (const unsigned char *)p + n, 0};
    if (get_u32(&r) != WIRE_VERSION)
        return NULL;
    cx_article *a = cx_article_new();
    if (!a)
        return NULL;
    int nomem = 0;
    a->id = dup_str(&r, a, &nomem);
    a->input = dup_str(&r, a, &nomem);
    a->outlet = dup_str(&r, a, &nomem);
    a->url = dup_str(&r, a, &nomem);
    get_date(&r, &a->published);
    size_t isol;
    const char *iso = get_bytes(&r, &isol);
    if (iso && isol < sizeof a->published_iso)
        memcpy(a->published_iso, iso, isol + 1);
    else
        r.bad = 1;
    a->language = dup_str(&r, a, &nomem);
    a->title = dup_str(&r, a, &nomem);
    a->byline = dup_str(&r, a, &nomem);
    size_t bl;
    const char *body = get_bytes(&r, &bl);
    if (body && !(a->body = cx_arena_strndup(&a->arena, body, bl)))
        nomem = 1;
    a->body_len = bl;
    size_t fl;
    const char *f = get_bytes(&r, &fl);
    a->raw_format = raw_format_of(f, fl);
    size_t rl;
    const char *raw = get_bytes(&r, &rl);
    if (raw && !(a->raw = cx_arena_strndup(&a->arena, raw, rl)))
        nomem = 1;
    a->raw_len = rl;
    a->repairs = get_u32(&r);
    uint32_t nc = get_u32(&r);
    if (nc > 4)
        r.bad = 1;
    for (uint32_t i = 0; !r.bad && i < nc; i++)
        a->credits[a->n_credits++] = dup_str(&r, a, &nomem);
    size_t bpl;
    const char *bp = get_bytes(&r, &bpl);
    if (bp && bpl && !(a->boilerplate = cx_arena_strndup(&a->arena, bp, bpl)))
        nomem = 1;
    a->boilerplate_len = a->boilerplate ? bpl : 0;
    a->url_key = dup_str(&r, a, &nomem);
    size_t kl;
    const char *key = get_bytes(&r, &kl);
    if (key && kl == sizeof a->body_key)
        memcpy(a->body_key, key, kl);
    else
        r.bad = 1;
    if (!r.bad && !get_fp(&r, a))
        nomem = 1;
    if (r.bad || nomem || !a->id || !a->body || r.p != r.end) {
        cx_article_free(a);
        return NULL;
    }
    return a;
}

/* ---- applied entries ---- */

int cx_wire_applied(cx_buf *b, const cx_applied *ap)
{
    int ok = put_u32(b, WIRE_VERSION) && put_u32(b, (uint32_t)ap->what);
    if (ap->what == CX_AP_REJECTED)
        return ok;
    ok = ok && put_u64(b, (uint64_t)ap->row) && put_str(b, ap->id) && put_u64(b, (uint64_t)ap->story) &&
         put_u32(b, (uint32_t)ap->n_edges);
    for (size_t i = 0; ok && i < ap->n_edges; i++) {
        const cx_ap_edge *e = &ap->edges[i];
        ok = put_u64(b, (uint64_t)e->a) && put_u64(b, (uint64_t)e->b) && put_u32(b, (uint32_t)e->kind) &&
             put_double(b, e->similarity) && put_u32(b, e->aligned) && put_str(b, e->pairs);
    }
    ok = ok && put_u32(b, (uint32_t)ap->has_state);
    if (ok && ap->has_state) {
        const cx_story_state *s = &ap->state;
        ok = put_u64(b, (uint64_t)s->id) && put_str(b, s->title) && put_double(b, s->title_score) &&
             put_u64(b, (uint64_t)s->first) && put_u64(b, (uint64_t)s->last) &&
             put_bytes(b, s->terms, s->terms_len);
    }
    return ok && put_u32(b, ap->n_merges) && put_bytes(b, ap->merges ? ap->merges : "", ap->merges_len);
}

int cx_wire_merge(cx_buf *b, int64_t from, int64_t into, const cx_story_state *st)
{
    int ok = put_u64(b, (uint64_t)from) && put_u64(b, (uint64_t)into) && put_u32(b, st != NULL);
    if (ok && st)
        ok = put_u64(b, (uint64_t)st->id) && put_str(b, st->title) && put_double(b, st->title_score) &&
             put_u64(b, (uint64_t)st->first) && put_u64(b, (uint64_t)st->last) &&
             put_bytes(b, st->terms, st->terms_len);
    return ok;
}

int cx_wire_merge_next(const char **p, const char *end, int64_t *from, int64_t *into, int *has_state,
                       cx_story_state *st)
{
    rd r = {(const unsigned char *)*p, (const unsigned char *)end, 0};
    memset(st, 0, sizeof *st);
    *from = (int64_t)get_u64(&r);
    *into = (int64_t)get_u64(&r);
    *has_state = (int)get_u32(&r);
    if (*has_state) {
        st->id = (int64_t)get_u64(&r);
        st->title = get_str(&r);
        st->title_score = get_double(&r);
        st->first = (int64_t)get_u64(&r);
        st->last = (int64_t)get_u64(&r);
        st->terms = get_bytes(&r, &st->terms_len);
        if (!st->terms)
            r.bad = 1;
    }
    if (r.bad)
        return 0;
    *p = (const char *)r.p;
    return 1;
}

int cx_wire_applied_read(const char *p, size_t n, cx_applied *ap)
{
    memset(ap, 0, sizeof *ap);
    rd r = {(const unsigned char *)p, (const unsigned char *)p + n, 0};
    if (get_u32(&r) != WIRE_VERSION)
        return 0;
    ap->what = (int)get_u32(&r);
    if (ap->what == CX_AP_REJECTED)
        return !r.bad && r.p == r.end;
    if (ap->what != CX_AP_STORED && ap->what != CX_AP_KNOWN)
        return 0;
    ap->row = (int64_t)get_u64(&r);
    ap->id = get_str(&r);
    ap->story = (int64_t)get_u64(&r);
    uint32_t ne = get_u32(&r);
    if (r.bad || ne > (size_t)(r.end - r.p) / 16)
        return 0;
    if (ne && !(ap->edges = cx_calloc(ne, sizeof *ap->edges)))
        return 0;
    ap->n_edges = ne;
    for (uint32_t i = 0; i < ne; i++) {
        cx_ap_edge *e = &ap->edges[i];
        e->a = (int64_t)get_u64(&r);
        e->b = (int64_t)get_u64(&r);
        e->kind = (int)get_u32(&r);
        e->similarity = get_double(&r);
        e->aligned = get_u32(&r);
        e->pairs = get_str(&r);
    }
    ap->has_state = (int)get_u32(&r);
    if (ap->has_state) {
        cx_story_state *s = &ap->state;
        s->id = (int64_t)get_u64(&r);
        s->title = get_str(&r);
        s->title_score = get_double(&r);
        s->first = (int64_t)get_u64(&r);
        s->last = (int64_t)get_u64(&r);
        s->terms = get_bytes(&r, &s->terms_len);
        if (!s->terms)
            r.bad = 1;
    }
    ap->n_merges = get_u32(&r);
    ap->merges = get_bytes(&r, &ap->merges_len);
    if (!ap->merges)
        r.bad = 1;
    if (r.bad || !ap->id || r.p != r.end) {
        cx_free(ap->edges);
        ap->edges = NULL;
        return 0;
    }
    return 1;
}
