/*
 * helpers.c: test helpers (see helpers.h).
 */
#include "helpers.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

static void fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "test helper: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(99);
}

const char *t_source_dir(void)
{
    const char *s = getenv("CHORUS_SOURCE_DIR");
    return s ? s : ".";
}

const char *t_tmp_dir(void)
{
    static char dir[1024];
    if (dir[0])
        return dir;
    const char *base = getenv("CHORUS_TMP");
    snprintf(dir, sizeof dir, "%s/t%ld", base ? base : "/tmp/chorus-test", (long)getpid());
    char cmd[2200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
    if (system(cmd) != 0)
        fatal("cannot create %s", dir);
    return dir;
}

static char *rot(void)
{
    static char bufs[8][2048];
    static int k;
    return bufs[k++ & 7];
}

const char *t_tmp(const char *name)
{
    char *b = rot();
    snprintf(b, 2048, "%s/%s", t_tmp_dir(), name);
    return b;
}

const char *t_src(const char *rel)
{
    char *b = rot();
    snprintf(b, 2048, "%s/%s", t_source_dir(), rel);
    return b;
}

void t_write(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0)
        fatal("cannot write %s: %s", path, strerror(errno));
}

void t_write_gz(const char *path, const void *data, size_t n)
{
    gzFile g = gzopen(path, "wb");
    if (!g || (n && gzwrite(g, data, (unsigned)n) != (int)n) || gzclose(g) != Z_OK)
        fatal("cannot write %s", path);
}

char *t_read(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *b = malloc(cap);
    size_t k;
    while (b && (k = fread(b + len, 1, cap - len - 1, f)) > 0) {
        len += k;
        if (cap - len < 2) {
            cap *= 2;
            b = realloc(b, cap);
        }
    }
    fclose(f);
    if (!b)
        fatal("out of memory");
    b[len] = '\0';
    if (n)
        *n = len;
    return b;
}

