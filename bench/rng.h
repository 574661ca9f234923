/*
 * rng.h: the bench programs' pseudo-random numbers (xorshift64): the same
 * seed gives the same stream everywhere, so generated inputs are
 * reproducible.
 */
#ifndef CHORUS_BENCH_RNG_H
#define CHORUS_BENCH_RNG_H
#include <stdint.h>

static inline uint64_t xorshift64(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

#endif
