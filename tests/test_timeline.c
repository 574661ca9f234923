/*
 * test_timeline.c: the timeline stage: sort keys of TIMEX3 values, merging of
 * invented mentions, and the samples' storyline "Quayside ramp collapse"
 * (samples/README.md 3.9): the rows our dates produce come out merged with
 * the right articles.
 *
 * "test_timeline --print" prints the samples' storyline timeline as JSON.
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

#include "core/article.h"
#include "core/storyview.h"
#include "helpers.h"
#include "report/report.h"
#include "time/timeline.h"

/* Event 1 and event 3: the storyline (A01-A08, A11, A12-A14). */
static const char *const storyline[] = {
    "feed.jsonl:1", "channel9-quayside-walkway-collapse.html", "tidewire-port-ardent-ramp-collapse.html",
    "saltmarshcourier-twelve-hurt-ferry-walkway.txt", "dailyclarion-ferry-walkway-horror.html",
    "crawl.warc.gz@1318", "harbourherald-ramp-inspection-never-done.html", "feed.jsonl:2",
    "vpr-contractor-denies-skipped-inspection.txt", "crawl.warc.gz@10759", "feed.jsonl:4",
    "saltmarshcourier-castellan-inquiry-reaction.txt"};
#define N_STORYLINE (sizeof storyline / sizeof *storyline)

static int print_mode(void)
{
    t_sample_set all, sl;
    t_samples_load(&all);
    t_sample_subset(&all, storyline, N_STORYLINE, &sl);
    cx_arena a;
    cx_arena_init(&a);
    cx_tl_event *ev;
    size_t n;
    if (!cx_timeline_build(&a, (const cx_article *const *)sl.arts, sl.origin, sl.n, &ev, &n))
        return 1;
    for (size_t i = 0; i < sl.n; i++)
        printf("%zu %s %s origin=%d\n", i, sl.inputs[i], sl.arts[i]->id, sl.origin[i]);
    json_t *j = cx_json_timeline(ev, n, (const cx_article *const *)sl.arts);
    char *s = json_dumps(j, JSON_INDENT(1));
    puts(s);
    free(s);
    json_decref(j);
    cx_arena_free(&a);
    t_sample_subset_free(&sl);
    t_samples_free(&all);
    return 0;
}

static void test_keys(void **state)
{
    (void)state;
    int64_t k1, k2;
    int r1, r2;
    assert_true(cx_timeline_key("2025", &k1, &r1));
    assert_true(cx_timeline_key("2025-01", &k2, &r2));
    assert_true(k1 == k2 && r1 < r2);
    assert_true(cx_timeline_key("2025-W08", &k1, &r1)); /* Monday 17 Feb 2025 */
    assert_true(cx_timeline_key("2025-02-17", &k2, &r2));
    assert_true(k1 == k2 && r1 < r2);
    assert_true(cx_timeline_key("2025-W10-WE", &k1, &r1)); /* Saturday 8 Mar */
    assert_true(cx_timeline_key("2025-03-08", &k2, &r2));
    assert_true(k1 == k2 && r1 < r2);
    assert_true(cx_timeline_key("2018-SP", &k1, &r1));
    assert_true(cx_timeline_key("2018-03", &k2, &r2));
    assert_true(k1 == k2 && r1 < r2);
    assert_true(cx_timeline_key("2025-03-10T07:42", &k1, &r1));
    assert_true(cx_timeline_key("2025-03-10T09:05:00Z", &k2, &r2));
    assert_true(k1 < k2 && r1 == 13 && r2 == 14);
    assert_true(cx_timeline_key("2025-03-11TAF", &k1, &r1));
    assert_true(k1 > k2 && r1 == 11);
    assert_true(cx_timeline_key("197", &k1, &r1) && r1 == 2);
    assert_false(cx_timeline_key("PRESENT_REF", &k1, &r1));
    assert_false(cx_timeline_key("XXXX-09", &k1, &r1));
}

