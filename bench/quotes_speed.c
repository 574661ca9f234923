/*
 * quotes_speed.c: the entities + quotes stage's own speed, for bench/quotes.sh.
 *
 *   quotes_speed FILE.jsonl [ROUNDS]
 *
 * Reads articles ({"text", "title"} per line), builds each one's text layer
 * once (not timed), then times cx_quotes_analyze over all of them ROUNDS
 * times (default 5) on one thread, and prints articles/s over all rounds and
 * over the fastest round, MB/s and the quotes and entities found per article. Built on demand
 * (cmake --build build --target quotes_speed), never installed.
 */
#include "quotes/quotes.h"
#include "text/text.h"
#include "util/arena.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct doc {
    cx_arena arena;
    cx_text *text;
    char *title;
} doc;

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: quotes_speed FILE.jsonl [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 5;
    if (rounds < 1)
        rounds = 1;
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    size_t n = 0, cap = 0, bytes = 0;
    doc *docs = NULL;
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, f) > 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        const char *text = o ? json_string_value(json_object_get(o, "text")) : NULL;
        if (!text) {
            json_decref(o);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            doc *g = realloc(docs, cap * sizeof *g);
            if (!g)
                return 2;
            docs = g;
        }
        doc *d = &docs[n];
        cx_arena_init(&d->arena);
        size_t len = strlen(text);
        char *body = cx_arena_strndup(&d->arena, text, len);
        const char *title = json_string_value(json_object_get(o, "title"));
        d->title = title && *title ? cx_arena_strdup(&d->arena, title) : NULL;
        d->text = body ? cx_text_analyze(&d->arena, body, len) : NULL;
        json_decref(o);
        if (!d->text)
            return 2;
        bytes += len;
        n++;
    }
    free(line);
    fclose(f);
    size_t quotes = 0, ents = 0;
    struct timespec t0, t1, r0, r1;
    double best = 1e30;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int r = 0; r < rounds; r++) {
        clock_gettime(CLOCK_MONOTONIC, &r0);
        for (size_t i = 0; i < n; i++) {
            cx_arena a;
            cx_arena_init(&a);
            cx_quotes *q = cx_quotes_analyze(&a, docs[i].text, docs[i].title, "en");
            if (!q)
                return 2;
            if (r == 0) {
                quotes += q->n_quotes;
                ents += q->n_entities;
            }
            cx_arena_free(&a);
        }
        clock_gettime(CLOCK_MONOTONIC, &r1);
        double rs = (double)(r1.tv_sec - r0.tv_sec) + (double)(r1.tv_nsec - r0.tv_nsec) / 1e9;
        if (rs < best)
            best = rs;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    double arts = (double)n * rounds;
    printf("entities+quotes: %zu articles x %d rounds in %.3f s: %.0f articles/s, %.1f MB/s "
           "(%.1f quotes, %.1f entities per article)\n",
           n, rounds, s, arts / s, (double)bytes * rounds / s / 1e6, (double)quotes / (double)(n ? n : 1),
           (double)ents / (double)(n ? n : 1));
    printf("entities+quotes: best round %.3f s: %.0f articles/s (the machine is shared: the best "
           "round is the least disturbed)\n", best, (double)n / best);
    for (size_t i = 0; i < n; i++)
        cx_arena_free(&docs[i].arena);
    free(docs);
    return 0;
}
