/*
 * arena.h: a grow-only region allocator.
 *
 * One arena per article (and per batch) owns everything built for it: strings,
 * token arrays, spans. Nothing is freed one by one; cx_arena_free releases it
 * all at once, which keeps ownership obvious and allocation cheap.
 */
#ifndef CX_ARENA_H
#define CX_ARENA_H
#include <stddef.h>

typedef struct cx_arena_block cx_arena_block;
typedef struct cx_arena {
    cx_arena_block *head; /* current block; older blocks chained behind it */
    size_t used;          /* bytes used in head */
    size_t cap;           /* capacity of head */
    size_t total;         /* bytes held by all blocks */
} cx_arena;

/* An empty arena; cannot fail (the first block is allocated on first use). */
void cx_arena_init(cx_arena *a);
/* Frees every block; the arena is empty and reusable afterwards. */
void cx_arena_free(cx_arena *a);
/* n bytes aligned for any type; NULL when out of memory. */
void *cx_arena_alloc(cx_arena *a, size_t n);
void *cx_arena_calloc(cx_arena *a, size_t n, size_t size);
/* Copy of s[0..n) plus a NUL, in the arena. */
char *cx_arena_strndup(cx_arena *a, const char *s, size_t n);
char *cx_arena_strdup(cx_arena *a, const char *s);

#endif
