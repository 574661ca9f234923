/*
 * pool.c: the ordered worker pool (see pool.h).
 *
 * One mutex guards the ring. Jobs are claimed in ring order, so the oldest
 * jobs run first and the caller rarely waits long for the one it pops. A job
 * runs outside the lock; only claiming and finishing take it.
 */
#include "core/pool.h"
#include "util/alloc.h"

#include <pthread.h>
#include <stdint.h>

enum { QUEUED, RUNNING, DONE };

struct cx_pool {
    pthread_mutex_t mu;
    pthread_cond_t work; /* a job was queued, or stop */
    pthread_cond_t done; /* a job finished */
    void **slot;
    unsigned char *state;
    size_t cap;
    uint64_t head, tail, next; /* oldest, one past newest, next to claim */
    int stop;
    cx_pool_fn fn;
    void *ctx;
    pthread_t *threads;
    unsigned n_threads;
};

static void finish(cx_pool *p, uint64_t i)
{
    p->state[i % p->cap] = DONE;
    pthread_cond_broadcast(&p->done);
}

/* Claims the next queued job and runs it; called and returns with the lock held. */
static void run_next(cx_pool *p)
{
    uint64_t i = p->next++;
    p->state[i % p->cap] = RUNNING;
    void *job = p->slot[i % p->cap];
    pthread_mutex_unlock(&p->mu);
    p->fn(p->ctx, job);
    pthread_mutex_lock(&p->mu);
    finish(p, i);
}

static void *worker(void *arg)
{
    cx_pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->next == p->tail)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->stop)
            break;
        run_next(p);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

cx_pool *cx_pool_new(unsigned threads, size_t capacity, cx_pool_fn fn, void *ctx)
{
    if (threads < 1)
        threads = 1;
    if (capacity < 1)
        capacity = 1;
    cx_pool *p = cx_calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->cap = capacity;
    p->fn = fn;
    p->ctx = ctx;
    p->slot = cx_calloc(capacity, sizeof *p->slot);
    p->state = cx_calloc(capacity, 1);
    p->threads = threads > 1 ? cx_calloc(threads - 1, sizeof *p->threads) : NULL;
    if (!p->slot || !p->state || (threads > 1 && !p->threads) || pthread_mutex_init(&p->mu, NULL)) {
        cx_free(p->slot);
        cx_free(p->state);
        cx_free(p->threads);
        cx_free(p);
        return NULL;
    }
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    for (unsigned t = 0; t + 1 < threads; t++) {
        if (pthread_create(&p->threads[p->n_threads], NULL, worker, p) != 0)
            break; /* run with the threads we got: the caller's thread always works */
        p->n_threads++;
    }
    return p;
}

void cx_pool_free(cx_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (unsigned t = 0; t < p->n_threads; t++)
        pthread_join(p->threads[t], NULL);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->mu);
    cx_free(p->threads);
    cx_free(p->slot);
    cx_free(p->state);
    cx_free(p);
}

int cx_pool_full(cx_pool *p)
{
    pthread_mutex_lock(&p->mu);
    int full = p->tail - p->head >= p->cap;
    pthread_mutex_unlock(&p->mu);
    return full;
}

size_t cx_pool_count(cx_pool *p)
{
    pthread_mutex_lock(&p->mu);
    size_t n = (size_t)(p->tail - p->head);
    pthread_mutex_unlock(&p->mu);
    return n;
}

unsigned cx_pool_threads(const cx_pool *p) { return p ? p->n_threads : 0; }

void cx_pool_push(cx_pool *p, void *job)
{
    pthread_mutex_lock(&p->mu);
    p->slot[p->tail % p->cap] = job;
    p->state[p->tail % p->cap] = QUEUED;
    p->tail++;
    if (p->n_threads)
        pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
}

void *cx_pool_pop(cx_pool *p)
{
    pthread_mutex_lock(&p->mu);
    if (p->head == p->tail) {
        pthread_mutex_unlock(&p->mu);
        return NULL;
    }
    while (p->state[p->head % p->cap] != DONE) {
        if (p->next < p->tail)
            run_next(p); /* rather than wait, run the next unclaimed job here */
        else
            pthread_cond_wait(&p->done, &p->mu);
    }
    void *job = p->slot[p->head % p->cap];
    p->head++;
    pthread_mutex_unlock(&p->mu);
    return job;
}
