/*
 * chorus.c: the engine behind the public API (include/chorus.h).
 *
 * The pipeline, in input order:
 *   ingest (records) -> extract (article) -> text layer -> keys
 *   -> batch: store lookup and insert in one transaction -> output, handler.
 * Each article owns an arena and is freed once its batch is out, so memory
 * stays bounded by the batch size whatever the length of the run.
 */
#include "chorus.h"
#include "claims/claims.h"
#include "cluster/cluster.h"
#include "core/article.h"
#include "core/diag.h"
#include "core/engine.h"
#include "core/layers.h"
#include "core/pool.h"
#include "core/storyview.h"
#include "dedup/dedup.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "quotes/quotes.h"
#include "report/report.h"
#include "store/store.h"
#include "time/time.h"
#include "time/timeline.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/vec.h"

#include <jansson.h>
#include <pthread.h>
#include <libxml/parser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef CHORUS_VERSION_STRING
#define CHORUS_VERSION_STRING "0.0.0"
#endif

struct chorus {
    /* parameters */
    int no_extract, strict, keep_raw, keep_boilerplate, extract_only, mode;
    int64_t max_article_bytes, batch_size, copy_window, brief_sentences, jobs;
    /* handlers */
    cx_diag diag;
    chorus_progress_fn progress;
    void *progress_ctx;
    chorus_story_progress_fn story_progress;
    void *story_progress_ctx;
    chorus_article_fn on_article;
    void *article_ctx;
    /* output */
    FILE *out;
    unsigned out_flags;
    /* store, and the copies stage's index of its recent articles (loaded
     * from the store on first use) */
    cx_store *store;
    cx_copy_index *copies;
    cx_cluster *stories; /* the stories stage's state, made on first use */
    /* queued inputs */
    cx_input *inputs;
    size_t n_inputs, cap_inputs;
    uint64_t bytes_total;
    cx_langid *langid; /* loaded on the first run */
    /* articles of this run (store row numbers), for the copies reported */
    int64_t *run_seqs;
    size_t n_run_seqs, cap_run_seqs;
    /* the run's story merges (from, into), for story_merges[] of the document,
     * and which story ids the run's written articles carry (a bitmap by id):
     * only a merge of such a story leaves an id that needs mapping */
    int64_t *run_merges;
    size_t n_run_merges, cap_run_merges;
    uint8_t *written_stories;
    size_t written_bytes;
    /* the current batch */
    cx_article **batch;
    size_t n_batch;
    /* the per-article stages' pool (made per run), and the reader's notes
     * waiting for the next job so that messages keep their input order */
    cx_pool *pool;
    cx_diag route;
    struct note_list *pending;
    /* results */
    chorus_stats stats;
    double stage_s[CHORUS_STAGE_COUNT];
    char errmsg[600];
    struct timespec last_progress;
};

static const struct {
    chorus_param p;
    int64_t min, max, def;
} param_table[] = {
    {CHORUS_PARAM_NO_EXTRACT, 0, 1, 0},
    {CHORUS_PARAM_STRICT, 0, 1, 0},
    {CHORUS_PARAM_MAX_ARTICLE_BYTES, 1024, (int64_t)1 << 30, (int64_t)16 << 20},
    {CHORUS_PARAM_BATCH_SIZE, 1, 100000, 256},
    {CHORUS_PARAM_KEEP_RAW, 0, 1, 1},
    {CHORUS_PARAM_EXTRACT_ONLY, 0, 1, 0},
    {CHORUS_PARAM_EXTRACT_MODE, 0, 2, 0},
    {CHORUS_PARAM_COPY_WINDOW, 2, 100000000, 131072},
    {CHORUS_PARAM_BRIEF_SENTENCES, 1, 100, 5},
    {CHORUS_PARAM_MAX_MEMORY, 0, (int64_t)1 << 40, 0},
    {CHORUS_PARAM_JOBS, 0, 256, 1},
    {CHORUS_PARAM_KEEP_BOILERPLATE, 0, 1, 1},
};

const char *chorus_strerror(chorus_status st)
{
    switch (st) {
    case CHORUS_OK: return "ok";
    case CHORUS_ERR_NOMEM: return "out of memory";
    case CHORUS_ERR_IO: return "input/output error";
    case CHORUS_ERR_FORMAT: return "malformed input";
    case CHORUS_ERR_TOO_LARGE: return "input too large";
    case CHORUS_ERR_TRUNCATED: return "truncated input";
    case CHORUS_ERR_ENCODING: return "not text";
    case CHORUS_ERR_STORE: return "store error";
    case CHORUS_ERR_NOT_FOUND: return "not found";
    case CHORUS_ERR_USAGE: return "bad argument";
    case CHORUS_ERR_EMPTY: return "no article text";
    case CHORUS_ERR_STOPPED: return "stopped";
    }
    return "unknown status";
}

const char *chorus_version(void) { return CHORUS_VERSION_STRING; }

static chorus_status set_err(chorus *c, chorus_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static chorus_status set_err(chorus *c, chorus_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->errmsg, sizeof c->errmsg, fmt, ap);
    va_end(ap);
    return st;
}

chorus *chorus_new(void)
{
    chorus *c = cx_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    /* libxml2 must be initialised once before use from several threads. */
    xmlInitParser();
    c->keep_raw = 1;
    c->keep_boilerplate = 1;
    c->max_article_bytes = (int64_t)16 << 20;
    c->batch_size = 256;
    c->copy_window = 131072;
    c->brief_sentences = 5;
    c->jobs = 1;
    return c;
}

static void free_batch(chorus *c)
{
    for (size_t i = 0; i < c->n_batch; i++)
        cx_article_free(c->batch[i]);
    c->n_batch = 0;
}

static void clear_inputs(chorus *c)
{
    for (size_t i = 0; i < c->n_inputs; i++) {
        cx_free(c->inputs[i].path);
        cx_free(c->inputs[i].name);
        cx_free(c->inputs[i].data);
    }
    c->n_inputs = 0;
    c->bytes_total = 0;
}

void chorus_free(chorus *c)
{
    if (!c)
        return;
    free_batch(c);
    cx_free(c->batch);
    clear_inputs(c);
    cx_free(c->inputs);
    cx_store_close(c->store);
    cx_copy_index_free(c->copies);
    cx_cluster_free(c->stories);
    cx_langid_free(c->langid);
    cx_free(c->run_seqs);
    cx_free(c->run_merges);
    cx_free(c->written_stories);
    cx_free(c);
}

chorus_status chorus_param_bounds(chorus_param p, int64_t *min, int64_t *max)
{
    for (size_t i = 0; i < sizeof param_table / sizeof param_table[0]; i++)
        if (param_table[i].p == p) {
            if (min)
                *min = param_table[i].min;
            if (max)
                *max = param_table[i].max;
            return CHORUS_OK;
        }
    return CHORUS_ERR_USAGE;
}

chorus_status chorus_set_param(chorus *c, chorus_param p, int64_t v)
{
    int64_t lo, hi;
    if (!c || chorus_param_bounds(p, &lo, &hi) != CHORUS_OK)
        return c ? set_err(c, CHORUS_ERR_USAGE, "unknown parameter %d", (int)p) : CHORUS_ERR_USAGE;
    if (v < lo || v > hi)
        return set_err(c, CHORUS_ERR_USAGE, "parameter %d: %lld is outside %lld..%lld", (int)p,
                       (long long)v, (long long)lo, (long long)hi);
    switch (p) {
    case CHORUS_PARAM_NO_EXTRACT: c->no_extract = (int)v; break;
    case CHORUS_PARAM_STRICT: c->strict = (int)v; break;
    case CHORUS_PARAM_MAX_ARTICLE_BYTES: c->max_article_bytes = v; break;
    case CHORUS_PARAM_BATCH_SIZE:
        c->batch_size = v;
        cx_free(c->batch); /* empty between runs; made at the new size on the next */
        c->batch = NULL;
        break;
    case CHORUS_PARAM_KEEP_RAW: c->keep_raw = (int)v; break;
    case CHORUS_PARAM_KEEP_BOILERPLATE: c->keep_boilerplate = (int)v; break;
    case CHORUS_PARAM_EXTRACT_ONLY: c->extract_only = (int)v; break;
    case CHORUS_PARAM_EXTRACT_MODE: c->mode = (int)v; break;
    case CHORUS_PARAM_COPY_WINDOW:
        c->copy_window = v;
        cx_copy_index_free(c->copies); /* rebuilt at the new size on next use */
        c->copies = NULL;
        break;
    case CHORUS_PARAM_BRIEF_SENTENCES: c->brief_sentences = v; break;
    case CHORUS_PARAM_JOBS: c->jobs = v; break;
    case CHORUS_PARAM_MAX_MEMORY:
        if (v && v < ((int64_t)16 << 20))
            return set_err(c, CHORUS_ERR_USAGE, "the memory budget must be 0 (none) or at least 16 MiB");
        cx_alloc_set_budget((size_t)v);
        break;
    }
    return CHORUS_OK;
}

