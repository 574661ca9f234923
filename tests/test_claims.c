/*
 * test_claims.c: the claims stage (issue 7). Sources and stances on
 * sentences we invent (every person, outlet and event here is fictional),
 * the stance fixtures of tests/data/claims_fixtures.tsv (F1 >= 0.95 per
 * stance), and the samples' provenance through the real pipeline: chorus
 * analyze on samples/, then the story-level claims over the articles it
 * printed (rebuilt and analysed here in publication order).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims/claims.h"
#include "core/article.h"
#include "helpers.h"
#include "quotes/quotes.h"
#include "report/report.h"
#include "text/text.h"
#include "time/time.h"

typedef struct run {
    cx_arena arena;
    const char *body;
    cx_claims_article *c;
} run;

static void analyze(run *r, const char *body, const char *outlet)
{
    cx_arena_init(&r->arena);
    r->body = body;
    cx_text *t = cx_text_analyze(&r->arena, body, strlen(body));
    assert_non_null(t);
    cx_quotes *q = cx_quotes_analyze(&r->arena, t, NULL, "en");
    assert_non_null(q);
    r->c = cx_claims_analyze(&r->arena, t, q, outlet, "en");
    assert_non_null(r->c);
}

static void done(run *r) { cx_arena_free(&r->arena); }

/* The statement of the sentence starting with `start`; fails when none. */
static const cx_statement *st_at(const run *r, const char *start)
{
    size_t n = strlen(start);
    for (size_t i = 0; i < r->c->n; i++)
        if (r->c->st[i].span.end - r->c->st[i].span.start >= n && !memcmp(r->body + r->c->st[i].span.start, start, n))
            return &r->c->st[i];
    fail_msg("no statement starting with \"%s\"", start);
    return NULL;
}

static int has_st(const run *r, const char *start)
{
    size_t n = strlen(start);
    for (size_t i = 0; i < r->c->n; i++)
        if (!memcmp(r->body + r->c->st[i].span.start, start, n))
            return 1;
    return 0;
}

static void test_sources(void **state)
{
    (void)state;
    run r;
    analyze(&r,
            "The pumping station at Orvik was shut for a month without notice, according to three engineers "
            "familiar with the repairs.\n\n"
            "The engineers said the pumps had failed twice in June. One of the engineers said the logbook was "
            "altered.\n\n"
            "Lina Marsh, a spokesperson for Orvik Water, said the station met every standard.\n\n"
            "Court filings show that the company paid a fine in 2019.\n\n"
            "The Fenwick Ledger reported on Friday, citing two people briefed on the inquiry, that the "
            "mayor had been warned.\n\n"
            "The weather was mild on Saturday.",
            NULL);
    const cx_statement *s = st_at(&r, "The pumping station");
    assert_int_equal(s->source_type, CX_SRC_ANONYMOUS);
    assert_int_equal(s->count, 3);
    assert_string_equal(s->source, "three engineers familiar with the repairs");
    assert_false(s->inherited);
    s = st_at(&r, "The engineers said");
    assert_int_equal(s->source_type, CX_SRC_ANONYMOUS); /* the same engineers */
    assert_true(s->inherited);
    assert_int_equal(s->count, 3);
    s = st_at(&r, "One of the engineers");
    assert_int_equal(s->source_type, CX_SRC_ANONYMOUS);
    s = st_at(&r, "Lina Marsh");
    assert_int_equal(s->source_type, CX_SRC_PERSON);
    assert_string_equal(s->source, "Lina Marsh");
    s = st_at(&r, "Court filings");
    assert_int_equal(s->source_type, CX_SRC_DOCUMENT);
    s = st_at(&r, "The Fenwick Ledger");
    assert_int_equal(s->source_type, CX_SRC_OUTLET);
    assert_string_equal(s->cue, "reported");
    assert_non_null(s->via);
    assert_string_equal(s->via, "two people briefed on the inquiry");
    assert_false(has_st(&r, "The weather"));
    done(&r);
}

