/*
 * test_copies.c: the copies stage: kinds, origins, chains, quote-sharing
 * independent reports, incremental runs, and the samples' answers.
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

#include "dedup/dedup.h"
#include <sqlite3.h>
#include "helpers.h"

/* A paragraph of n pseudo-random words (seeded): text no two seeds share. */
static void para(char *out, size_t cap, unsigned seed, int n)
{
    static const char *const w[] = {
        "council", "harbour", "bridge", "report", "officials", "ferry", "morning", "workers",
        "engineer", "repairs", "budget", "minister", "residents", "inquiry", "contract",
        "weeks", "transport", "station", "planning", "safety", "crossing", "north", "south",
        "river", "traffic", "schedule", "delays", "company", "inspection", "steel", "concrete",
        "mayor", "union", "statement", "evidence", "records", "vote", "meeting", "district",
        "island", "passengers", "crew", "police", "hospital", "school", "market", "tax",
        "water", "power", "storm", "coast", "village", "road", "rail", "airport", "court"};
    size_t k = 0;
    unsigned x = seed * 2654435761u + 12345u;
    for (int i = 0; i < n && k + 32 < cap; i++) {
        x = x * 1103515245u + 12345u;
        k += (size_t)snprintf(out + k, cap - k, "%s%s", i ? " " : "", w[(x >> 16) % (sizeof w / sizeof w[0])]);
        if (i % 12 == 11)
            k += (size_t)snprintf(out + k, cap - k, ".");
    }
    snprintf(out + k, cap - k, ".");
}

/* One JSON Lines record. */
static void record(FILE *f, const char *id, const char *outlet, const char *published,
                   const char *text)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", id, "outlet", outlet, "published",
                          published, "title", id, "text", text);
    char *s = json_dumps(o, JSON_COMPACT);
    fprintf(f, "%s\n", s);
    free(s);
    json_decref(o);
}

static json_t *run_doc(const char *args) { return t_run_doc(args); }

/* The copy entry of an id, or NULL. */
static json_t *copy_of(json_t *doc, const char *id) { return t_find_by(json_object_get(doc, "copies"), "copy", id); }

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void test_kinds_origins_and_not_copies(void **state)
{
    (void)state;
    static char p[8][2048], t[16384];
    for (int i = 0; i < 8; i++)
        para(p[i], sizeof p[i], (unsigned)i + 1, 70);
    const char *quote = "\\u201cWe will rebuild this bridge stone by stone and we will not rest until "
                        "every family on the north bank can cross the river again safely, whatever "
                        "it costs and however long it takes,\\u201d the mayor said.";
    FILE *f = fopen(t_tmp("copies.jsonl"), "w");
    assert_non_null(f);
    /* w1: the wire story; w2: the same word for word at another outlet (exact);
     * w3: a few words changed (near); w4: trimmed to its first half, crediting
     * the wire (syndicated); w5 copies w4 again, trimmed further (a chain). */
    snprintf(t, sizeof t, "%s\n\n%s\n\n%s\n\n%s", p[0], p[1], p[2], p[3]);
    record(f, "w1", "Wire Service", "2025-01-01T08:00:00Z", t);
    record(f, "w2", "Daily One", "2025-01-01T09:00:00Z", t);
    static char edited[16384];
    snprintf(edited, sizeof edited, "%s", t);
    char *x = strstr(edited, "council");
    if (x)
        memcpy(x, "cabinet", 7);
    record(f, "w3", "Daily Two", "2025-01-01T10:00:00Z", edited);
    snprintf(t, sizeof t, "%s\n\n%s\n\nWith files from Wire Service", p[0], p[1]);
    record(f, "w4", "Daily Three", "2025-01-01T11:00:00Z", t);
    snprintf(t, sizeof t, "%s", p[0]);
    record(f, "w5", "Daily Four", "2025-01-01T12:00:00Z", t);
    /* i1, i2: independent reports sharing a long quotation and nothing else
     * (the quote is decoded from JSON so that its curly marks are real). */
    static char q1[8192], q2[8192], line[4096];
    json_error_t e;
    snprintf(line, sizeof line, "{\"id\":\"i1\",\"outlet\":\"Paper A\",\"published\":\"2025-01-01\",\"text\":\"%s\"}", quote);
    json_t *jq = json_loads(line, 0, &e);
    assert_non_null(jq);
    const char *qtext = json_string_value(json_object_get(jq, "text"));
    snprintf(q1, sizeof q1, "%s\n\n%s\n\n%s", p[4], qtext, p[5]);
    snprintf(q2, sizeof q2, "%s\n\n%s\n\n%s", p[6], qtext, p[7]);
    record(f, "i1", "Paper A", "2025-01-02", q1);
    record(f, "i2", "Paper B", "2025-01-02", q2);
    json_decref(jq);
    fclose(f);

    json_t *d = run_doc("analyze --db :memory: --compact copies.jsonl");
    json_t *c;
    assert_non_null(c = copy_of(d, "w2"));
    assert_string_equal(str(c, "kind"), "exact");
    assert_string_equal(str(c, "origin"), "w1");
    assert_non_null(c = copy_of(d, "w3"));
    assert_string_equal(str(c, "kind"), "near");
    assert_string_equal(str(c, "origin"), "w1");
    assert_non_null(c = copy_of(d, "w4"));
    assert_string_equal(str(c, "kind"), "syndicated");
    assert_string_equal(str(c, "origin"), "w1");
    assert_non_null(c = copy_of(d, "w5"));
    assert_string_equal(str(c, "origin"), "w1"); /* the chain resolves to the wire story */
    assert_null(copy_of(d, "w1"));
    assert_null(copy_of(d, "i1"));
    assert_null(copy_of(d, "i2"));
    assert_int_equal(json_array_size(json_object_get(d, "copies")), 4);
    json_decref(d);
}

