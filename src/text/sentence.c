/*
 * sentence.c: paragraphs and sentences over the tokens.
 *
 * Paragraphs are blank-line separated; text with no blank line at all but
 * several lines takes each line as a paragraph (scraped text often looks like
 * that). Inside a paragraph a sentence ends after . ! ? or … (with the closing
 * quotes and brackets that follow) when the next token can start a sentence.
 * Abbreviations decide the hard cases, in three classes:
 *   - never final: titles before a name (Mr. Dr. Sen. Gov. Lt. ...), a single
 *     capital initial (John F. Kennedy), "No." before a number;
 *   - months: final unless a number follows (Oct. 14);
 *   - may be final: U.S., a.m., Inc., Jr., St., Ont., Calif. ...: a sentence
 *     ends there only when the next word is one that typically starts a
 *     sentence (The, He, Police, ...), so "the U.S. Senate" stays whole while
 *     "moved to the U.S. The next day" splits.
 */
#include "text/text.h"
#include "util/str.h"

#include <string.h>

static const char *const never_final[] = {
    "mr", "mrs", "ms", "mssrs", "messrs", "dr", "prof", "sen", "sens", "rep", "reps", "gov",
    "gen", "lt", "col", "sgt", "capt", "cpl", "pvt", "adm", "maj", "cmdr", "cdr", "rev", "hon",
    "pres", "supt", "insp", "det", "const", "mt", "ft", "mme", "mlle", "fr", "atty", "brig",
    "vs", "v", "approx", "fig", "figs", "pp", "cf", "al", "ald", "coun", "cllr", "hon", "rt",
    "ave", "blvd", "dept", "univ", "assn", "gens", "sec", "secs", "treas", "amb", "asst",
    "assoc", "sgt", "spc", "pfc", "ens", "cmdt", "comdr", "msgr", "sra", "srta", "rd", NULL};
static const char *const months[] = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                                     "sept", "oct", "nov", "dec", NULL};
static const char *const may_be_final[] = {
    "inc", "ltd", "co", "corp", "jr", "sr", "bros", "etc", "st", "no", "nos", "ont", "que",
    "man", "sask", "alta", "nfld", "calif", "fla", "mass", "conn", "penn", "ill", "wis",
    "mich", "minn", "tenn", "ky", "ala", "ariz", "ark", "colo", "del", "ga", "ind", "kan",
    "la", "md", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tex", "va", "vt",
    "wash", "wyo", "plc", "llc", "ph", "esq", "cie", "gmbh", "ag", "vol", NULL};
static const char *const starters[] = {
    "a", "an", "the", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their",
    "our", "my", "this", "that", "these", "those", "there", "here", "in", "on", "at", "but",
    "and", "or", "so", "yet", "if", "when", "while", "after", "before", "as", "since",
    "although", "though", "because", "for", "with", "without", "by", "from", "to", "of",
    "however", "meanwhile", "still", "also", "then", "now", "later", "earlier", "some", "many",
    "most", "no", "not", "one", "two", "three", "police", "officials", "both", "all", "each",
    "every", "what", "who", "why", "how", "where", "which", "last", "next", "during",
    "according", "despite", "under", "over", "among", "until", "authorities", "residents",
    "witnesses", "critics", "experts", "investigators", "that's", "it's", "there's", "he's",
    "she's", "they're", "we're", "i'm", "such", "other", "another", "several", "few", NULL};

static int in_list(const char *const *list, const char *w, size_t n)
{
    for (; *list; list++)
        if (cx_span_caseeq(w, n, *list))
            return 1;
    return 0;
}

/* 0: not an abbreviation; 1 never final; 2 month; 3 may be final. */
static int abbrev_class(const char *w, size_t n)
{
    if (n == 0)
        return 0;
    if (n == 1 && w[0] >= 'A' && w[0] <= 'Z')
        return 1; /* an initial */
    if (in_list(never_final, w, n))
        return 1;
    if (in_list(months, w, n))
        return 2;
    if (in_list(may_be_final, w, n))
        return 3;
    return 0;
}

static int is_terminal(const cx_text *t, const cx_token *k)
{
    if (k->kind != CX_TOK_PUNCT)
        return 0;
    const char *p = t->s + k->start;
    size_t n = k->end - k->start;
    return (n == 1 && (*p == '.' || *p == '!' || *p == '?')) || (n == 3 && !memcmp(p, "...", 3)) ||
           (n == 3 && !memcmp(p, "\xE2\x80\xA6", 3)) /* … */ ||
           (n == 3 && !memcmp(p, "\xE2\x80\xBD", 3)) /* ‽ */;
}

static int is_closer(const cx_text *t, const cx_token *k)
{
    if (k->kind == CX_TOK_QUOTE)
        return k->quote == CX_Q_CLOSE || k->quote == CX_Q_AMBIG;
    if (k->kind == CX_TOK_PUNCT) {
        char c = t->s[k->start];
        return (k->end - k->start == 1) && (c == ')' || c == ']' || c == '}');
    }
    return 0;
}

static int word_is_lower(const cx_text *t, const cx_token *k)
{
    (void)t;
    return k->kind == CX_TOK_WORD && (k->flags & CX_TF_LOWER);
}

