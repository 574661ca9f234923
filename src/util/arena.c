/*
 * arena.c: grow-only region allocator (see arena.h).
 *
 * Blocks double from 4 KiB up to 1 MiB; a request larger than a block gets a
 * block of its own, so big bodies do not waste the rest of a block.
 */
#include "util/arena.h"
#include "util/alloc.h"

#include <stdint.h>
#include <string.h>

struct cx_arena_block {
    cx_arena_block *next;
    max_align_t align_; /* the data that follows is aligned for any type */
};

#define ARENA_MIN_BLOCK 4096u
#define ARENA_MAX_BLOCK (1u << 20)
#define ARENA_ALIGN (_Alignof(max_align_t))

void cx_arena_init(cx_arena *a) { memset(a, 0, sizeof *a); }

void cx_arena_free(cx_arena *a)
{
    cx_arena_block *b = a->head;
    while (b) {
        cx_arena_block *next = b->next;
        cx_free(b);
        b = next;
    }
    memset(a, 0, sizeof *a);
}

static unsigned char *block_data(cx_arena_block *b) { return (unsigned char *)(b + 1); }

void *cx_arena_alloc(cx_arena *a, size_t n)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    size_t need = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (a->head && a->cap - a->used >= need) {
        void *p = block_data(a->head) + a->used;
        a->used += need;
        return p;
    }
    size_t size = a->cap ? a->cap * 2 : ARENA_MIN_BLOCK;
    if (size > ARENA_MAX_BLOCK)
        size = ARENA_MAX_BLOCK;
    if (need > size) {
        /* A large request gets its own block, chained behind the current one so
         * the current block's free space stays usable. */
        cx_arena_block *big = cx_malloc(sizeof *big + need);
        if (!big)
            return NULL;
        a->total += need;
        if (a->head) {
            big->next = a->head->next;
            a->head->next = big;
        } else {
            big->next = NULL;
            a->head = big;
            a->used = a->cap = need;
        }
        return block_data(big);
    }
    cx_arena_block *b = cx_malloc(sizeof *b + size);
    if (!b)
        return NULL;
    b->next = a->head;
    a->head = b;
    a->cap = size;
    a->used = need;
    a->total += size;
    return block_data(b);
}

void *cx_arena_calloc(cx_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = cx_arena_alloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

char *cx_arena_strndup(cx_arena *a, const char *s, size_t n)
{
    char *d = cx_arena_alloc(a, n + 1);
    if (!d)
        return NULL;
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *cx_arena_strdup(cx_arena *a, const char *s)
{
    return s ? cx_arena_strndup(a, s, strlen(s)) : NULL;
}