/* An invented article through the text and dates stages. */
static cx_article *make(const char *id, const char *outlet, const char *pub, const char *title, const char *body)
{
    cx_article *a = cx_article_new();
    assert_non_null(a);
    a->id = cx_arena_strdup(&a->arena, id);
    a->outlet = cx_arena_strdup(&a->arena, outlet);
    a->title = cx_arena_strdup(&a->arena, title);
    a->body = cx_arena_strdup(&a->arena, body);
    a->body_len = strlen(body);
    assert_true(cx_date_parse(pub, strlen(pub), &a->published));
    cx_date_format(&a->published, a->published_iso);
    a->text = cx_text_analyze(&a->arena, a->body, a->body_len);
    assert_non_null(a->text);
    assert_true(cx_time_analyze(&a->arena, a->text, &a->published, "en", &a->dates, &a->n_dates));
    return a;
}

/* The first event of kind "event" dated value whose articles include every
 * index of want (n_want of them); NULL when none. */
static const cx_tl_event *find_event(const cx_tl_event *ev, size_t n, const char *value, const size_t *want,
                                     size_t n_want)
{
    for (size_t i = 0; i < n; i++) {
        if (ev[i].kind != CX_TL_EVENT || strcmp(ev[i].date, value))
            continue;
        size_t got = 0;
        for (size_t w = 0; w < n_want; w++)
            for (uint32_t k = 0; k < ev[i].n_arts; k++)
                got += ev[i].arts[k] == want[w];
        if (got == n_want)
            return &ev[i];
    }
    return NULL;
}

static void test_invented(void **state)
{
    (void)state;
    cx_article *arts[3];
    arts[0] = make("x1", "Lakeside Post", "2024-05-06T08:00:00Z", "Bridge closed",
                   "The Millbrook footbridge was closed on Sunday after engineers found a cracked beam. "
                   "It opened in 1988. The council said the bridge would stay shut for weeks.");
    arts[1] = make("x2", "Valley Radio", "2024-05-06T11:30:00Z", "Footbridge shut over crack",
                   "Engineers found a cracked beam on the Millbrook footbridge, which was closed on Sunday. "
                   "A cycling race is planned for June 2024.");
    arts[2] = make("x3", "Lakeside Post", "2024-05-06T12:00:00Z", "Bridge closed (update)",
                   "The Millbrook footbridge was closed on Sunday after engineers found a cracked beam. "
                   "It opened in 1988. The council said the bridge would stay shut for weeks.");
    int origin[3] = {-1, -1, 0}; /* x3 copies x1 */
    cx_arena a;
    cx_arena_init(&a);
    cx_tl_event *ev;
    size_t n;
    assert_true(cx_timeline_build(&a, (const cx_article *const *)arts, origin, 3, &ev, &n));
    /* 1988, 2024-05-05 (closure, merged), 2024-06 (race), three publications */
    assert_int_equal(n, 6);
    assert_string_equal(ev[0].date, "1988");
    assert_string_equal(ev[0].precision, "year");
    assert_int_equal(ev[0].n_arts, 2);
    assert_int_equal(ev[0].n_sources, 1); /* x3 is a copy of x1 */
    assert_string_equal(ev[1].date, "2024-05-05");
    assert_int_equal(ev[1].n_arts, 3);
    assert_int_equal(ev[1].n_sources, 2);
    assert_non_null(strstr(ev[1].text, "closed on Sunday"));
    assert_int_equal(ev[2].kind, CX_TL_PUBLISHED);
    assert_string_equal(ev[2].text, "Bridge closed");
    assert_int_equal(ev[3].kind, CX_TL_PUBLISHED);
    assert_int_equal(ev[4].kind, CX_TL_PUBLISHED);
    assert_string_equal(ev[5].date, "2024-06");
    assert_int_equal(ev[5].n_arts, 1);
    assert_int_equal(ev[5].arts[0], 1);
    /* sorted, coarse first at the same start */
    for (size_t i = 1; i < n; i++)
        assert_true(ev[i - 1].key < ev[i].key || (ev[i - 1].key == ev[i].key && ev[i - 1].rank <= ev[i].rank));
    json_t *j = cx_json_timeline(ev, n, (const cx_article *const *)arts);
    assert_non_null(j);
    json_t *e1 = json_array_get(j, 1);
    assert_string_equal(json_string_value(json_object_get(e1, "kind")), "event");
    assert_int_equal(json_array_size(json_object_get(e1, "articles")), 3);
    assert_int_equal(json_array_size(json_object_get(e1, "outlets")), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(j, 2), "kind")), "published");
    json_decref(j);
    cx_arena_free(&a);
    for (int i = 0; i < 3; i++)
        cx_article_free(arts[i]);
}