/* Does the sentence end after the terminal run ending before token j? */
static int boundary(const cx_text *t, size_t term, size_t j, size_t sent_first)
{
    const cx_token *T = &t->toks[term], *N = &t->toks[j];
    if (N->kind == CX_TOK_PUNCT) {
        char c = t->s[N->start];
        if (c == ',' || c == ';' || c == ':' || c == ')' || c == '-')
            return 0;
    }
    if (word_is_lower(t, N))
        return 0;
    const char *tp = t->s + T->start;
    int is_dot = T->kind == CX_TOK_PUNCT && T->end - T->start == 1 && *tp == '.';
    int dotted_word = T->kind == CX_TOK_WORD && t->s[T->end - 1] == '.';
    if (dotted_word) /* U.S.  a.m.  Ph.D. */
        return N->kind == CX_TOK_QUOTE || (N->kind == CX_TOK_WORD &&
               in_list(starters, t->s + N->start, N->end - N->start));
    if (!is_dot)
        return 1;
    if (term == 0 || term == sent_first)
        return 1;
    const cx_token *P = &t->toks[term - 1];
    if (P->end != T->start)
        return 1; /* "word ." with a space: a real stop */
    if (P->kind == CX_TOK_NUMBER && term - 1 == sent_first)
        return 0; /* "1." list marker */
    if (P->kind != CX_TOK_WORD)
        return 1;
    const char *w = t->s + P->start;
    size_t wn = P->end - P->start;
    int cls = abbrev_class(w, wn);
    if (cls == 1)
        return 0;
    if (cls == 2)
        return N->kind != CX_TOK_NUMBER;
    if (cls == 3) {
        if (cx_span_caseeq(w, wn, "no") || cx_span_caseeq(w, wn, "nos")) {
            if (N->kind == CX_TOK_NUMBER)
                return 0;
            return 1; /* "No." as an answer */
        }
        return N->kind == CX_TOK_QUOTE ||
               (N->kind == CX_TOK_WORD && in_list(starters, t->s + N->start, N->end - N->start));
    }
    return 1;
}

typedef struct vec {
    void *v;
    size_t n, cap, size;
} vec;

static void *vec_push(cx_arena *a, vec *v)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 64;
        void *nv = cx_arena_alloc(a, nc * v->size);
        if (!nv)
            return NULL;
        if (v->n)
            memcpy(nv, v->v, v->n * v->size);
        v->v = nv;
        v->cap = nc;
    }
    return (char *)v->v + v->size * v->n++;
}

/* Paragraph spans: blank-line separated, or one per line when no blank line exists. */
static int find_paragraphs(cx_arena *a, cx_text *t, vec *pv)
{
    const char *s = t->s;
    size_t n = t->len;
    int has_blank = 0, lines = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\n')
            continue;
        lines++;
        size_t k = i + 1;
        while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
            k++;
        if (k < n && s[k] == '\n') {
            has_blank = 1;
            break;
        }
    }
    int per_line = !has_blank && lines > 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && cx_is_space(s[i]))
            i++;
        if (i >= n)
            break;
        size_t start = i, end = i;
        while (i < n) {
            if (s[i] == '\n') {
                size_t k = i + 1;
                while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
                    k++;
                if (per_line || k >= n || s[k] == '\n')
                    break;
            }
            i++;
        }
        end = i;
        while (end > start && cx_is_space(s[end - 1]))
            end--;
        cx_paragraph *p = vec_push(a, pv);
        if (!p)
            return 0;
        p->start = (uint32_t)start;
        p->end = (uint32_t)end;
        p->sent_begin = p->sent_end = 0;
    }
    return 1;
}

int cx_split(cx_arena *a, cx_text *t)
{
    vec pv = {NULL, 0, 0, sizeof(cx_paragraph)};
    vec sv = {NULL, 0, 0, sizeof(cx_sentence)};
    if (!find_paragraphs(a, t, &pv))
        return 0;
    cx_paragraph *paras = pv.v;
    size_t k = 0; /* token cursor */
    for (size_t pi = 0; pi < pv.n; pi++) {
        cx_paragraph *P = &paras[pi];
        while (k < t->n_toks && t->toks[k].start < P->start)
            k++;
        size_t b = k;
        while (k < t->n_toks && t->toks[k].end <= P->end)
            k++;
        size_t e = k;
        P->sent_begin = (uint32_t)sv.n;
        size_t first = b;
        for (size_t i = b; i < e; i++) {
            const cx_token *tk = &t->toks[i];
            int dotted = tk->kind == CX_TOK_WORD && t->s[tk->end - 1] == '.';
            if (!is_terminal(t, tk) && !dotted)
                continue;
            size_t j = i + 1;
            while (j < e && (is_terminal(t, &t->toks[j]) ||
                             (is_closer(t, &t->toks[j]) && !(t->toks[j].flags & CX_TF_SPACE_BEFORE))))
                j++;
            if (j >= e)
                break;
            if (!boundary(t, i, j, first)) {
                i = j - 1;
                continue;
            }
            cx_sentence *S = vec_push(a, &sv);
            if (!S)
                return 0;
            S->start = t->toks[first].start;
            S->end = t->toks[j - 1].end;
            S->tok_begin = (uint32_t)first;
            S->tok_end = (uint32_t)j;
            S->para = (uint32_t)pi;
            first = j;
            i = j - 1;
        }
        if (first < e) {
            cx_sentence *S = vec_push(a, &sv);
            if (!S)
                return 0;
            S->start = t->toks[first].start;
            S->end = t->toks[e - 1].end;
            S->tok_begin = (uint32_t)first;
            S->tok_end = (uint32_t)e;
            S->para = (uint32_t)pi;
        }
        P->sent_end = (uint32_t)sv.n;
    }
    t->paras = pv.v;
    t->n_paras = pv.n;
    t->sents = sv.v;
    t->n_sents = sv.n;
    return 1;
}