void chorus_set_diag_handler(chorus *c, chorus_diag_fn fn, void *ctx)
{
    c->diag.fn = fn;
    c->diag.ctx = ctx;
}

void chorus_set_progress_handler(chorus *c, chorus_progress_fn fn, void *ctx)
{
    c->progress = fn;
    c->progress_ctx = ctx;
}

void chorus_set_story_progress_handler(chorus *c, chorus_story_progress_fn fn, void *ctx)
{
    c->story_progress = fn;
    c->story_progress_ctx = ctx;
}

void chorus_set_article_handler(chorus *c, chorus_article_fn fn, void *ctx)
{
    c->on_article = fn;
    c->article_ctx = ctx;
}

void chorus_set_output(chorus *c, FILE *out, unsigned flags)
{
    c->out = (flags & (CHORUS_OUT_JSON | CHORUS_OUT_JSONL)) ? out : NULL;
    c->out_flags = flags;
}

const char *chorus_errmsg(const chorus *c) { return c ? c->errmsg : ""; }

/* core/engine.h: for the engine's other modules (present.c) */
cx_store *cx_engine_store(chorus *c) { return c->store; }
chorus_status cx_engine_fail(chorus *c, chorus_status st, const char *msg)
{
    return set_err(c, st, "%s", msg);
}

chorus_status chorus_open_store(chorus *c, const char *path)
{
    if (!c || !path)
        return CHORUS_ERR_USAGE;
    char err[400];
    cx_store *s = cx_store_open(path, err, sizeof err);
    if (!s)
        return set_err(c, CHORUS_ERR_STORE, "%s", err);
    cx_store_close(c->store);
    c->store = s;
    return cx_engine_store_opened(c); /* present.c: completes a schema upgrade */
}

static cx_input *new_input(chorus *c)
{
    cx_input *grown = cx_grow(c->inputs, &c->cap_inputs, c->n_inputs + 1, sizeof *grown, 16);
    if (!grown)
        return NULL;
    c->inputs = grown;
    cx_input *in = &c->inputs[c->n_inputs];
    memset(in, 0, sizeof *in);
    return in;
}

static int queue_file(void *ctx, const char *file, int from_dir)
{
    chorus *c = ctx;
    if (from_dir && cx_format_from_name(file) == CHORUS_FORMAT_AUTO)
        return 1; /* a folder's other files (images, notes) are not inputs */
    cx_input *in = new_input(c);
    if (!in)
        return -1;
    in->path = cx_strdup(file);
    in->name = cx_strdup(strcmp(file, "-") ? file : "<stdin>");
    if (!in->path || !in->name) {
        cx_free(in->path);
        cx_free(in->name);
        return -1;
    }
    in->from_dir = from_dir;
    struct stat st;
    if (strcmp(file, "-") && stat(file, &st) == 0)
        c->bytes_total += (uint64_t)st.st_size;
    c->n_inputs++;
    return 0;
}

chorus_status chorus_add_input(chorus *c, const char *path)
{
    if (!c || !path || !*path)
        return CHORUS_ERR_USAGE;
    uint64_t before = c->diag.errors;
    long n = cx_walk(path, queue_file, c, &c->diag);
    if (n < 0 || c->diag.errors > before) {
        c->stats.rejected += c->diag.errors - before;
        return CHORUS_OK; /* reported; the run goes on with the other inputs */
    }
    return CHORUS_OK;
}

chorus_status chorus_add_buffer(chorus *c, const char *name, const void *data, size_t len,
                                chorus_format format)
{
    if (!c || (!data && len))
        return CHORUS_ERR_USAGE;
    cx_input *in = new_input(c);
    if (!in)
        return CHORUS_ERR_NOMEM;
    in->name = cx_strdup(name ? name : "<buffer>");
    in->data = cx_malloc(len);
    if (!in->name || !in->data) {
        cx_free(in->name);
        cx_free(in->data);
        return CHORUS_ERR_NOMEM;
    }
    if (len)
        memcpy(in->data, data, len);
    in->len = len;
    in->format = format;
    c->bytes_total += len;
    c->n_inputs++;
    return CHORUS_OK;
}

static const char *const stage_names[CHORUS_STAGE_COUNT] = {
    "read", "extract", "text", "dates", "quotes", "claims",
    "keys", "store", "copies", "stories", "output", "story_output",
};

const char *chorus_stage_name(chorus_stage s)
{
    return (unsigned)s < CHORUS_STAGE_COUNT ? stage_names[s] : NULL;
}

double chorus_stage_seconds(const chorus *c, chorus_stage s)
{
    return c && (unsigned)s < CHORUS_STAGE_COUNT ? c->stage_s[s] : 0;
}

chorus_stats chorus_get_stats(const chorus *c)
{
    chorus_stats z;
    memset(&z, 0, sizeof z);
    return c ? c->stats : z;
}

/* ---- the pipeline ---- */

static void maybe_progress(chorus *c, uint64_t done, int force)
{
    if (!c->progress)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (now.tv_sec - c->last_progress.tv_sec) * 1000 +
              (now.tv_nsec - c->last_progress.tv_nsec) / 1000000;
    if (!force && ms < 100)
        return;
    c->last_progress = now;
    c->progress(c->progress_ctx, done, c->bytes_total, c->stats.articles + c->n_batch);
}

static char *locator(cx_article *a, const cx_record *rec)
{
    char buf[64] = "";
    if (rec->line)
        snprintf(buf, sizeof buf, ":%llu", (unsigned long long)rec->line);
    else if (rec->multi)
        snprintf(buf, sizeof buf, "@%llu", (unsigned long long)rec->byte);
    size_t n = strlen(rec->input), k = strlen(buf);
    char *s = cx_arena_alloc(&a->arena, n + k + 1);
    if (s) {
        memcpy(s, rec->input, n);
        memcpy(s + n, buf, k + 1);
    }
    return s;
}

/* One record to an analysed article; NULL when it was rejected (reported to
 * diag). Reads only the handle's parameters and its language model, so jobs
 * run it on several threads at once; t[] gets each stage's CPU seconds. */
static cx_article *analyse(const chorus *c, const cx_record *rec, cx_diag *diag, double *t)
{
    cx_article *a = cx_article_new();
    char msg[400] = "";
    chorus_status st = CHORUS_ERR_NOMEM;
    double t0 = cx_thread_cpu(), t1;
    if (!a)
        goto reject;
    cx_extract_opts eo = {c->no_extract, (cx_mode)c->mode, (size_t)c->max_article_bytes, c->langid,
                          c->keep_boilerplate};
    st = cx_extract(rec, &eo, a, diag, msg, sizeof msg);
    if (st != CHORUS_OK)
        goto reject;
    st = CHORUS_ERR_NOMEM;
    snprintf(msg, sizeof msg, "out of memory");
    if (!(a->input = locator(a, rec)))
        goto reject;
    a->raw_format = rec->raw_format;
    if (c->keep_raw && c->store && rec->raw) {
        if (!(a->raw = cx_arena_strndup(&a->arena, rec->raw, rec->raw_len)))
            goto reject;
        a->raw_len = rec->raw_len;
    }
    t1 = cx_thread_cpu();
    t[CHORUS_STAGE_EXTRACT] += t1 - t0;
    t0 = t1;
    if (!c->extract_only) {
        double lt[CX_LAYER_COUNT] = {0};
        int ok = cx_layers_run_timed(a, lt);
        t[CHORUS_STAGE_TEXT] += lt[CX_LAYER_TEXT];
        t[CHORUS_STAGE_DATES] += lt[CX_LAYER_DATES];
        t[CHORUS_STAGE_QUOTES] += lt[CX_LAYER_QUOTES];
        t[CHORUS_STAGE_CLAIMS] += lt[CX_LAYER_CLAIMS];
        if (!ok)
            goto reject;
        t0 = cx_thread_cpu();
    }
    if (!c->extract_only && c->store &&
        (!(a->fp = cx_arena_alloc(&a->arena, sizeof *a->fp)) || !cx_fingerprint_make(a, a->fp)))
        goto reject;
    if (!cx_article_finish_keys(a, c->store != NULL))
        goto reject;
    t1 = cx_thread_cpu();
    t[CHORUS_STAGE_KEYS] += t1 - t0;
    if (a->raw && !cx_store_compress_raw(a)) /* here, not on the store's thread */
        goto reject;
    t[CHORUS_STAGE_STORE] += cx_thread_cpu() - t1;
    return a;
reject:
    cx_report(diag, CHORUS_ERROR, st, rec->input, rec->line,
              rec->line ? CX_NO_BYTE : (rec->multi ? rec->byte : CX_NO_BYTE), "%s",
              msg[0] ? msg : chorus_strerror(st));
    cx_article_free(a);
    return NULL;
}

