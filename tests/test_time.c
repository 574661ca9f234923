/*
 * test_time.c: the dates stage: calendar arithmetic, single expressions, and
 * the fixture file tests/data/time_fixtures.txt (invented news sentences
 * with publication dates), whose value accuracy must reach 0.95.
 *
 * Run as "test_time --bench FILE.jsonl [REPEAT]" it times the dates stage
 * alone over the records of FILE.jsonl ("text" and "published" fields) on
 * one core and prints articles/s (used by bench/time.sh).
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
#include <time.h>

#include "helpers.h"
#include "time/calendar.h"
#include "time/time.h"
#include "time/words.h"
#include "util/date.h"

/* The dates of s published on pub ("" or NULL: unknown). */
static size_t run(cx_arena *a, const char *s, const char *pub, cx_timex **out)
{
    cx_text *t = cx_text_analyze(a, s, strlen(s));
    assert_non_null(t);
    cx_date d;
    memset(&d, 0, sizeof d);
    if (pub && *pub)
        assert_true(cx_date_parse(pub, strlen(pub), &d));
    size_t n = 0;
    assert_true(cx_time_analyze(a, t, &d, "en", out, &n));
    return n;
}

/* The value of the expression whose text is exactly expr, or NULL. */
static const char *value_of(const char *s, const cx_timex *t, size_t n, const char *expr, int *type)
{
    size_t k = strlen(expr);
    for (size_t i = 0; i < n; i++)
        if (t[i].end - t[i].start == k && !memcmp(s + t[i].start, expr, k)) {
            if (type)
                *type = t[i].type;
            return t[i].value;
        }
    return NULL;
}

static void expect(const char *pub, const char *s, const char *expr, const char *value, int type)
{
    cx_arena a;
    cx_arena_init(&a);
    cx_timex *t;
    size_t n = run(&a, s, pub, &t);
    int ty = 0;
    const char *v = value_of(s, t, n, expr, &ty);
    if (!value) { /* nothing may be found */
        assert_int_equal(n, 0);
        cx_arena_free(&a);
        return;
    }
    if (!v)
        fail_msg("\"%s\" not found in \"%s\" (%zu expressions)", expr, s, n);
    assert_string_equal(v, value);
    assert_int_equal(ty, type);
    cx_arena_free(&a);
}

static void test_words_sorted(void **state)
{
    (void)state;
    assert_true(cx_tw_sorted());
    assert_non_null(cx_tw_lookup("sept"));
    assert_null(cx_tw_lookup("sep."));
}

static void test_calendar(void **state)
{
    (void)state;
    char buf[48];
    cx_tpoint p = cx_tp_day(2022, 9, 16);
    assert_int_equal(cx_weekday(cx_days_from_civil(2022, 9, 16)), 5);
    cx_tpoint w = cx_tp_weekday(p, 1, -1);
    cx_tp_format(&w, buf, sizeof buf);
    assert_string_equal(buf, "2022-09-12");
    w = cx_tp_weekday(p, 5, -2); /* strictly before: last Friday */
    cx_tp_format(&w, buf, sizeof buf);
    assert_string_equal(buf, "2022-09-09");
    cx_tpoint q = cx_tp_coarsen(p, CX_G_QUARTER);
    q = cx_tp_shift(q, -1, CX_U_YEAR);
    cx_tp_format(&q, buf, sizeof buf);
    assert_string_equal(buf, "2021-Q3");
    cx_tpoint wk = cx_tp_coarsen(cx_tp_day(2021, 1, 3), CX_G_WEEK); /* a Sunday of 2020-W53 */
    cx_tp_format(&wk, buf, sizeof buf);
    assert_string_equal(buf, "2020-W53");
    cx_tpoint s = cx_tp_coarsen(cx_tp_day(2024, 1, 15), CX_G_SEASON);
    cx_tp_format(&s, buf, sizeof buf);
    assert_string_equal(buf, "2023-WI");
    cx_tpoint m = cx_tp_shift(cx_tp_day(2024, 3, 31), -1, CX_U_MONTH);
    cx_tp_format(&m, buf, sizeof buf);
    assert_string_equal(buf, "2024-02-29");
    cx_tpoint u = cx_tp_day(-1, -1, -1);
    u.g = CX_G_MONTH;
    cx_tp_format(&u, buf, sizeof buf);
    assert_string_equal(buf, "XXXX-XX");
}

