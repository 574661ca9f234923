/*
 * brief_speed.c: the brief and timeline stages on their own (bench/brief.sh
 * runs it).
 *
 *   brief_speed [--print] [--check] [--sentences N] [--repeat R] FILE.jsonl
 *
 * Reads JSON Lines records {"id", "title", "text", "published", "outlet",
 * "story" (or "cluster"), "copy_of" (an id or null)}; the stories are the
 * records sharing a story value, each in file order. The text layer and the
 * dates stage run on every article first (not timed: they serve every
 * stage); then the brief of each story is built R times (default 20) and
 * timed in CPU time, then the timeline likewise. Prints the rates on stderr;
 * with --print, each story's {"story", "articles", "summary", "headline",
 * "coverage", "timeline"} as one JSON array on stdout; with --check, one
 * line "check <hash>" on stdout: a 64-bit FNV-1a over every field of every
 * story's brief (the scores' bits included, which the JSON leaves out), so
 * that a speed change can be shown to leave the output byte-identical.
 */
#include "brief/brief.h"
#include "core/article.h"
#include "report/report.h"
#include "text/text.h"
#include "time/time.h"
#include "time/timeline.h"
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

/* FNV-1a over the bytes of a brief (see --check). */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

static uint64_t mix_str(uint64_t h, const char *s) { return s ? mix(h, s, strlen(s) + 1) : mix(h, "\xff", 1); }

static uint64_t mix_item(uint64_t h, const cx_brief_item *it)
{
    h = mix(h, &it->art, sizeof it->art);
    h = mix(h, &it->sent, sizeof it->sent);
    h = mix_str(h, it->text);
    h = mix(h, &it->n_arts, sizeof it->n_arts);
    h = mix(h, it->arts, it->n_arts * sizeof *it->arts);
    return mix(h, &it->score, sizeof it->score);
}

static uint64_t mix_brief(uint64_t h, const cx_brief *b)
{
    h = mix(h, &b->n_summary, sizeof b->n_summary);
    for (size_t i = 0; i < b->n_summary; i++)
        h = mix_item(h, &b->summary[i]);
    h = mix(h, &b->headline_art, sizeof b->headline_art);
    h = mix_str(h, b->headline);
    h = mix(h, &b->n_coverage, sizeof b->n_coverage);
    for (size_t o = 0; o < b->n_coverage; o++) {
        const cx_brief_outlet *c = &b->coverage[o];
        h = mix_str(h, c->outlet);
        h = mix(h, &c->n_arts, sizeof c->n_arts);
        h = mix(h, c->arts, c->n_arts * sizeof *c->arts);
        h = mix(h, &c->n_only, sizeof c->n_only);
        for (uint32_t i = 0; i < c->n_only; i++)
            h = mix_item(h, &c->only[i]);
        h = mix(h, &c->n_missed, sizeof c->n_missed);
        for (uint32_t i = 0; i < c->n_missed; i++)
            h = mix_item(h, &c->missed[i]);
    }
    return h;
}

static char *dup_field(cx_article *a, json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? cx_arena_strdup(&a->arena, s) : NULL;
}

typedef struct story {
    char key[128];
    cx_article **arts;
    char **copy_of;
    int *origin;
    size_t n, cap;
} story;