static void test_stances(void **state)
{
    (void)state;
    run r;
    analyze(&r,
            "The Fenwick Ledger has not independently verified the recording.\n\n"
            "Councillor Pim Aldous denied the allegations, calling them \"absurd\".\n\n"
            "Orvik Water declined to comment.\n\n"
            "A later review concluded that the claims were unfounded.\n\n"
            "An earlier version of this story misstated the date of the fine.",
            "The Fenwick Ledger");
    const cx_statement *s = st_at(&r, "The Fenwick Ledger has not");
    assert_int_equal(s->stance, CX_ST_DISCLAIMER);
    assert_true(s->self);
    assert_string_equal(s->cue, "has not independently verified");
    s = st_at(&r, "Councillor Pim");
    assert_int_equal(s->stance, CX_ST_DENIAL);
    assert_string_equal(s->source, "Pim Aldous");
    s = st_at(&r, "Orvik Water");
    assert_int_equal(s->stance, CX_ST_NO_COMMENT);
    assert_string_equal(s->source, "Orvik Water");
    s = st_at(&r, "A later review");
    assert_int_equal(s->stance, CX_ST_RULING);
    assert_string_equal(s->verdict, "unfounded");
    s = st_at(&r, "An earlier version");
    assert_int_equal(s->stance, CX_ST_CORRECTION);
    done(&r);
}

static int family(int st) { return st == CX_ST_CORRECTION ? CX_ST_RULING : st; }

static int label_of(const char *s)
{
    static const char *const L[] = {"none", "claim", "disclaimer", "denial", "no_comment",
                                    "confirmation", "ruling", "correction"};
    for (int i = 0; i < 8; i++)
        if (!strcmp(s, L[i]))
            return i;
    return -1;
}

static void test_fixtures(void **state)
{
    (void)state;
    size_t n;
    char *data = t_read(t_src("tests/data/claims_fixtures.tsv"), &n);
    int tp[8] = {0}, fp[8] = {0}, fn[8] = {0}, rows = 0;
    for (char *line = data, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        if (line[0] == '#' || !line[0])
            continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = 0;
        int want = label_of(line);
        assert_true(want >= 0);
        want = family(want);
        run r;
        analyze(&r, tab + 1, "The Lantern Gazette");
        int got[8] = {0};
        for (size_t i = 0; i < r.c->n; i++)
            got[family(r.c->st[i].stance)] = 1;
        for (int k = CX_ST_DISCLAIMER; k <= CX_ST_RULING; k++) {
            if (k == CX_ST_CONFIRMATION)
                continue;
            tp[k] += got[k] && want == k;
            fp[k] += got[k] && want != k;
            fn[k] += !got[k] && want == k;
        }
        done(&r);
        rows++;
    }
    free(data);
    assert_true(rows >= 60);
    for (int k = CX_ST_DISCLAIMER; k <= CX_ST_RULING; k++) {
        if (k == CX_ST_CONFIRMATION)
            continue;
        double f1 = 2.0 * tp[k] / (2.0 * tp[k] + fp[k] + fn[k]);
        if (f1 < 0.95)
            fail_msg("%s: F1 %.3f (tp %d fp %d fn %d)", cx_stance_name(k), f1, tp[k], fp[k], fn[k]);
    }
}

/* ---- the samples, through the pipeline ---- */

static json_t *by_input(json_t *arts, const char *tail)
{
    size_t i;
    json_t *a;
    json_array_foreach(arts, i, a) {
        const char *in = json_string_value(json_object_get(a, "input"));
        size_t n = strlen(in), m = strlen(tail);
        if (n >= m && !strcmp(in + n - m, tail))
            return a;
    }
    fail_msg("no article from %s", tail);
    return NULL;
}

static json_t *stmt_with(json_t *a, const char *needle)
{
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(a, "statements"), i, s) {
        if (strstr(json_string_value(json_object_get(s, "text")), needle))
            return s;
    }
    fail_msg("no statement holding \"%s\" in %s", needle, json_string_value(json_object_get(a, "id")));
    return NULL;
}

