/*
 * dedup.h: stage "copies": which article is a copy of which, and of what kind.
 *
 * In:  an analysed article (body and its text layer, outlet, published, credits).
 * Out: its fingerprint, and, checking the candidates an in-memory index
 *      returns, copy relations: exact (same normalised body), near (Jaccard
 *      >= 0.8), syndicated (most of the shorter one is in the longer: a wire
 *      story trimmed or extended, or a credit to an agency), rewrite (the same
 *      sentences in the same order, in other words), each with the count of
 *      aligned sentences.
 *
 * The fingerprint holds:
 *   - a 128-bin one-permutation MinHash of the non-quoted word 5-grams, to
 *     estimate Jaccard similarity and containment;
 *   - the 12 smallest 5-gram hashes (a bottom-k sample): the index keys that
 *     find near and syndicated candidates, even a copy holding a third of its
 *     origin;
 *   - the 8 smallest hashes of pairs of names and numbers that share a
 *     sentence: keys that survive rewording, to find rewrite candidates;
 *   - per sentence, the set of its content words outside quotes (16-bit
 *     hashes of their first five letters), for sentence alignment.
 * Quoted text is left out: independent reports that quote the same speech
 * must not look like copies. docs/copies.md explains the method.
 */
#ifndef CX_DEDUP_H
#define CX_DEDUP_H
#include <stddef.h>
#include <stdint.h>

#include "core/article.h"

#define CX_MH 128     /* MinHash bins */
#define CX_KEYS 12    /* bottom-k 5-gram keys */
#define CX_RKEYS 8    /* bottom-k name/number pair keys */
#define CX_MAX_SENTS 400 /* sentences signed per article (alignment looks no further) */
#define CX_SENT_WORDS 48 /* content words kept per sentence */

typedef struct cx_fingerprint {
    uint32_t mh[CX_MH];
    uint64_t keys[CX_KEYS];   /* ascending; n_keys used */
    uint64_t rkeys[CX_RKEYS]; /* ascending; n_rkeys used */
    uint8_t n_keys, n_rkeys;
    uint16_t n_sents;
    uint16_t *sent_off;  /* n_sents + 1 offsets into sent_words; sentence i is
                          * sent_words[sent_off[i] .. sent_off[i+1]), empty when too short */
    uint16_t *sent_words; /* each sentence's word hashes, unique, in text order */
    uint64_t body_hash;  /* of every folded word, quotes included: equal for exact copies */
    uint32_t shingles;   /* distinct non-quoted 5-gram shingles */
    uint32_t quoted;     /* words left out as quoted */
    int credited;        /* the text credits an agency or another outlet */
    char credit[64];     /* who, lower case ("meridian press agency"), "" if unknown */
} cx_fingerprint;

/* The hash of one word as shingles use it (ASCII case folded). */
uint64_t cx_word_hash(const char *s, size_t n);

/* Fingerprint of an article with its text layer; the sentence signatures live
 * in the article's arena. 0 when out of memory; an article under 5 words gets
 * an empty fingerprint (shingles 0, no keys). */
int cx_fingerprint_make(cx_article *a, cx_fingerprint *fp);

typedef enum cx_copy_kind {
    CX_COPY_NONE = 0,
    CX_COPY_EXACT,
    CX_COPY_NEAR,
    CX_COPY_SYNDICATED,
    CX_COPY_REWRITE
} cx_copy_kind;

/* What a comparison found: kind, similarity (Jaccard for near, containment
 * for syndicated, aligned share for rewrite, 1 for exact), aligned sentences
 * and, when pairs is given, the aligned pairs (x's sentence, y's sentence). */
typedef struct cx_copy_match {
    int no_rewrite;       /* in: skip the rewrite test (the caller knows it cannot be one) */
    cx_copy_kind kind;
    double similarity;
    uint32_t aligned;
    uint32_t n_pairs;
    uint16_t (*pairs)[2]; /* caller's buffer of CX_MAX_SENTS pairs, or NULL */
} cx_copy_match;

