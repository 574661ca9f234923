/*
 * alloc.c: allocation through one place, with a failure hook for tests and
 * a memory budget.
 *
 * The budget counts the bytes chorus's own allocations hold (arenas, indexes,
 * buffers: malloc_usable_size of each block), process-wide and atomically;
 * an allocation that would pass it fails, and the stage reports the failure
 * as it reports any allocation failure: the article at hand is rejected
 * ("out of memory"), the batch goes on. libxml2, SQLite and jansson allocate
 * on their own and are not counted.
 */
#include "util/alloc.h"

#include <malloc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static atomic_size_t live;   /* bytes held by cx allocations */
static atomic_size_t budget; /* 0: none */

void cx_alloc_set_budget(size_t bytes) { atomic_store(&budget, bytes); }
size_t cx_alloc_live(void) { return atomic_load(&live); }

static int over_budget(size_t more)
{
    size_t b = atomic_load_explicit(&budget, memory_order_relaxed);
    if (!b)
        return 0;
    size_t l = atomic_load_explicit(&live, memory_order_relaxed);
    if (l > SIZE_MAX / 2)
        l = 0; /* a block freed here that another allocator made: never block on it */
    return more > b || l + more > b;
}

static void *held(void *p)
{
    if (p)
        atomic_fetch_add_explicit(&live, malloc_usable_size(p), memory_order_relaxed);
    return p;
}

static unsigned long fail_countdown; /* 0: never fail */

static int should_fail(void)
{
    if (fail_countdown == 0)
        return 0;
    if (fail_countdown == 1)
        return 1; /* stays at 1: every later allocation fails too */
    fail_countdown--;
    return 0;
}

void cx_alloc_fail_after(unsigned long n) { fail_countdown = n; }

void *cx_malloc(size_t n)
{
    if (should_fail() || over_budget(n))
        return NULL;
    return held(malloc(n ? n : 1));
}

void *cx_calloc(size_t n, size_t size)
{
    if (should_fail() || (size && n > SIZE_MAX / size) || over_budget(n * size))
        return NULL;
    return held(calloc(n ? n : 1, size ? size : 1));
}

void *cx_realloc(void *p, size_t n)
{
    size_t old = p ? malloc_usable_size(p) : 0;
    if (should_fail() || (n > old && over_budget(n - old)))
        return NULL;
    void *q = realloc(p, n ? n : 1);
    if (q) {
        atomic_fetch_sub_explicit(&live, old, memory_order_relaxed);
        held(q);
    }
    return q;
}

void cx_free(void *p)
{
    if (p)
        atomic_fetch_sub_explicit(&live, malloc_usable_size(p), memory_order_relaxed);
    free(p);
}

char *cx_strndup(const char *s, size_t n)
{
    char *d = cx_malloc(n + 1);
    if (!d)
        return NULL;
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *cx_strdup(const char *s) { return s ? cx_strndup(s, strlen(s)) : NULL; }

void cx_alloc_release(void)
{
#ifdef __GLIBC__
    malloc_trim(0); /* every arena, and the free pages inside them, not only the top */
#endif
}
