/*
 * wordtab.h: compiled-in word lists looked up by a word as written.
 *
 * In:  lists of lower-case words (each with a set of class flags), built
 *      once; then words straight from the text, any case, with the
 *      typographic apostrophe (U+2019) read as the ASCII one.
 * Out: the flags of the word, 0 when it is in no list.
 *
 * The stages that read cue words (quotes, claims) each keep their own
 * table: open addressing over a fixed power-of-two array, no allocation,
 * lookups thread-safe once built. Entries point into the caller's lists,
 * which must outlive the table (string literals do).
 */
#ifndef CX_WORDTAB_H
#define CX_WORDTAB_H
#include <stddef.h>
#include <stdint.h>

typedef struct cx_wordtab_slot {
    const char *w; /* lower case; NULL: empty */
    uint32_t n;
    uint64_t flags;
} cx_wordtab_slot;

typedef struct cx_wordtab {
    cx_wordtab_slot *slot;
    uint32_t mask;   /* capacity - 1, the capacity a power of two */
    uint64_t *bloom; /* 4 bits a slot, one set per word: most words of a text
                      * are in no list, and this answers them from a few KB
                      * that stay in cache instead of a slot that does not */
} cx_wordtab;

/* A table of cap slots (a power of two, 16 or more; keep it under half full). */
#define CX_WORDTAB(name, cap)                                                                      \
    static cx_wordtab_slot name##_slots[cap];                                                      \
    static uint64_t name##_bloom[(cap) / 16];                                                      \
    static cx_wordtab name = {name##_slots, (cap) - 1, name##_bloom}

/* FNV-1a of s[0..n) with ASCII letters lower-cased. */
uint32_t cx_hash_lower(const char *s, size_t n);
/* Whether s[0..n) equals the lower-case w[0..n), ignoring the case of s. */
int cx_eq_lower(const char *s, const char *w, size_t n);
/* Adds the lower-case word w[0..n), OR-ing flags into an entry already there. */
void cx_wordtab_put(cx_wordtab *t, const char *w, size_t n, uint64_t flags);
/* Adds every space-separated word of words with flags. */
void cx_wordtab_put_list(cx_wordtab *t, const char *words, uint64_t flags);
/* The flags of s[0..n) (any case; U+2019 as '); 0 when unknown or longer
 * than 255 bytes. */
uint64_t cx_wordtab_get(const cx_wordtab *t, const char *s, size_t n);

#endif