static void test_expressions(void **state)
{
    (void)state;
    expect("2022-09-16", "The council voted Monday to close the bridge.", "Monday", "2022-09-12", CX_TIMEX_DATE);
    expect("2022-09-16", "The bridge will reopen Monday.", "Monday", "2022-09-19", CX_TIMEX_DATE);
    expect("2022-09-16", "It was sold three weeks ago.", "three weeks ago", "2022-W34", CX_TIMEX_DATE);
    expect("2022-09-16", "They met on Sept. 14, 2022. The previous day was calm.", "The previous day",
           "2022-09-13", CX_TIMEX_DATE);
    expect("2022-09-16", "It rained for over two years.", "over two years", "P2Y", CX_TIMEX_DURATION);
    expect("2022-09-16", "Boats leave every Monday.", "every Monday", "XXXX-WXX-1", CX_TIMEX_SET);
    expect("2022-09-16", "Plans date from the spring of 2018.", "the spring of 2018", "2018-SP", CX_TIMEX_DATE);
    expect("2022-09-16", "Work started in April 2020.", "April 2020", "2020-04", CX_TIMEX_DATE);
    expect("2022-09-16", "Shares fell last night.", "last night", "2022-09-15TNI", CX_TIMEX_TIME);
    expect("2022-09-16", "It opens at 4 p.m. tomorrow.", "4 p.m. tomorrow", "2022-09-17T16:00", CX_TIMEX_TIME);
    expect("2022-09-16", "Profit rose in the third quarter.", "the third quarter", "2022-Q3", CX_TIMEX_DATE);
    expect("2000-02-24", "Hearings start the week of March 6.", "the week of March 6", "2000-W10", CX_TIMEX_DATE);
    expect("1998-02-27", "The case took 2 1/2 years.", "2 1/2 years", "P2Y6M", CX_TIMEX_DURATION);
    expect("2014-05-24", "Call 693-1481 or drive Highway 1196.", "the", NULL, 0);
    /* the year after a second day is the first day's too */
    expect("2025-10-14", "Engineers examined the ramp on September 17 and 18, 2024.", "September 17", "2024-09-17",
           CX_TIMEX_DATE);
    /* a clock time "on" a day takes that day, not the publication's */
    expect("2025-10-14", "It fell at 7:42 a.m. on Monday, the fire service said.", "7:42 a.m. on Monday",
           "2025-10-13T07:42", CX_TIMEX_TIME);
}

/* Words that look temporal and are not: ages, verbs, fractions, modifiers. */
static void test_nothing(void **state)
{
    (void)state;
    cx_arena a;
    cx_arena_init(&a);
    cx_timex *t;
    size_t n = run(&a, "The 6-year-old boy is safe. He said he would march on.", "2022-09-16", &t);
    assert_int_equal(n, 0);
    n = run(&a, "The fall in prices hurt, and three-quarters of voters agreed.", "2022-09-16", &t);
    assert_int_equal(n, 0);
    n = run(&a, "Prices may rise. A second round is due. Two thousand people came.", "2022-09-16", &t);
    assert_int_equal(n, 0);
    n = run(&a, "The 1996 election was close.", "2022-09-16", &t);
    assert_int_equal(n, 1); /* the year, without "the" */
    assert_string_equal(t[0].value, "1996");
    cx_arena_free(&a);
}

static void test_unknown_publication(void **state)
{
    (void)state;
    expect(NULL, "The bridge closed on Monday.", "Monday", "XXXX-WXX-1", CX_TIMEX_DATE);
    expect(NULL, "Repairs began last month.", "last month", "XXXX-XX", CX_TIMEX_DATE);
    expect(NULL, "The survey was done in June.", "June", "XXXX-06", CX_TIMEX_DATE);
    expect(NULL, "It reopened on 14 September 2022.", "14 September 2022", "2022-09-14", CX_TIMEX_DATE);
}

static void test_other_language(void **state)
{
    (void)state;
    cx_arena a;
    cx_arena_init(&a);
    const char *s = "Le pont a fermé lundi 14 septembre 2022.";
    cx_text *t = cx_text_analyze(&a, s, strlen(s));
    cx_timex *x;
    size_t n = 9;
    assert_true(cx_time_analyze(&a, t, NULL, "fr", &x, &n));
    assert_int_equal(n, 0);
    cx_arena_free(&a);
}

