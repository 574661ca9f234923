/*
 * test_bad.c: hostile and broken inputs, each analysed in one batch with a
 * good article: the large ones generated here, the small ones committed in
 * tests/bad/ (46 cases in all). Each must end in an article or a clear
 * diagnostic naming its file, within a time bound, and the good article must
 * come out intact beside it. The sanitizer build checks the memory side.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

static const char good_text[] =
    "Harbour ferry returns to service after repairs\n\n"
    "The Tarn Island ferry returned to service on Friday after three weeks of repairs to its "
    "hull, the operator said. Passengers queued from dawn at the Eastmoor Pier terminal.\n\n"
    "The operator said the crossing would run on its winter timetable until further notice.\n";

typedef struct big {
    char *p;
    size_t n, cap;
} big;

static void put(big *b, const void *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(big *b, const char *s) { put(b, s, strlen(s)); }

static void repeat(big *b, const char *s, size_t times)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < times; i++)
        put(b, s, n);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Peak memory of this process so far, in MB. */
static long peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

/* The peak a case may reach: generous, the sanitizer build doubles memory. */
#define MEM_CAP_MB 3072

/* Analyses the file bad (its name for the messages) with the good one (store
 * in memory, copies and every stage on); checks the outcome. */
static int check_path(const char *name, const char *bad)
{
    const char *good = t_tmp("good.txt");
    t_write(good, good_text, sizeof good_text - 1);
    t_result r;
    chorus *c = t_engine(&r, ":memory:");
    assert_int_equal(chorus_add_input(c, bad), CHORUS_OK);
    assert_int_equal(chorus_add_input(c, good), CHORUS_OK);
    double t0 = now();
    chorus_status st = chorus_run(c);
    double took = now() - t0;
    if (st != CHORUS_OK)
        fail_msg("%s: the run failed: %s", name, chorus_errmsg(c));
    /* bounded time (generous: the sanitizer build is several times slower) */
    if (took > 60)
        fail_msg("%s: took %.1f s", name, took);
    long mb = peak_mb();
    print_message("%-24s %6.2f s, %d article(s), %d diagnostic(s), peak %ld MB\n", name, took, r.n_articles,
                  r.n_diags, mb);
    if (mb > MEM_CAP_MB)
        fail_msg("%s: peak memory %ld MB", name, mb);
    int g = t_find_title(&r, "Harbour ferry returns");
    if (g < 0)
        fail_msg("%s: the good article is missing", name);
    assert_non_null(strstr(r.bodies[g], "winter timetable"));
    /* the bad input: an article, or a diagnostic naming its file */
    int named = 0;
    for (int i = 0; i < r.n_diags; i++)
        named |= strstr(r.diags[i].input, name) != NULL;
    if (r.n_articles < 2 && !named)
        fail_msg("%s: neither an article nor a diagnostic naming the file", name);
    int from_bad = r.n_articles - 1;
    t_result_free(&r);
    chorus_free(c);
    return from_bad;
}

static void check(const char *name, const void *data, size_t n, int gz)
{
    const char *bad = t_tmp(name);
    if (gz)
        t_write_gz(bad, data, n);
    else
        t_write(bad, data, n);
    check_path(name, bad);
    remove(bad);
}

static void test_hostile_html(void **state)
{
    (void)state;
    big b = {0};
    /* 200,000 nested elements */
    puts_(&b, "<html><body>");
    repeat(&b, "<div>", 200000);
    puts_(&b, "<p>Deep text at the bottom of the nest, long enough to be an article body.</p>");
    repeat(&b, "</div>", 200000);
    check("nested.html", b.p, b.n, 0);
    b.n = 0;
    /* 1,000,000 tags */
    puts_(&b, "<html><body><article>");
    repeat(&b, "<p>x</p>", 1000000);
    check("million-tags.html", b.p, b.n, 0);
    b.n = 0;
    /* 100,000 attributes on one tag */
    puts_(&b, "<html><body><p");
    for (int i = 0; i < 100000; i++) {
        char a[32];
        snprintf(a, sizeof a, " a%d=\"v\"", i);
        puts_(&b, a);
    }
    puts_(&b, ">Text after the attributes.</p></body></html>");
    check("attributes.html", b.p, b.n, 0);
    b.n = 0;
    /* an unclosed comment, an unclosed script */
    puts_(&b, "<html><body><!-- never closed <p>Hidden?</p>");
    check("comment.html", b.p, b.n, 0);
    b.n = 0;
    puts_(&b, "<html><head><script>var x = '</p>';");
    repeat(&b, "x = x + 1;\n", 100000);
    check("script.html", b.p, b.n, 0);
    free(b.p);
}

