/*
 * claims_speed.c: the claims stage's own speed, for bench/claims.sh.
 *
 *   claims_speed FILE.jsonl [ROUNDS]
 *
 * Reads articles ({"text"} per line), builds each one's text layer and
 * quotes once (not timed: they are earlier stages), then times
 * cx_claims_analyze over all of them ROUNDS times (default 5) on one thread
 * in process CPU time, and prints articles/s over all rounds and over the
 * fastest round, MB/s and the statements found per article. Built on demand
 * (cmake --build build --target claims_speed), never installed.
 */
#include "claims/claims.h"
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
    cx_quotes *q;
} doc;

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: claims_speed FILE.jsonl [ROUNDS]\n");
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
        d->text = body ? cx_text_analyze(&d->arena, body, len) : NULL;
        d->q = d->text ? cx_quotes_analyze(&d->arena, d->text, NULL, "en") : NULL;
        json_decref(o);
        if (!d->q)
            return 2;
        bytes += len;
        n++;
    }
    free(line);
    fclose(f);
    size_t st = 0;
    double best = 1e30, t0 = cpu_now();
    for (int r = 0; r < rounds; r++) {
        double r0 = cpu_now();
        for (size_t i = 0; i < n; i++) {
            cx_arena a;
            cx_arena_init(&a);
            cx_claims_article *c = cx_claims_analyze(&a, docs[i].text, docs[i].q, NULL, "en");
            if (!c)
                return 2;
            if (r == 0)
                st += c->n;
            cx_arena_free(&a);
        }
        double rs = cpu_now() - r0;
        if (rs < best)
            best = rs;
    }
    double s = cpu_now() - t0;
    double arts = (double)n * rounds;
    printf("claims: %zu articles x %d rounds in %.3f s CPU: %.0f articles/s, %.1f MB/s (%.1f statements per "
           "article)\n",
           n, rounds, s, arts / s, (double)bytes * rounds / s / 1e6, (double)st / (double)(n ? n : 1));
    printf("claims: best round %.3f s CPU: %.0f articles/s\n", best, (double)n / best);
    for (size_t i = 0; i < n; i++)
        cx_arena_free(&docs[i].arena);
    free(docs);
    return 0;
}
