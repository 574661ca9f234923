/*
 * stories_speed.c: the stories stage on its own (bench/stories.sh runs it).
 *
 *   stories_speed FILE.jsonl [name=value...]
 *
 * Reads chorus JSON Lines input (id, title, text, published, outlet) in the
 * order given, runs the text layer and the dates stage on each article (not
 * timed), then the clustering (timed, CPU time); writes "id<TAB>story" per article on
 * stdout and the clustering rate on stderr. name=value pairs set the
 * stage's tuning knobs (cx_cluster_param), for tuning on dev data.
 */
#include "cluster/cluster.h"
#include "core/article.h"
#include "text/text.h"
#include "time/time.h"
#include "util/date.h"

#include <jansson.h>
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

static char *dup_field(cx_article *a, json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? cx_arena_strdup(&a->arena, s) : NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: stories_speed FILE.jsonl [name=value...]\n");
        return 2;
    }
    cx_cluster *cl = cx_cluster_new();
    if (!cl)
        return 1;
    for (int i = 2; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
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
        double t0 = now();
        int64_t story = cx_cluster_add(cl, a, 0);
        t_cluster += now() - t0;
        if (!story)
            return 1;
        printf("%s\t%lld\n", a->id ? a->id : "", (long long)story);
        cx_article_free(a);
        json_decref(o);
        n++;
    }
    free(line);
    fclose(f);
    cx_cluster_free(cl);
    fprintf(stderr, "clustering: %zu articles in %.3f s of CPU: %.0f articles/s\n", n, t_cluster,
            t_cluster > 0 ? (double)n / t_cluster : 0.0);
    return 0;
}