/* Estimated Jaccard of two fingerprints' shingle sets. */
double cx_fp_jaccard(const cx_fingerprint *x, const cx_fingerprint *y);
/* Compares two fingerprints; m->kind is CX_COPY_NONE when unrelated. The
 * rewrite test (a sentence alignment) runs unless m->no_rewrite; a caller with
 * a candidate from the index sets it when fewer than CX_REWRITE_MIN_PAIRS
 * name/number pair keys are shared: a rewrite keeps its names and numbers
 * together, sentence by sentence. */
#define CX_REWRITE_MIN_PAIRS 2
void cx_copy_classify(const cx_fingerprint *x, const cx_fingerprint *y, cx_copy_match *m);
const char *cx_copy_kind_name(cx_copy_kind k);
/* 1 when credit (lower case: "mpa", "meridian press agency") names outlet. */
int cx_credits(const char *credit, const char *outlet);

/* Monotone sentence alignment (align.c): the most pairs (i, j), i and j
 * increasing, whose sentences share most content words. Returns the count;
 * pairs (when not NULL, room for CX_MAX_SENTS) receives them. */
uint32_t cx_align(const cx_fingerprint *x, const cx_fingerprint *y, uint16_t (*pairs)[2]);
/* Mean Dice of the word sets of n aligned sentence pairs. */
double cx_pairs_dice(const cx_fingerprint *x, const cx_fingerprint *y, const uint16_t (*pairs)[2], uint32_t n);
/* Sentences of f with a word set (three content words or more). */
size_t cx_signed_sentences(const cx_fingerprint *f);

/* ---- the in-memory candidate index (index.c) ----
 * The fingerprints of the last `window` articles, reachable by their keys.
 * Memory is bounded by the window; older articles stay in the store. */
typedef struct cx_copy_index cx_copy_index;
typedef struct cx_candidate {
    int64_t seq;
    const cx_fingerprint *fp; /* valid until the next call on the index */
    int shared;               /* keys shared with the query */
    int shared_pairs;         /* of which name/number pair keys */
} cx_candidate;

cx_copy_index *cx_copy_index_new(size_t window);
void cx_copy_index_free(cx_copy_index *ix);
/* Adds an article's fingerprint (copied). 0 when out of memory. */
int cx_copy_index_add(cx_copy_index *ix, int64_t seq, const cx_fingerprint *fp);
/* Indexed articles sharing a key with fp that may be copies of it (the
 * MinHash estimate reaches a copy's threshold, or enough name/number pair
 * keys are shared for a rewrite), most shared keys first, at most max. */
size_t cx_copy_index_candidates(cx_copy_index *ix, const cx_fingerprint *fp, cx_candidate *out,
                                size_t max);
/* Articles indexed, and bytes held. */
size_t cx_copy_index_count(const cx_copy_index *ix);
size_t cx_copy_index_bytes(const cx_copy_index *ix);

/* Serialised form of the keys and sentence word sets (stored beside the
 * MinHash): cx_fp_sig_size bytes, written by cx_fp_sig_write. cx_fp_sig_read
 * fills fp's keys and points its sentence arrays into the blob itself
 * (valid while buf is; the blob is read as unaligned bytes, so it copies
 * them to dst, room for n bytes). 0 on a bad blob. */
size_t cx_fp_sig_size(const cx_fingerprint *fp);
void cx_fp_sig_write(const cx_fingerprint *fp, unsigned char *buf);
int cx_fp_sig_read(cx_fingerprint *fp, const unsigned char *buf, size_t n, uint16_t *dst);

/* ---- copy groups (groups.c) ---- */

#include "store/store.h"

/* One reported copy: ids point into the members given (not copied). */
typedef struct cx_copy_out {
    const char *copy, *origin;
    int kind;
    double similarity;
    uint32_t aligned;
    const char *pairs; /* JSON array of sentence pairs (in the edges given), or NULL */
    int pairs_flip;    /* pairs are (origin, copy): swap each when writing */
    int to_origin; /* internal: the relation found joins the copy to its origin */
} cx_copy_out;

/* Groups the relations, picks each group's origin, and lists every other
 * member as a copy of it. Only groups holding one of only[0..n_only) are
 * listed (all when only is NULL). *out is malloc'd (free with cx_free).
 * 0 when out of memory. */
int cx_copy_groups(const cx_copy_edge *edges, size_t ne, const cx_copy_member *mem, size_t nm,
                   const int64_t *only, size_t n_only, cx_copy_out **out, size_t *n_out);

#endif
