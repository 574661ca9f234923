/*
 * test_util.c: arena, bounded buffer, UTF-8 repair, dates, URLs, the ordered
 * worker pool.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <time.h>

#include "core/pool.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/url.h"
#include "util/utf8.h"
#include "util/vec.h"

static void test_arena(void **state)
{
    (void)state;
    cx_arena a;
    cx_arena_init(&a);
    char *small = cx_arena_strdup(&a, "hello");
    assert_string_equal(small, "hello");
    assert_int_equal((uintptr_t)small % _Alignof(max_align_t), 0);
    /* A request larger than a block gets its own and leaves the block usable. */
    char *big = cx_arena_alloc(&a, 3u << 20);
    assert_non_null(big);
    memset(big, 'x', 3u << 20);
    char *after = cx_arena_strdup(&a, "after");
    assert_string_equal(after, "after");
    assert_string_equal(small, "hello");
    for (int i = 0; i < 10000; i++)
        assert_non_null(cx_arena_alloc(&a, 100));
    cx_arena_free(&a);
    assert_null(a.head);
}

static void test_buf_limit(void **state)
{
    (void)state;
    cx_buf b;
    cx_buf_init(&b, 10);
    assert_int_equal(cx_buf_append(&b, "0123456789", 10), CX_BUF_OK);
    assert_int_equal(cx_buf_putc(&b, 'x'), CX_BUF_TOO_LARGE);
    assert_int_equal(b.len, 10);
    assert_memory_equal(b.data, "0123456789", 10);
    assert_int_equal(b.data[10], '\0');
    cx_buf_free(&b);
}

typedef struct pool_job {
    int index;
    int ran;
    unsigned long spin; /* work of uneven length, so jobs finish out of order */
} pool_job;

static void run_pool_job(void *ctx, void *j)
{
    int *runs = ctx;
    pool_job *p = j;
    volatile unsigned long x = 0;
    for (unsigned long i = 0; i < p->spin; i++)
        x += i;
    p->ran++;
    __atomic_fetch_add(runs, 1, __ATOMIC_RELAXED);
}

/* Jobs come back in the order they went in, each run once, whatever the
 * threads and the ring's size. */
static void test_pool_order(void **state)
{
    (void)state;
    enum { N = 400 };
    static pool_job jobs[N];
    const unsigned threads[] = {1, 2, 4};
    const size_t caps[] = {1, 3, 64};
    for (size_t t = 0; t < 3; t++) {
        for (size_t c = 0; c < 3; c++) {
            int runs = 0;
            cx_pool *p = cx_pool_new(threads[t], caps[c], run_pool_job, &runs);
            assert_non_null(p);
            assert_true(cx_pool_threads(p) <= threads[t] - 1);
            int next = 0;
            for (int i = 0; i < N; i++) {
                jobs[i] = (pool_job){i, 0, (unsigned long)((i * 7919) % 13) * 20000};
                cx_pool_push(p, &jobs[i]);
                while (cx_pool_full(p)) {
                    pool_job *j = cx_pool_pop(p);
                    assert_int_equal(j->index, next++);
                    assert_int_equal(j->ran, 1);
                }
            }
            for (pool_job *j; (j = cx_pool_pop(p));) {
                assert_int_equal(j->index, next++);
                assert_int_equal(j->ran, 1);
            }
            assert_int_equal(next, N);
            assert_int_equal(runs, N);
            assert_int_equal(cx_pool_count(p), 0);
            cx_pool_free(p);
        }
    }
}

static void test_grow(void **state)
{
    (void)state;
    int *v = NULL;
    size_t cap = 0;
    for (size_t n = 0; n < 1000; n++) {
        int *g = cx_grow(v, &cap, n + 1, sizeof *g, 8);
        assert_non_null(g);
        v = g;
        v[n] = (int)n;
        assert_true(cap >= n + 1);
    }
    assert_int_equal(cap, 1024); /* doubled from 8 */
    for (int i = 0; i < 1000; i++)
        assert_int_equal(v[i], i);
    /* A failed growth leaves the array and its capacity as they were. */
    cx_alloc_fail_after(1);
    int *g = cx_grow(v, &cap, 5000, sizeof *g, 8);
    cx_alloc_fail_after(0);
    assert_null(g);
    assert_int_equal(cap, 1024);
    assert_int_equal(v[999], 999);
    cx_free(v);
}

static void test_alloc_failure_hook(void **state)
{
    (void)state;
    cx_alloc_fail_after(2);
    void *p1 = cx_malloc(10);
    void *p2 = cx_malloc(10);
    void *p3 = cx_malloc(10);
    cx_alloc_fail_after(0);
    assert_non_null(p1);
    assert_null(p2);
    assert_null(p3);
    cx_free(p1);
}

static size_t repair(const char *in, size_t n, char *out, size_t cap)
{
    cx_buf b;
    cx_buf_init(&b, 1 << 20);
    size_t k = cx_utf8_repair(in, n, &b);
    assert_true(b.len < cap);
    memcpy(out, b.data ? b.data : "", b.len);
    out[b.len] = '\0';
    cx_buf_free(&b);
    return k;
}

