/*
 * qint.h: what entities.c and quotes.c share inside the quotes stage (not
 * seen by other stages; they read quotes.h).
 *
 * One context per article: per-token lexicon classes, which quoted span and
 * which entity mention covers each token, and the entities found so far.
 * Every array is sized by the article's token count up front, in the arena.
 */
#ifndef CX_QINT_H
#define CX_QINT_H
#include "quotes/quotes.h"

typedef struct q_mention {
    uint32_t tb, te;   /* tokens [tb, te) of the name (without title) */
    uint32_t start, end; /* bytes, possessive 's left out */
    int32_t ent;
} q_mention;

typedef struct q_entity {
    char *name;        /* canonical, in the arena */
    char *title;       /* NULL when none */
    uint8_t type;
    uint8_t gender;    /* 0 unknown, 1 male, 2 female */
    uint32_t n_mentions;
    uint32_t first_tok;
    const char *last;  /* surname (last word of the name), not NUL-terminated */
    uint32_t last_n;
    const char *first; /* first word of the name */
    uint32_t first_n;
    uint32_t name_words;
} q_entity;

typedef struct q_ctx {
    cx_arena *a;
    const cx_text *t;
    const char *s;
    uint32_t *lex;     /* per token: LX_* classes of a word, 0 otherwise */
    uint32_t *sent_of; /* per token: its sentence */
    int32_t *inq;      /* per token: index of the quoted span holding it, -1 */
    int32_t *ment_at;  /* per token: the mention covering it, -1 */
    q_mention *ments;
    size_t n_ments;
    q_entity *ents;
    size_t n_ents;
    uint8_t *lower_seen; /* bitset of hashes of words seen in lower case */
    uint8_t *solo_seen;  /* ... and of capitalised words with no capitalised neighbour */
} q_ctx;

#define Q_SEEN_BITS 16384u

/* Finds names, types them, merges the mentions of one entity. 0 when out of memory. */
int q_entities(q_ctx *q);
/* Token i is a word whose first letter is upper case. */
int q_cap(const q_ctx *q, size_t i);
/* Token i is the punctuation mark c (one byte). */
int q_punct(const q_ctx *q, size_t i, char c);
/* Entity index of the person most recently named before token i outside
 * quotes, matching the pronoun's gender when known; -1 when none. */
int32_t q_last_person(const q_ctx *q, size_t i, int gender);

/* FNV-1a of s[0..n) with ASCII letters lower-cased (gazetteer.c). */
uint32_t cx_q_hash_lower(const char *s, size_t n);

#endif