static const char *jstr(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static cx_article *rebuild(json_t *j)
{
    cx_article *a = cx_article_new();
    assert_non_null(a);
    const char *body = jstr(j, "body");
    a->id = cx_arena_strdup(&a->arena, jstr(j, "id"));
    a->outlet = jstr(j, "outlet") ? cx_arena_strdup(&a->arena, jstr(j, "outlet")) : NULL;
    a->body = cx_arena_strdup(&a->arena, body);
    a->body_len = strlen(body);
    a->language = cx_arena_strdup(&a->arena, "en");
    const char *p = jstr(j, "published");
    if (p && cx_date_parse(p, strlen(p), &a->published))
        snprintf(a->published_iso, sizeof a->published_iso, "%s", p);
    assert_non_null(a->text = cx_text_analyze(&a->arena, a->body, a->body_len));
    assert_true(cx_time_analyze(&a->arena, a->text, &a->published, "en", &a->dates, &a->n_dates));
    assert_non_null(a->quotes = cx_quotes_analyze(&a->arena, a->text, NULL, "en"));
    assert_non_null(a->claims = cx_claims_analyze(&a->arena, a->text, a->quotes, a->outlet, "en"));
    return a;
}

static json_t *find_in(json_t *arr, const char *key, const char *id)
{
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) {
        if (jstr(x, key) && !strcmp(jstr(x, key), id))
            return x;
    }
    return NULL;
}