int t_run(const char *args, char **out, char **err)
{
    const char *bin = getenv("CHORUS_BIN");
    if (!bin)
        fatal("CHORUS_BIN is not set (run the tests through ctest)");
    char o[1100], e[1100], cmd[8192];
    static int n;
    snprintf(o, sizeof o, "%s/run%d.out", t_tmp_dir(), n);
    snprintf(e, sizeof e, "%s/run%d.err", t_tmp_dir(), n++);
    /* Standard input is /dev/null unless the arguments redirect it. */
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s >'%s' 2>'%s'%s", t_tmp_dir(), bin, args, o, e,
             strchr(args, '<') ? "" : " </dev/null");
    int st = system(cmd);
    if (out)
        *out = t_read(o, NULL);
    if (err)
        *err = t_read(e, NULL);
    if (st == -1 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

static void on_diag(void *ctx, const chorus_diag *d)
{
    t_result *r = ctx;
    if (r->n_diags >= 64)
        return;
    t_diag *t = &r->diags[r->n_diags++];
    t->severity = d->severity;
    t->code = d->code;
    snprintf(t->input, sizeof t->input, "%s", d->input);
    t->line = d->line;
    t->byte = d->byte;
    t->has_byte = d->has_byte;
    snprintf(t->message, sizeof t->message, "%s", d->message);
}

static int on_article(void *ctx, const chorus_article *a)
{
    t_result *r = ctx;
    if (r->n_articles >= 64)
        return 0;
    const char *t = chorus_article_get(a, CHORUS_FIELD_TITLE);
    const char *b = chorus_article_get(a, CHORUS_FIELD_BODY);
    r->json[r->n_articles] = chorus_article_json(a);
    r->titles[r->n_articles] = strdup(t ? t : "");
    r->bodies[r->n_articles] = strdup(b ? b : "");
    r->n_articles++;
    return 0;
}

chorus *t_engine(t_result *r, const char *db)
{
    memset(r, 0, sizeof *r);
    chorus *c = chorus_new();
    if (!c)
        fatal("chorus_new failed");
    chorus_set_diag_handler(c, on_diag, r);
    chorus_set_article_handler(c, on_article, r);
    if (db && chorus_open_store(c, db) != CHORUS_OK)
        fatal("cannot open store %s: %s", db, chorus_errmsg(c));
    return c;
}

void t_result_free(t_result *r)
{
    for (int i = 0; i < r->n_articles; i++) {
        chorus_string_free(r->json[i]);
        free(r->titles[i]);
        free(r->bodies[i]);
    }
    r->n_articles = 0;
}

int t_find_diag(const t_result *r, const char *needle)
{
    for (int i = 0; i < r->n_diags; i++)
        if (strstr(r->diags[i].message, needle))
            return i;
    return -1;
}

int t_find_title(const t_result *r, const char *needle)
{
    for (int i = 0; i < r->n_articles; i++)
        if (strstr(r->titles[i], needle))
            return i;
    return -1;
}

json_t *t_run_doc(const char *args)
{
    char *out, *err;
    int rc = t_run(args, &out, &err);
    if (rc != 0)
        fatal("chorus %s: exit %d: %s", args, rc, err);
    json_error_t e;
    json_t *d = json_loads(out, 0, &e);
    if (!d)
        fatal("chorus %s: output is not JSON: %s (line %d)", args, e.text, e.line);
    free(out);
    free(err);
    return d;
}

json_t *t_find_by(json_t *array, const char *key, const char *value)
{
    size_t i;
    json_t *o;
    json_array_foreach(array, i, o) {
        const char *v = json_string_value(json_object_get(o, key));
        if (v && !strcmp(v, value))
            return o;
    }
    return NULL;
}

/* ---- the samples as analysed articles (story-level stages) ------------- */

#include "core/article.h"
#include "time/time.h"
#include "util/arena.h"
#include "util/date.h"

typedef struct sample_ctx {
    t_sample_set *s;
    int64_t seq[64], copy_of[64];
} sample_ctx;

static int take_article(void *ctx, const chorus_article *ca)
{
    sample_ctx *c = ctx;
    const cx_article *a = (const cx_article *)ca;
    t_sample_set *s = c->s;
    if (s->n >= 64)
        fatal("more than 64 sample articles");
    cx_article *b = cx_article_new();
    if (!b)
        fatal("out of memory");
    b->id = cx_arena_strdup(&b->arena, a->id);
    b->outlet = a->outlet ? cx_arena_strdup(&b->arena, a->outlet) : NULL;
    b->title = a->title ? cx_arena_strdup(&b->arena, a->title) : NULL;
    b->input = cx_arena_strdup(&b->arena, a->input);
    b->language = a->language ? cx_arena_strdup(&b->arena, a->language) : NULL;
    b->body = cx_arena_strndup(&b->arena, a->body ? a->body : "", a->body_len);
    b->body_len = a->body_len;
    b->published = a->published;
    memcpy(b->published_iso, a->published_iso, sizeof b->published_iso);
    b->seq = a->seq;
    b->copy_of = a->copy_of;
    if (!(b->text = cx_text_analyze(&b->arena, b->body, b->body_len)) ||
        !cx_time_analyze(&b->arena, b->text, &b->published, b->language, &b->dates, &b->n_dates))
        fatal("text or dates stage failed");
    b->dates_done = 1;
    c->seq[s->n] = a->seq;
    c->copy_of[s->n] = a->copy_of;
    s->arts[s->n] = b;
    s->inputs[s->n] = strdup(a->input);
    s->n++;
    return 0;
}

void t_samples_load(t_sample_set *s)
{
    static sample_ctx c;
    memset(s, 0, sizeof *s);
    memset(&c, 0, sizeof c);
    c.s = s;
    s->arts = calloc(64, sizeof *s->arts);
    s->origin = calloc(64, sizeof *s->origin);
    s->inputs = calloc(64, sizeof *s->inputs);
    chorus *ch = chorus_new();
    if (!ch || !s->arts || !s->origin || !s->inputs)
        fatal("out of memory");
    chorus_set_article_handler(ch, take_article, &c);
    if (chorus_open_store(ch, ":memory:") != CHORUS_OK || chorus_add_input(ch, t_src("samples")) != CHORUS_OK ||
        chorus_run(ch) != CHORUS_OK)
        fatal("the samples run failed: %s", chorus_errmsg(ch));
    chorus_free(ch);
    /* publication order (insertion sort: a handful of articles) */
    for (size_t i = 1; i < s->n; i++)
        for (size_t j = i; j > 0; j--) {
            int64_t e0 = cx_date_epoch(&s->arts[j - 1]->published), e1 = cx_date_epoch(&s->arts[j]->published);
            if (e0 <= e1)
                break;
            struct chorus_article *ta = s->arts[j];
            s->arts[j] = s->arts[j - 1];
            s->arts[j - 1] = ta;
            char *ti = s->inputs[j];
            s->inputs[j] = s->inputs[j - 1];
            s->inputs[j - 1] = ti;
        }
    for (size_t i = 0; i < s->n; i++) {
        s->origin[i] = -1;
        for (size_t j = 0; j < s->n && s->arts[i]->copy_of; j++)
            if (s->arts[j]->seq == s->arts[i]->copy_of)
                s->origin[i] = (int)j;
    }
}

size_t t_sample_index(const t_sample_set *s, const char *name)
{
    size_t k = strlen(name);
    for (size_t i = 0; i < s->n; i++) {
        size_t m = strlen(s->inputs[i]);
        if (m >= k && !strcmp(s->inputs[i] + m - k, name))
            return i;
    }
    fatal("no sample article from %s", name);
    return 0;
}

void t_sample_subset(const t_sample_set *all, const char *const *names, size_t n_names, t_sample_set *out)
{
    memset(out, 0, sizeof *out);
    out->arts = calloc(n_names + 1, sizeof *out->arts);
    out->origin = calloc(n_names + 1, sizeof *out->origin);
    out->inputs = calloc(n_names + 1, sizeof *out->inputs);
    size_t *pick = calloc(n_names + 1, sizeof *pick);
    if (!out->arts || !out->origin || !out->inputs || !pick)
        fatal("out of memory");
    for (size_t i = 0; i < n_names; i++)
        pick[i] = t_sample_index(all, names[i]);
    for (size_t i = 0; i < all->n; i++)
        for (size_t j = 0; j < n_names; j++)
            if (pick[j] == i) {
                out->arts[out->n] = all->arts[i];
                out->inputs[out->n] = all->inputs[i];
                out->n++;
            }
    for (size_t i = 0; i < out->n; i++) {
        out->origin[i] = -1;
        for (size_t j = 0; j < out->n && out->arts[i]->copy_of; j++)
            if (out->arts[j]->seq == out->arts[i]->copy_of)
                out->origin[i] = (int)j;
    }
    free(pick);
}

void t_sample_subset_free(t_sample_set *s)
{
    free(s->arts);
    free(s->origin);
    free(s->inputs);
    memset(s, 0, sizeof *s);
}

void t_samples_free(t_sample_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        cx_article_free(s->arts[i]);
        free(s->inputs[i]);
    }
    t_sample_subset_free(s);
}
