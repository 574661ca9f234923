/*
 * stories_speed.c: the stories stage on its own (bench/stories.sh runs it).
 *
 *   stories_speed [--replay N] FILE.jsonl [every=N] [name=value...]
 *
 * Reads chorus JSON Lines input (id, title, text, published, outlet) in the
 * order given, runs the text layer and the dates stage on each article (not
 * timed), then the clustering (timed, CPU time) with its merge pass after
 * every N articles (every=N, default 1: as chorus runs it) and at the end;
 * writes "id<TAB>story" per article on stdout (after the last merge pass)
 * and the clustering rate on stderr. name=value pairs set the stage's
 * tuning knobs (cx_cluster_param), for tuning on dev data.
 */
#include "cluster/cluster.h"
#include "core/article.h"
#include "text/text.h"
#include "time/time.h"
#include "util/date.h"

#include <jansson.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine may be shared */
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Where each merged-away story went: into[id] (0: not merged). */
typedef struct merges {
    int64_t *into;
    size_t cap;
    size_t n;
} merges;

static int on_merge(void *ctx, int64_t from, int64_t into)
{
    merges *m = ctx;
    if ((size_t)from >= m->cap) {
        size_t cap = m->cap ? m->cap : 1024;
        while (cap <= (size_t)from)
            cap *= 2;
        int64_t *g = realloc(m->into, cap * sizeof *g);
        if (!g)
            return 0;
        memset(g + m->cap, 0, (cap - m->cap) * sizeof *g);
        m->into = g;
        m->cap = cap;
    }
    m->into[from] = into;
    m->n++;
    return 1;
}

static int64_t resolve(const merges *m, int64_t s)
{
    while ((size_t)s < m->cap && m->into[s])
        s = m->into[s];
    return s;
}

static char *dup_field(cx_article *a, json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? cx_arena_strdup(&a->arena, s) : NULL;
}

int main(int argc, char **argv)
{
    long replay = 0;
    if (argc > 3 && !strcmp(argv[1], "--replay")) {
        replay = atol(argv[2]);
        argv += 2;
        argc -= 2;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: stories_speed [--replay N] FILE.jsonl [name=value...]\n");
        return 2;
    }
    cx_cluster *cl = cx_cluster_new();
    if (!cl)
        return 1;
    long every = 1;
    for (int i = 2; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        if (!strncmp(argv[i], "every=", 6)) {
            every = atol(argv[i] + 6);
            continue;
        }
        char name[64];
        if (!eq || (size_t)(eq - argv[i]) >= sizeof name) {
            fprintf(stderr, "stories_speed: bad knob %s\n", argv[i]);
            return 2;
        }
        memcpy(name, argv[i], (size_t)(eq - argv[i]));
        name[eq - argv[i]] = '\0';
        if (!cx_cluster_param(cl, name, atof(eq + 1))) {
            fprintf(stderr, "stories_speed: unknown knob %s\n", name);
            return 2;
        }
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    double t_cluster = 0;
    size_t n = 0;
    merges mg = {NULL, 0, 0};
    char **ids = NULL;
    int64_t *assigned = NULL;
    size_t cap_ids = 0;
    cx_article **kept = NULL;
    size_t n_kept = 0, cap_kept = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        json_t *o = json_loadb(line, (size_t)len, 0, NULL);
        if (!o)
            continue;
        cx_article *a = cx_article_new();
        if (!a)
            return 1;
        a->id = dup_field(a, o, "id");
        a->title = dup_field(a, o, "title");
        a->outlet = dup_field(a, o, "outlet");
        const char *text = json_string_value(json_object_get(o, "text"));
        a->body = cx_arena_strdup(&a->arena, text ? text : "");
        a->body_len = a->body ? strlen(a->body) : 0;
        const char *pub = json_string_value(json_object_get(o, "published"));
        if (pub && cx_date_parse(pub, strlen(pub), &a->published))
            cx_date_format(&a->published, a->published_iso);
        a->text = cx_text_analyze(&a->arena, a->body, a->body_len);
        if (!a->text || !cx_time_analyze(&a->arena, a->text, &a->published, "en", &a->dates, &a->n_dates))
            return 1;
        json_decref(o);
        if (replay) { /* kept for the replays */
            if (n_kept == cap_kept) {
                cap_kept = cap_kept ? cap_kept * 2 : 1024;
                cx_article **g = realloc(kept, cap_kept * sizeof *g);
                if (!g)
                    return 1;
                kept = g;
            }
            kept[n_kept++] = a;
            continue;
        }
        double t0 = now();
        int64_t story = cx_cluster_add(cl, a, 0);
        if (story && every > 0 && (n + 1) % (size_t)every == 0 && cx_cluster_merge(cl, on_merge, &mg) < 0)
            story = 0;
        t_cluster += now() - t0;
        if (!story)
            return 1;
        if (n == cap_ids) {
            cap_ids = cap_ids ? cap_ids * 2 : 1024;
            char **g = realloc(ids, cap_ids * sizeof *g);
            int64_t *h = realloc(assigned, cap_ids * sizeof *h);
            if (g)
                ids = g;
            if (h)
                assigned = h;
            if (!g || !h)
                return 1;
        }
        ids[n] = strdup(a->id ? a->id : "");
        assigned[n] = story;
        if (!ids[n])
            return 1;
        cx_article_free(a);
        n++;
    }
    double t_last = now();
    if (cx_cluster_merge(cl, on_merge, &mg) < 0) /* the end of the run */
        return 1;
    t_cluster += now() - t_last;
    for (size_t i = 0; i < n; i++) {
        printf("%s\t%lld\n", ids[i], (long long)resolve(&mg, assigned[i]));
        free(ids[i]);
    }
    free(ids);
    free(assigned);
    free(mg.into);
    if (mg.n)
        fprintf(stderr, "merge pass: %zu merges\n", mg.n);
    if (replay && n_kept) {
        cx_cluster_keep_runs(cl, 0); /* as chorus with a store: memory bounded */
        double t_block = 0;
        int64_t last_story = 0;
        for (long i = 0; i < replay; i++) {
            cx_article *a = kept[i % (long)n_kept];
            int shift = (int)(i / (long)n_kept) * 5;
            a->published.year += shift;
            double t0 = now();
            int64_t story = cx_cluster_add(cl, a, 0);
            if (story && every > 0 && (i + 1) % every == 0 && cx_cluster_merge(cl, NULL, NULL) < 0)
                story = 0;
            double dt = now() - t0;
            a->published.year -= shift;
            if (!story)
                return 1;
            last_story = story;
            t_cluster += dt;
            t_block += dt;
            n++;
            if (n % 100000 == 0) {
                struct rusage ru;
                getrusage(RUSAGE_SELF, &ru);
                fprintf(stderr, "%8zu articles: %.0f articles/s over the last 100,000; %lld stories; peak RSS %ld MB\n",
                        n, 100000 / t_block, (long long)last_story, ru.ru_maxrss / 1024);
                t_block = 0;
            }
        }
        for (size_t i = 0; i < n_kept; i++)
            cx_article_free(kept[i]);
    }
    free(kept);
    free(line);
    fclose(f);
    cx_cluster_free(cl);
    fprintf(stderr, "clustering: %zu articles in %.3f s of CPU: %.0f articles/s\n", n, t_cluster,
            t_cluster > 0 ? (double)n / t_cluster : 0.0);
    return 0;
}
