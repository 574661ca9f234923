/*
 * article.c: the article model (see article.h).
 *
 * Identity: an article is "the same" as a stored one when its normalised URL
 * matches, or, for an article without a URL, when its outlet and normalised
 * body match. Exact copies published by different outlets (wire copy) stay
 * separate articles: recognising them is the copies stage's work.
 */
#include "core/article.h"
#include "text/text.h"
#include "util/alloc.h"
#include "util/str.h"
#include "util/url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

cx_article *cx_article_new(void)
{
    cx_article *a = cx_calloc(1, sizeof *a);
    if (a)
        cx_arena_init(&a->arena);
    return a;
}

void cx_article_free(cx_article *a)
{
    if (!a)
        return;
    cx_free(a->json_text);
    cx_arena_free(&a->arena);
    cx_free(a);
}

int cx_article_set(cx_article *a, char **field, const char *s, size_t n)
{
    *field = NULL;
    if (!s)
        return 1;
    char *d = cx_arena_alloc(&a->arena, n + 1);
    if (!d)
        return 0;
    size_t k = 0;
    int space = 1; /* drop leading space */
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (cx_is_space(c) || c == '\0') {
            if (!space)
                d[k++] = ' ';
            space = 1;
            continue;
        }
        d[k++] = c;
        space = 0;
    }
    while (k && d[k - 1] == ' ')
        k--;
    d[k] = '\0';
    if (k)
        *field = d;
    return 1;
}

/* Key of the body: case-folded words and numbers only, so that white space,
 * punctuation and typographic quotes do not make two copies differ. */
static int body_key(cx_article *a)
{
    XXH3_state_t *st = XXH3_createState();
    if (!st)
        return 0;
    XXH3_128bits_reset(st);
    if (a->outlet && !a->url)
        XXH3_128bits_update(st, a->outlet, strlen(a->outlet) + 1);
    cx_buf fold;
    cx_buf_init(&fold, (size_t)1 << 30);
    const char *s = a->body ? a->body : "";
    cx_token *toks = NULL;
    size_t nt = 0;
    cx_arena tmp;
    cx_arena_init(&tmp);
    int ok = 1;
    if (a->text) {
        toks = a->text->toks;
        nt = a->text->n_toks;
    } else if (!cx_tokenize(&tmp, s, a->body_len, &toks, &nt)) {
        ok = 0;
    }
    for (size_t i = 0; ok && i < nt; i++) {
        if (toks[i].kind != CX_TOK_WORD && toks[i].kind != CX_TOK_NUMBER)
            continue;
        cx_buf_reset(&fold);
        if (!cx_fold(s + toks[i].start, toks[i].end - toks[i].start, &fold)) {
            ok = 0;
            break;
        }
        XXH3_128bits_update(st, fold.data, fold.len + 1);
    }
    XXH128_hash_t h = XXH3_128bits_digest(st);
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, h);
    memcpy(a->body_key, c.digest, 16);
    XXH3_freeState(st);
    cx_buf_free(&fold);
    cx_arena_free(&tmp);
    return ok;
}

int cx_article_finish_keys(cx_article *a, int with_body_key)
{
    if (a->url && !(a->url_key = cx_url_key(&a->arena, a->url)) && cx_url_is_http(a->url))
        return 0;
    if ((with_body_key || (!a->id && !a->url_key)) && !body_key(a))
        return 0;
    if (!a->id) {
        /* A stable id from what identifies the article, so a rerun gives the same ids. */
        XXH64_hash_t h = a->url_key ? XXH3_64bits(a->url_key, strlen(a->url_key))
                                    : XXH3_64bits(a->body_key, 16);
        char buf[24];
        snprintf(buf, sizeof buf, "a%016llx", (unsigned long long)h);
        if (!(a->id = cx_arena_strdup(&a->arena, buf)))
            return 0;
    }
    return 1;
}
