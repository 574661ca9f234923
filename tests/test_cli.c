/*
 * test_cli.c: the chorus command end to end: the samples, a folder of mixed
 * inputs with a broken file, stdin, JSON Lines output, show, extract, usage
 * errors and exit codes.
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
#include <unistd.h>

#include "helpers.h"

static json_t *parse_doc(const char *s)
{
    json_error_t e;
    json_t *d = json_loads(s, 0, &e);
    if (!d)
        fail_msg("output is not JSON: %s (line %d)", e.text, e.line);
    assert_string_equal(json_string_value(json_object_get(d, "chorus")), "1");
    assert_true(json_is_array(json_object_get(d, "articles")));
    return d;
}

/* The article whose "input" ends with suffix. */
static json_t *by_input(json_t *doc, const char *suffix)
{
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(doc, "articles"), i, a) {
        const char *in = json_string_value(json_object_get(a, "input"));
        size_t n = strlen(in), k = strlen(suffix);
        if (n >= k && !strcmp(in + n - k, suffix))
            return a;
    }
    fail_msg("no article from %s", suffix);
    return NULL;
}

static const char *get(json_t *a, const char *key)
{
    return json_string_value(json_object_get(a, key));
}

/* A JSON Lines stream of n_rounds edited replays of the sample feed: enough
 * articles to cross several batches and the job ring. */
static void write_replays(const char *path, int n_rounds)
{
    char *feed = t_read(t_src("samples/feed.jsonl"), NULL);
    assert_non_null(feed);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int k = 0; k < n_rounds; k++) {
        for (char *p = feed, *nl; *p; p = nl + 1) {
            nl = strchr(p, '\n');
            if (!nl)
                nl = p + strlen(p) - 1;
            json_error_t e;
            json_t *o = json_loadb(p, (size_t)(nl - p + 1), 0, &e);
            assert_non_null(o);
            char id[128], text[64];
            snprintf(id, sizeof id, "r%d-%s", k, json_string_value(json_object_get(o, "id")));
            json_object_set_new(o, "id", json_string(id));
            json_object_del(o, "url");
            const char *body = json_string_value(json_object_get(o, "text"));
            if (body && k % 3) { /* two rounds in three edited: near copies, not exact */
                snprintf(text, sizeof text, " Update %d followed.", k);
                char *b = malloc(strlen(body) + sizeof text);
                assert_non_null(b);
                memcpy(b, body, strlen(body) + 1);
                memcpy(b + strlen(b), text, strlen(text) + 1);
                json_object_set_new(o, "text", json_string(b));
                free(b);
            }
            char *line = json_dumps(o, JSON_COMPACT);
            fprintf(f, "%s\n", line);
            free(line);
            json_decref(o);
            if (!nl[1])
                break;
        }
    }
    assert_int_equal(fclose(f), 0);
    free(feed);
}

/* --jobs changes who does the work, not the answer: the same output and the
 * same messages, byte for byte, with bad inputs among the good. */
static void test_jobs_same_output(void **state)
{
    (void)state;
    write_replays(t_tmp("replays.jsonl"), 160); /* 640 articles */
    char args[4096], *out[3], *err[3];
    int rc[3];
    const int jobs[3] = {1, 2, 5};
    for (int i = 0; i < 3; i++) {
        snprintf(args, sizeof args,
                 "analyze --db jobs%d.db --jobs %d --stats stats%d.json --stats-every 100 '%s' '%s' '%s'",
                 jobs[i], jobs[i], jobs[i], t_src("samples"), t_src("tests/bad"), t_tmp("replays.jsonl"));
        rc[i] = t_run(args, &out[i], &err[i]);
    }
    assert_int_equal(rc[0], 1); /* tests/bad holds rejected inputs */
    assert_true(strlen(out[0]) > 100000);
    assert_non_null(strstr(err[0], "tests/bad/"));
    json_t *d = parse_doc(out[0]);
    assert_true(json_array_size(json_object_get(d, "articles")) >= 654);
    json_decref(d);
    for (int i = 1; i < 3; i++) {
        assert_int_equal(rc[i], rc[0]);
        assert_string_equal(out[i], out[0]);
        assert_string_equal(err[i], err[0]);
    }
    for (int i = 0; i < 3; i++) {
        free(out[i]);
        free(err[i]);
    }
    /* the stats: counts, every stage's seconds, a checkpoint every 100 articles */
    json_error_t e;
    char path[64];
    snprintf(path, sizeof path, "stats%d.json", jobs[1]);
    json_t *st = json_load_file(t_tmp(path), 0, &e);
    assert_non_null(st);
    long long n = json_integer_value(json_object_get(st, "articles"));
    assert_true(n >= 654);
    assert_int_equal(json_integer_value(json_object_get(st, "jobs")), 2);
    json_t *stages = json_object_get(st, "stages");
    for (int k = 0; k < CHORUS_STAGE_COUNT; k++)
        assert_true(json_is_real(json_object_get(stages, chorus_stage_name((chorus_stage)k))));
    assert_true(json_real_value(json_object_get(stages, "extract")) > 0);
    assert_int_equal(json_array_size(json_object_get(st, "checkpoints")), (size_t)(n / 100));
    json_decref(st);
}

