/*
 * test_alloc.c: allocation-failure sweep over the samples' whole analysis.
 *
 * Allocation N of a run (counted by cx_malloc and friends: every allocation
 * chorus makes itself; libxml2, SQLite and jansson keep their own) is made to
 * fail, for every N up to the run's count (a stride past the first 2,000 keeps
 * the sweep to seconds). Each run must end with an error or a rejected input
 * reported, never crash; the sanitizer build checks that nothing leaks. Then a
 * clean run must still give the full answer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "util/alloc.h"

/* One analysis of the samples into a memory store, output to a scratch file.
 * Returns the run's status; *articles the articles written. */
static chorus_status run_samples(unsigned long fail_at, uint64_t *articles, uint64_t *rejected)
{
    chorus *c = chorus_new();
    if (!c)
        return CHORUS_ERR_NOMEM;
    FILE *out = fopen(t_tmp("alloc.json"), "w");
    assert_non_null(out);
    chorus_status st = chorus_open_store(c, ":memory:");
    if (st == CHORUS_OK)
        st = chorus_add_input(c, t_src("samples"));
    chorus_set_output(c, out, CHORUS_OUT_JSON);
    if (st == CHORUS_OK) {
        cx_alloc_fail_after(fail_at);
        st = chorus_run(c);
        cx_alloc_fail_after(0);
    }
    chorus_stats s = chorus_get_stats(c);
    *articles = s.articles;
    *rejected = s.rejected;
    chorus_free(c);
    fclose(out);
    return st;
}

static void test_every_allocation_fails_cleanly(void **state)
{
    (void)state;
    uint64_t clean_articles, rejected;
    assert_int_equal(run_samples(0, &clean_articles, &rejected), CHORUS_OK);
    assert_int_equal(clean_articles, 14);
    assert_int_equal(rejected, 0);
    unsigned long runs = 0, failed = 0;
    for (unsigned long n = 1;; n += n < 2000 ? 1 : 97) {
        uint64_t articles;
        chorus_status st = run_samples(n, &articles, &rejected);
        runs++;
        /* a failure is either fatal (an error status) or an input rejected;
         * once n is past every allocation the run succeeds in full */
        if (st == CHORUS_OK && rejected == 0) {
            assert_int_equal(articles, clean_articles);
            break;
        }
        failed++;
        assert_true(st != CHORUS_OK || rejected > 0);
        assert_true(n < 10000000); /* the run allocates a bounded number of times */
    }
    print_message("allocation failure sweep: %lu runs, %lu with an injected failure\n", runs, failed);
    assert_true(failed > 100);
    /* the engine still works after all that */
    assert_int_equal(run_samples(0, &clean_articles, &rejected), CHORUS_OK);
    assert_int_equal(clean_articles, 14);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_allocation_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
