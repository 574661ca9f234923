/*
 * wordtab.c: compiled-in word lists (wordtab.h).
 */
#include "text/wordtab.h"

#include <string.h>

uint32_t cx_hash_lower(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h = (h ^ c) * 16777619u;
    }
    return h;
}

int cx_eq_lower(const char *s, const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c != (unsigned char)w[i])
            return 0;
    }
    return 1;
}

/* The bloom bit of hash h: other bits of it than the slot's. */
static uint32_t bloom_bit(const cx_wordtab *t, uint32_t h)
{
    return ((h >> 16) ^ (h * 2654435769u >> 12)) & (t->mask * 4 + 3);
}

static cx_wordtab_slot *find(const cx_wordtab *t, const char *s, size_t n, uint32_t h)
{
    h &= t->mask;
    while (t->slot[h].w && !(t->slot[h].n == n && cx_eq_lower(s, t->slot[h].w, n)))
        h = (h + 1) & t->mask;
    return &t->slot[h];
}

void cx_wordtab_put(cx_wordtab *t, const char *w, size_t n, uint64_t flags)
{
    uint32_t h = cx_hash_lower(w, n), b = bloom_bit(t, h);
    t->bloom[b >> 6] |= (uint64_t)1 << (b & 63);
    cx_wordtab_slot *e = find(t, w, n, h);
    e->w = w;
    e->n = (uint32_t)n;
    e->flags |= flags;
}

void cx_wordtab_put_list(cx_wordtab *t, const char *words, uint64_t flags)
{
    for (const char *p = words; *p;) {
        while (*p == ' ')
            p++;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        if (q > p && q - p < 64)
            cx_wordtab_put(t, p, (size_t)(q - p), flags);
        p = q;
    }
}

uint64_t cx_wordtab_get(const cx_wordtab *t, const char *s, size_t n)
{
    if (n == 0 || n > 255)
        return 0;
    char tmp[256];
    if (memchr(s, 0xE2, n)) { /* the typographic apostrophe (I’m, isn’t) as ' */
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                (unsigned char)s[i + 2] == 0x99) {
                tmp[k++] = '\'';
                i += 2;
            } else {
                tmp[k++] = s[i];
            }
        }
        s = tmp;
        n = k;
    }
    uint32_t h = cx_hash_lower(s, n), b = bloom_bit(t, h);
    if (!(t->bloom[b >> 6] >> (b & 63) & 1))
        return 0;
    const cx_wordtab_slot *e = find(t, s, n, h);
    return e->w ? e->flags : 0;
}