static void test_samples(void **state)
{
    (void)state;
    char args[1024];
    snprintf(args, sizeof args, "analyze --db :memory: --compact --quiet '%s'", t_src("samples"));
    json_t *doc = t_run_doc(args);
    json_t *arts = json_object_get(doc, "articles");
    json_t *a07 = by_input(arts, "harbourherald-ramp-inspection-never-done.html");
    json_t *a08 = by_input(arts, "feed.jsonl:2");
    json_t *a11 = by_input(arts, "vpr-contractor-denies-skipped-inspection.txt");
    json_t *a12 = by_input(arts, "crawl.warc.gz@10759");

    /* per article */
    json_t *s = stmt_with(a07, "was never actually carried out");
    assert_string_equal(jstr(s, "source_type"), "anonymous");
    assert_int_equal(json_integer_value(json_object_get(s, "count")), 2);
    assert_string_equal(jstr(s, "source"), "two senior officials familiar with the investigation");
    s = stmt_with(a07, "Both officials said");
    assert_string_equal(jstr(s, "source_type"), "anonymous");
    assert_true(json_is_true(json_object_get(s, "inherited")));
    assert_string_equal(jstr(stmt_with(a07, "did not respond to several requests"), "stance"), "no_comment");
    s = stmt_with(a08, "the Harbour Herald reported");
    assert_string_equal(jstr(s, "source_type"), "outlet");
    assert_string_equal(jstr(stmt_with(a08, "has not independently verified"), "stance"), "disclaimer");
    assert_string_equal(jstr(stmt_with(a08, "declined to comment"), "stance"), "no_comment");
    s = stmt_with(a11, "denied the allegations");
    assert_string_equal(jstr(s, "stance"), "denial");
    assert_string_equal(jstr(s, "source"), "Gregor Vantreight");
    assert_string_equal(jstr(stmt_with(a11, "I did nothing wrong"), "stance"), "denial");
    s = stmt_with(a12, "found the claim");
    assert_string_equal(jstr(s, "stance"), "ruling");
    assert_string_equal(jstr(s, "verdict"), "unfounded");
    assert_string_equal(jstr(stmt_with(a12, "could not be reached for comment"), "stance"), "no_comment");

    /* story level: events 1 and 3 (one storyline), in publication order */
    static const char *const ev[] = {
        "feed.jsonl:1", "channel9-quayside-walkway-collapse.html", "tidewire-port-ardent-ramp-collapse.html",
        "saltmarshcourier-twelve-hurt-ferry-walkway.txt", "dailyclarion-ferry-walkway-horror.html",
        "crawl.warc.gz@1318", "harbourherald-ramp-inspection-never-done.html", "feed.jsonl:2",
        "vpr-contractor-denies-skipped-inspection.txt", "crawl.warc.gz@10759", "feed.jsonl:4",
        "saltmarshcourier-castellan-inquiry-reaction.txt"};
    enum { N = sizeof ev / sizeof ev[0] };
    cx_article *v[N];
    int32_t copy_of[N];
    json_t *copies = json_object_get(doc, "copies");
    for (size_t i = 0; i < N; i++) {
        json_t *j = by_input(arts, ev[i]);
        v[i] = rebuild(j);
        copy_of[i] = -1;
        json_t *c = find_in(copies, "copy", jstr(j, "id"));
        for (size_t k = 0; c && k < i; k++)
            if (!strcmp(v[k]->id, jstr(c, "origin")))
                copy_of[i] = (int32_t)k;
    }
    cx_arena arena;
    cx_arena_init(&arena);
    cx_story_claims *sc = cx_claims_story(&arena, v, N, copy_of);
    assert_non_null(sc);
    json_t *story = json_object();
    assert_true(cx_json_story_claims(story, sc));
    /* kept for reading when an assertion below fails */
    assert_int_equal(json_dump_file(story, t_tmp("story_claims.json"), JSON_INDENT(1)), 0);
    json_t *cl = NULL;
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(story, "claims"), i, x) {
        json_t *o = json_object_get(x, "origin");
        if (json_is_object(o) && jstr(o, "article") && !strcmp(jstr(o, "article"), jstr(a07, "id"))) {
            cl = x;
            break;
        }
    }
    if (!cl)
        fail_msg("no claim from A07 (see %s)", t_tmp("story_claims.json"));
    assert_string_equal(jstr(json_object_get(cl, "origin"), "outlet"), "The Harbour Herald");
    assert_string_equal(jstr(cl, "sourcing"), "anonymous");
    json_t *relays = json_object_get(cl, "relayed_by");
    assert_non_null(find_in(relays, "article", jstr(a08, "id")));
    assert_non_null(find_in(relays, "article", jstr(a11, "id")));
    json_t *disc = json_object_get(cl, "disclaimers");
    assert_non_null(find_in(disc, "article", jstr(a08, "id")));
    assert_non_null(find_in(disc, "article", jstr(a11, "id")));
    json_t *den = json_object_get(cl, "denials");
    assert_non_null(find_in(den, "article", jstr(a11, "id")));
    assert_non_null(find_in(den, "who", "Gregor Vantreight"));
    assert_non_null(find_in(disc, "article", jstr(a07, "id"))); /* the origin's own hedge */
    assert_non_null(find_in(relays, "article", v[11]->id));     /* A14 recalls the report */
    json_t *nc = json_object_get(cl, "no_comment");
    assert_non_null(find_in(nc, "article", jstr(a07, "id")));
    assert_non_null(find_in(nc, "article", jstr(a08, "id")));
    assert_non_null(find_in(nc, "who", "Marisol Teague"));
    json_t *rul = json_object_get(cl, "rulings");
    for (size_t k = 9; k < N; k++)
        if (!find_in(rul, "article", v[k]->id))
            fail_msg("no ruling from %s (see %s)", v[k]->id, t_tmp("story_claims.json"));
    json_t *r12 = find_in(rul, "article", jstr(a12, "id"));
    assert_string_equal(jstr(r12, "verdict"), "unfounded");
    assert_string_equal(jstr(r12, "date"), "2025-10-14T10:45:00Z");
    /* disagreements: 12 injured against 14 */
    json_t *inj = find_in(json_object_get(story, "disagreements"), "fact", "injured");
    assert_non_null(inj);
    json_t *vals = json_object_get(inj, "values");
    assert_non_null(find_in(vals, "value", "12"));
    assert_non_null(find_in(vals, "value", "14"));
    json_t *tm = find_in(json_object_get(story, "disagreements"), "fact", "time");
    assert_non_null(tm);
    assert_non_null(find_in(json_object_get(tm, "values"), "value", "07:42"));
    assert_non_null(find_in(json_object_get(tm, "values"), "value", "07:50"));
    json_decref(story);
    cx_arena_free(&arena);
    for (size_t k = 0; k < N; k++)
        cx_article_free(v[k]);
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sources),
        cmocka_unit_test(test_stances),
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_samples),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
