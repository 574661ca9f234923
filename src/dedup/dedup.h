/*
 * dedup.h: stage "copies": which article is a copy of which, and of what kind.
 *
 * In:  an analysed article (body and its text layer, outlet, published, credits).
 * Out: its fingerprint (a MinHash of its non-quoted word 5-grams, with LSH band
 *      keys that find candidates among everything stored), and, checking the
 *      candidates, copy relations: exact (same normalised body), near (Jaccard
 *      >= 0.8), syndicated (most of the shorter one is in the longer: a wire
 *      story trimmed or extended, or a credit to an agency).
 *
 * Quoted text is left out of the shingles: independent reports that quote the
 * same speech must not look like copies. docs/copies.md explains the method.
 */
#ifndef CX_DEDUP_H
#define CX_DEDUP_H
#include <stddef.h>
#include <stdint.h>

#include "core/article.h"

#define CX_MH 128     /* MinHash values */
#define CX_BANDS 32   /* LSH bands of CX_MH / CX_BANDS rows */

typedef struct cx_fingerprint {
    uint32_t mh[CX_MH];
    uint64_t band[CX_BANDS];
    uint64_t body_hash;  /* of every folded word, quotes included: equal for exact copies */
    uint32_t shingles;   /* distinct non-quoted 5-gram shingles */
    uint32_t quoted;     /* shingles left out as quoted */
    int credited;        /* the text credits an agency or another outlet */
    char credit[64];     /* who, lower case ("meridian press agency"), "" if unknown */
} cx_fingerprint;

/* Fingerprint of an article with its text layer. 0 when out of memory; an
 * article under 5 words gets an empty fingerprint (shingles 0) and no bands. */
int cx_fingerprint_make(const cx_article *a, cx_fingerprint *fp);

typedef enum cx_copy_kind { CX_COPY_NONE = 0, CX_COPY_EXACT, CX_COPY_NEAR, CX_COPY_SYNDICATED } cx_copy_kind;

/* Estimated Jaccard of two fingerprints' shingle sets. */
double cx_fp_jaccard(const cx_fingerprint *x, const cx_fingerprint *y);
/* The kind of copy relation between two articles given their fingerprints,
 * with its similarity. */
cx_copy_kind cx_copy_classify(const cx_fingerprint *x, const cx_fingerprint *y, double *similarity);
const char *cx_copy_kind_name(cx_copy_kind k);
/* 1 when credit (lower case: "mpa", "meridian press agency") names outlet. */
int cx_credits(const char *credit, const char *outlet);

/* ---- copy groups (groups.c) ---- */

#include "store/store.h"

/* One reported copy: ids point into the members given (not copied). */
typedef struct cx_copy_out {
    const char *copy, *origin;
    int kind;
    double similarity;
    int to_origin; /* internal: the relation found joins the copy to its origin */
} cx_copy_out;

/* Groups the relations, picks each group's origin, and lists every other
 * member as a copy of it. Only groups holding one of only[0..n_only) are
 * listed (all when only is NULL). *out is malloc'd (free with cx_free).
 * 0 when out of memory. */
int cx_copy_groups(const cx_copy_edge *edges, size_t ne, const cx_copy_member *mem, size_t nm,
                   const int64_t *only, size_t n_only, cx_copy_out **out, size_t *n_out);

#endif