static void test_samples_end_to_end(void **state)
{
    (void)state;
    char *out, *err, args[4096];
    snprintf(args, sizeof args, "analyze --db :memory: '%s'", t_src("samples"));
    int rc = t_run(args, &out, &err);
    assert_int_equal(rc, 0);
    assert_string_equal(err, "");
    json_t *d = parse_doc(out);
    assert_int_equal(json_array_size(json_object_get(d, "articles")), 14);
    /* Metadata as samples/README.md section 3.1 gives it. */
    json_t *a = by_input(d, "feed.jsonl:1");
    assert_string_equal(get(a, "id"), "feed-001");
    assert_string_equal(get(a, "outlet"), "Meridian Press Agency");
    assert_string_equal(get(a, "published"), "2025-03-10T09:05:00Z");
    a = by_input(d, "channel9-quayside-walkway-collapse.html");
    assert_string_equal(get(a, "outlet"), "Channel 9 News");
    assert_string_equal(get(a, "title"), "Walkway collapse at Quayside ferry terminal leaves 12 injured");
    assert_string_equal(get(a, "published"), "2025-03-10T09:15:00Z"); /* from <time> */
    a = by_input(d, "tidewire-port-ardent-ramp-collapse.html");
    assert_string_equal(get(a, "outlet"), "tidewire.example"); /* canonical URL's host */
    assert_string_equal(get(a, "url"),
                        "https://www.tidewire.example/2025/03/10/port-ardent-ferry-ramp-collapse-12-injured/");
    a = by_input(d, "dailyclarion-ferry-walkway-horror.html"); /* windows-1252 */
    assert_string_equal(get(a, "published"), "2025-03-10T15:40:00Z");
    assert_non_null(strstr(get(a, "body"), "Café owner Renée Holloway"));
    assert_null(json_object_get(a, "repairs"));
    a = by_input(d, "harbourherald-ramp-inspection-never-done.html");
    assert_string_equal(get(a, "published"), "2025-03-11T05:00:00Z"); /* not dateModified */
    a = by_input(d, "crawl.warc.gz@1318");
    assert_string_equal(get(a, "url"),
                        "https://harbourherald.example/news/2025/03/10/quayside-ferry-ramp-collapse-fourteen-treated");
    assert_string_equal(get(a, "published"), "2025-03-10T17:30:00Z"); /* not the WARC-Date */
    assert_string_equal(get(a, "outlet"), "The Harbour Herald");
    a = by_input(d, "feed.jsonl:4"); /* the html field */
    assert_string_equal(get(a, "outlet"), "Channel 9 News");
    a = by_input(d, "saltmarshcourier-greywater-gangway.txt.gz");
    assert_string_equal(get(a, "title"), "Five hurt as gangway collapses at Greywater ferry landing");
    /* Every body is non-empty and offsets-ready: paragraphs separated by one blank line. */
    size_t i;
    json_array_foreach(json_object_get(d, "articles"), i, a) {
        const char *b = get(a, "body");
        assert_true(strlen(b) > 200);
        assert_null(strstr(b, "\n\n\n"));
        assert_true(b[0] != '\n' && b[0] != ' ');
    }
    json_decref(d);
    free(out);
    free(err);
}

static void copy_file(const char *from, const char *to)
{
    size_t n;
    char *b = t_read(from, &n);
    assert_non_null(b);
    t_write(to, b, n);
    free(b);
}

static void test_mixed_folder_with_broken_file(void **state)
{
    (void)state;
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/mixed'", t_tmp_dir());
    assert_int_equal(system(cmd), 0);
    copy_file(t_src("samples/html/channel9-quayside-walkway-collapse.html"), t_tmp("mixed/page.html"));
    copy_file(t_src("samples/text/saltmarshcourier-twelve-hurt-ferry-walkway.txt"), t_tmp("mixed/scraped.txt"));
    copy_file(t_src("samples/text/saltmarshcourier-greywater-gangway.txt.gz"), t_tmp("mixed/scraped2.txt.gz"));
    copy_file(t_src("samples/feed.jsonl"), t_tmp("mixed/feed.jsonl"));
    copy_file(t_src("samples/crawl.warc.gz"), t_tmp("mixed/crawl.warc.gz"));
    const char broken[] = "{\"id\":\"b1\",\"text\":\"A fine article body.\"}\n{\"id\":\"b2\",\"text\":\n";
    t_write(t_tmp("mixed/broken.jsonl"), broken, sizeof broken - 1);
    char *out, *err;
    snprintf(cmd, sizeof cmd, "analyze --db :memory: --compact mixed");
    int rc = t_run(cmd, &out, &err);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(err, "chorus: mixed/broken.jsonl:2: malformed JSON"));
    json_t *d = parse_doc(out);
    /* page, 2 texts, 4 feed lines, 2 WARC responses, and the good line of broken.jsonl */
    assert_int_equal(json_array_size(json_object_get(d, "articles")), 10);
    by_input(d, "broken.jsonl:1");
    by_input(d, "crawl.warc.gz@10759");
    json_decref(d);
    free(out);
    free(err);

    /* --strict stops at the broken file (name order: broken.jsonl comes first). */
    rc = t_run("analyze --db :memory: --strict mixed", &out, &err);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(err, "--strict"));
    free(out);
    free(err);
}