int main(int argc, char **argv)
{
    int print = 0, check = 0, sents = CX_BRIEF_DEFAULT_SENTS;
    long repeat = 20;
    int i = 1;
    for (; i < argc - 1; i++) {
        if (!strcmp(argv[i], "--print"))
            print = 1;
        else if (!strcmp(argv[i], "--check"))
            check = 1;
        else if (!strcmp(argv[i], "--sentences") && i + 2 < argc)
            sents = (int)strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--repeat") && i + 2 < argc)
            repeat = strtol(argv[++i], NULL, 10);
        else
            break;
    }
    if (i != argc - 1 || repeat < 1) {
        fprintf(stderr, "usage: brief_speed [--print] [--check] [--sentences N] [--repeat R] FILE.jsonl\n");
        return 2;
    }
    FILE *f = fopen(argv[i], "r");
    if (!f) {
        perror(argv[i]);
        return 1;
    }
    story *st = NULL;
    size_t ns = 0, cap_s = 0, n_arts = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        json_t *o = json_loadb(line, (size_t)len, 0, NULL);
        if (!o)
            continue;
        json_t *k = json_object_get(o, "story");
        if (!k)
            k = json_object_get(o, "cluster");
        char key[128];
        if (json_is_string(k))
            snprintf(key, sizeof key, "%s", json_string_value(k));
        else
            snprintf(key, sizeof key, "%lld", (long long)json_integer_value(k));
        size_t s = 0;
        while (s < ns && strcmp(st[s].key, key))
            s++;
        if (s == ns) {
            if (ns == cap_s) {
                cap_s = cap_s ? cap_s * 2 : 64;
                story *g = realloc(st, cap_s * sizeof *g);
                if (!g)
                    return 1;
                st = g;
            }
            memset(&st[ns], 0, sizeof st[ns]);
            snprintf(st[ns].key, sizeof st[ns].key, "%s", key);
            ns++;
        }
        story *y = &st[s];
        if (y->n == y->cap) {
            y->cap = y->cap ? y->cap * 2 : 8;
            cx_article **ga = realloc(y->arts, y->cap * sizeof *ga);
            char **gc = realloc(y->copy_of, y->cap * sizeof *gc);
            int *go = realloc(y->origin, y->cap * sizeof *go);
            if (ga)
                y->arts = ga;
            if (gc)
                y->copy_of = gc;
            if (go)
                y->origin = go;
            if (!ga || !gc || !go)
                return 1;
        }
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
        y->copy_of[y->n] = dup_field(a, o, "copy_of");
        y->arts[y->n++] = a;
        n_arts++;
        json_decref(o);
    }
    free(line);
    fclose(f);
    for (size_t s = 0; s < ns; s++)
        for (size_t a = 0; a < st[s].n; a++) {
            st[s].origin[a] = -1;
            for (size_t b = 0; b < st[s].n && st[s].copy_of[a]; b++)
                if (st[s].arts[b]->id && !strcmp(st[s].arts[b]->id, st[s].copy_of[a]))
                    st[s].origin[a] = (int)b;
        }
    double t_brief = 0, t_tl = 0;
    uint64_t sum = 1469598103934665603ull;
    json_t *out = print ? json_array() : NULL;
    for (long r = 0; r < repeat; r++)
        for (size_t s = 0; s < ns; s++) {
            const cx_article *const *arts = (const cx_article *const *)st[s].arts;
            cx_arena ar;
            cx_arena_init(&ar);
            cx_brief b;
            double t0 = now();
            int ok = cx_brief_build(&ar, arts, st[s].origin, st[s].n, sents, &b);
            double t1 = now();
            cx_tl_event *ev;
            size_t nev;
            ok = ok && cx_timeline_build(&ar, arts, st[s].origin, st[s].n, &ev, &nev);
            double t2 = now();
            if (!ok)
                return 1;
            t_brief += t1 - t0;
            t_tl += t2 - t1;
            if (check && r == 0)
                sum = mix_brief(sum, &b);
            if (out && r == 0) {
                json_t *o = json_object(), *ids = json_array();
                for (size_t a = 0; a < st[s].n; a++)
                    json_array_append_new(ids, json_string(arts[a]->id ? arts[a]->id : ""));
                json_object_set_new(o, "story", json_string(st[s].key));
                json_object_set_new(o, "articles", ids);
                if (!cx_json_brief_to(o, &b, arts))
                    return 1;
                json_object_set_new(o, "timeline", cx_json_timeline(ev, nev, arts));
                json_array_append_new(out, o);
            }
            cx_arena_free(&ar);
        }
    if (check)
        printf("check %016llx\n", (unsigned long long)sum);
    if (out) {
        char *s = json_dumps(out, JSON_INDENT(1));
        if (s)
            puts(s);
        free(s);
        json_decref(out);
    }
    double runs = (double)ns * (double)repeat;
    fprintf(stderr, "%zu stories, %zu articles (%.1f a story), %ld runs each\n", ns, n_arts,
            ns ? (double)n_arts / (double)ns : 0.0, repeat);
    fprintf(stderr, "brief: %.0f stories/s (%.3f ms a story, CPU time)\n", t_brief > 0 ? runs / t_brief : 0.0,
            runs > 0 ? 1000.0 * t_brief / runs : 0.0);
    fprintf(stderr, "timeline: %.0f stories/s (%.3f ms a story, CPU time)\n", t_tl > 0 ? runs / t_tl : 0.0,
            runs > 0 ? 1000.0 * t_tl / runs : 0.0);
    for (size_t s = 0; s < ns; s++) {
        for (size_t a = 0; a < st[s].n; a++)
            cx_article_free(st[s].arts[a]);
        free(st[s].arts);
        free(st[s].copy_of);
        free(st[s].origin);
    }
    free(st);
    return 0;
}
