/*
 * alloc.c: allocation through one place, with a failure hook for tests.
 */
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

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
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *cx_calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *cx_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void cx_free(void *p) { free(p); }

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