static unsigned job_threads(const chorus *c)
{
    if (c->strict)
        return 1; /* stop at the first bad input: nothing read ahead */
    if (c->jobs > 0)
        return (unsigned)c->jobs;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

/* ---- jobs: one record each, analysed on the pool's threads ---- */

/* Messages kept for replay in input order: a job's own (extraction warnings,
 * its rejection) after those the reader gave before its record. */
typedef struct note {
    chorus_severity sev;
    chorus_status code;
    uint64_t line, byte;
    int has_byte;
    char *input, *message;
} note;

typedef struct note_list {
    note *v;
    size_t n, cap;
} note_list;

static int note_add(note_list *l, const chorus_diag *d)
{
    note *g = cx_grow(l->v, &l->cap, l->n + 1, sizeof *g, 4);
    if (!g)
        return 0;
    l->v = g;
    note *n = &l->v[l->n];
    n->sev = d->severity;
    n->code = d->code;
    n->line = d->line;
    n->byte = d->byte;
    n->has_byte = d->has_byte;
    n->input = cx_strdup(d->input);
    n->message = cx_strdup(d->message);
    if (!n->input || !n->message) {
        cx_free(n->input);
        cx_free(n->message);
        return 0;
    }
    l->n++;
    return 1;
}

static void notes_clear(note_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        cx_free(l->v[i].input);
        cx_free(l->v[i].message);
    }
    cx_free(l->v);
    memset(l, 0, sizeof *l);
}

/* Passes kept messages on to the handle's sink, counted there. */
static void notes_replay(chorus *c, note_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        note *n = &l->v[i];
        cx_report(&c->diag, n->sev, n->code, n->input, n->line, n->has_byte ? n->byte : CX_NO_BYTE,
                  "%s", n->message);
    }
    notes_clear(l);
}

typedef struct job {
    cx_record rec; /* a copy: the reader's buffers last until its next record only */
    char *mem;     /* owns the copy */
    cx_jsonl_parsed parsed; /* a deferred JSON Lines record's object */
    int not_record; /* a deferred line that is no article record (reported) */
    cx_article *a; /* the result; NULL when rejected */
    note_list notes;
    int lost_notes; /* out of memory while keeping a message */
    double t[CHORUS_STAGE_COUNT];
} job;

static void keep_note(void *ctx, const chorus_diag *d)
{
    job *j = ctx;
    if (!note_add(&j->notes, d))
        j->lost_notes = 1;
}

static void run_job(void *ctx, void *jp)
{
    const chorus *c = ctx;
    job *j = jp;
    cx_diag d = {keep_note, j, 0, 0};
    if (j->rec.deferred) { /* a JSON Lines line, parsed here rather than on the reading thread */
        double t0 = cx_thread_cpu();
        chorus_status code;
        char err[300];
        int ok = cx_jsonl_record(j->rec.raw, j->rec.raw_len, (size_t)c->max_article_bytes, &j->parsed, &j->rec,
                                 &code, err, sizeof err);
        j->t[CHORUS_STAGE_READ] += cx_thread_cpu() - t0;
        if (!ok) {
            cx_report(&d, CHORUS_ERROR, code, j->rec.input, j->rec.line, j->rec.byte, "%s", err);
            j->not_record = 1;
            return;
        }
        if (!(c->keep_raw && c->store)) {
            j->rec.raw = NULL; /* as the reader would have given it */
            j->rec.raw_len = 0;
        }
    }
    j->a = analyse(c, &j->rec, &d, j->t);
    if (j->a && c->out) { /* the article's JSON text, but for its id and story */
        double t0 = cx_thread_cpu();
        cx_json_article_ahead(c->out_flags, j->a); /* 0: made at output instead */
        j->t[CHORUS_STAGE_OUTPUT] += cx_thread_cpu() - t0;
    }
}

static void job_free(job *j)
{
    if (!j)
        return;
    cx_article_free(j->a);
    notes_clear(&j->notes);
    cx_jsonl_parsed_clear(&j->parsed);
    cx_free(j->mem);
    cx_free(j);
}

/* Copies a string into the job's block. */
static const char *put_str(char **at, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    memcpy(*at, s, n);
    const char *r = *at;
    *at += n;
    return r;
}

/* A job holding a copy of the record: payload, raw input when the store keeps
 * it (the payload pointing into it when it lies there), names and metadata. */
static job *job_new(const chorus *c, const cx_record *rec)
{
    job *j = cx_calloc(1, sizeof *j);
    if (!j)
        return NULL;
    const cx_meta *m = &rec->meta;
    const char *strs[] = {rec->input, m->id, m->url, m->outlet, m->published, m->title,
                          m->byline, m->language, m->charset, m->fetched};
    size_t nstr = sizeof strs / sizeof strs[0], need = 0;
    for (size_t i = 0; i < nstr; i++)
        need += strs[i] ? strlen(strs[i]) + 1 : 0;
    int keep_raw = (c->keep_raw && c->store && rec->raw) || rec->deferred; /* deferred: raw is the record */
    int inside = keep_raw && rec->data >= rec->raw && rec->data + rec->len <= rec->raw + rec->raw_len;
    need += (keep_raw ? rec->raw_len : 0) + (inside ? 0 : rec->len) + 1;
    if (!(j->mem = cx_malloc(need))) {
        cx_free(j);
        return NULL;
    }
    char *at = j->mem;
    j->rec = *rec;
    if (keep_raw) {
        memcpy(at, rec->raw, rec->raw_len);
        j->rec.raw = at;
        at += rec->raw_len;
    } else {
        j->rec.raw = NULL;
        j->rec.raw_len = 0;
    }
    if (inside) {
        j->rec.data = j->rec.raw + (rec->data - rec->raw);
    } else {
        if (rec->len)
            memcpy(at, rec->data, rec->len);
        j->rec.data = at;
        at += rec->len;
    }
    *at++ = '\0';
    j->rec.input = put_str(&at, rec->input);
    j->rec.meta.id = put_str(&at, m->id);
    j->rec.meta.url = put_str(&at, m->url);
    j->rec.meta.outlet = put_str(&at, m->outlet);
    j->rec.meta.published = put_str(&at, m->published);
    j->rec.meta.title = put_str(&at, m->title);
    j->rec.meta.byline = put_str(&at, m->byline);
    j->rec.meta.language = put_str(&at, m->language);
    j->rec.meta.charset = put_str(&at, m->charset);
    j->rec.meta.fetched = put_str(&at, m->fetched);
    return j;
}

/* The reader's messages wait for the next job (see run_records). */
static void route_note(void *ctx, const chorus_diag *d)
{
    chorus *c = ctx;
    if (!note_add(c->pending, d)) /* out of memory: say it now rather than never */
        cx_report(&c->diag, d->severity, d->code, d->input, d->line, d->has_byte ? d->byte : CX_NO_BYTE,
                  "%s", d->message);
}

/* A unique id for a new article whose given id is taken by another one. */
static chorus_status unique_id(chorus *c, cx_article *a)
{
    int taken = cx_store_id_taken(c->store, a->id);
    if (taken < 0)
        return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    if (!taken)
        return CHORUS_OK;
    const char *base = a->id;
    size_t n = strlen(base);
    for (int k = 2; k < 1000000; k++) {
        char *id = cx_arena_alloc(&a->arena, n + 16);
        if (!id)
            return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
        snprintf(id, n + 16, "%s~%d", base, k);
        taken = cx_store_id_taken(c->store, id);
        if (taken < 0)
            return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
        if (!taken) {
            cx_report(&c->diag, CHORUS_WARNING, CHORUS_OK, a->input, 0, CX_NO_BYTE,
                      "id \"%s\" is already used by another article; stored as \"%s\"", base, id);
            a->id = id;
            return CHORUS_OK;
        }
    }
    return set_err(c, CHORUS_ERR_STORE, "no free id for \"%s\"", base);
}

static int index_stored(void *ctx, int64_t seq, const cx_fingerprint *fp)
{
    return cx_copy_index_add(ctx, seq, fp);
}

/* The copies index, filled with the store's most recent fingerprints on
 * first use. */
static cx_copy_index *copy_index(chorus *c)
{
    if (c->copies)
        return c->copies;
    c->copies = cx_copy_index_new((size_t)c->copy_window);
    if (c->copies && !cx_store_fp_each(c->store, (size_t)c->copy_window, index_stored, c->copies)) {
        cx_copy_index_free(c->copies);
        c->copies = NULL;
    }
    return c->copies;
}

/* Sentence pairs as JSON text, oriented (lower row, higher row). */
static char *pairs_json(const uint16_t (*pairs)[2], uint32_t n, int flip)
{
    size_t cap = 2 + (size_t)n * 14, k = 0;
    char *s = cx_malloc(cap);
    if (!s)
        return NULL;
    s[k++] = '[';
    for (uint32_t i = 0; i < n; i++)
        k += (size_t)snprintf(s + k, cap - k, "%s[%u,%u]", i ? "," : "", (unsigned)pairs[i][flip],
                              (unsigned)pairs[i][!flip]);
    snprintf(s + k, cap - k, "]");
    return s;
}

/* Copies stage, for an article just stored: candidates sharing an index key
 * are compared and each copy relation recorded; then the article joins the
 * index and its fingerprint the store. */