/* analyze --format jsonl: dates[] with every field, byte offsets into the
 * body; a French article has no dates[]; --extract-only leaves it out. */
static void test_json_output(void **state)
{
    (void)state;
    static const char in[] =
        "{\"id\":\"a\",\"published\":\"2022-09-16\",\"language\":\"en\","
        "\"text\":\"Caf\u00e9 owners met Monday. They will meet again in three weeks.\"}\n"
        "{\"id\":\"b\",\"published\":\"2022-09-16\",\"language\":\"fr\","
        "\"text\":\"Les patrons se sont r\u00e9unis lundi 12 septembre 2022.\"}\n";
    t_write(t_tmp("dates.jsonl"), in, sizeof in - 1);
    char args[1024], *out = NULL, *err = NULL;
    snprintf(args, sizeof args, "analyze --no-extract --db :memory: --format jsonl '%s'", t_tmp("dates.jsonl"));
    assert_int_equal(t_run(args, &out, &err), 0);
    char *nl = strchr(out, '\n');
    assert_non_null(nl);
    *nl = 0;
    json_error_t je;
    json_t *a = json_loads(out, 0, &je), *b = json_loads(nl + 1, 0, &je);
    assert_non_null(a);
    assert_non_null(b);
    json_t *d = json_object_get(a, "dates");
    assert_int_equal(json_array_size(d), 2);
    json_t *m = json_array_get(d, 0);
    const char *body = json_string_value(json_object_get(a, "body"));
    json_int_t st = json_integer_value(json_object_get(m, "start")), en = json_integer_value(json_object_get(m, "end"));
    assert_int_equal(st, 17); /* bytes: "Café" is 5 */
    assert_memory_equal(body + st, "Monday", (size_t)(en - st));
    assert_string_equal(json_string_value(json_object_get(m, "text")), "Monday");
    assert_string_equal(json_string_value(json_object_get(m, "type")), "DATE");
    assert_string_equal(json_string_value(json_object_get(m, "value")), "2022-09-12");
    assert_string_equal(json_string_value(json_object_get(m, "precision")), "day");
    assert_int_equal(json_integer_value(json_object_get(m, "sentence")), 0);
    m = json_array_get(d, 1);
    assert_string_equal(json_string_value(json_object_get(m, "text")), "three weeks");
    assert_string_equal(json_string_value(json_object_get(m, "value")), "P3W");
    assert_int_equal(json_integer_value(json_object_get(m, "sentence")), 1);
    assert_null(json_object_get(b, "dates"));
    json_decref(a);
    json_decref(b);
    free(out);
    free(err);
    snprintf(args, sizeof args, "analyze --no-extract --extract-only --db :memory: --format jsonl '%s'",
             t_tmp("dates.jsonl"));
    assert_int_equal(t_run(args, &out, &err), 0);
    assert_null(strstr(out, "\"dates\""));
    free(out);
    free(err);
}

/* One fixture expression. */
typedef struct fx {
    size_t start, end;
    char type[12];
    char value[40];
} fx;

/* Strips [[extent|TYPE|value]] marks from line into text, recording them. */
static size_t parse_marks(const char *line, char *text, size_t cap, fx *marks, size_t max, size_t *nm)
{
    size_t k = 0;
    *nm = 0;
    for (const char *p = line; *p && *p != '\n';) {
        if (p[0] == '[' && p[1] == '[') {
            const char *bar1 = strchr(p, '|');
            const char *bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL;
            const char *close = bar2 ? strstr(bar2, "]]") : NULL;
            assert_non_null(close);
            assert_true(*nm < max);
            fx *m = &marks[(*nm)++];
            m->start = k;
            for (const char *q = p + 2; q < bar1; q++) {
                assert_true(k + 1 < cap);
                text[k++] = *q;
            }
            m->end = k;
            snprintf(m->type, sizeof m->type, "%.*s", (int)(bar2 - bar1 - 1), bar1 + 1);
            snprintf(m->value, sizeof m->value, "%.*s", (int)(close - bar2 - 1), bar2 + 1);
            p = close + 2;
            continue;
        }
        assert_true(k + 1 < cap);
        text[k++] = *p++;
    }
    text[k] = 0;
    return k;
}

