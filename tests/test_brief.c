/*
 * test_brief.c: the brief stage: summary, headline and coverage matrix on
 * invented articles and on the samples' event 1 (samples/README.md 3.8: the
 * key facts covered, each sentence's citations right).
 *
 * "test_brief --print [N]" prints the samples' three stories' briefs as JSON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief/brief.h"
#include "core/article.h"
#include "helpers.h"
#include "report/report.h"

static const char *const event1[] = {
    "feed.jsonl:1", "channel9-quayside-walkway-collapse.html", "tidewire-port-ardent-ramp-collapse.html",
    "saltmarshcourier-twelve-hurt-ferry-walkway.txt", "dailyclarion-ferry-walkway-horror.html",
    "crawl.warc.gz@1318", "harbourherald-ramp-inspection-never-done.html", "feed.jsonl:2",
    "vpr-contractor-denies-skipped-inspection.txt"};
static const char *const event2[] = {"saltmarshcourier-greywater-gangway.txt.gz", "feed.jsonl:3"};
static const char *const event3[] = {"crawl.warc.gz@10759", "feed.jsonl:4",
                                     "saltmarshcourier-castellan-inquiry-reaction.txt"};

static int print_mode(int n_sents)
{
    t_sample_set all;
    t_samples_load(&all);
    const char *const *ev[3] = {event1, event2, event3};
    size_t nev[3] = {9, 2, 3};
    json_t *out = json_array();
    for (int e = 0; e < 3; e++) {
        t_sample_set s;
        t_sample_subset(&all, ev[e], nev[e], &s);
        cx_arena a;
        cx_arena_init(&a);
        cx_brief b;
        if (!cx_brief_build(&a, (const cx_article *const *)s.arts, s.origin, s.n, n_sents, &b))
            return 1;
        json_t *st = json_object();
        json_t *ids = json_array();
        for (size_t i = 0; i < s.n; i++)
            json_array_append_new(ids, json_string(s.arts[i]->id));
        json_object_set_new(st, "articles", ids);
        if (!cx_json_brief_to(st, &b, (const cx_article *const *)s.arts))
            return 1;
        json_array_append_new(out, st);
        cx_arena_free(&a);
        t_sample_subset_free(&s);
    }
    char *txt = json_dumps(out, JSON_INDENT(1));
    puts(txt);
    free(txt);
    json_decref(out);
    t_samples_free(&all);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--print"))
        return print_mode(argc > 2 ? (int)strtol(argv[2], NULL, 10) : CX_BRIEF_DEFAULT_SENTS);
    const struct CMUnitTest tests[] = {};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