static int find_copies(chorus *c, cx_article *a)
{
    cx_copy_index *ix = copy_index(c);
    if (!ix)
        return 0;
    cx_candidate cand[64];
    uint16_t pairs[CX_MAX_SENTS][2];
    size_t n = cx_copy_index_candidates(ix, a->fp, cand, 64);
    int found = 0, ok = 1;
    for (size_t i = 0; ok && i < n; i++) {
        if (cand[i].seq == a->seq)
            continue;
        cx_copy_match m = {.pairs = pairs, .no_rewrite = cand[i].shared_pairs < CX_REWRITE_MIN_PAIRS};
        cx_copy_classify(a->fp, cand[i].fp, &m);
        if (m.kind == CX_COPY_NONE)
            continue;
        char *pj = NULL;
        if (m.kind == CX_COPY_REWRITE && !(pj = pairs_json((const uint16_t(*)[2])pairs, m.n_pairs,
                                                           a->seq > cand[i].seq)))
            ok = 0;
        ok = ok && cx_store_edge_put(c->store, a->seq, cand[i].seq, (int)m.kind, m.similarity, m.aligned, pj);
        cx_free(pj);
        if (!a->copy_of)
            a->copy_of = cand[i].seq; /* the most similar: its story is the copy's */
        /* Candidates come most similar first; a few relations join the group,
         * more would only cost time when a template floods the stream. */
        if (++found == 4)
            break;
    }
    return ok && cx_store_fp_put(c->store, a->seq, a->fp) && cx_copy_index_add(ix, a->seq, a->fp);
}

static int remember_seq(chorus *c, int64_t seq)
{
    int64_t *g = cx_grow(c->run_seqs, &c->cap_run_seqs, c->n_run_seqs + 1, sizeof *g, 256);
    if (!g)
        return 0;
    c->run_seqs = g;
    c->run_seqs[c->n_run_seqs++] = seq;
    return 1;
}

/* Writes the stories with their story-level stages' results: each story's
 * view is loaded, run, written and freed in turn, so one story's articles are
 * in memory at a time. */
static int add_storyline(void *ctx, const cx_story_state *st) { return cx_storylines_add(ctx, st); }

/* The most recent stored stories linked into storylines (memory: about 2 KB
 * a story); NULL on failure (message set). */
#define STORYLINE_STORIES 65536
static cx_storylines *load_storylines(chorus *c)
{
    cx_storylines *sl = cx_storylines_new();
    if (!sl || !cx_store_story_each(c->store, STORYLINE_STORIES, add_storyline, sl) ||
        !cx_storylines_link(sl)) {
        set_err(c, sl ? CHORUS_ERR_STORE : CHORUS_ERR_NOMEM, "%s",
                sl ? cx_store_errmsg(c->store) : "out of memory");
        cx_storylines_free(sl);
        return NULL;
    }
    return sl;
}

/* The timeline of a storyline of several stories: their views loaded together
 * (at most CX_LINE_STORIES stories and CX_LINE_ARTICLES articles: the
 * latest stories beyond are left out of it). */
#define CX_LINE_STORIES 64
#define CX_LINE_ARTICLES 2000
/* A storyline of several stories: its timeline, and (in *claims, an object
 * holding "claims" and "disagreements") the claims of all its articles
 * together, so that a ruling months later meets the allegation it rules on.
 * *n_loaded: the articles its views held. */
static chorus_status storyline_fields(chorus *c, const int64_t *members, size_t n, const cx_copy_lookup *cl,
                                      json_t **out, json_t **claims, size_t *n_loaded)
{
    cx_story_view *views[CX_LINE_STORIES];
    size_t nv = 0, n_arts = 0;
    chorus_status st = CHORUS_OK;
    for (size_t i = 0; i < n && nv < CX_LINE_STORIES && n_arts < CX_LINE_ARTICLES; i++) {
        char err[300];
        if (!(views[nv] = cx_story_view_load(c->store, members[i], cl, err, sizeof err))) {
            st = set_err(c, CHORUS_ERR_STORE, "story s%lld: %s", (long long)members[i], err);
            break;
        }
        n_arts += views[nv++]->n_members;
    }
    cx_arena a;
    cx_arena_init(&a);
    cx_tl_event *ev;
    size_t nev, nart;
    const cx_article **arts;
    if (st == CHORUS_OK &&
        (!cx_timeline_build_views(&a, (const cx_story_view *const *)views, nv, &ev, &nev, &arts, &nart) ||
         !(*out = cx_json_timeline(ev, nev, arts))))
        st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    /* the claims stage over the stories' articles in turn, copy origins
     * shifted to the union's indices */
    cx_article **ua = cx_arena_alloc(&a, (n_arts + 1) * sizeof *ua);
    int32_t *uc = cx_arena_alloc(&a, (n_arts + 1) * sizeof *uc);
    cx_story_claims *sc = NULL;
    size_t k = 0;
    for (size_t i = 0; ua && uc && i < nv; i++) {
        for (size_t m = 0; m < views[i]->n_members; m++, k++) {
            ua[k] = views[i]->members[m].a;
            int o = views[i]->members[m].origin;
            uc[k] = o >= 0 ? (int32_t)(k - m + (size_t)o) : -1;
        }
    }
    if (st == CHORUS_OK && (!ua || !uc || !(sc = cx_claims_story(&a, ua, k, uc)) ||
                            !(*claims = json_object()) || !cx_json_story_claims(*claims, sc)))
        st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    cx_arena_free(&a);
    for (size_t i = 0; i < nv; i++)
        cx_story_view_free(views[i]);
    *n_loaded = n_arts;
    return st;
}

/* One story's story-level stages, on the pool's threads: the view read on
 * the calling thread (the store is its), the layers, the stages and the JSON
 * text here; for a storyline of this story alone, the storyline's text too
 * (its timeline is the story's). */
typedef struct story_job {
    const cx_story_out *st;
    cx_story_view *v;
    const cx_story_opts *so;
    const cx_json_out *out;
    size_t line;       /* its storyline's index in the lines written */
    int64_t line_id;   /* that storyline, when it is this story alone (else 0) */
    const char *line_title;
    int failed;        /* out of memory */
    char *dump;        /* the story's JSON text */
    char *line_dump;   /* the storyline's, when line_id */
    pthread_t caller;  /* the thread that reads and writes (its time is counted as a whole) */
    double cpu;        /* CPU seconds of the job when another thread ran it */
} story_job;

static void run_story_job(void *ctx, void *jp)
{
    (void)ctx;
    story_job *j = jp;
    cx_story_view *v = j->v;
    json_t *js = NULL, *tl = NULL;
    int here = pthread_equal(pthread_self(), j->caller);
    double t0 = here ? 0 : cx_thread_cpu();
    int64_t sid = j->st->id;
    if (!cx_story_view_layers(v) || !cx_story_view_run(v, j->so) || !(js = cx_story_to_json(j->st, v)) ||
        !(j->dump = cx_json_dump(j->out, js)) ||
        (j->line_id && (!(tl = cx_json_timeline(v->timeline, v->n_timeline, v->arts)) ||
                        !(j->line_dump = cx_storyline_text(j->out, j->line_id, j->line_title, &sid, 1, tl, NULL)))))
        j->failed = 1;
    json_decref(js);
    cx_story_view_free(v); /* what is left is text: memory is held only while in the ring */
    j->v = NULL;
    if (!here)
        j->cpu = cx_thread_cpu() - t0;
}

static void story_job_free(story_job *j)
{
    if (!j)
        return;
    cx_story_view_free(j->v);
    free(j->dump); /* jansson's, from malloc */
    free(j->line_dump);
    cx_free(j);
}

/* Where the storylines of one story wait for their place in the document:
 * their texts in a temporary file (they come after every story, and a long
 * run has tens of thousands), each line's offset and length kept. */
typedef struct line_spool {
    FILE *f;
    uint64_t *off, *len; /* per line written; len 0: not spooled */
} line_spool;

/* Writes a finished story in its place and spools its storyline's text. */
static chorus_status commit_story(chorus *c, cx_json_out *out, story_job *j, line_spool *sp)
{
    chorus_status st = CHORUS_OK;
    c->stage_s[CHORUS_STAGE_STORY_OUTPUT] += j->cpu;
    if (j->failed) {
        st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    } else if (!cx_json_story_text(out, j->dump)) {
        st = set_err(c, CHORUS_ERR_IO, "writing the output failed");
    } else if (j->line_dump) {
        size_t n = strlen(j->line_dump);
        long at;
        if ((!sp->f && !(sp->f = tmpfile())) || fseek(sp->f, 0, SEEK_END) != 0 || (at = ftell(sp->f)) < 0 ||
            fwrite(j->line_dump, 1, n, sp->f) != n)
            st = set_err(c, CHORUS_ERR_IO, "writing a temporary file for the storylines failed");
        else {
            sp->off[j->line] = (uint64_t)at;
            sp->len[j->line] = n;
        }
    }
    story_job_free(j);
    return st;
}

/* The storyline ids written so far, and their index in the order written. */
typedef struct line_map {
    int64_t *key;
    size_t *val;
    size_t cap; /* a power of two, at least twice the stories */
} line_map;