/* samples/README.md 3.9: the storyline's rows our dates produce. */
static void test_samples_storyline(void **state)
{
    (void)state;
    t_sample_set all, sl;
    t_samples_load(&all);
    t_sample_subset(&all, storyline, N_STORYLINE, &sl);
    assert_int_equal(sl.n, 12);
    size_t A[15];
    for (size_t i = 0; i < 12; i++)
        A[i < 9 ? (i < 8 ? i + 1 : 11) : i + 3] = t_sample_index(&sl, storyline[i]);
    /* A01..A08 = storyline[0..7], A11 = [8], A12..A14 = [9..11] */
    cx_arena a;
    cx_arena_init(&a);
    cx_tl_event *ev;
    size_t n;
    assert_true(cx_timeline_build(&a, (const cx_article *const *)sl.arts, sl.origin, sl.n, &ev, &n));

    const size_t y1997[] = {A[1], A[6], A[12], A[13]};
    assert_non_null(find_event(ev, n, "1997", y1997, 4));
    const size_t sp2018[] = {A[2], A[5]};
    assert_non_null(find_event(ev, n, "2018-SP", sp2018, 2));
    const size_t apr2020[] = {A[1], A[3], A[4], A[6], A[13]};
    const cx_tl_event *e = find_event(ev, n, "2020-04", apr2020, 5);
    assert_non_null(e);
    assert_int_equal(e->n_arts, 5);
    assert_int_equal(e->n_sources, 3); /* A03 and A04 copy A01 */
    assert_string_equal(e->precision, "month");
    const size_t feb2025[] = {A[2], A[5]};
    assert_non_null(find_event(ev, n, "2025-02", feb2025, 2));
    const size_t collapse[] = {A[1], A[2], A[3], A[4], A[5], A[6]};
    e = find_event(ev, n, "2025-03-10", collapse, 6);
    assert_non_null(e);
    assert_non_null(strstr(e->text, "collapsed"));
    const size_t at742[] = {A[1], A[2], A[3], A[4], A[5]};
    assert_non_null(find_event(ev, n, "2025-03-10T07:42", at742, 5));
    const size_t resume[] = {A[8], A[11]};
    assert_non_null(find_event(ev, n, "2025-03-13", resume, 2));
    const size_t june[] = {A[12], A[13], A[14]};
    assert_non_null(find_event(ev, n, "2025-06", june, 3));
    const size_t inquiry[] = {A[12], A[13], A[14]};
    e = find_event(ev, n, "2025-10-14", inquiry, 3);
    assert_non_null(e);
    assert_non_null(strstr(e->text, "Inquiry"));
    const size_t w41[] = {A[14]};
    assert_non_null(find_event(ev, n, "2025-W41", w41, 1));
    const size_t jan2026[] = {A[13]};
    assert_non_null(find_event(ev, n, "2026-01", jan2026, 1));
    const size_t y2026[] = {A[12], A[14]};
    assert_non_null(find_event(ev, n, "2026", y2026, 2));
    /* every article's publication, and the whole sorted */
    size_t pubs = 0;
    for (size_t i = 0; i < n; i++) {
        pubs += ev[i].kind == CX_TL_PUBLISHED;
        if (i)
            assert_true(ev[i - 1].key < ev[i].key || (ev[i - 1].key == ev[i].key && ev[i - 1].rank <= ev[i].rank));
        assert_true(ev[i].kind == CX_TL_PUBLISHED || strchr(ev[i].date, 'X') == NULL);
    }
    assert_int_equal(pubs, 12);
    cx_arena_free(&a);
    t_sample_subset_free(&sl);
    t_samples_free(&all);
}

