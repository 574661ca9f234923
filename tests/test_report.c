/*
 * test_report.c: the HTML report (chorus report, analyze --html), search
 * (chorus search, the schema-3 upgrade of the store) and the CLI views
 * (stories, story): files written, the samples' content inside them, the
 * embedded document intact, and the fields of later stages carried by a
 * fixture we wrote (tests/data/report/story_fields.json, invented events).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const char *db(void) { return t_tmp("report.db"); }

static int setup(void **state)
{
    (void)state;
    char args[4096], *out, *err;
    snprintf(args, sizeof args, "analyze -q --db '%s' -o /dev/null --html '%s' '%s'", db(),
             t_tmp("html"), t_src("samples"));
    remove(db());
    int rc = t_run(args, &out, &err);
    if (rc != 0)
        fprintf(stderr, "%s", err);
    free(out);
    free(err);
    return rc;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* The document embedded in a report page, parsed. */
static json_t *embedded(const char *page)
{
    const char *open = "<script id=\"chorus-data\" type=\"application/json\">";
    const char *a = strstr(page, open);
    assert_non_null(a);
    a += strlen(open);
    const char *b = strstr(a, "</script>");
    assert_non_null(b);
    json_error_t e;
    json_t *doc = json_loadb(a, (size_t)(b - a), 0, &e);
    if (!doc)
        fail_msg("embedded data is not JSON: %s", e.text);
    return doc;
}

static void test_analyze_html_writes_the_report(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/index.html", t_tmp("html"));
    size_t n;
    char *page = t_read(path, &n);
    assert_true(n > 20000);
    /* self-contained: no external script, style sheet or font */
    assert_null(strstr(page, "<script src"));
    assert_null(strstr(page, "<link"));
    assert_null(strstr(page, "@import"));
    /* the template's markers were all replaced */
    assert_null(strstr(page, "@@CSS@@"));
    assert_null(strstr(page, "@@JS@@"));
    assert_null(strstr(page, "@@DATA@@"));
    /* the data cannot close its element early: two </script> (data, code) */
    assert_int_equal(count(page, "</script>"), 2);
    json_t *doc = embedded(page);
    assert_int_equal(json_array_size(json_object_get(doc, "articles")), 14);
    assert_true(json_array_size(json_object_get(doc, "stories")) >= 2);
    assert_true(json_array_size(json_object_get(doc, "copies")) >= 1);
    json_t *s1 = t_find_by(json_object_get(doc, "stories"), "id", "s1");
    assert_non_null(s1);
    assert_string_equal(json_string_value(json_object_get(s1, "title")),
                        "Ferry ramp collapse injures 12 at Port Ardent terminal");
    json_decref(doc);
    free(page);
}

static void test_report_command_matches_show(void **state)
{
    (void)state;
    char args[4096], *out, *err;
    snprintf(args, sizeof args, "report --db '%s' -o '%s'", db(), t_tmp("rep2"));
    assert_int_equal(t_run(args, &out, &err), 0);
    free(out);
    free(err);
    snprintf(args, sizeof args, "show --db '%s'", db());
    json_t *shown = t_run_doc(args);
    char path[4096];
    snprintf(path, sizeof path, "%s/index.html", t_tmp("rep2"));
    char *page = t_read(path, NULL);
    json_t *doc = embedded(page);
    assert_true(json_equal(doc, shown)); /* the page carries exactly what show prints */
    json_decref(doc);
    json_decref(shown);
    free(page);
}

static void test_report_from_fixture_with_story_fields(void **state)
{
    (void)state;
    char args[4096], *out, *err;
    snprintf(args, sizeof args, "report --from '%s' -o '%s'", t_src("tests/data/report/story_fields.json"),
             t_tmp("fixture"));
    assert_int_equal(t_run(args, &out, &err), 0);
    free(out);
    free(err);
    char path[4096];
    snprintf(path, sizeof path, "%s/index.html", t_tmp("fixture"));
    char *page = t_read(path, NULL);
    json_t *doc = embedded(page);
    json_t *st = json_array_get(json_object_get(doc, "stories"), 0);
    const char *fields[] = {"summary", "headline", "coverage", "timeline", "quote_groups", "claims",
                            "disagreements"};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        assert_non_null(json_object_get(st, fields[i]));
    /* non-ASCII text survives the embedding byte for byte */
    json_t *a = t_find_by(json_object_get(doc, "articles"), "id", "fx-1");
    assert_non_null(strstr(json_string_value(json_object_get(a, "body")), "Mayor Zo\xc3\xab Halvard"));
    json_decref(doc);
    free(page);
    /* not a chorus document: refused with a reason */
    snprintf(args, sizeof args, "report --from '%s' -o '%s'", t_src("tests/CMakeLists.txt"), t_tmp("bad"));
    assert_int_equal(t_run(args, &out, &err), 2);
    assert_non_null(strstr(err, "not JSON"));
    free(out);
    free(err);
    assert_int_equal(t_run("report --db /nonexistent.db -o x", &out, &err), 2);
    assert_non_null(strstr(err, "no store"));
    free(out);
    free(err);
}

