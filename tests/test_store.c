/*
 * test_store.c: the SQLite store: reruns add nothing, identity by URL or by
 * outlet + body, id collisions, and a kill -9 in the middle of an ingest
 * leaving a consistent store that a rerun completes without duplicates, and
 * raw inputs kept compressed that read back byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "helpers.h"

static chorus_stats run_into(const char *db, const char *input, t_result *r)
{
    chorus *c = t_engine(r, db);
    assert_int_equal(chorus_add_input(c, input), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    chorus_stats s = chorus_get_stats(c);
    chorus_free(c);
    return s;
}

static void test_rerun_adds_nothing(void **state)
{
    (void)state;
    const char *db = t_tmp("samples.db");
    t_result r1, r2;
    chorus_stats s1 = run_into(db, t_src("samples"), &r1);
    assert_int_equal(s1.articles, 14);
    assert_int_equal(s1.added, 14);
    assert_int_equal(s1.known, 0);
    chorus_stats s2 = run_into(db, t_src("samples"), &r2);
    assert_int_equal(s2.articles, 14);
    assert_int_equal(s2.added, 0);
    assert_int_equal(s2.known, 14);
    assert_int_equal(r1.n_articles, r2.n_articles);
    for (int i = 0; i < r1.n_articles; i++)
        assert_string_equal(r1.json[i], r2.json[i]); /* same ids, same output */
    t_result_free(&r1);
    t_result_free(&r2);
}

static void test_identity_rules(void **state)
{
    (void)state;
    const char *db = t_tmp("identity.db");
    const char feed1[] =
        "{\"id\":\"u1\",\"url\":\"https://x.example/a?utm_source=rss\",\"outlet\":\"X\",\"text\":\"Alpha text here.\"}\n"
        "{\"id\":\"n1\",\"outlet\":\"Wire One\",\"text\":\"Shared wire text, word for word.\"}\n";
    const char feed2[] =
        "{\"id\":\"u2\",\"url\":\"https://www.x.example/a/\",\"outlet\":\"X\",\"text\":\"Alpha text, updated.\"}\n"
        "{\"id\":\"n2\",\"outlet\":\"Wire One\",\"text\":\"Shared  wire text — word for word!\"}\n"
        "{\"id\":\"n3\",\"outlet\":\"Other Paper\",\"text\":\"Shared wire text, word for word.\"}\n"
        "{\"id\":\"u1\",\"url\":\"https://x.example/different\",\"outlet\":\"X\",\"text\":\"A new story that reuses an id.\"}\n";
    t_write(t_tmp("feed1.jsonl"), feed1, sizeof feed1 - 1);
    t_write(t_tmp("feed2.jsonl"), feed2, sizeof feed2 - 1);
    t_result r;
    chorus_stats s = run_into(db, t_tmp("feed1.jsonl"), &r);
    assert_int_equal(s.added, 2);
    t_result_free(&r);
    s = run_into(db, t_tmp("feed2.jsonl"), &r);
    /* Same URL (tracking parameter, www, trailing slash aside): known, keeps its id.
     * Same outlet and same words without a URL: known. Another outlet with the same
     * words (wire copy): a new article. A reused id: stored under a new one. */
    assert_int_equal(s.known, 2);
    assert_int_equal(s.added, 2);
    assert_non_null(strstr(r.json[0], "\"id\":\"u1\""));
    assert_non_null(strstr(r.json[1], "\"id\":\"n1\""));
    assert_non_null(strstr(r.json[2], "\"id\":\"n3\""));
    assert_non_null(strstr(r.json[3], "\"id\":\"u1~2\""));
    assert_true(t_find_diag(&r, "already used by another article") >= 0);
    t_result_free(&r);
}

static long long count_rows(const char *db, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(h, sql, -1, &q, NULL) != SQLITE_OK) {
        /* Killed before the schema was committed: an empty store is consistent. */
        assert_non_null(strstr(sqlite3_errmsg(h), "no such table"));
        sqlite3_close(h);
        return 0;
    }
    long long n = -1;
    if (sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(h);
    return n;
}

static char *integrity(const char *db)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &q, NULL), SQLITE_OK);
    char *res = NULL;
    if (sqlite3_step(q) == SQLITE_ROW)
        res = strdup((const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    sqlite3_close(h);
    return res;
}

/* Each raw input is kept as a zlib stream that inflates to the input's
 * bytes (a page as read; a JSON line as written). */
static void test_raw_inputs_read_back(void **state)
{
    (void)state;
    const char *db = t_tmp("raw.db");
    t_result r;
    chorus_stats s = run_into(db, t_src("samples"), &r);
    t_result_free(&r);
    assert_int_equal(s.added, 14);
    size_t page_len;
    char *page = t_read(t_src("samples/html/channel9-quayside-walkway-collapse.html"), &page_len);
    assert_non_null(page);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT a.input, r.format, r.size, r.data FROM raw r "
                                           "JOIN article a ON a.seq = r.seq ORDER BY r.seq",
                                        -1, &q, NULL),
                     SQLITE_OK);
    int n = 0, page_seen = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *input = (const char *)sqlite3_column_text(q, 0);
        uLongf size = (uLongf)sqlite3_column_int64(q, 2);
        char *out = malloc(size + 1);
        assert_non_null(out);
        uLongf got = size;
        assert_int_equal(uncompress((Bytef *)out, &got, sqlite3_column_blob(q, 3),
                                    (uLong)sqlite3_column_bytes(q, 3)),
                         Z_OK);
        assert_int_equal(got, size);
        if (strstr(input, "channel9-quayside-walkway-collapse.html")) {
            assert_int_equal(got, page_len);
            assert_memory_equal(out, page, page_len);
            page_seen = 1;
        }
        if (!strcmp((const char *)sqlite3_column_text(q, 1), "jsonl")) {
            out[got] = '\0';
            assert_true(out[0] == '{' && out[got - 1] == '}');
        }
        free(out);
        n++;
    }
    sqlite3_finalize(q);
    sqlite3_close(h);
    free(page);
    assert_int_equal(n, 14);
    assert_true(page_seen);
}