static void test_hostile_text(void **state)
{
    (void)state;
    big b = {0};
    /* NUL bytes, overlong forms, surrogates, stray continuation bytes */
    puts_(&b, "Title line\n\nSome text");
    put(&b, "\0\0\0", 3);
    puts_(&b, " and more text \xC0\xAF overlong \xE0\x80\xAF and \xED\xA0\x80 surrogate \x80\x80 stray.\n");
    check("broken-utf8.txt", b.p, b.n, 0);
    b.n = 0;
    /* binary junk */
    uint32_t x = 12345;
    for (int i = 0; i < 100000; i++) {
        x = x * 1103515245u + 12345u;
        char ch = (char)(x >> 24);
        put(&b, &ch, 1);
    }
    check("junk.txt", b.p, b.n, 0);
    b.n = 0;
    /* one line of 20 MB: over the 16 MiB article limit */
    repeat(&b, "abcdefghij", 2000000);
    check("long-line.txt", b.p, b.n, 0);
    b.n = 0;
    /* a single word of a million letters */
    puts_(&b, "Title\n\n");
    repeat(&b, "w", 1000000);
    check("long-word.txt", b.p, b.n, 0);
    b.n = 0;
    /* a million quotation marks */
    puts_(&b, "Title\n\n");
    repeat(&b, "\" ", 500000);
    check("quotes.txt", b.p, b.n, 0);
    b.n = 0;
    /* 100,000 short sentences (more than the sentences signed per article) */
    puts_(&b, "Title\n\n");
    repeat(&b, "The mayor spoke again. ", 100000);
    check("sentences.txt", b.p, b.n, 0);
    b.n = 0;
    /* over 65,535 content words (the sentence sets' offsets are 16-bit) */
    puts_(&b, "Title\n\n");
    for (int i = 0; i < 120000; i++) {
        char w[32];
        snprintf(w, sizeof w, "word%dx ", i);
        puts_(&b, w);
        if (i % 20 == 19)
            puts_(&b, "end. ");
    }
    check("many-words.txt", b.p, b.n, 0);
    free(b.p);
}

static void test_hostile_containers(void **state)
{
    (void)state;
    big b = {0};
    /* a gzip bomb: 200 MB of zeros, a few hundred KB compressed */
    char *zeros = calloc(1, 200u << 20);
    assert_non_null(zeros);
    check("bomb.txt.gz", zeros, 200u << 20, 1);
    free(zeros);
    /* a truncated gzip header */
    check("short.txt.gz", "\x1f\x8b\x08", 3, 0);
    /* a WARC record whose Content-Length lies */
    puts_(&b, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://a.example/x\r\n"
              "Content-Type: application/http; msgtype=response\r\nContent-Length: 999999999\r\n\r\n"
              "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Short.</p></body></html>");
    check("lying.warc", b.p, b.n, 0);
    b.n = 0;
    /* a WARC header then garbage */
    puts_(&b, "WARC/1.0\r\nWARC-Type: response\r\n");
    repeat(&b, "\xff\xfe garbage ", 10000);
    check("garbage.warc", b.p, b.n, 0);
    b.n = 0;
    /* JSON nested 10,000 levels, then an object nested 10,000 levels */
    repeat(&b, "[", 10000);
    repeat(&b, "]", 10000);
    puts_(&b, "\n");
    repeat(&b, "{\"a\":", 10000);
    puts_(&b, "1");
    repeat(&b, "}", 10000);
    puts_(&b, "\n{\"id\":\"ok\",\"text\":\"A valid record after the nested ones, with a body.\"}\n");
    check("nested.jsonl", b.p, b.n, 0);
    b.n = 0;
    /* invalid UTF-8 inside a JSON string, and a 5 MB text */
    puts_(&b, "{\"id\":\"u\",\"text\":\"bad \xC3\x28 bytes\"}\n{\"id\":\"big\",\"text\":\"");
    repeat(&b, "All work and no play. ", 240000);
    puts_(&b, "\"}\n");
    check("strings.jsonl", b.p, b.n, 0);
    free(b.p);
}

