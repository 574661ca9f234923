/*
 * terms.h: the sparse term vectors of the stories stage, shared by event
 * clustering (cluster.c) and storylines (storyline.c); internal to
 * src/cluster.
 *
 * A vector is an array of terms sorted by key; a story's centroid is stored
 * in the store as this array's bytes (host byte order).
 */
#ifndef CX_CLUSTER_TERMS_H
#define CX_CLUSTER_TERMS_H
#include <stddef.h>
#include <stdint.h>

enum { ENT_NAME = 1, ENT_DATE = 2, ENT_YEAR = 4 };

typedef struct term {
    uint64_t key;
    float w;
    uint32_t ent; /* ENT_NAME: a name, number or date (weighs in the entity
                   * cosine); ENT_DATE: a day mentioned in the text;
                   * ENT_YEAR: a number that reads as a year (1900-2099) */
} term;

/* The key of a term's bytes (seeds keep kinds apart: words, stopwords, days). */
uint64_t cx_term_hash(const char *s, size_t n, uint64_t seed);
/* The seed of the keys of days mentioned in the text ("2025-03-10"). */
#define CX_TERM_DATE_SEED 0x64617465u

/* The dot product of two key-sorted vectors, in *ent the part of the terms
 * that are entities in both, in *dates whether they share a day (bit 0) or
 * a year (bit 1). */
double cx_term_dot(const term *a, size_t na, const term *b, size_t nb, double *ent, int *dates);

#endif