/* One handle, two runs, each writing the JSON document: the first run's
 * story output frees the copies index and the stories stage's state (they
 * are not needed to write it), so the second run reloads both from the
 * store: its copy is still found, and joins its origin's story. */
static json_t *handle_run(chorus *c, const char *input, const char *doc)
{
    FILE *f = fopen(t_tmp(doc), "w");
    assert_non_null(f);
    chorus_set_output(c, f, CHORUS_OUT_JSON | CHORUS_OUT_COMPACT);
    assert_int_equal(chorus_add_input(c, t_tmp(input)), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    chorus_set_output(c, NULL, CHORUS_OUT_NONE);
    fclose(f);
    json_error_t e;
    json_t *d = json_load_file(t_tmp(doc), 0, &e);
    assert_non_null(d);
    return d;
}

static void test_second_run_on_one_handle(void **state)
{
    (void)state;
    static char p[4][2048], t[16384];
    for (int i = 0; i < 4; i++)
        para(p[i], sizeof p[i], (unsigned)i + 21, 70);
    snprintf(t, sizeof t, "%s\n\n%s\n\n%s\n\n%s", p[0], p[1], p[2], p[3]);
    FILE *f = fopen(t_tmp("run1.jsonl"), "w");
    assert_non_null(f);
    record(f, "r1", "Wire Service", "2025-02-01T08:00:00Z", t);
    fclose(f);
    f = fopen(t_tmp("run2.jsonl"), "w");
    assert_non_null(f);
    record(f, "r2", "Daily One", "2025-02-01T09:00:00Z", t);
    fclose(f);
    t_result r;
    chorus *c = t_engine(&r, ":memory:");
    json_t *d1 = handle_run(c, "run1.jsonl", "run1.json");
    assert_int_equal(json_array_size(json_object_get(d1, "copies")), 0);
    json_t *d2 = handle_run(c, "run2.jsonl", "run2.json");
    json_t *cp = copy_of(d2, "r2");
    assert_non_null(cp);
    assert_string_equal(str(cp, "origin"), "r1");
    assert_string_equal(str(cp, "kind"), "exact");
    json_t *stories = json_object_get(d2, "stories");
    assert_int_equal(json_array_size(stories), 1); /* r2's story is r1's */
    json_t *arts = json_object_get(json_array_get(stories, 0), "articles");
    assert_int_equal(json_array_size(arts), 2);
    assert_int_equal(chorus_get_stats(c).added, 2);
    json_decref(d1);
    json_decref(d2);
    t_result_free(&r);
    chorus_free(c);
}

static void test_samples_copies(void **state)
{
    (void)state;
    char args[4096];
    /* Incremental: pages and texts first, then the feed holding the wire origin. */
    snprintf(args, sizeof args, "analyze --db samples.db --compact '%s' '%s'",
             t_src("samples/html"), t_src("samples/text"));
    json_t *d1 = run_doc(args);
    json_decref(d1);
    snprintf(args, sizeof args, "analyze --db samples.db --compact '%s' '%s'",
             t_src("samples/feed.jsonl"), t_src("samples/crawl.warc.gz"));
    json_t *d = run_doc(args);
    /* samples/README.md 3.3: A03 (Tidewire) and A04 (Courier) copy the wire story
     * A01 (feed-001); A05 (Daily Clarion) rewrites A02 (Channel 9); the independent
     * reports sharing the mayor's quote are not copies. */
    json_t *all = run_doc("show --db samples.db --compact");
    json_t *copies = json_object_get(all, "copies");
    assert_int_equal(json_array_size(copies), 3);
    size_t i;
    json_t *c, *a;
    const char *a02 = NULL, *a05 = NULL;
    json_array_foreach(json_object_get(all, "articles"), i, a) {
        if (strstr(str(a, "input"), "channel9-quayside"))
            a02 = str(a, "id");
        if (strstr(str(a, "input"), "dailyclarion"))
            a05 = str(a, "id");
    }
    assert_non_null(a02);
    assert_non_null(a05);
    int wire = 0, rewrite = 0;
    json_array_foreach(copies, i, c) {
        if (!strcmp(str(c, "origin"), "feed-001")) {
            assert_string_equal(str(c, "kind"), "syndicated");
            assert_true(json_integer_value(json_object_get(c, "aligned")) >= 12);
            wire++;
        } else {
            assert_string_equal(str(c, "origin"), a02);
            assert_string_equal(str(c, "copy"), a05);
            assert_string_equal(str(c, "kind"), "rewrite");
            json_t *pairs = json_object_get(c, "pairs");
            assert_int_equal(json_array_size(pairs), json_integer_value(json_object_get(c, "aligned")));
            assert_true(json_array_size(pairs) >= 6);
            /* in order on both sides */
            for (size_t k = 1; k < json_array_size(pairs); k++) {
                json_t *p0 = json_array_get(pairs, k - 1), *p1 = json_array_get(pairs, k);
                assert_true(json_integer_value(json_array_get(p1, 0)) > json_integer_value(json_array_get(p0, 0)));
                assert_true(json_integer_value(json_array_get(p1, 1)) > json_integer_value(json_array_get(p0, 1)));
            }
            rewrite++;
        }
    }
    assert_int_equal(wire, 2);
    assert_int_equal(rewrite, 1);
    /* The second run reports the copy groups that involve its articles (the
     * wire origin's group, not the rewrite's). */
    assert_int_equal(json_array_size(json_object_get(d, "copies")), 2);
    json_decref(d);
    json_decref(all);
}

/* An article with its text layer and fingerprint built from body. */
static cx_article *fp_article(const char *body)
{
    cx_article *a = cx_article_new();
    assert_non_null(a);
    a->body = cx_arena_strndup(&a->arena, body, strlen(body));
    a->body_len = strlen(body);
    assert_non_null(a->text = cx_text_analyze(&a->arena, a->body, a->body_len));
    assert_non_null(a->fp = cx_arena_alloc(&a->arena, sizeof *a->fp));
    assert_true(cx_fingerprint_make(a, a->fp));
    return a;
}

static void test_index_window_and_signatures(void **state)
{
    (void)state;
    enum { N = 40, WINDOW = 10 };
    static char body[8192];
    cx_copy_index *ix = cx_copy_index_new(WINDOW);
    assert_non_null(ix);
    cx_article *first = NULL;
    for (int i = 0; i < N; i++) {
        para(body, sizeof body, (unsigned)(100 + i), 80);
        cx_article *a = fp_article(body);
        assert_true(a->fp->n_keys == CX_KEYS);
        /* each article finds itself once added, and nothing unrelated */
        assert_true(cx_copy_index_add(ix, i + 1, a->fp));
        cx_candidate c[64];
        size_t n = cx_copy_index_candidates(ix, a->fp, c, 64);
        assert_true(n >= 1);
        assert_int_equal(c[0].seq, i + 1);
        assert_int_equal(c[0].shared, a->fp->n_keys + a->fp->n_rkeys);
        if (i == 0)
            first = a;
        else
            cx_article_free(a);
    }
    /* the window holds at most WINDOW articles; the first has left it */
    assert_true(cx_copy_index_count(ix) <= WINDOW);
    cx_candidate c[64];
    size_t n = cx_copy_index_candidates(ix, first->fp, c, 64);
    for (size_t k = 0; k < n; k++)
        assert_true(c[k].seq != 1);

    /* the stored form reads back the same keys and sentence sets */
    size_t sz = cx_fp_sig_size(first->fp);
    unsigned char *blob = malloc(sz);
    uint16_t *dst = malloc(sz);
    assert_non_null(blob);
    assert_non_null(dst);
    cx_fp_sig_write(first->fp, blob);
    cx_fingerprint back;
    memset(&back, 0, sizeof back);
    assert_true(cx_fp_sig_read(&back, blob, sz, dst));
    assert_int_equal(back.n_keys, first->fp->n_keys);
    assert_memory_equal(back.keys, first->fp->keys, sizeof back.keys);
    assert_int_equal(back.n_sents, first->fp->n_sents);
    assert_memory_equal(back.sent_off, first->fp->sent_off, (back.n_sents + 1u) * sizeof *back.sent_off);
    /* a sentence aligns with itself everywhere */
    assert_int_equal(cx_align(&back, first->fp, NULL), cx_signed_sentences(first->fp));
    /* damaged blobs are refused, not read past their end */
    assert_false(cx_fp_sig_read(&back, blob, sz - 1, dst));
    blob[0] = 'X';
    assert_false(cx_fp_sig_read(&back, blob, sz, dst));
    free(blob);
    free(dst);
    cx_article_free(first);
    cx_copy_index_free(ix);
}

static void test_rewrite_alignment(void **state)
{
    (void)state;
    const char *orig =
        "Twelve people were injured when a footbridge collapsed at Marrow Creek on Monday morning, "
        "police said.\n\nThe steel bridge gave way at 8:15 a.m. as children walked to Linden Primary "
        "School. Witnesses described a loud bang before the span dropped into the creek.\n\n"
        "Inspector Rhona Vale said four children had been taken to Marrow General Hospital with "
        "broken bones.\n\nThe bridge was built in 1988 and repaired in June 2019, council records "
        "show.\n\nMayor Tomas Quill promised an inquiry into the collapse and its causes.";
    const char *rew =
        "Twelve people were hurt after a footbridge collapsed at Marrow Creek on Monday morning, "
        "according to police.\n\nThe steel bridge failed at 8:15 a.m. while children walked to "
        "Linden Primary School. Onlookers described a loud bang before the span plunged into the "
        "creek.\n\nFour children were taken to Marrow General Hospital with broken bones, Inspector "
        "Rhona Vale said.\n\nCouncil records show the bridge was built in 1988 and repaired in June "
        "2019.\n\nMayor Tomas Quill vowed an inquiry into the collapse and its causes.";
    const char *other =
        "A footbridge over Marrow Creek fell on Monday. Police counted twelve injured.\n\n"
        "Parents gathered at Linden Primary School while rescue teams searched the water.\n\n"
        "The council has not said when the bridge was last inspected.\n\n"
        "Residents have complained about the crossing for years, one neighbour told reporters.";
    cx_article *a = fp_article(orig), *b = fp_article(rew), *c = fp_article(other);
    uint16_t pairs[CX_MAX_SENTS][2];
    cx_copy_match m = {.pairs = pairs};
    cx_copy_classify(b->fp, a->fp, &m);
    assert_int_equal(m.kind, CX_COPY_REWRITE);
    assert_true(m.aligned >= 5);
    assert_int_equal(m.n_pairs, m.aligned);
    assert_int_equal(pairs[0][0], 0);
    assert_int_equal(pairs[0][1], 0);
    /* an independent report of the same event is not a copy */
    cx_copy_classify(c->fp, a->fp, &m);
    assert_int_equal(m.kind, CX_COPY_NONE);
    cx_article_free(a);
    cx_article_free(b);
    cx_article_free(c);
}

/* A store written by schema 1 (LSH bands in SQL) is upgraded when opened:
 * its articles and relations stay, new articles are compared as usual. */
static void test_store_upgrade_from_schema_1(void **state)
{
    (void)state;
    const char *path = t_tmp("v1.db");
    remove(path);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    const char *v1 =
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES('schema','1');"
        "CREATE TABLE article(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, input TEXT NOT NULL,"
        " outlet TEXT, url TEXT, url_key TEXT, body_key BLOB NOT NULL, published TEXT,"
        " published_epoch INTEGER, published_precision INTEGER, language TEXT, title TEXT,"
        " byline TEXT, body TEXT NOT NULL, repairs INTEGER NOT NULL DEFAULT 0, credits TEXT,"
        " added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
        "CREATE TABLE fingerprint(seq INTEGER PRIMARY KEY, mh BLOB NOT NULL, shingles INTEGER NOT NULL,"
        " credit TEXT, body_hash INTEGER NOT NULL);"
        "CREATE TABLE band(key INTEGER NOT NULL, seq INTEGER NOT NULL);"
        "CREATE TABLE copy_edge(a INTEGER NOT NULL, b INTEGER NOT NULL, kind INTEGER NOT NULL,"
        " similarity REAL NOT NULL, PRIMARY KEY(a, b));"
        "INSERT INTO article(seq, id, input, body_key, body) VALUES(1, 'old1', 'x', x'00', 'one'),"
        " (2, 'old2', 'y', x'01', 'two');"
        "INSERT INTO copy_edge VALUES(1, 2, 2, 0.9);";
    assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char args[1024];
    snprintf(args, sizeof args, "show --db '%s' --compact", path);
    json_t *d = run_doc(args);
    json_t *copies = json_object_get(d, "copies");
    assert_int_equal(json_array_size(copies), 1);
    assert_string_equal(str(json_array_get(copies, 0), "copy"), "old2");
    json_decref(d);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key='schema'", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    /* upgraded on through schema 3 (the search index, src/store/search.c) */
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "3");
    sqlite3_finalize(q);
    sqlite3_close(db);
}

static void test_credit_matching(void **state)
{
    (void)state;
    assert_true(cx_credits("mpa", "Meridian Press Agency"));
    assert_true(cx_credits("meridian press agency", "Meridian Press Agency"));
    assert_false(cx_credits("mpa", "Channel 9 News"));
    assert_false(cx_credits("", "Meridian Press Agency"));
    assert_false(cx_credits(NULL, "x"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds_origins_and_not_copies),
        cmocka_unit_test(test_samples_copies),
        cmocka_unit_test(test_second_run_on_one_handle),
        cmocka_unit_test(test_credit_matching),
        cmocka_unit_test(test_index_window_and_signatures),
        cmocka_unit_test(test_rewrite_alignment),
        cmocka_unit_test(test_store_upgrade_from_schema_1),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
