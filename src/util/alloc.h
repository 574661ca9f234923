/*
 * alloc.h: the library's allocation functions.
 *
 * Every allocation chorus makes goes through cx_malloc/cx_realloc/cx_free, so
 * that tests can fail the Nth allocation (cx_alloc_fail_after) and check that
 * each failure is reported, not crashed on or leaked.
 */
#ifndef CX_ALLOC_H
#define CX_ALLOC_H
#include <stddef.h>

void *cx_malloc(size_t n);
void *cx_calloc(size_t n, size_t size);
void *cx_realloc(void *p, size_t n);
void cx_free(void *p);
/* A copy of s[0..n) with a NUL after it; NULL when out of memory. */
char *cx_strndup(const char *s, size_t n);
char *cx_strdup(const char *s);

/* The budget, in bytes, of all cx allocations of the process (0: none); an
 * allocation that would pass it fails. */
void cx_alloc_set_budget(size_t bytes);
/* Bytes held by cx allocations now. */
size_t cx_alloc_live(void);

/* Hands the allocator's free memory back to the system (glibc keeps what
 * was freed in the middle of its heaps, one heap per thread that allocated,
 * until told: after a burst of large short-lived allocations freed on
 * several threads, resident memory stays at the burst's high-water mark).
 * Costs a walk over the free blocks: call it after large structures are
 * freed, not per allocation. A no-op where the C library has no such call. */
void cx_alloc_release(void);

/* Test hook: allocation number n (1-based, counted from this call) and every one
 * after it fail; 0 turns failures off. Not thread-safe: tests only. */
void cx_alloc_fail_after(unsigned long n);

#endif