static void test_kill_mid_ingest(void **state)
{
    (void)state;
    const int total = 3000;
    static const char *const words[] = {"harbour", "council", "bridge", "ferry", "market", "school",
                                        "budget", "storm", "river", "station", "union", "court",
                                        "airport", "museum", "library", "hospital"};
    FILE *f = fopen(t_tmp("many.jsonl"), "w");
    assert_non_null(f);
    for (int i = 0; i < total; i++) {
        /* Articles that differ in their words, not only in a number. */
        unsigned x = (unsigned)i * 2654435761u;
        fprintf(f, "{\"id\":\"k%d\",\"url\":\"https://k.example/%d\",\"outlet\":\"K\",\"title\":\"Story %d\","
                   "\"text\":\"The %s and the %s met on day %d.\\n\\nThe %s said the %s would open in %d "
                   "weeks, and the %s agreed.\"}\n", i, i, i, words[x % 16], words[(x >> 4) % 16], i,
                words[(x >> 8) % 16], words[(x >> 12) % 16], i % 97, words[(x >> 16) % 16]);
    }
    fclose(f);
    /* copies: t_tmp's buffers rotate */
    char db[1024], feed[1024], errf[1024];
    snprintf(db, sizeof db, "%s", t_tmp("kill.db"));
    snprintf(feed, sizeof feed, "%s", t_tmp("many.jsonl"));
    snprintf(errf, sizeof errf, "%s", t_tmp("kill.err"));
    const char *bin = getenv("CHORUS_BIN");
    assert_non_null(bin);
    /* CHORUS_KILLS moments (default 6; docs/reliability.md reports a run of
     * 50), spread over the ingest by a fixed pseudo-random sequence */
    const char *env = getenv("CHORUS_KILLS");
    int kills = env ? atoi(env) : 6;
    int partial = 0, before_store = 0, after_end = 0;
    unsigned seed = 12345;
    for (int attempt = 0; attempt < kills; attempt++) {
        remove(db);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            if (!freopen("/dev/null", "w", stdout) || !freopen(errf, "w", stderr))
                _exit(98);
            execl(bin, "chorus", "analyze", "--quiet", "--db", db, feed, (char *)NULL);
            _exit(97);
        }
        /* Let it commit some batches, then kill it without warning: at
         * 10 ms to 2.5 s, which covers the whole ingest here */
        seed = seed * 1103515245u + 12345u;
        long ms = 10 + (long)((seed >> 8) % 2490);
        struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int st;
        waitpid(pid, &st, 0);
        if (WIFEXITED(st)) { /* it finished before the kill: it must have succeeded */
            if (WEXITSTATUS(st) != 0)
            {
                char *err = t_read(errf, NULL);
                fail_msg("attempt %d: chorus exited with %d before the kill at %ld ms: %s", attempt,
                         WEXITSTATUS(st), ms, err ? err : "");
            }
            after_end++;
        }
        if (access(db, F_OK) != 0) {
            before_store++;
            continue; /* killed before the store was created */
        }
        char *ic = integrity(db);
        assert_non_null(ic);
        assert_string_equal(ic, "ok");
        free(ic);
        long long n = count_rows(db, "SELECT count(*) FROM article");
        /* Exactly the committed batches: whole batches of 256, the first
         * ones of the input, each with its fingerprint and its story. */
        assert_true(n == total || n % 256 == 0);
        if (n > 0 && n < total)
            partial++;
        char q[200];
        snprintf(q, sizeof q, "SELECT count(*) FROM article WHERE CAST(substr(id, 2) AS INTEGER) < %lld", n);
        assert_int_equal(count_rows(db, q), n);
        assert_int_equal(count_rows(db, "SELECT count(*) FROM fingerprint"), n);
        assert_int_equal(count_rows(db, "SELECT count(*) FROM story_member"), n);
        /* A rerun completes the job without duplicates. */
        char cmd[4096 + 3072];
        snprintf(cmd, sizeof cmd, "'%s' analyze --quiet --db '%s' '%s' >/dev/null", bin, db, feed);
        assert_int_equal(system(cmd), 0);
        assert_int_equal(count_rows(db, "SELECT count(*) FROM article"), total);
        assert_int_equal(count_rows(db, "SELECT count(DISTINCT url_key) FROM article"), total);
        assert_int_equal(count_rows(db, "SELECT count(*) FROM story_member"), total);
    }
    print_message("kills: %d, mid-ingest %d, before the store existed %d, after the run ended %d\n", kills,
                  partial, before_store, after_end);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rerun_adds_nothing),
        cmocka_unit_test(test_identity_rules),
        cmocka_unit_test(test_raw_inputs_read_back),
        cmocka_unit_test(test_kill_mid_ingest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
