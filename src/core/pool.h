/*
 * pool.h: runs jobs on several threads and hands them back in the order they
 * came in.
 *
 * In:  jobs pushed one at a time in input order (opaque pointers; the caller
 *      owns them throughout) and the function that runs one.
 * Out: the same jobs, in the same order, each after it ran.
 *
 * With N threads asked for, N-1 are started and the caller's thread runs a
 * job itself whenever it would otherwise wait for one, so N jobs run at a time
 * and N = 1 runs everything on the caller's thread, in order, with no thread
 * started. The ring is bounded: the caller pops before it pushes into a full
 * one, which is what keeps memory bounded whatever the input's length.
 */
#ifndef CX_POOL_H
#define CX_POOL_H
#include <stddef.h>

typedef struct cx_pool cx_pool;
typedef void (*cx_pool_fn)(void *ctx, void *job);

/* A pool of `threads` (>= 1) over a ring of `capacity` (>= 1) jobs. NULL when
 * out of memory. Fewer threads are used when the system refuses some. */
cx_pool *cx_pool_new(unsigned threads, size_t capacity, cx_pool_fn fn, void *ctx);
/* Stops and joins the threads. Jobs still in the ring are neither run nor
 * freed: pop them first. NULL is a no-op. */
void cx_pool_free(cx_pool *p);
/* 1 when a push must wait for a pop. */
int cx_pool_full(cx_pool *p);
/* Jobs in the ring, run or not. */
size_t cx_pool_count(cx_pool *p);
/* Appends a job; the ring must not be full. */
void cx_pool_push(cx_pool *p, void *job);
/* The oldest job, once it ran (running it, or others, on this thread while no
 * other thread has); NULL when the ring is empty. */
void *cx_pool_pop(cx_pool *p);
/* The threads actually running (N-1 of N, fewer if the system refused). */
unsigned cx_pool_threads(const cx_pool *p);

#endif