/* A storyline from its stories' views gives the timeline of the union. */
static void test_views(void **state)
{
    (void)state;
    t_sample_set all, sl, e1, e3;
    t_samples_load(&all);
    t_sample_subset(&all, storyline, N_STORYLINE, &sl);
    t_sample_subset(&all, storyline, 9, &e1);      /* event 1: A01-A08, A11 */
    t_sample_subset(&all, storyline + 9, 3, &e3);  /* event 3: A12-A14 */
    cx_story_view v1, v3;
    memset(&v1, 0, sizeof v1);
    memset(&v3, 0, sizeof v3);
    cx_story_member m1[9], m3[3];
    for (size_t i = 0; i < e1.n; i++)
        m1[i] = (cx_story_member){e1.arts[i], e1.origin[i], 0};
    for (size_t i = 0; i < e3.n; i++)
        m3[i] = (cx_story_member){e3.arts[i], e3.origin[i], 0};
    v1.members = m1;
    v1.n_members = e1.n;
    v3.members = m3;
    v3.n_members = e3.n;
    const cx_story_view *views[2] = {&v3, &v1}; /* any order */
    cx_arena a;
    cx_arena_init(&a);
    cx_tl_event *ev, *ref;
    size_t n, n_ref, n_arts;
    const cx_article **arts;
    assert_true(cx_timeline_build_views(&a, views, 2, &ev, &n, &arts, &n_arts));
    assert_true(cx_timeline_build(&a, (const cx_article *const *)sl.arts, sl.origin, sl.n, &ref, &n_ref));
    assert_int_equal(n_arts, 12);
    for (size_t i = 0; i < n_arts; i++)
        assert_ptr_equal(arts[i], sl.arts[i]); /* publication order */
    assert_int_equal(n, n_ref);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(ev[i].date, ref[i].date);
        assert_int_equal(ev[i].n_arts, ref[i].n_arts);
        assert_int_equal(ev[i].n_sources, ref[i].n_sources);
    }
    cx_arena_free(&a);
    t_sample_subset_free(&e1);
    t_sample_subset_free(&e3);
    t_sample_subset_free(&sl);
    t_samples_free(&all);
}

/* Through chorus analyze: each story's timeline, and the storyline's over
 * its stories (events 1 and 3 of the samples). */
static void test_cli(void **state)
{
    (void)state;
    char args[1024];
    snprintf(args, sizeof args, "analyze --db :memory: --compact --quiet '%s'", t_src("samples"));
    json_t *doc = t_run_doc(args);
    json_t *lines = json_object_get(doc, "storylines"), *line = NULL, *l;
    size_t i;
    json_array_foreach(lines, i, l) if (json_array_size(json_object_get(l, "stories")) == 2) line = l;
    assert_non_null(line);
    json_t *tl = json_object_get(line, "timeline"), *e;
    assert_true(json_is_array(tl));
    size_t pubs = 0, inquiry = 0, y1997 = 0;
    const char *prev = "";
    json_array_foreach(tl, i, e) {
        const char *kind = json_string_value(json_object_get(e, "kind"));
        const char *date = json_string_value(json_object_get(e, "date"));
        assert_non_null(kind);
        assert_non_null(date);
        assert_non_null(json_string_value(json_object_get(e, "precision")));
        pubs += !strcmp(kind, "published");
        if (!strcmp(kind, "event") && !strcmp(date, "2025-10-14") &&
            json_array_size(json_object_get(e, "articles")) >= 3)
            inquiry++;
        if (!strcmp(kind, "event") && !strcmp(date, "1997") && json_array_size(json_object_get(e, "outlets")) >= 4)
            y1997++;
        if (date[0] != 'X' && strlen(prev) >= 4 && strlen(date) >= 4)
            assert_true(strncmp(prev, date, 4) <= 0); /* years never go back */
        prev = date;
    }
    assert_int_equal(pubs, 12);
    assert_int_equal(inquiry, 1);
    assert_int_equal(y1997, 1);
    json_t *st;
    json_array_foreach(json_object_get(doc, "stories"), i, st) assert_true(json_is_array(json_object_get(st, "timeline")));
    json_decref(doc);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--print"))
        return print_mode();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_invented),
        cmocka_unit_test(test_samples_storyline),
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_cli),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