static void test_fixtures(void **state)
{
    (void)state;
    size_t len;
    char *data = t_read(t_src("tests/data/time_fixtures.txt"), &len);
    assert_non_null(data);
    size_t total = 0, found = 0, exact = 0, right = 0, typed = 0;
    for (char *line = data, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        if (line[0] == '#' || !line[0])
            continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = 0;
        char text[1024];
        fx marks[16];
        size_t nm;
        parse_marks(tab + 1, text, sizeof text, marks, 16, &nm);
        cx_arena a;
        cx_arena_init(&a);
        cx_timex *t;
        size_t n = run(&a, text, strcmp(line, "-") ? line : NULL, &t);
        for (size_t i = 0; i < nm; i++) {
            total++;
            const cx_timex *best = NULL;
            for (size_t j = 0; j < n; j++)
                if (t[j].start < marks[i].end && t[j].end > marks[i].start) {
                    best = &t[j];
                    break;
                }
            int ok = best && !strcmp(best->value, marks[i].value);
            if (best) {
                found++;
                exact += best->start == marks[i].start && best->end == marks[i].end;
                typed += !strcmp(cx_timex_type_name(best->type), marks[i].type);
            }
            right += ok;
            if (!ok)
                print_message("  miss: %s \"%.*s\" want %s got %s\n", line, (int)(marks[i].end - marks[i].start),
                              text + marks[i].start, marks[i].value, best ? best->value : "(none)");
        }
        cx_arena_free(&a);
    }
    free(data);
    print_message("  fixtures: %zu expressions, found %zu, exact extent %zu, type %zu, value %zu (accuracy %.3f)\n",
                  total, found, exact, typed, right, total ? (double)right / (double)total : 0.0);
    assert_true(total >= 150);
    assert_true((double)right >= 0.95 * (double)total);
    assert_true((double)exact >= 0.90 * (double)total);
}

/* --bench FILE.jsonl [REPEAT]: the dates stage alone, one core. */
static int bench(const char *path, int repeat)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 2;
    }
    size_t cap = 0, n = 0;
    cx_text **texts = NULL;
    cx_date *dates = NULL;
    cx_arena keep;
    cx_arena_init(&keep);
    char *line = NULL;
    size_t lcap = 0;
    uint64_t bytes = 0;
    while (getline(&line, &lcap, f) > 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        const char *s = o ? json_string_value(json_object_get(o, "text")) : NULL;
        if (!s) {
            json_decref(o);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            texts = realloc(texts, cap * sizeof *texts);
            dates = realloc(dates, cap * sizeof *dates);
            if (!texts || !dates)
                return 2;
        }
        size_t len = json_string_length(json_object_get(o, "text"));
        char *copy = cx_arena_strndup(&keep, s, len);
        texts[n] = cx_text_analyze(&keep, copy, len);
        memset(&dates[n], 0, sizeof dates[n]);
        const char *pub = json_string_value(json_object_get(o, "published"));
        if (pub)
            cx_date_parse(pub, strlen(pub), &dates[n]);
        bytes += len;
        n++;
        json_decref(o);
    }
    free(line);
    fclose(f);
    struct timespec t0, t1;
    size_t found = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int r = 0; r < repeat; r++) {
        for (size_t i = 0; i < n; i++) {
            cx_arena a;
            cx_arena_init(&a);
            cx_timex *x;
            size_t k = 0;
            if (!cx_time_analyze(&a, texts[i], &dates[i], "en", &x, &k))
                return 2;
            found += k;
            cx_arena_free(&a);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    double arts = (double)n * repeat;
    printf("dates stage: %zu articles x %d, %zu expressions, %.3f s, %.0f articles/s, %.1f MB/s\n", n, repeat,
           found, secs, arts / secs, (double)bytes * repeat / secs / 1e6);
    free(texts);
    free(dates);
    cx_arena_free(&keep);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "--bench"))
        return bench(argv[2], argc >= 4 ? atoi(argv[3]) : 20);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_sorted),
        cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_expressions),
        cmocka_unit_test(test_nothing),
        cmocka_unit_test(test_unknown_publication),
        cmocka_unit_test(test_other_language),
        cmocka_unit_test(test_json_output),
        cmocka_unit_test(test_fixtures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