static size_t *line_slot(line_map *m, int64_t id)
{
    size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20) & (m->cap - 1);
    while (m->key[i] && m->key[i] != id)
        i = (i + 1) & (m->cap - 1);
    if (!m->key[i]) {
        m->key[i] = id;
        m->val[i] = (size_t)-1;
    }
    return &m->val[i];
}

/* The story output's progress, at most every 100 ms (always when force). */
static void story_progress(chorus *c, uint64_t done, uint64_t total, int force)
{
    if (!c->story_progress)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (now.tv_sec - c->last_progress.tv_sec) * 1000 + (now.tv_nsec - c->last_progress.tv_nsec) / 1000000;
    if (!force && ms < 100)
        return;
    c->last_progress = now;
    c->story_progress(c->story_progress_ctx, done, total);
}

/* Articles of the story views in flight at most (read, being analysed, or
 * waiting to be written), unless one story alone has more: a view holds its
 * articles with every layer run (a few hundred KB each), and a ring of large
 * stories would otherwise hold several of them at once. Enough small stories
 * to keep the threads busy fit under it. */
#define VIEW_ARTICLES_IN_FLIGHT 1024
/* Articles freed in views between two returns of free memory to the system
 * (cx_alloc_release): the views are made and freed on several threads, whose
 * heaps otherwise keep their high-water mark. A return costs a walk of the
 * heaps and the pages' faults when they are used again (6 ms of system time
 * each over tests/test_alloc.c's sweep of small runs, 9 times the sweep's
 * cost without them), so a run of fewer articles than this makes none. */
#define VIEW_ARTICLES_RELEASE 4096

/* Counts the articles of views freed; returns the free memory to the system
 * every VIEW_ARTICLES_RELEASE of them. */
static void views_freed(size_t *since, size_t n)
{
    *since += n;
    if (*since >= VIEW_ARTICLES_RELEASE) {
        cx_alloc_release();
        *since = 0;
    }
}

/* Takes the next finished story off the pool and writes it, counting its
 * articles out of the views in flight. */
static chorus_status take_story(chorus *c, cx_pool *pool, cx_json_out *out, line_spool *sp, size_t *in_flight,
                                size_t *freed, uint64_t *written, size_t ns)
{
    story_job *done = cx_pool_pop(pool);
    size_t n = done->st->n_articles;
    chorus_status st = commit_story(c, out, done, sp);
    story_progress(c, ++*written, ns, 0);
    *in_flight -= n;
    views_freed(freed, n);
    return st;
}

static chorus_status write_stories(chorus *c, cx_json_out *out, const cx_story_out *stories, size_t ns,
                                   const cx_copy_edge *edges, size_t ne, const cx_copy_member *mem,
                                   size_t nm)
{
    uint64_t written = 0;
    cx_copy_out *all = NULL; /* every copy relation: a story's copies may be of any run */
    size_t na = 0;
    cx_copy_lookup cl;
    if (!cx_copy_groups(edges, ne, mem, nm, NULL, 0, &all, &na) || !cx_copy_lookup_init(&cl, all, na)) {
        cx_free(all);
        return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    }
    cx_storylines *sl = load_storylines(c);
    chorus_status st = sl ? CHORUS_OK : CHORUS_ERR_STORE;
    cx_story_opts so = {(int)c->brief_sentences};
    int64_t *lines = cx_malloc((ns + 1) * sizeof *lines); /* the storylines written, distinct */
    size_t n_lines = 0;
    line_map lm = {NULL, NULL, 16};
    while (lm.cap < 2 * ns + 2)
        lm.cap *= 2;
    lm.key = cx_calloc(lm.cap, sizeof *lm.key);
    lm.val = cx_malloc(lm.cap * sizeof *lm.val);
    line_spool sp = {NULL, cx_calloc(ns + 1, sizeof *sp.off), cx_calloc(ns + 1, sizeof *sp.len)};
    unsigned threads = job_threads(c);
    cx_pool *pool = cx_pool_new(threads, threads == 1 ? 1 : (size_t)threads * 4, run_story_job, NULL);
    if ((!lines || !lm.key || !lm.val || !sp.off || !sp.len || !pool) && st == CHORUS_OK)
        st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    size_t in_flight = 0, freed = 0; /* articles of the views in the ring; of views freed since a release */
    for (size_t i = 0; i < ns && st == CHORUS_OK; i++) {
        char err[300];
        while (st == CHORUS_OK && cx_pool_count(pool) &&
               in_flight + stories[i].n_articles > VIEW_ARTICLES_IN_FLIGHT)
            st = take_story(c, pool, out, &sp, &in_flight, &freed, &written, ns);
        if (st != CHORUS_OK)
            break;
        story_job *j = cx_calloc(1, sizeof *j);
        cx_story_view *v = j ? cx_story_view_read(c->store, stories[i].id, &cl, err, sizeof err) : NULL;
        if (!v) {
            if (j)
                st = set_err(c, CHORUS_ERR_STORE, "story s%lld: %s", (long long)stories[i].id, err);
            else
                st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
            cx_free(j);
            break;
        }
        v->storyline = cx_storylines_of(sl, stories[i].id);
        size_t k = n_lines;
        if (v->storyline) {
            size_t *slot = line_slot(&lm, v->storyline);
            if (*slot == (size_t)-1) {
                *slot = n_lines;
                lines[n_lines++] = v->storyline;
            }
            k = *slot;
        }
        int64_t one[2];
        *j = (story_job){.st = &stories[i], .v = v, .so = &so, .out = out, .line = k, .caller = pthread_self()};
        if (v->storyline && cx_storylines_members(sl, v->storyline, one, 2) == 1) {
            j->line_id = v->storyline;
            j->line_title = cx_storylines_title(sl, v->storyline);
        }
        cx_pool_push(pool, j);
        in_flight += stories[i].n_articles;
        while (st == CHORUS_OK && cx_pool_full(pool))
            st = take_story(c, pool, out, &sp, &in_flight, &freed, &written, ns);
    }
    for (story_job *j; pool && (j = cx_pool_pop(pool));) {
        if (st == CHORUS_OK) {
            st = commit_story(c, out, j, &sp);
            story_progress(c, ++written, ns, 0);
        } else {
            story_job_free(j);
        }
    }
    cx_pool_free(pool);
    char *text = NULL;
    size_t text_cap = 0;
    for (size_t i = 0; i < n_lines && st == CHORUS_OK; i++) {
        if (sp.len[i]) { /* one story's: its text is spooled */
            if (sp.len[i] + 1 > text_cap) {
                char *g = cx_realloc(text, sp.len[i] + 1);
                if (!g) {
                    st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
                    break;
                }
                text = g;
                text_cap = sp.len[i] + 1;
            }
            if (fseek(sp.f, (long)sp.off[i], SEEK_SET) != 0 || fread(text, 1, sp.len[i], sp.f) != sp.len[i]) {
                st = set_err(c, CHORUS_ERR_IO, "reading back the storylines' temporary file failed");
                break;
            }
            text[sp.len[i]] = '\0';
            if (!cx_json_storyline_text(out, text))
                st = set_err(c, CHORUS_ERR_IO, "writing the output failed");
            continue;
        }
        int64_t members[256];
        size_t nmem = cx_storylines_members(sl, lines[i], members, 256);
        if (nmem > 256)
            nmem = 256;
        json_t *claims = NULL, *tl = NULL;
        size_t n_arts = 0;
        if ((st = storyline_fields(c, members, nmem, &cl, &tl, &claims, &n_arts)) != CHORUS_OK) {
            json_decref(claims);
            json_decref(tl);
            break;
        }
        views_freed(&freed, n_arts);
        if (!cx_json_storyline(out, lines[i], cx_storylines_title(sl, lines[i]), members, nmem, tl, claims))
            st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    }
    cx_free(text);
    if (sp.f)
        fclose(sp.f);
    cx_free(sp.off);
    cx_free(sp.len);
    cx_free(lm.key);
    cx_free(lm.val);
    cx_free(lines);
    cx_storylines_free(sl);
    cx_copy_lookup_free(&cl);
    cx_free(all);
    story_progress(c, written, ns, 1);
    return st;
}

/* qsort/bsearch order of int64 values (a pair's first). */
static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Notes that an article carrying story id was written out. 0: out of memory. */
static int mark_written(chorus *c, int64_t id)
{
    size_t byte = (size_t)(id >> 3);
    if (byte >= c->written_bytes) {
        size_t nb = c->written_bytes ? c->written_bytes : 1024;
        while (nb <= byte)
            nb *= 2;
        uint8_t *w = cx_realloc(c->written_stories, nb);
        if (!w)
            return 0;
        memset(w + c->written_bytes, 0, nb - c->written_bytes);
        c->written_stories = w;
        c->written_bytes = nb;
    }
    c->written_stories[byte] |= (uint8_t)(1u << (id & 7));
    return 1;
}

static int was_written(const chorus *c, int64_t id)
{
    size_t byte = (size_t)(id >> 3);
    return id > 0 && byte < c->written_bytes && (c->written_stories[byte] >> (id & 7) & 1);
}

