/*
 * text.c: the text layer's entry point: tokens, then paragraphs and sentences.
 */
#include "text/text.h"

cx_text *cx_text_analyze(cx_arena *a, const char *s, size_t n)
{
    if (n > UINT32_MAX)
        return NULL;
    cx_text *t = cx_arena_calloc(a, 1, sizeof *t);
    if (!t)
        return NULL;
    t->s = s;
    t->len = n;
    if (!cx_tokenize(a, s, n, &t->toks, &t->n_toks))
        return NULL;
    for (size_t i = 0; i < t->n_toks; i++)
        if (t->toks[i].kind == CX_TOK_WORD || t->toks[i].kind == CX_TOK_NUMBER)
            t->n_words++;
    if (!cx_split(a, t))
        return NULL;
    return t;
}