static void test_jsonl_output_stdin_and_show(void **state)
{
    (void)state;
    char *out, *err, args[4096];
    snprintf(args, sizeof args, "analyze --db store.db --format jsonl - < '%s'", t_src("samples/feed.jsonl"));
    assert_int_equal(t_run(args, &out, &err), 0);
    int lines = 0;
    for (char *p = out, *nl; (nl = strchr(p, '\n')); p = nl + 1) {
        *nl = '\0';
        json_error_t e;
        json_t *o = json_loads(p, 0, &e);
        assert_non_null(o);
        assert_non_null(strstr(json_string_value(json_object_get(o, "input")), "<stdin>:"));
        json_decref(o);
        lines++;
    }
    assert_int_equal(lines, 4);
    free(out);
    free(err);
    /* show re-emits the store: same articles, same order, without inputs. */
    char *a1, *a2;
    snprintf(args, sizeof args, "analyze --db show.db -o first.json '%s'", t_src("samples"));
    assert_int_equal(t_run(args, NULL, NULL), 0);
    assert_int_equal(t_run("show --db show.db", &a2, &err), 0);
    a1 = t_read(t_tmp("first.json"), NULL);
    assert_non_null(a1);
    assert_string_equal(a1, a2);
    free(a1);
    free(a2);
    free(err);
    assert_int_equal(t_run("show --db no-such.db", NULL, &err), 2);
    assert_non_null(strstr(err, "no store at no-such.db"));
    free(err);
}

static void test_extract_writes_bodies(void **state)
{
    (void)state;
    char args[4096];
    snprintf(args, sizeof args, "extract -o bodies '%s' '%s'", t_src("samples/html"), t_src("samples/feed.jsonl"));
    assert_int_equal(t_run(args, NULL, NULL), 0);
    char *b = t_read(t_tmp("bodies/channel9-quayside-walkway-collapse.txt"), NULL);
    assert_non_null(b);
    assert_true(strlen(b) > 500);
    free(b);
    b = t_read(t_tmp("bodies/feed-001.txt"), NULL);
    assert_non_null(b);
    assert_non_null(strstr(b, "Port Ardent"));
    free(b);
}

static void test_usage_and_exit_codes(void **state)
{
    (void)state;
    char *out, *err;
    assert_int_equal(t_run("version", &out, NULL), 0);
    assert_non_null(strstr(out, "chorus 0."));
    free(out);
    assert_int_equal(t_run("analyze --help", &out, NULL), 0);
    assert_non_null(strstr(out, "Usage: chorus analyze"));
    free(out);
    assert_int_equal(t_run("extract --help", &out, NULL), 0);
    free(out);
    assert_int_equal(t_run("show --help", &out, NULL), 0);
    free(out);
    assert_int_equal(t_run("analyze --db :memory: --jobs x samples", NULL, &err), 2);
    assert_non_null(strstr(err, "--jobs takes a number of threads"));
    free(err);
    assert_int_equal(t_run("analyze --db :memory: --jobs 999 samples", NULL, &err), 2);
    assert_non_null(strstr(err, "--jobs must be between 0"));
    free(err);
    assert_int_equal(t_run("frobnicate", NULL, &err), 2);
    assert_non_null(strstr(err, "unknown command"));
    free(err);
    assert_int_equal(t_run("analyze --bogus x", NULL, &err), 2);
    assert_non_null(strstr(err, "unknown option '--bogus'"));
    free(err);
    assert_int_equal(t_run("analyze --format xml x", NULL, &err), 2);
    free(err);
    assert_int_equal(t_run("analyze --max-article-bytes 12 x", NULL, &err), 2);
    assert_non_null(strstr(err, "--max-article-bytes must be between"));
    free(err);
    assert_int_equal(t_run("extract x.html", NULL, &err), 2);
    assert_non_null(strstr(err, "-o DIR"));
    free(err);
    assert_int_equal(t_run("analyze --db /nonexistent/dir/x.db x", NULL, &err), 2);
    assert_non_null(strstr(err, "cannot open the store"));
    free(err);
    assert_int_equal(t_run("analyze --db :memory: missing-file.html", &out, &err), 1);
    assert_non_null(strstr(err, "chorus: missing-file.html: cannot open"));
    free(out);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples_end_to_end),
        cmocka_unit_test(test_mixed_folder_with_broken_file),
        cmocka_unit_test(test_jsonl_output_stdin_and_show),
        cmocka_unit_test(test_extract_writes_bodies),
        cmocka_unit_test(test_usage_and_exit_codes),
        cmocka_unit_test(test_jobs_same_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