/* Writes the end of the document with the copies of the given articles (all
 * when only is NULL). */
static chorus_status end_output(chorus *c, cx_json_out *out, unsigned flags, const int64_t *only,
                                size_t n_only)
{
    if (!out)
        return CHORUS_OK;
    /* copies belong to the JSON document; JSON Lines carries articles only */
    int have = c->store && !c->extract_only && (flags & CHORUS_OUT_JSON);
    cx_copy_edge *edges = NULL;
    cx_copy_member *mem = NULL;
    cx_copy_out *copies = NULL;
    size_t ne = 0, nm = 0, nc = 0;
    chorus_status st = CHORUS_OK;
    if (have && !cx_store_copies(c->store, &edges, &ne, &mem, &nm))
        st = set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    else if (have && !cx_copy_groups(edges, ne, mem, nm, only, n_only, &copies, &nc))
        st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    if (have && st == CHORUS_OK && !cx_json_copies(out, copies, nc))
        st = set_err(c, CHORUS_ERR_IO, "writing the output failed");
    cx_story_out *stories = NULL;
    size_t ns = 0;
    if (have && st == CHORUS_OK && !cx_store_stories(c->store, only, n_only, &stories, &ns))
        st = set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    if (ns && st == CHORUS_OK)
        st = write_stories(c, out, stories, ns, edges, ne, mem, nm);
    cx_store_stories_free(stories, ns);
    if (have && st == CHORUS_OK && c->n_run_merges) {
        /* chains (A into B, then B into C) resolve to the last survivor: an id
         * is merged away once, so the pairs sorted by it are a map to follow;
         * listed: the merged-away ids that written articles carry */
        size_t n = c->n_run_merges, k = 0;
        int64_t *by = cx_malloc(2 * n * sizeof *by);
        if (!by) {
            st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
            n = 0;
        } else {
            memcpy(by, c->run_merges, 2 * n * sizeof *by);
            qsort(by, n, 2 * sizeof *by, cmp_i64);
        }
        for (size_t i = 0; i < n; i++) {
            if (!was_written(c, c->run_merges[2 * i]))
                continue;
            int64_t into = c->run_merges[2 * i + 1];
            for (size_t hops = 0; hops < n; hops++) {
                const int64_t *next = bsearch(&into, by, n, 2 * sizeof *by, cmp_i64);
                if (!next)
                    break;
                into = next[1];
            }
            c->run_merges[2 * k] = c->run_merges[2 * i];
            c->run_merges[2 * k + 1] = into;
            k++;
        }
        cx_free(by);
        if (st == CHORUS_OK && !cx_json_story_merges(out, c->run_merges, k))
            st = set_err(c, CHORUS_ERR_IO, "writing the output failed");
    }
    if (!cx_json_end(out) && st == CHORUS_OK)
        st = set_err(c, CHORUS_ERR_IO, "writing the output failed");
    cx_free(copies);
    cx_store_copies_free(edges, ne, mem, nm);
    if (have && n_only >= VIEW_ARTICLES_RELEASE)
        cx_alloc_release(); /* the story output's high-water mark, handed back */
    return st;
}

static int load_story(void *ctx, const cx_story_state *st) { return cx_cluster_load(ctx, st); }

/* The merges of one merge pass, for the batch's articles; with a store,
 * each is written as it happens. */
typedef struct batch_merges {
    chorus *c;
    int64_t *pairs; /* from, into */
    size_t n, cap;
    int store_failed;
    /* the distributed run's: told of each merge with the survivor's state */
    int (*fn)(void *ctx, int64_t from, int64_t into, const cx_story_state *st);
    void *ctx;
} batch_merges;

static int on_story_merge(void *ctx, int64_t from, int64_t into)
{
    batch_merges *m = ctx;
    int64_t *g = cx_grow(m->pairs, &m->cap, 2 * m->n + 2, sizeof *g, 16);
    if (!g)
        return 0;
    m->pairs = g;
    m->pairs[2 * m->n] = from;
    m->pairs[2 * m->n + 1] = into;
    m->n++;
    chorus *c = m->c;
    int64_t *r = cx_grow(c->run_merges, &c->cap_run_merges, 2 * c->n_run_merges + 2, sizeof *r, 16);
    if (!r)
        return 0;
    c->run_merges = r;
    r[2 * c->n_run_merges] = from;
    r[2 * c->n_run_merges + 1] = into;
    c->n_run_merges++;
    cx_story_state ss;
    int has = cx_cluster_state(m->c->stories, into, &ss);
    if (m->c->store && (!cx_store_story_merge(m->c->store, from, into) || (has && !cx_store_story_save(m->c->store, &ss)))) {
        m->store_failed = 1;
        return 0;
    }
    return !m->fn || m->fn(m->ctx, from, into, has ? &ss : NULL);
}

/* The merge pass after an article joined its story (the stories it changed
 * may have grown toward others: docs/stories.md); the articles
 * batch[0..n) not written yet follow their story. */
static chorus_status merge_pass(chorus *c, cx_article **batch, size_t n, batch_merges *m)
{
    m->c = c;
    int nm = cx_cluster_merge(c->stories, on_story_merge, m);
    for (size_t i = 0; nm > 0 && i < n; i++)
        for (size_t k = 0; k < m->n; k++)
            if (batch[i]->story == m->pairs[2 * k])
                batch[i]->story = m->pairs[2 * k + 1];
    cx_free(m->pairs);
    m->pairs = NULL;
    m->n = m->cap = 0;
    if (nm < 0 && m->store_failed)
        return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    if (nm < 0)
        return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    return CHORUS_OK;
}

/* Stories stage for the batch, in input order, after the copies stage (a copy
 * joins its origin's story); with a store, inside the batch's transaction:
 * an article the store had keeps its story, each new one's is stored. */
static chorus_status cluster_batch(chorus *c)
{
    if (c->extract_only || !c->n_batch)
        return CHORUS_OK;
    if (!c->stories) {
        if (!(c->stories = cx_cluster_new()))
            return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
        cx_cluster_keep_runs(c->stories, !c->store); /* with a store, stories[] comes from it */
        if (c->store && !cx_store_story_each(c->store, 16384, load_story, c->stories))
            return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    }
    for (size_t i = 0; i < c->n_batch; i++) {
        cx_article *a = c->batch[i];
        int64_t copy_story = 0;
        int stored = c->store && a->seq > 0;
        if (stored && a->known && (a->story = cx_store_story_of(c->store, a->seq)) != 0) {
            if (a->story < 0)
                return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
            continue;
        }
        if (stored && a->copy_of && (copy_story = cx_store_story_of(c->store, a->copy_of)) < 0)
            return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
        if (!(a->story = cx_cluster_add(c->stories, a, copy_story)))
            return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
        cx_story_state ss;
        if (stored && (!cx_store_story_put(c->store, a->seq, a->story) ||
                       (cx_cluster_state(c->stories, a->story, &ss) && !cx_store_story_save(c->store, &ss))))
            return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
        batch_merges m = {0};
        chorus_status st = merge_pass(c, c->batch, i + 1, &m);
        if (st != CHORUS_OK)
            return st;
    }
    return CHORUS_OK;
}

/* Commits the batch (one transaction), then writes it out, in input order. */
static chorus_status flush(chorus *c, cx_json_out *out)
{
    if (c->n_batch == 0)
        return CHORUS_OK;
    chorus_status st = CHORUS_OK;
    double t0 = cx_thread_cpu(), t_copies = 0;
    if (c->store) {
        if (!cx_store_begin(c->store))
            return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
        uint64_t added = 0, known = 0;
        for (size_t i = 0; i < c->n_batch && st == CHORUS_OK; i++) {
            cx_article *a = c->batch[i];
            char *id = NULL;
            int f = cx_store_find(c->store, a, &id);
            if (f < 0) {
                st = set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
            } else if (f == 1) {
                a->id = id;
                a->known = 1;
                known++;
                if ((a->seq = cx_store_seq(c->store, id)) < 0)
                    st = set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
            } else if ((st = unique_id(c, a)) == CHORUS_OK) {
                int ok = cx_store_put(c->store, a, c->keep_raw, &a->seq);
                double tc = cx_thread_cpu();
                ok = ok && (!a->fp || find_copies(c, a));
                t_copies += cx_thread_cpu() - tc;
                if (ok)
                    added++;
                else
                    st = set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
            }
            if (st == CHORUS_OK && a->seq > 0 && !remember_seq(c, a->seq))
                st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
        }
        if (st == CHORUS_OK) {
            double ts = cx_thread_cpu();
            st = cluster_batch(c);
            c->stage_s[CHORUS_STAGE_STORIES] += cx_thread_cpu() - ts;
            t0 += cx_thread_cpu() - ts; /* not the store's */
        }
        /* the search index last: see cx_store_fts_put */
        for (size_t i = 0; i < c->n_batch && st == CHORUS_OK; i++) {
            cx_article *a = c->batch[i];
            if (!a->known && a->seq > 0 && !cx_store_fts_put(c->store, a->seq, a))
                st = set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
        }
        if (st == CHORUS_OK && !cx_store_commit(c->store))
            st = set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
        if (st != CHORUS_OK) {
            cx_store_rollback(c->store);
            /* the index may hold articles the store just dropped: reload it */
            cx_copy_index_free(c->copies);
            c->copies = NULL;
            cx_cluster_free(c->stories); /* and the stories: reloaded from the store */
            c->stories = NULL;
            free_batch(c);
            return st;
        }
        c->stats.added += added;
        c->stats.known += known;
        c->stage_s[CHORUS_STAGE_COPIES] += t_copies;
        c->stage_s[CHORUS_STAGE_STORE] += cx_thread_cpu() - t0 - t_copies;
    }
    if (!c->store) {
        double ts = cx_thread_cpu();
        st = cluster_batch(c);
        c->stage_s[CHORUS_STAGE_STORIES] += cx_thread_cpu() - ts;
    }
    t0 = cx_thread_cpu();
    for (size_t i = 0; i < c->n_batch && st == CHORUS_OK; i++) {
        cx_article *a = c->batch[i];
        if (out && !cx_json_article(out, a)) {
            st = set_err(c, CHORUS_ERR_IO, "writing the output failed");
            break;
        }
        if (out && a->story > 0 && !mark_written(c, a->story)) {
            st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
            break;
        }
        c->stats.articles++;
        if (c->on_article && c->on_article(c->article_ctx, a)) {
            st = set_err(c, CHORUS_ERR_STOPPED, "stopped by the article handler");
            break;
        }
    }
    free_batch(c);
    c->stage_s[CHORUS_STAGE_OUTPUT] += cx_thread_cpu() - t0;
    return st;
}

