/*
 * token.c: the tokenizer.
 *
 * One pass over UTF-8 with an ASCII fast path; utf8proc's general categories
 * classify everything else. Words keep inner apostrophes and hyphens
 * (O’Brien, well-known) and dotted abbreviations (U.S., Ph.D.); numbers keep
 * inner separators (1,200  3.5  9:30) and a letter suffix (21st, 1990s).
 * Quotation marks are tokens of their own with a role: open or close by the
 * glyph, overridden by what flanks them (a mark after a space and before a
 * letter opens), and "ambiguous" for a straight mark with no clue.
 */
#include "text/text.h"
#include "util/utf8.h"

#include <string.h>
#include <pthread.h>
#include <utf8proc.h>

enum cclass { C_SPACE, C_LETTER, C_DIGIT, C_PUNCT, C_SYMBOL, C_QUOTE, C_IGNORE };

/* ASCII classes, built once from the rules below (a table: the tokenizer
 * classifies every character, most of them ASCII). */
static uint8_t ascii_class[128];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

static enum cclass classify_ascii(uint32_t cp)
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
        return C_LETTER;
    if (cp >= '0' && cp <= '9')
        return C_DIGIT;
    if (cp == ' ' || (cp >= 9 && cp <= 13))
        return C_SPACE;
    if (cp == '"' || cp == '\'')
        return C_QUOTE;
    if (cp < 32 || cp == 127)
        return C_IGNORE;
    if (cp == '$' || cp == '+' || cp == '<' || cp == '=' || cp == '>' || cp == '^' || cp == '`' ||
        cp == '|' || cp == '~')
        return C_SYMBOL;
    return C_PUNCT;
}

static void build_ascii_class(void)
{
    for (uint32_t c = 0; c < 128; c++)
        ascii_class[c] = (uint8_t)classify_ascii(c);
}

static enum cclass classify(uint32_t cp, int *upper)
{
    if (cp < 0x80) {
        *upper = cp >= 'A' && cp <= 'Z';
        return (enum cclass)ascii_class[cp];
    }
    *upper = 0;
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x201C: case 0x201D:
    case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2039: case 0x203A:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0xFF02:
        return C_QUOTE;
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
        return C_IGNORE;
    default:
        break;
    }
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    switch (p->category) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        *upper = 1;
        return C_LETTER;
    case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return C_LETTER;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return C_SYMBOL;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return C_SPACE;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return C_PUNCT;
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF:
        return C_IGNORE;
    default:
        return C_SYMBOL;
    }
}

/* Decodes the code point at s[i] (input is valid UTF-8; a bad byte reads as itself). */
static size_t cp_at(const char *s, size_t n, size_t i, uint32_t *cp)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t k = cx_utf8_decode((const unsigned char *)s + i, n - i, cp);
    if (k == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return k;
}

static enum cclass class_at(const char *s, size_t n, size_t i, uint32_t *cp, size_t *len)
{
    int up;
    if (i >= n) {
        *cp = 0;
        *len = 0;
        return C_SPACE;
    }
    *len = cp_at(s, n, i, cp);
    return classify(*cp, &up);
}