static void test_utf8_repair(void **state)
{
    (void)state;
    char out[256];
    /* Valid text, including 4-byte sequences, is untouched. */
    assert_int_equal(repair("caf\xC3\xA9 \xF0\x9F\x93\xB0", 10, out, sizeof out), 0);
    assert_string_equal(out, "caf\xC3\xA9 \xF0\x9F\x93\xB0");
    /* Overlong "/" (C0 AF): two bad bytes, each replaced (C0 is never valid). */
    assert_int_equal(repair("a\xC0\xAF" "b", 4, out, sizeof out), 2);
    assert_string_equal(out, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
    /* A UTF-16 surrogate encoded in UTF-8 (ED A0 80): maximal subparts ED, A0, 80. */
    assert_int_equal(repair("x\xED\xA0\x80y", 5, out, sizeof out), 3);
    /* A truncated 3-byte sequence is one replacement. */
    assert_int_equal(repair("x\xE2\x80", 3, out, sizeof out), 1);
    assert_string_equal(out, "x\xEF\xBF\xBD");
    /* NUL bytes never reach the rest of chorus. */
    assert_int_equal(repair("a\0b", 3, out, sizeof out), 1);
    assert_string_equal(out, "a\xEF\xBF\xBD" "b");
    /* Past U+10FFFF. */
    assert_int_equal(repair("\xF4\x90\x80\x80", 4, out, sizeof out), 4);
    size_t first = 99;
    assert_int_equal(cx_utf8_count_invalid("ok\xFFok\xFE", 6, &first), 2);
    assert_int_equal(first, 2);
}

static void test_binary_detection(void **state)
{
    (void)state;
    char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)((i * 7919u) & 0xFF);
    assert_true(cx_looks_binary(junk, sizeof junk));
    const char *text = "Plain text.\nWith lines.\tAnd a tab.";
    assert_false(cx_looks_binary(text, strlen(text)));
}

static void check_date(const char *in, const char *iso, cx_precision p)
{
    cx_date d;
    char buf[32];
    assert_true(cx_date_parse(in, strlen(in), &d));
    cx_date_format(&d, buf);
    assert_string_equal(buf, iso);
    assert_int_equal(d.prec, p);
}

static void test_dates(void **state)
{
    (void)state;
    check_date("2025-03-10", "2025-03-10", CX_PREC_DAY);
    check_date("2025-03", "2025-03", CX_PREC_MONTH);
    check_date("2025", "2025", CX_PREC_YEAR);
    check_date("2025-03-10T14:05:00Z", "2025-03-10T14:05:00Z", CX_PREC_SECOND);
    check_date("2025-03-10T10:15:00+01:00", "2025-03-10T09:15:00Z", CX_PREC_SECOND);
    check_date("2025-03-10T00:30-0500", "2025-03-10T05:30Z", CX_PREC_MINUTE);
    check_date("2025-03-01T00:30:00+02:00", "2025-02-28T22:30:00Z", CX_PREC_SECOND);
    check_date("2024-12-31T23:30:00-01:00", "2025-01-01T00:30:00Z", CX_PREC_SECOND);
    check_date("2025-03-10 14:05:00", "2025-03-10T14:05:00", CX_PREC_SECOND);
    check_date("2025-03-10T14:05:00.123+00:00", "2025-03-10T14:05:00Z", CX_PREC_SECOND);
    check_date("Mon, 10 Mar 2025 14:05:00 GMT", "2025-03-10T14:05:00Z", CX_PREC_SECOND);
    check_date("March 10, 2025", "2025-03-10", CX_PREC_DAY);
    check_date("10 March 2025", "2025-03-10", CX_PREC_DAY);
    check_date("Sept. 14, 2022 2:05 PM", "2022-09-14T14:05", CX_PREC_MINUTE);
    cx_date d;
    assert_false(cx_date_parse("2025-02-30", 10, &d));
    assert_false(cx_date_parse("yesterday", 9, &d));
    assert_false(cx_date_parse("", 0, &d));
    assert_false(cx_date_parse("2025-13-01", 10, &d));
    assert_true(cx_date_parse("2024-02-29", 10, &d));
    cx_date a, b;
    assert_true(cx_date_parse("2025-03-10T09:00Z", 17, &a));
    assert_true(cx_date_parse("2025-03-10T10:00Z", 17, &b));
    assert_int_equal(cx_date_epoch(&b) - cx_date_epoch(&a), 3600);
}

static void test_urls(void **state)
{
    (void)state;
    cx_arena a;
    cx_arena_init(&a);
    assert_string_equal(cx_url_host(&a, "https://www.Tidewire.example:8080/x?y"), "tidewire.example");
    assert_null(cx_url_host(&a, "ftp://x.example/"));
    assert_null(cx_url_host(&a, "not a url"));
    const char *k1 = cx_url_key(&a, "https://www.news.example/story/1/?utm_source=x&id=5#top");
    const char *k2 = cx_url_key(&a, "http://NEWS.example:80/story/1?id=5&fbclid=abc");
    assert_string_equal(k1, "news.example/story/1?id=5");
    assert_string_equal(k1, k2);
    assert_string_not_equal(k1, cx_url_key(&a, "https://news.example/story/2"));
    cx_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena),        cmocka_unit_test(test_buf_limit),
        cmocka_unit_test(test_alloc_failure_hook), cmocka_unit_test(test_grow), cmocka_unit_test(test_pool_order),
        cmocka_unit_test(test_utf8_repair),
        cmocka_unit_test(test_binary_detection), cmocka_unit_test(test_dates),
        cmocka_unit_test(test_urls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
