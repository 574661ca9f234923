/*
 * terms.c: arithmetic on the sparse term vectors of the stories stage
 * (terms.h), shared by event clustering and storylines.
 */
#include "cluster/terms.h"

#include <string.h>

/* The dot product of two key-sorted vectors, in *ent the part of the terms
 * that are entities in both, in *dates whether they share a day (bit 0) or
 * a year (bit 1). */
double cx_term_dot(const term *a, size_t na, const term *b, size_t nb, double *ent, int *dates)
{
    double s = 0, e = 0;
    *dates = 0; /* bit 0: a day in common, bit 1: a year in common */
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        if (a[i].key < b[j].key)
            i++;
        else if (a[i].key > b[j].key)
            j++;
        else {
            double p = (double)a[i].w * b[j].w;
            s += p;
            if (a[i].ent && b[j].ent)
                e += p;
            if (a[i].ent & b[j].ent & ENT_DATE)
                *dates |= 1;
            if (a[i].ent & b[j].ent & ENT_YEAR)
                *dates |= 2;
            i++;
            j++;
        }
    }
    *ent = e;
    return s;
}


uint64_t cx_term_hash(const char *s, size_t n, uint64_t seed)
{
    uint64_t h = seed ^ (n * 0x9E3779B97F4A7C15ull);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0x94D049BB133111EBull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return h ? h : 1;
}