static json_t *search(const char *q)
{
    char args[4096];
    snprintf(args, sizeof args, "search --json --db '%s' %s", db(), q);
    char *out, *err;
    assert_int_equal(t_run(args, &out, &err), 0);
    json_t *r = json_loads(out, 0, NULL);
    assert_non_null(r);
    free(out);
    free(err);
    return r;
}

static void test_search(void **state)
{
    (void)state;
    json_t *r = search("hinge");
    json_t *hits = json_object_get(r, "results");
    assert_true(json_array_size(hits) >= 2);
    size_t i;
    json_t *h;
    json_array_foreach(hits, i, h) {
        assert_non_null(strstr(json_string_value(json_object_get(h, "snippet")), "[hinge]"));
        assert_true(json_is_string(json_object_get(h, "story")));
    }
    json_decref(r);
    /* a speaker is found through the quotes it said */
    r = search("Brannagh");
    assert_true(json_array_size(json_object_get(r, "results")) >= 3);
    json_decref(r);
    /* prefixes; FTS syntax in the query is taken as words, never an error */
    r = search("inspect*");
    assert_true(json_array_size(json_object_get(r, "results")) >= 2);
    json_decref(r);
    r = search("'\"NEAR( title: OR'");
    assert_true(json_is_array(json_object_get(r, "results")));
    json_decref(r);
    r = search("zzzxqwv");
    assert_int_equal(json_array_size(json_object_get(r, "results")), 0);
    json_decref(r);
}

/* A schema-2 store (no search index) is upgraded in place on open, quotes included. */
static void test_schema_2_upgrade(void **state)
{
    (void)state;
    const char *old = t_tmp("old.db");
    char args[4096], *out, *err;
    remove(old);
    snprintf(args, sizeof args, "analyze -q --db '%s' -o /dev/null '%s'", old, t_src("samples"));
    assert_int_equal(t_run(args, &out, &err), 0);
    free(out);
    free(err);
    sqlite3 *s;
    assert_int_equal(sqlite3_open(old, &s), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s, "DROP TABLE article_fts; UPDATE meta SET value='2' WHERE key='schema'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(s);
    snprintf(args, sizeof args, "search --json --db '%s' Brannagh", old);
    assert_int_equal(t_run(args, &out, &err), 0);
    json_t *r = json_loads(out, 0, NULL);
    assert_true(json_array_size(json_object_get(r, "results")) >= 3);
    json_decref(r);
    free(out);
    free(err);
    assert_int_equal(sqlite3_open(old, &s), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(s, "SELECT value FROM meta WHERE key='schema'", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "3");
    sqlite3_finalize(q);
    sqlite3_close(s);
}

static void test_stories_and_story_views(void **state)
{
    (void)state;
    char args[4096], *out, *err;
    snprintf(args, sizeof args, "stories --db '%s'", db());
    assert_int_equal(t_run(args, &out, &err), 0);
    assert_non_null(strstr(out, "STORY"));
    assert_non_null(strstr(out, "s1"));
    assert_non_null(strstr(out, "Ferry ramp collapse"));
    assert_null(strstr(out, "\033[")); /* no colour when not a terminal */
    free(out);
    free(err);
    snprintf(args, sizeof args, "story --db '%s' s1", db());
    assert_int_equal(t_run(args, &out, &err), 0);
    assert_non_null(strstr(out, "Articles"));
    assert_non_null(strstr(out, "Copies"));
    assert_non_null(strstr(out, "Meridian Press Agency"));
    free(out);
    free(err);
    snprintf(args, sizeof args, "story --json --db '%s' s1", db());
    json_t *v = t_run_doc(args);
    assert_string_equal(json_string_value(json_object_get(json_object_get(v, "story"), "id")), "s1");
    assert_int_equal(json_array_size(json_object_get(v, "articles")),
                     json_array_size(json_object_get(json_object_get(v, "story"), "articles")));
    assert_true(json_array_size(json_object_get(v, "copies")) >= 1);
    json_decref(v);
    snprintf(args, sizeof args, "story --db '%s' s999", db());
    assert_int_equal(t_run(args, &out, &err), 2);
    assert_non_null(strstr(err, "no story"));
    free(out);
    free(err);
    const char *helps[] = {"report", "serve", "stories", "story", "search"};
    for (size_t i = 0; i < 5; i++) {
        snprintf(args, sizeof args, "%s --help", helps[i]);
        assert_int_equal(t_run(args, &out, &err), 0);
        assert_non_null(strstr(out, "Usage: chorus"));
        free(out);
        free(err);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_analyze_html_writes_the_report),
        cmocka_unit_test(test_report_command_matches_show),
        cmocka_unit_test(test_report_from_fixture_with_story_fields),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_schema_2_upgrade),
        cmocka_unit_test(test_stories_and_story_views),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