/* A job's result joins the batch, in input order, after its messages. */
static chorus_status commit_job(chorus *c, job *j, cx_json_out *out)
{
    notes_replay(c, &j->notes);
    if (j->lost_notes)
        cx_report(&c->diag, CHORUS_WARNING, CHORUS_ERR_NOMEM, j->rec.input, j->rec.line, CX_NO_BYTE,
                  "out of memory: some messages about this record were lost");
    for (int k = 0; k < CHORUS_STAGE_COUNT; k++)
        c->stage_s[k] += j->t[k];
    chorus_status st = CHORUS_OK;
    if (!j->not_record)
        c->stats.records++; /* a line the reader did not parse counts once it is read as a record */
    if (!j->a) {
        c->stats.rejected++;
    } else {
        c->batch[c->n_batch++] = j->a;
        j->a = NULL;
        if (c->n_batch == (size_t)c->batch_size)
            st = flush(c, out);
    }
    job_free(j);
    return st;
}

/* Pops and commits while the ring is full: with one job that is at once, so
 * records are analysed and committed one by one as they are read. */
static chorus_status commit_full(chorus *c, cx_json_out *out)
{
    chorus_status st = CHORUS_OK;
    while (st == CHORUS_OK && cx_pool_full(c->pool))
        st = commit_job(c, cx_pool_pop(c->pool), out);
    return st;
}


chorus_status chorus_run(chorus *c)
{
    if (!c)
        return CHORUS_ERR_USAGE;
    c->errmsg[0] = '\0';
    if (!c->batch && !(c->batch = cx_malloc((size_t)c->batch_size * sizeof *c->batch)))
        return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    if (!c->langid && !(c->langid = cx_langid_new()))
        return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    unsigned threads = job_threads(c);
    if (!(c->pool = cx_pool_new(threads, threads == 1 ? 1 : (size_t)threads * 64, run_job, c))) {
        clear_inputs(c);
        return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    }
    cx_json_out *out = NULL;
    if (c->out && !(out = cx_json_begin(c->out, c->out_flags))) {
        cx_pool_free(c->pool);
        c->pool = NULL;
        clear_inputs(c);
        return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    }
    /* With one job the reader reports straight away, as records are analysed
     * in turn; with more, its messages wait for the next record's job so that
     * they keep their place among the analysis's (same messages, same order). */
    note_list pending = {0};
    c->pending = &pending;
    c->route = (cx_diag){route_note, c, 0, 0};
    cx_diag *rdiag = threads == 1 ? &c->diag : &c->route;
    cx_ingest_opts io = {(size_t)c->max_article_bytes, 1};
    chorus_status st = CHORUS_OK;
    uint64_t bytes_before = 0;
    clock_gettime(CLOCK_MONOTONIC, &c->last_progress);
    for (size_t i = 0; i < c->n_inputs && st == CHORUS_OK; i++) {
        cx_input *in = &c->inputs[i];
        uint64_t errors_before = c->diag.errors;
        double t0 = cx_thread_cpu();
        cx_reader *r = cx_reader_open(in, &io, rdiag);
        if (!r) {
            c->stats.rejected++;
        } else {
            c->stats.inputs++;
            cx_record rec;
            while (cx_reader_next(r, &rec)) {
                if (c->strict && c->diag.errors > errors_before)
                    break; /* the reader rejected a record on its way to this one */
                job *j = job_new(c, &rec);
                c->stage_s[CHORUS_STAGE_READ] += cx_thread_cpu() - t0;
                if (!j) {
                    cx_report(rdiag, CHORUS_ERROR, CHORUS_ERR_NOMEM, rec.input, rec.line,
                              rec.line ? CX_NO_BYTE : (rec.multi ? rec.byte : CX_NO_BYTE), "out of memory");
                    c->stats.records++;
                    c->stats.rejected++;
                } else {
                    j->notes = pending; /* the reader's messages come first */
                    memset(&pending, 0, sizeof pending);
                    cx_pool_push(c->pool, j);
                    if ((st = commit_full(c, out)) != CHORUS_OK)
                        break;
                }
                maybe_progress(c, bytes_before + cx_reader_bytes(r), 0);
                if (c->strict && c->diag.errors > errors_before)
                    break;
                t0 = cx_thread_cpu();
            }
            uint64_t got = cx_reader_bytes(r);
            bytes_before += in->path ? got : in->len;
            c->stats.bytes += got;
            c->stats.skipped += cx_reader_skipped(r);
            c->stats.rejected += cx_reader_rejected(r);
            cx_reader_close(r);
        }
        c->stage_s[CHORUS_STAGE_READ] += cx_thread_cpu() - t0;
        if (st == CHORUS_OK && c->strict && c->diag.errors > errors_before)
            st = set_err(c, CHORUS_ERR_STOPPED, "stopped at the first bad input (--strict)");
    }
    for (job *j; (j = cx_pool_pop(c->pool));) { /* the jobs still in the ring */
        if (st == CHORUS_OK)
            st = commit_job(c, j, out);
        else
            job_free(j); /* after a failure or a stop: dropped, as unread input is */
    }
    if (st == CHORUS_OK)
        notes_replay(c, &pending); /* what the reader said after the last record */
    notes_clear(&pending);
    c->pending = NULL;
    cx_pool_free(c->pool);
    c->pool = NULL;
    chorus_status fst = flush(c, out);
    if (st == CHORUS_OK)
        st = fst;
    maybe_progress(c, bytes_before, 1);
    double t_end = cx_thread_cpu();
    if (out && !c->store && c->stories && (c->out_flags & CHORUS_OUT_JSON)) { /* this run's stories */
        cx_story_out *so = NULL;
        size_t ns = 0;
        if ((!cx_cluster_stories(c->stories, &so, &ns) || !cx_json_stories(out, so, ns)) && st == CHORUS_OK)
            st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
        cx_free(so);
    }
    if (c->stories)
        cx_cluster_run_end(c->stories);
    if (out && c->store && !c->extract_only && (c->out_flags & CHORUS_OUT_JSON)) {
        /* The document's story output reads everything back from the store
         * and needs neither the copies index nor the stories stage's state
         * (hundreds of MB after a long stream): both are freed before it,
         * and the next run on this handle reloads them from the store, as
         * after a failed batch and as a new process on the same store does. */
        cx_copy_index_free(c->copies);
        c->copies = NULL;
        cx_cluster_free(c->stories);
        c->stories = NULL;
        if (c->n_run_seqs >= VIEW_ARTICLES_RELEASE)
            cx_alloc_release();
    }
    static const int64_t none[1] = {0}; /* "this run's articles", even when there are none */
    chorus_status est = end_output(c, out, c->out_flags, c->n_run_seqs ? c->run_seqs : none,
                                   c->n_run_seqs);
    if (st == CHORUS_OK)
        st = est;
    c->stage_s[CHORUS_STAGE_STORY_OUTPUT] += cx_thread_cpu() - t_end;
    c->n_run_seqs = 0;
    c->n_run_merges = 0;
    if (c->written_bytes)
        memset(c->written_stories, 0, c->written_bytes);
    clear_inputs(c);
    c->stats.warnings = c->diag.warnings;
    return st;
}

/* ---- core/engine.h: the stages apart, for the distributed run (src/scale) ---- */