static int is_apostrophe(uint32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }
static int is_hyphen(uint32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

/* Opening punctuation before a mark suggests it opens: ( [ { — – and other marks. */
static int opens_context(uint32_t cp, enum cclass c)
{
    return c == C_SPACE || cp == 0 || cp == '(' || cp == '[' || cp == '{' || cp == 0x2014 ||
           cp == 0x2013 || cp == '-' || c == C_QUOTE || cp == ':' || cp == '/';
}

typedef struct tokvec {
    cx_arena *a;
    cx_token *v;
    size_t n, cap;
} tokvec;

static int push(tokvec *tv, cx_token t)
{
    if (tv->n == tv->cap) {
        size_t nc = tv->cap ? tv->cap * 2 : 256;
        cx_token *nv = cx_arena_alloc(tv->a, nc * sizeof *nv);
        if (!nv)
            return 0;
        if (tv->n)
            memcpy(nv, tv->v, tv->n * sizeof *nv);
        tv->v = nv;
        tv->cap = nc;
    }
    tv->v[tv->n++] = t;
    return 1;
}

/* Default role and style of a quotation mark glyph. */
static void glyph_role(uint32_t cp, uint8_t *role, uint8_t *style)
{
    switch (cp) {
    case 0x201C: case 0x201E: case 0x00AB: case 0x300C: case 0x300E: case 0x201F:
        *role = CX_Q_OPEN; *style = CX_QS_DOUBLE; return;
    case 0x201D: case 0x00BB: case 0x300D: case 0x300F:
        *role = CX_Q_CLOSE; *style = CX_QS_DOUBLE; return;
    case 0x2018: case 0x201A: case 0x2039: case 0x201B:
        *role = CX_Q_OPEN; *style = CX_QS_SINGLE; return;
    case 0x2019: case 0x203A:
        *role = CX_Q_CLOSE; *style = CX_QS_SINGLE; return;
    case '\'':
        *role = CX_Q_AMBIG; *style = CX_QS_SINGLE; return;
    default: /* " and fullwidth " */
        *role = CX_Q_AMBIG; *style = CX_QS_DOUBLE; return;
    }
}

int cx_tokenize(cx_arena *a, const char *s, size_t n, cx_token **toks, size_t *n_toks)
{
    pthread_once(&ascii_once, build_ascii_class);
    tokvec tv = {a, NULL, 0, 0};
    size_t i = 0;
    int space_before = 1, line_start = 1;
    uint32_t prev_cp = 0;
    enum cclass prev_c = C_SPACE;
    while (i < n) {
        uint32_t cp;
        size_t len = cp_at(s, n, i, &cp);
        int upper;
        enum cclass c = classify(cp, &upper);
        if (c == C_SPACE || c == C_IGNORE) {
            if (c == C_SPACE) {
                space_before = 1;
                if (cp == '\n' || cp == 0x2028 || cp == 0x2029)
                    line_start = 1;
                prev_cp = cp;
                prev_c = C_SPACE;
            }
            i += len;
            continue;
        }
        cx_token t = {(uint32_t)i, 0, 0, CX_Q_NONE, CX_QS_NONE, 0};
        if (space_before)
            t.flags |= CX_TF_SPACE_BEFORE;
        if (line_start)
            t.flags |= CX_TF_LINE_START;
        size_t j = i + len;
        uint32_t ncp;
        size_t nlen;
        enum cclass nc;
        if (c == C_LETTER) {
            int letters = 0, uppers = 0, seg = 0, dotted = 0;
            letters++; seg++;
            uppers += upper;
            if (upper)
                t.flags |= CX_TF_CAP;
            else if ((cp >= 'a' && cp <= 'z') ||
                     (cp >= 0x80 && utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL))
                t.flags |= CX_TF_LOWER;
            for (;;) {
                nc = class_at(s, n, j, &ncp, &nlen);
                if (nc == C_LETTER || nc == C_DIGIT) {
                    int up2;
                    classify(ncp, &up2);
                    if (nc == C_LETTER) {
                        letters++;
                        uppers += up2;
                    }
                    seg++;
                    j += nlen;
                    continue;
                }
                if (is_apostrophe(ncp) || is_hyphen(ncp)) {
                    uint32_t c2;
                    size_t l2;
                    enum cclass k2 = class_at(s, n, j + nlen, &c2, &l2);
                    if (k2 == C_LETTER || (is_hyphen(ncp) && k2 == C_DIGIT)) {
                        j += nlen;
                        seg = 0;
                        continue;
                    }
                }
                if (ncp == '.' && seg <= 2) {
                    /* Dotted abbreviation: U.S.  a.m.  Ph.D. */
                    size_t k = j + 1, segn = 0;
                    uint32_t c2;
                    size_t l2;
                    while (class_at(s, n, k, &c2, &l2) == C_LETTER && segn < 3) {
                        k += l2;
                        segn++;
                    }
                    if (segn >= 1 && segn <= 2 && k < n && s[k] == '.') {
                        j = k;
                        dotted = 1;
                        seg = (int)segn;
                        continue;
                    }
                    if (dotted) {
                        j += 1; /* the final dot belongs to the abbreviation */
                    }
                }
                break;
            }
            t.kind = CX_TOK_WORD;
            if (letters > 1 && uppers == letters)
                t.flags |= CX_TF_UPPER;
        } else if (c == C_DIGIT) {
            for (;;) {
                nc = class_at(s, n, j, &ncp, &nlen);
                if (nc == C_DIGIT) {
                    j += nlen;
                    continue;
                }
                if (ncp == ',' || ncp == '.' || ncp == ':' || ncp == '/') {
                    uint32_t c2;
                    size_t l2;
                    if (class_at(s, n, j + 1, &c2, &l2) == C_DIGIT) {
                        j += 1;
                        continue;
                    }
                }
                if (nc == C_LETTER) {
                    while (class_at(s, n, j, &ncp, &nlen) == C_LETTER)
                        j += nlen;
                }
                break;
            }
            t.kind = CX_TOK_NUMBER;
        } else if (c == C_QUOTE) {
            uint32_t c2;
            size_t l2;
            enum cclass next_c = class_at(s, n, j, &c2, &l2);
            if (is_apostrophe(cp) && next_c == C_DIGIT && opens_context(prev_cp, prev_c)) {
                /* ’90s: an elided century, part of a number. */
                uint32_t c3;
                size_t l3;
                size_t k = j;
                while (class_at(s, n, k, &c3, &l3) == C_DIGIT || (c3 >= 'a' && c3 <= 'z'))
                    k += l3;
                j = k;
                t.kind = CX_TOK_NUMBER;
            } else if ((cp == '\'' && next_c == C_QUOTE && c2 == '\'') ) {
                /* '' closes a double quote (PTB style). */
                j += l2;
                t.kind = CX_TOK_QUOTE;
                t.style = CX_QS_DOUBLE;
                t.quote = CX_Q_CLOSE;
            } else {
                t.kind = CX_TOK_QUOTE;
                glyph_role(cp, &t.quote, &t.style);
                int left = opens_context(prev_cp, prev_c) && next_c != C_SPACE && c2 != 0;
                int right = !opens_context(prev_cp, prev_c) &&
                            (next_c == C_SPACE || next_c == C_PUNCT || next_c == C_QUOTE || c2 == 0);
                if (left && !right)
                    t.quote = CX_Q_OPEN;
                else if (right && !left)
                    t.quote = CX_Q_CLOSE;
                if (t.quote == CX_Q_CLOSE && t.style == CX_QS_SINGLE && prev_c == C_LETTER)
                    t.flags |= CX_TF_APOS;
            }
        } else if (c == C_PUNCT) {
            t.kind = CX_TOK_PUNCT;
            if (cp == '.' && j + 1 < n && s[j] == '.' && s[j + 1] == '.')
                j += 2;
            else if (cp == '-' && j < n && s[j] == '-')
                j += 1;
            else if (cp == '`' && j < n && s[j] == '`') {
                j += 1;
                t.kind = CX_TOK_QUOTE;
                t.quote = CX_Q_OPEN;
                t.style = CX_QS_DOUBLE;
            }
        } else {
            t.kind = CX_TOK_SYMBOL;
            if (cp == '`' && j < n && s[j] == '`') {
                j += 1;
                t.kind = CX_TOK_QUOTE;
                t.quote = CX_Q_OPEN;
                t.style = CX_QS_DOUBLE;
            }
        }
        t.end = (uint32_t)j;
        if (!push(&tv, t))
            return 0;
        /* What the next token sees before it: the last code point of this one. */
        {
            size_t k = j - 1;
            while (k > i && ((unsigned char)s[k] & 0xC0) == 0x80)
                k--;
            int up2;
            cp_at(s, n, k, &prev_cp);
            prev_c = classify(prev_cp, &up2);
        }
        i = j;
        space_before = 0;
        line_start = 0;
    }
    *toks = tv.v;
    *n_toks = tv.n;
    return 1;
}
