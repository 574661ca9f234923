/*
 * stem.c: Snowball stemming through libstemmer.
 */
#include "text/text.h"
#include "util/alloc.h"

#include <libstemmer.h>
#include <string.h>

struct cx_stemmer {
    struct sb_stemmer *sb;
    cx_buf fold; /* the case-folded word */
};

cx_stemmer *cx_stemmer_new(const char *lang)
{
    cx_stemmer *st = cx_calloc(1, sizeof *st);
    if (!st)
        return NULL;
    char code[16] = "english";
    if (lang && *lang) {
        size_t i = 0;
        while (lang[i] && lang[i] != '-' && lang[i] != '_' && i + 1 < sizeof code) {
            code[i] = (char)(lang[i] | 32);
            i++;
        }
        code[i] = '\0';
    }
    st->sb = sb_stemmer_new(code, "UTF_8");
    if (!st->sb)
        st->sb = sb_stemmer_new("english", "UTF_8");
    if (!st->sb) {
        cx_free(st);
        return NULL;
    }
    cx_buf_init(&st->fold, 4096);
    return st;
}

void cx_stemmer_free(cx_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->sb);
    cx_buf_free(&st->fold);
    cx_free(st);
}

const char *cx_stem(cx_stemmer *st, const char *s, size_t n, size_t *out_len)
{
    cx_buf_reset(&st->fold);
    if (!cx_fold(s, n, &st->fold))
        return NULL;
    const sb_symbol *r = sb_stemmer_stem(st->sb, (const sb_symbol *)st->fold.data, (int)st->fold.len);
    if (!r)
        return NULL;
    *out_len = (size_t)sb_stemmer_length(st->sb);
    return (const char *)r;
}