cx_article *cx_engine_analyse(chorus *c, const cx_record *rec)
{
    if (!c->langid && !(c->langid = cx_langid_new()))
        return NULL;
    double t[CHORUS_STAGE_COUNT] = {0};
    cx_article *a = analyse(c, rec, &c->diag, t);
    for (int k = 0; k < CHORUS_STAGE_COUNT; k++)
        c->stage_s[k] += t[k];
    if (!a)
        c->stats.rejected++;
    return a;
}

/* The same steps as flush() and cluster_batch() take for one article. */
chorus_status cx_engine_stream_one(chorus *c, cx_article *a, cx_story_state *ss, int *has_state,
                                   int (*on_merge)(void *ctx, int64_t from, int64_t into, const cx_story_state *st),
                                   void *ctx)
{
    *has_state = 0;
    if (!c->store)
        return set_err(c, CHORUS_ERR_USAGE, "no store is open");
    char *id = NULL;
    int f = cx_store_find(c->store, a, &id);
    if (f < 0)
        return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    if (!c->stories) {
        if (!(c->stories = cx_cluster_new()))
            return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
        cx_cluster_keep_runs(c->stories, 0);
        if (!cx_store_story_each(c->store, 16384, load_story, c->stories))
            return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    }
    if (f == 1) {
        a->id = id;
        a->known = 1;
        if ((a->seq = cx_store_seq(c->store, id)) < 0 || (a->story = cx_store_story_of(c->store, a->seq)) < 0)
            return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
        return CHORUS_OK;
    }
    chorus_status st = unique_id(c, a);
    if (st != CHORUS_OK)
        return st;
    /* no search index here: this store mirrors the stream stages' state only */
    if (!cx_store_put(c->store, a, c->keep_raw, &a->seq) || (a->fp && !find_copies(c, a)))
        return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    int64_t copy_story = 0;
    if (a->copy_of && (copy_story = cx_store_story_of(c->store, a->copy_of)) < 0)
        return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    if (!(a->story = cx_cluster_add(c->stories, a, copy_story)))
        return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    if (!cx_store_story_put(c->store, a->seq, a->story))
        return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    if (cx_cluster_state(c->stories, a->story, ss)) {
        if (!cx_store_story_save(c->store, ss))
            return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
        *has_state = 1;
    }
    /* after the state above: the outcome's merges are applied after it */
    batch_merges m = {0};
    m.fn = on_merge;
    m.ctx = ctx;
    return merge_pass(c, NULL, 0, &m); /* a->story stays: the outcome's merges follow it */
}

const cx_input *cx_engine_inputs(chorus *c, size_t *n)
{
    *n = c->n_inputs;
    return c->inputs;
}

cx_diag *cx_engine_diag(chorus *c) { return &c->diag; }
size_t cx_engine_max_article_bytes(const chorus *c) { return (size_t)c->max_article_bytes; }

void cx_engine_stream_reset(chorus *c)
{
    cx_copy_index_free(c->copies);
    c->copies = NULL;
    cx_cluster_free(c->stories);
    c->stories = NULL;
}

typedef struct show_ctx {
    cx_json_out *out;
    int failed;
} show_ctx;

static int show_one(void *ctx, cx_article *a)
{
    show_ctx *s = ctx;
    /* Stored articles keep no analysis: the layers are recomputed from the
     * body (each is deterministic), so show prints what analyze printed. */
    if (!cx_layers_run(a) || !cx_json_article(s->out, a)) {
        s->failed = 1;
        return 1;
    }
    return 0;
}

chorus_status chorus_show(chorus *c, FILE *f, unsigned flags)
{
    if (!c || !f)
        return CHORUS_ERR_USAGE;
    if (!c->store)
        return set_err(c, CHORUS_ERR_USAGE, "no store is open");
    show_ctx s = {cx_json_begin(f, flags), 0};
    if (!s.out)
        return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    int r = cx_store_each(c->store, show_one, &s);
    if (r == 0) {
        cx_json_end(s.out);
        return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    }
    chorus_status st = end_output(c, s.out, flags, NULL, 0);
    if (s.failed)
        return set_err(c, CHORUS_ERR_IO, "writing the output failed");
    return st;
}

/* Dumps one object to f with a newline and frees it. */
static chorus_status dump_one(chorus *c, json_t *j, FILE *f, unsigned flags)
{
    if (!j)
        return set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    int r = json_dumpf(j, f, (flags & CHORUS_OUT_COMPACT) ? JSON_COMPACT : JSON_INDENT(2));
    json_decref(j);
    if (r != 0 || fputc('\n', f) == EOF)
        return set_err(c, CHORUS_ERR_IO, "writing the output failed");
    return CHORUS_OK;
}

chorus_status chorus_show_story(chorus *c, const char *id, FILE *f, unsigned flags)
{
    if (!c || !id || !f)
        return CHORUS_ERR_USAGE;
    if (!c->store)
        return set_err(c, CHORUS_ERR_USAGE, "no store is open");
    char *end = NULL;
    long long n = (id[0] == 's') ? strtoll(id + 1, &end, 10) : 0;
    if (n <= 0 || !end || *end)
        return set_err(c, CHORUS_ERR_NOT_FOUND, "no story %s (story ids are s1, s2, ...)", id);
    cx_story_out *so = NULL;
    size_t ns = 0;
    if (!cx_store_story(c->store, n, &so, &ns))
        return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    if (!ns)
        return set_err(c, CHORUS_ERR_NOT_FOUND, "no story %s", id);
    cx_copy_edge *edges = NULL;
    cx_copy_member *mem = NULL;
    cx_copy_out *all = NULL;
    size_t ne = 0, nm = 0, na = 0;
    chorus_status st = CHORUS_OK;
    char err[300];
    cx_story_view *v = NULL;
    cx_story_opts o = {(int)c->brief_sentences};
    cx_copy_lookup cl = {NULL, 0};
    if (!cx_store_copies(c->store, &edges, &ne, &mem, &nm))
        st = set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    else if (!cx_copy_groups(edges, ne, mem, nm, NULL, 0, &all, &na) || !cx_copy_lookup_init(&cl, all, na))
        st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    else if (!(v = cx_story_view_load(c->store, n, &cl, err, sizeof err)))
        st = set_err(c, CHORUS_ERR_STORE, "story %s: %s", id, err);
    else if (!cx_story_view_run(v, &o))
        st = set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    else
        st = dump_one(c, cx_story_to_json(&so[0], v), f, flags);
    cx_story_view_free(v);
    cx_copy_lookup_free(&cl);
    cx_free(all);
    cx_store_copies_free(edges, ne, mem, nm);
    cx_store_stories_free(so, ns);
    return st;
}

typedef struct one_ctx {
    cx_article *a;
} one_ctx;

static int keep_one(void *ctx, cx_article *a)
{
    ((one_ctx *)ctx)->a = a;
    return 1;
}

chorus_status chorus_show_article(chorus *c, const char *id, FILE *f, unsigned flags)
{
    if (!c || !id || !f)
        return CHORUS_ERR_USAGE;
    if (!c->store)
        return set_err(c, CHORUS_ERR_USAGE, "no store is open");
    one_ctx o = {NULL};
    if (!cx_store_article_by_id(c->store, id, keep_one, &o))
        return set_err(c, CHORUS_ERR_STORE, "%s", cx_store_errmsg(c->store));
    if (!o.a)
        return set_err(c, CHORUS_ERR_NOT_FOUND, "no article %s", id);
    chorus_status st = cx_layers_run(o.a) ? dump_one(c, cx_article_to_json(o.a), f, flags)
                                          : set_err(c, CHORUS_ERR_NOMEM, "out of memory");
    cx_article_free(o.a);
    return st;
}

/* ---- article accessors ---- */

const char *chorus_article_get(const chorus_article *a, chorus_field f)
{
    if (!a)
        return NULL;
    switch (f) {
    case CHORUS_FIELD_ID: return a->id;
    case CHORUS_FIELD_INPUT: return a->input;
    case CHORUS_FIELD_OUTLET: return a->outlet;
    case CHORUS_FIELD_URL: return a->url;
    case CHORUS_FIELD_PUBLISHED: return a->published.prec ? a->published_iso : NULL;
    case CHORUS_FIELD_LANGUAGE: return a->language;
    case CHORUS_FIELD_TITLE: return a->title;
    case CHORUS_FIELD_BYLINE: return a->byline;
    case CHORUS_FIELD_BODY: return a->body;
    case CHORUS_FIELD_BOILERPLATE: return a->boilerplate;
    }
    return NULL;
}

int chorus_article_is_known(const chorus_article *a) { return a && a->known; }

size_t chorus_article_sentences(const chorus_article *a)
{
    return a && a->text ? a->text->n_sents : 0;
}

size_t chorus_article_words(const chorus_article *a) { return a && a->text ? a->text->n_words : 0; }
int64_t chorus_article_story(const chorus_article *a) { return a ? a->story : 0; }

char *chorus_article_json(const chorus_article *a)
{
    json_t *j = a ? cx_article_to_json(a) : NULL;
    if (!j)
        return NULL;
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}

void chorus_string_free(char *s) { free(s); }