/* Every committed case of tests/bad/. */
static void test_corpus(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/bad", t_source_dir());
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        int got = check_path(e->d_name, path);
        /* the cases that must still give their articles */
        static const struct {
            const char *name;
            int articles;
        } expect[] = {{"bom-crlf.jsonl", 2},      {"utf16le.txt", 1},         {"latin1-says-utf8.html", 1},
                      {"unknown-charset.html", 1}, {"truncated-tag.html", 1},  {"cdata-mess.html", 1},
                      {"html-in-text.txt", 1},     {"not-objects.jsonl", 1},   {"trailing-junk.jsonl", 1},
                      {"unterminated.jsonl", 1},   {"duplicate-keys.jsonl", 1}, {"empty.txt", 0},
                      {"frameset.html", 0},        {"no-http-header.warc", 0}};
        for (size_t k = 0; k < sizeof expect / sizeof expect[0]; k++)
            if (!strcmp(e->d_name, expect[k].name) && got != expect[k].articles)
                fail_msg("%s: %d article(s), expected %d", e->d_name, got, expect[k].articles);
        n++;
    }
    closedir(d);
    assert_true(n >= 28);
}

/* Writes 1 GB of one line into a pipe until the reader stops reading. */
static void *feed_pipe(void *arg)
{
    int fd = open((const char *)arg, O_WRONLY);
    if (fd < 0)
        return NULL;
    static char chunk[1 << 16];
    memset(chunk, 'a', sizeof chunk);
    for (size_t sent = 0; sent < (1u << 30);) {
        ssize_t w = write(fd, chunk, sizeof chunk);
        if (w <= 0)
            break; /* the reader closed its end: EPIPE */
        sent += (size_t)w;
    }
    close(fd);
    return NULL;
}

/* The largest inputs: a 200 MB article on disk (over the article limit) and
 * a 1 GB line streamed through a pipe, which must not be held in memory. */
static void test_huge(void **state)
{
    (void)state;
    const char *path = t_tmp("huge.txt");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("A very long article\n\n", f);
    for (int i = 0; i < 200 * 1024 * 1024 / 64; i++)
        fputs("The council met again and the mayor spoke about the harbour. \n", f);
    fclose(f);
    check_path("huge.txt", path);
    remove(path);

    signal(SIGPIPE, SIG_IGN);
    const char *fifo = t_tmp("line.jsonl");
    remove(fifo);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, feed_pipe, (void *)fifo), 0);
    check_path("line.jsonl", fifo);
    pthread_join(th, NULL);
    remove(fifo);
}

/* The memory budget (CHORUS_PARAM_MAX_MEMORY): an article that needs more
 * than it is rejected as out of memory, named with its line; the articles
 * before and after it come out intact; without the budget it is read. */
static void test_memory_budget(void **state)
{
    (void)state;
    big b = {0};
    puts_(&b, "{\"id\":\"small\",\"title\":\"Quay closes\",\"text\":\"");
    repeat(&b, "The quay closed on Monday for repairs, the harbour master said. ", 20);
    puts_(&b, "\"}\n{\"id\":\"big\",\"title\":\"Long\",\"text\":\"");
    repeat(&b, "The council met again and the mayor spoke about the harbour and the ferry. ", 130000);
    puts_(&b, "\"}\n{\"id\":\"small2\",\"title\":\"Ferry returns\",\"text\":\"");
    repeat(&b, "The ferry returned to service on Friday after repairs, the operator said. ", 20);
    puts_(&b, "\"}\n");
    const char *path = t_tmp("budget.jsonl");
    t_write(path, b.p, b.n);
    free(b.p);
    for (int with = 1; with >= 0; with--) {
        t_result r;
        chorus *c = t_engine(&r, ":memory:");
        assert_int_equal(chorus_set_param(c, CHORUS_PARAM_MAX_MEMORY, with ? (int64_t)64 << 20 : 0), CHORUS_OK);
        assert_int_equal(chorus_add_input(c, path), CHORUS_OK);
        assert_int_equal(chorus_run(c), CHORUS_OK);
        assert_int_equal(chorus_set_param(c, CHORUS_PARAM_MAX_MEMORY, 0), CHORUS_OK);
        assert_true(t_find_title(&r, "Quay closes") >= 0);
        assert_true(t_find_title(&r, "Ferry returns") >= 0);
        if (with) {
            assert_int_equal(r.n_articles, 2);
            int d = t_find_diag(&r, "out of memory");
            assert_true(d >= 0);
            assert_int_equal(r.diags[d].line, 2);
        } else {
            assert_int_equal(r.n_articles, 3);
        }
        t_result_free(&r);
        chorus_free(c);
    }
    chorus *c = chorus_new();
    assert_int_equal(chorus_set_param(c, CHORUS_PARAM_MAX_MEMORY, 1000), CHORUS_ERR_USAGE);
    chorus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_html),
        cmocka_unit_test(test_hostile_text),
        cmocka_unit_test(test_hostile_containers),
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_huge),
        cmocka_unit_test(test_memory_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
