/*
 * clock.h: the CPU time of the calling thread, for the stage timings.
 *
 * Thread CPU time, not wall time: with several jobs on a shared machine the
 * wall clock counts what other threads and processes did meanwhile.
 */
#ifndef CX_CLOCK_H
#define CX_CLOCK_H
#include <time.h>

static inline double cx_thread_cpu(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#endif
