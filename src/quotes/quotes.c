/*
 * quotes.c: quotes, their kinds, cues and speakers (see quotes.h).
 *
 * Four passes over the tokens of one article:
 *   1. marks: opening and closing quotation marks are paired within a
 *      paragraph; a mark left open at a paragraph's end runs to that end and,
 *      when the next paragraph opens with a mark, the quote goes on there.
 *   2. entities (entities.c).
 *   3. marked quotes: a quoted span that stands as a sentence (or several)
 *      is a direct quote; its attribution is looked for after it (", she
 *      said", ", said the Ward 12 councillor"), then before it ("Smith told
 *      reporters: "); a quote with none continues the one before it (the
 *      second half of "A," she said. "B.", or the next paragraph of a
 *      speech). A short span inside a sentence is a partial quote, a scare
 *      quote or a title: it counts only inside reported speech (pass 4).
 *   4. reported speech, sentence by sentence: "X said (that) ...", "X told
 *      reporters ...", "..., X said", "according to X, ...". The content is
 *      mixed when it holds quotation marks, unmarked when it is first-person
 *      speech ("I will prove it, she said": a quote whose marks were lost),
 *      else indirect. A paragraph of first-person speech with no cue right
 *      after a quote continues its speaker (unmarked).
 * Speakers: a name (the entity), a pronoun (the last person named, by
 * gender when known; "it" and "they" the last organisation), or a
 * descriptor ("a police spokesperson"), which resolves to a person whose
 * title holds its head noun ("the councillor" -> Jane Roe, Ward 12
 * councillor) and otherwise stays as written.
 */
#include "quotes/qint.h"
#include "util/buf.h"

#include <stdlib.h>
#include <string.h>

#define MAX_PARTS 16

typedef struct q_marks {
    uint32_t ob, cb;       /* open mark token; close mark token (cb == after-content token when open) */
    uint32_t cstart, cend; /* content bytes inside the marks */
    uint32_t para;
    uint8_t open_end;      /* no closing mark before the paragraph's end */
    uint8_t cont_next;     /* ... and the next paragraph opens with a mark */
    uint8_t single;        /* single marks */
    uint8_t used;          /* a direct quote */
} q_marks;

typedef struct q_raw {
    cx_span parts[MAX_PARTS];
    uint32_t n_parts;
    uint8_t kind;
    uint8_t tail;          /* attributed after its (last) part */
    uint8_t inherited;     /* speaker taken from the quote before (no cue of its own) */
    cx_span cue;
    cx_span mention;
    const char *speaker;
    int32_t entity;
    uint32_t para, last_tok; /* paragraph; last token the quote or its attribution uses */
    int32_t mark;          /* the marks of its last part, -1 */
} q_raw;

typedef struct q_attr {
    uint32_t vb, ve;       /* cue tokens [vb, ve) */
    uint32_t nb, ne;       /* speaker noun phrase tokens [nb, ne) */
    uint32_t end;          /* first token after the attribution */
} q_attr;

typedef struct q_state {
    q_ctx *q;
    q_marks *marks;
    size_t n_marks;
    q_raw *raw;
    size_t n_raw, cap_raw;
    uint8_t *used_tok;     /* cue tokens already used */
    uint32_t skip_para;    /* the headline paragraph (UINT32_MAX: none) */
} q_state;

static const cx_token *T(const q_ctx *q, size_t i) { return &q->t->toks[i]; }

static int is_word(const q_ctx *q, size_t i) { return T(q, i)->kind == CX_TOK_WORD; }

static int word_is(const q_ctx *q, size_t i, const char *w)
{
    const cx_token *k = T(q, i);
    size_t n = strlen(w);
    if (k->kind != CX_TOK_WORD || k->end - k->start != n)
        return 0;
    for (size_t j = 0; j < n; j++) {
        char c = q->s[k->start + j];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[j])
            return 0;
    }
    return 1;
}

static int is_dash(const q_ctx *q, size_t i)
{
    const cx_token *k = T(q, i);
    if (k->kind != CX_TOK_PUNCT)
        return 0;
    const unsigned char *p = (const unsigned char *)q->s + k->start;
    size_t n = k->end - k->start;
    return (n == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x94 || p[2] == 0x93 || p[2] == 0x95)) ||
           (n == 2 && p[0] == '-' && p[1] == '-') || (n == 1 && p[0] == '-');
}

static int is_final(const q_ctx *q, size_t i)
{
    return q_punct(q, i, '.') || q_punct(q, i, '?') || q_punct(q, i, '!') ||
           (T(q, i)->kind == CX_TOK_PUNCT && T(q, i)->end - T(q, i)->start == 3 &&
            (!memcmp(q->s + T(q, i)->start, "...", 3) ||
             !memcmp(q->s + T(q, i)->start, "\xE2\x80\xA6", 3)));
}

static int is_lyadv(const q_ctx *q, size_t i)
{
    const cx_token *k = T(q, i);
    return k->kind == CX_TOK_WORD && (k->flags & CX_TF_LOWER) && k->end - k->start > 4 &&
           q->s[k->end - 1] == 'y' && q->s[k->end - 2] == 'l';
}

static int is_verb_cue(const q_ctx *q, size_t i, uint32_t mask)
{
    return is_word(q, i) && (q->lex[i] & mask) && !(T(q, i)->flags & CX_TF_UPPER);
}

/* ---- pass 1: quotation marks ---- */

/* White space off both ends of [*s, *e) ("« Nous allons »"). */
static void trim(const char *b, uint32_t *s, uint32_t *e)
{
    while (*s < *e && (b[*s] == ' ' || b[*s] == '\n' || (unsigned char)b[*s] == 0xC2))
        *s += (unsigned char)b[*s] == 0xC2 && *s + 1 < *e && (unsigned char)b[*s + 1] == 0xA0 ? 2 : 1;
    while (*e > *s && (b[*e - 1] == ' ' || b[*e - 1] == '\n'))
        (*e)--;
    if (*e >= *s + 2 && (unsigned char)b[*e - 2] == 0xC2 && (unsigned char)b[*e - 1] == 0xA0)
        *e -= 2;
}

/* A mark the tokenizer took for an opening one that closes the quote open
 * before it: "» ," in "« Nous allons »," or a mark followed by punctuation. */
static int closer_glyph(const q_ctx *q, size_t i, size_t te)
{
    const cx_token *k = T(q, i);
    const unsigned char *p = (const unsigned char *)q->s + k->start;
    if ((k->end - k->start == 2 && p[0] == 0xC2 && p[1] == 0xBB) ||
        (k->end - k->start == 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x9D))
        return i + 1 >= te || T(q, i + 1)->start > k->end || T(q, i + 1)->kind == CX_TOK_PUNCT;
    return i + 1 >= te || T(q, i + 1)->kind == CX_TOK_PUNCT;
}

/* A new quotation between the marks at tokens ob and cb of paragraph p, its
 * content from after ob to cend (trimmed). */
static q_marks *new_mark(q_state *st, size_t ob, size_t cb, uint32_t cend, size_t p)
{
    q_marks *m = &st->marks[st->n_marks++];
    memset(m, 0, sizeof *m);
    m->ob = (uint32_t)ob;
    m->cb = (uint32_t)cb;
    m->cstart = st->q->t->toks[ob].end;
    m->cend = cend;
    trim(st->q->s, &m->cstart, &m->cend);
    m->para = (uint32_t)p;
    return m;
}

static int pair_marks(q_state *st)
{
    q_ctx *q = st->q;
    const cx_text *t = q->t;
    st->marks = cx_arena_alloc(q->a, (t->n_toks / 2 + 1) * sizeof *st->marks);
    if (!st->marks)
        return 0;
    for (size_t p = 0; p < t->n_paras; p++) {
        const cx_paragraph *pa = &t->paras[p];
        if (pa->sent_begin >= pa->sent_end)
            continue;
        size_t tb = t->sents[pa->sent_begin].tok_begin, te = t->sents[pa->sent_end - 1].tok_end;
        int64_t open = -1;
        int64_t sopen = -1;
        for (size_t i = tb; i < te; i++) {
            const cx_token *k = &t->toks[i];
            if (k->kind != CX_TOK_QUOTE)
                continue;
            if (k->style == CX_QS_DOUBLE) {
                int closes = open >= 0 && (k->quote == CX_Q_CLOSE || k->quote == CX_Q_AMBIG ||
                                           closer_glyph(q, i, te));
                if (closes) {
                    new_mark(st, (size_t)open, i, k->start, p);
                    open = -1;
                    sopen = -1;
                } else if (k->quote == CX_Q_OPEN || k->quote == CX_Q_AMBIG) {
                    open = (int64_t)i;
                    sopen = -1;
                }
            } else if (open < 0 && k->style == CX_QS_SINGLE) {
                if (sopen < 0 && k->quote == CX_Q_OPEN) {
                    sopen = (int64_t)i;
                } else if (sopen >= 0 && (k->quote == CX_Q_CLOSE || k->quote == CX_Q_AMBIG) &&
                           !(i + 1 < te && t->toks[i + 1].kind == CX_TOK_WORD &&
                             t->toks[i + 1].start == k->end)) {
                    new_mark(st, (size_t)sopen, i, k->start, p)->single = 1;
                    sopen = -1;
                }
            }
        }
        if (open >= 0 && (size_t)open + 1 < te) {
            /* left open: the quote runs to the paragraph's end */
            q_marks *m = &st->marks[st->n_marks++];
            memset(m, 0, sizeof *m);
            m->ob = (uint32_t)open;
            m->cb = (uint32_t)te;
            m->cstart = t->toks[open].end;
            m->cend = t->toks[te - 1].end;
            m->para = (uint32_t)p;
            m->open_end = 1;
            if (p + 1 < t->n_paras && t->paras[p + 1].sent_begin < t->paras[p + 1].sent_end) {
                const cx_token *f = &t->toks[t->sents[t->paras[p + 1].sent_begin].tok_begin];
                m->cont_next = f->kind == CX_TOK_QUOTE && f->style == CX_QS_DOUBLE &&
                               f->quote != CX_Q_CLOSE;
            }
        }
    }
    for (size_t i = 0; i < st->n_marks; i++) {
        const q_marks *m = &st->marks[i];
        for (uint32_t j = m->ob + 1; j < m->cb; j++)
            if (q->inq[j] < 0)
                q->inq[j] = (int32_t)i;
        q->inq[m->ob] = (int32_t)i;
        if (m->cb < t->n_toks && !m->open_end)
            q->inq[m->cb] = (int32_t)i;
    }
    return 1;
}

/* ---- noun phrases and speakers ---- */

/* A noun phrase starting at token i, before lim: a pronoun, a name with its
 * title, or a descriptor ("a spokesperson for the mayor's office"). Returns
 * its end (exclusive), i when there is none. */
static size_t np_fwd(const q_ctx *q, size_t i, size_t lim)
{
    if (i >= lim || (!is_word(q, i) && T(q, i)->kind != CX_TOK_NUMBER) || q->inq[i] >= 0)
        return i;
    uint32_t lx = q->lex[i];
    if ((lx & LX_PRON) && !(lx & LX_DET))
        return i + 1;
    if ((lx & (LX_PREP | LX_TIME | LX_ADV | LX_CONJ)) && !(lx & LX_DET))
        return i; /* "Meanwhile", "During the debate", "Tuesday": not a speaker */
    size_t j = i;
    int head = 0;
    while (j < lim && j - i < 12) {
        const cx_token *k = T(q, j);
        if (k->kind == CX_TOK_NUMBER) {
            j++;
            continue;
        }
        if (k->kind == CX_TOK_PUNCT && q_punct(q, j, '.') && j > i &&
            (q->lex[j - 1] & LX_TITLE) && j + 1 < lim && q_cap(q, j + 1)) {
            j++;
            continue;
        }
        if (k->kind == CX_TOK_PUNCT && j > i && j + 1 < lim && T(q, j - 1)->end == k->start &&
            T(q, j + 1)->start == k->end && (q_punct(q, j, '/') || q_punct(q, j, '-'))) {
            j++; /* "9/11", "Ottawa-Carleton" */
            continue;
        }
        if (q_punct(q, j, '(') && j > i) {
            size_t c = j + 1;
            while (c < lim && c - j < 8 && !q_punct(q, c, ')'))
                c++;
            if (c < lim && q_punct(q, c, ')')) {
                j = c + 1; /* "(R-Wis.)" */
                continue;
            }
        }
        if (k->kind != CX_TOK_WORD || q->inq[j] >= 0)
            break;
        uint32_t x = q->lex[j];
        if (j > i && ((x & (LX_SAY | LX_TELL | LX_AUX | LX_PRON)) && !(x & (LX_ROLE | LX_DET)) &&
                      q->ment_at[j] < 0))
            break;
        if (j > i && (x & (LX_CONJ | LX_PREP)) && !word_is(q, j, "of") && !word_is(q, j, "for") &&
            !(x & LX_DET))
            break;
        if (j > i && (x & LX_DET) && !(q->lex[j - 1] & (LX_CONNECT))) {
            if (!word_is(q, j, "the") || !(q->lex[j - 1] & (LX_ROLE | LX_GROUP)))
                break;
        }
        /* a lower-case word right after a name is its verb: "Doug Ducey called" */
        if (j > i && q->ment_at[j - 1] >= 0 && q->ment_at[j] < 0 && (k->flags & CX_TF_LOWER) &&
            !(x & (LX_ROLE | LX_GROUP | LX_CONNECT)))
            break;
        if (x & (LX_ROLE | LX_GROUP) || q->ment_at[j] >= 0 || q_cap(q, j))
            head = 1;
        j++;
    }
    while (j > i && (q->lex[j - 1] & (LX_CONNECT | LX_DET | LX_ADV)) && !(q->lex[j - 1] & LX_ROLE) &&
           q->ment_at[j - 1] < 0)
        j--;
    if (!head && !(j > i && (q->lex[i] & LX_DET) && j - i >= 2))
        return i;
    return j;
}

/* np_fwd, then a name in apposition to a descriptor: "her campaign
 * manager, Tom Reyes" (the whole phrase, so the name is the speaker). */
static size_t np_fwd_named(const q_ctx *q, size_t i, size_t lim)
{
    size_t e = np_fwd(q, i, lim);
    if (e == i || e + 1 >= lim || !q_punct(q, e, ',') || q->ment_at[e + 1] < 0)
        return e;
    for (size_t k = i; k < e; k++)
        if (q->ment_at[k] >= 0)
            return e;
    size_t e2 = np_fwd(q, e + 1, lim);
    return e2 > e + 1 ? e2 : e;
}

/* A noun phrase ending just before token e (after skipping adverbs): returns
 * its start, e when none; *ne receives its end. An apposition is stepped
 * over: "Jane Roe, a spokesperson for the agency, said" gives "Jane Roe". */
static size_t np_back(const q_ctx *q, size_t e, size_t lo, size_t *ne)
{
    size_t j = e;
    while (j > lo && j - e + 3 > 0 && is_word(q, j - 1) && q->ment_at[j - 1] < 0 &&
           ((q->lex[j - 1] & LX_ADV) || is_lyadv(q, j - 1)) && !(q->lex[j - 1] & LX_PRON) &&
           e - j < 3)
        j--;
    size_t end = j;
    if (end > lo && q_punct(q, end - 1, ',')) {
        /* apposition: find the comma before it */
        size_t c = end - 1, k = c;
        while (k > lo && c - k < 16 && !q_punct(q, k - 1, ',') && T(q, k - 1)->kind != CX_TOK_QUOTE &&
               !(is_final(q, k - 1) && !q_punct(q, k, ',')))
            k--;
        if (k > lo && q_punct(q, k - 1, ',') && k < c) {
            size_t b = np_back(q, k - 1, lo, ne);
            if (b < *ne && (q->ment_at[*ne - 1] >= 0 || (q->lex[b] & LX_PRON) ||
                            (b == lo && (word_is(q, k, "who") || (q->lex[k] & LX_DET)))))
                return b;
        }
        *ne = e;
        return e;
    }
    if (end <= lo || !is_word(q, end - 1) || q->inq[end - 1] >= 0) {
        *ne = e;
        return e;
    }
    if ((q->lex[end - 1] & LX_PRON) && !(q->lex[end - 1] & LX_DET)) {
        *ne = end;
        return end - 1;
    }
    size_t b = end;
    int head = 0;
    if (end > lo + 2 && q_punct(q, end - 1, ')')) {
        /* "Paul Ryan (R-Wis.) said" */
        size_t k = end - 1;
        while (k > lo && end - k < 10 && !q_punct(q, k - 1, '('))
            k--;
        if (k > lo + 1 && q_punct(q, k - 1, '(')) {
            b = k - 1;
            end = b;
            size_t e2;
            size_t nb = np_back(q, end, lo, &e2);
            if (nb < e2) {
                *ne = j;
                return nb;
            }
            *ne = e;
            return e;
        }
    }
    while (b > lo && end - b < 12) {
        size_t i = b - 1;
        const cx_token *k = T(q, i);
        if (k->kind == CX_TOK_NUMBER) {
            b = i;
            continue;
        }
        if (q_punct(q, i, '.') && i > lo && ((q->lex[i - 1] & LX_TITLE) || (T(q, i - 1)->end - T(q, i - 1)->start == 1 && q_cap(q, i - 1)))) {
            b = i;
            continue;
        }
        if (k->kind != CX_TOK_WORD || q->inq[i] >= 0)
            break;
        uint32_t x = q->lex[i];
        if (x & LX_DET) {
            if (word_is(q, i, "that") && b == end)
                break;
            b = i;
            if (!(x & LX_CONNECT) && !(i > lo && (q->lex[i - 1] & LX_CONNECT)))
                break; /* the determiner opens the phrase */
            continue;
        }
        if (q->ment_at[i] < 0 && (x & (LX_SAY | LX_TELL | LX_AUX | LX_CONJ | LX_PREP | LX_PRON)) &&
            !(x & (LX_ROLE | LX_GROUP | LX_CONNECT)))
            break;
        if (q->ment_at[i] < 0 && (x & LX_CONNECT) && !word_is(q, i, "of") && !word_is(q, i, "for"))
            break;
        if ((x & (LX_ROLE | LX_GROUP)) || q->ment_at[i] >= 0 || q_cap(q, i))
            head = 1;
        b = i;
    }
    while (b < end && (q->lex[b] & LX_CONNECT) && !(q->lex[b] & LX_DET))
        b++;
    /* the sentence's subject needs no head word: "63 percent said" */
    int subject = b == lo && b < end && end - b <= 4 && !(q->lex[b] & (LX_STOP | LX_ADV | LX_PREP)) &&
                  T(q, b)->kind != CX_TOK_QUOTE;
    if (!head && !subject && !(b < end && (q->lex[b] & LX_DET) && end - b >= 2)) {
        *ne = e;
        return e;
    }
    *ne = end;
    return b;
}

static int32_t last_org(const q_ctx *q, size_t i)
{
    for (size_t m = q->n_ments; m-- > 0;) {
        const q_mention *x = &q->ments[m];
        if (x->tb >= i || q->inq[x->tb] >= 0)
            continue;
        int ty = q->ents[x->ent].type;
        if (ty == CX_ENT_ORG || ty == CX_ENT_OUTLET)
            return x->ent;
    }
    return -1;
}

/* Does the entity's title hold the word s[0..n) (any case)? */
static int title_has(const char *title, const char *w, size_t n)
{
    if (!title)
        return 0;
    for (const char *p = title; *p; p++) {
        size_t k = 0;
        while (k < n && p[k]) {
            char a = p[k], b = w[k];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a + 32);
            if (b >= 'A' && b <= 'Z')
                b = (char)(b + 32);
            if (a != b)
                break;
            k++;
        }
        if (k == n && (p == title || p[-1] == ' ' || p[-1] == '-'))
            return 1;
    }
    return 0;
}

/* Fills the speaker of r from the noun phrase [nb, ne). */
static int resolve(q_state *st, q_raw *r, size_t nb, size_t ne)
{
    q_ctx *q = st->q;
    r->mention.start = T(q, nb)->start;
    r->mention.end = T(q, ne - 1)->end;
    r->entity = -1;
    /* a name inside the phrase: the last one ("Ward 12 councillor Jane Roe") */
    for (size_t i = ne; i-- > nb;)
        if (q->ment_at[i] >= 0) {
            const q_mention *m = &q->ments[q->ment_at[i]];
            int ty = q->ents[m->ent].type;
            if (ty == CX_ENT_PLACE && i > nb)
                continue; /* "a spokesperson for Ottawa police": keep looking */
            if (ty == CX_ENT_PLACE)
                break;
            if (i + 1 < ne && ty != CX_ENT_PERSON && nb < m->tb && !(q->lex[nb] & LX_TITLE) &&
                !q_cap(q, nb))
                break; /* "a spokesperson for the agency": the person, unnamed */
            r->entity = m->ent;
            r->speaker = q->ents[m->ent].name;
            return 1;
        }
    uint32_t lx = q->lex[nb];
    if (ne - nb == 1 && (lx & LX_PRON)) {
        int32_t e = -1;
        if (lx & (LX_MALE | LX_FEMALE))
            e = q_last_person(q, nb, (lx & LX_MALE) ? 1 : 2);
        else if (word_is(q, nb, "it") || word_is(q, nb, "they"))
            e = last_org(q, nb);
        const q_raw *before = st->n_raw > 1 && r == &st->raw[st->n_raw - 1] ? r - 1 : NULL;
        if (e < 0 && word_is(q, nb, "they") && before && before->speaker && before->entity < 0)
            r->speaker = before->speaker;
        if (e >= 0) {
            r->entity = e;
            r->speaker = q->ents[e].name;
        } else if (!r->speaker && (word_is(q, nb, "he") || word_is(q, nb, "she"))) {
            r->speaker = NULL;
        }
        return 1;
    }
    /* a descriptor: the person whose title holds its head noun */
    const cx_token *h = T(q, ne - 1);
    if (q->lex[ne - 1] & LX_ROLE) {
        for (size_t e = q->n_ents; e-- > 0;)
            if (q->ents[e].type == CX_ENT_PERSON && q->ents[e].first_tok < h->start &&
                title_has(q->ents[e].title, q->s + h->start, h->end - h->start) &&
                (q->lex[nb] & LX_DET) && word_is(q, nb, "the")) {
                r->entity = (int32_t)e;
                r->speaker = q->ents[e].name;
                return 1;
            }
    }
    r->speaker = cx_arena_strndup(q->a, q->s + r->mention.start, r->mention.end - r->mention.start);
    return r->speaker != NULL;
}

/* ---- attributions around a marked quote ---- */

static size_t para_end_tok(const q_ctx *q, uint32_t para)
{
    const cx_paragraph *p = &q->t->paras[para];
    return q->t->sents[p->sent_end - 1].tok_end;
}

static size_t para_begin_tok(const q_ctx *q, uint32_t para)
{
    const cx_paragraph *p = &q->t->paras[para];
    return q->t->sents[p->sent_begin].tok_begin;
}

/* ", she said", ", said the mayor", " Smith told CNN": after token i. */
static int attr_after(const q_state *st, size_t i, size_t lim, q_attr *at)
{
    const q_ctx *q = st->q;
    size_t dash = SIZE_MAX;
    if (i < lim && (q_punct(q, i, ',') || is_dash(q, i))) {
        if (is_dash(q, i))
            dash = i;
        i++;
    }
    if (i >= lim || q->inq[i] >= 0)
        return 0;
    if (dash != SIZE_MAX && q_cap(q, i)) {
        /* a signature: "..." ― Jane Roe */
        size_t e = np_fwd(q, i, lim);
        if (e > i && (e >= lim || is_final(q, e) || T(q, e)->kind == CX_TOK_QUOTE ||
                      q_punct(q, e, ','))) {
            *at = (q_attr){(uint32_t)dash, (uint32_t)dash + 1, (uint32_t)i, (uint32_t)e, (uint32_t)e};
            return 1;
        }
    }
    if (word_is(q, i, "according") && i + 1 < lim && word_is(q, i + 1, "to")) {
        size_t e = np_fwd(q, i + 2, lim);
        if (e == i + 2)
            return 0;
        *at = (q_attr){(uint32_t)i, (uint32_t)i + 2, (uint32_t)i + 2, (uint32_t)e, (uint32_t)e};
        return 1;
    }
    if (is_verb_cue(q, i, LX_SAY | LX_TELL)) {
        size_t e = np_fwd_named(q, i + 1, lim);
        if (e == i + 1)
            return 0;
        *at = (q_attr){(uint32_t)i, (uint32_t)i + 1, (uint32_t)i + 1, (uint32_t)e, (uint32_t)e};
        return 1;
    }
    size_t e = np_fwd(q, i, lim);
    if (e == i)
        return 0;
    size_t v = e;
    /* an apposition between the name and the verb */
    if (v < lim && q_punct(q, v, ',')) {
        size_t k = v + 1;
        while (k < lim && k - v < 16 && !q_punct(q, k, ',') &&
               !(is_final(q, k) && !(k + 1 < lim && q_punct(q, k + 1, ','))) &&
               T(q, k)->kind != CX_TOK_QUOTE)
            k++;
        if (k < lim && q_punct(q, k, ',') && k + 1 < lim && is_verb_cue(q, k + 1, LX_SAY | LX_TELL))
            v = k + 1;
    }
    while (v < lim && v - e < 3 && is_word(q, v) && ((q->lex[v] & LX_ADV) || is_lyadv(q, v)) &&
           !(q->lex[v] & (LX_SAY | LX_TELL)))
        v++;
    if (v < lim && (q->lex[v] & LX_AUX) && v + 1 < lim && is_verb_cue(q, v + 1, LX_SAY | LX_TELL))
        v++; /* "she has said", "he would later write" */
    if (v >= lim || !is_verb_cue(q, v, LX_SAY | LX_TELL))
        return 0;
    *at = (q_attr){(uint32_t)v, (uint32_t)v + 1, (uint32_t)i, (uint32_t)e, (uint32_t)v + 1};
    return 1;
}

/* "Smith said:", "Smith told reporters,", "In a statement, Smith said",
 * "Smith:" before the open mark at token ob. */
static int attr_before(const q_state *st, size_t ob, size_t lo, q_attr *at)
{
    const q_ctx *q = st->q;
    if (ob <= lo)
        return 0;
    size_t p = ob;
    int colon = 0;
    if (q_punct(q, p - 1, ',') || q_punct(q, p - 1, ':') || is_dash(q, p - 1)) {
        colon = q_punct(q, p - 1, ':');
        p--;
    }
    /* the verb within a few words before: "told reporters on Tuesday" */
    for (size_t v = p; v > lo && p - v < 9;) {
        v--;
        if (T(q, v)->kind != CX_TOK_WORD || q->inq[v] >= 0)
            break;
        if (is_verb_cue(q, v, LX_SAY | LX_TELL | (colon ? LX_THINK : 0)) && !st->used_tok[v]) {
            size_t ne, nb = np_back(q, v, lo, &ne);
            if (nb < ne) {
                *at = (q_attr){(uint32_t)v, (uint32_t)v + 1, (uint32_t)nb, (uint32_t)ne, (uint32_t)ob};
                return 1;
            }
            size_t e = np_fwd(q, v + 1, p); /* "said Smith:" */
            if (e > v + 1) {
                *at = (q_attr){(uint32_t)v, (uint32_t)v + 1, (uint32_t)v + 1, (uint32_t)e, (uint32_t)ob};
                return 1;
            }
            return 0;
        }
        if (q_cap(q, v) && v + 1 == p && !colon) {
            /* "Said Comey, "..."": the verb opens the sentence */
            size_t e = np_fwd(q, v, p);
            if (v > lo && e == p && is_verb_cue(q, v - 1, LX_SAY) && !st->used_tok[v - 1]) {
                *at = (q_attr){(uint32_t)v - 1, (uint32_t)v, (uint32_t)v, (uint32_t)e, (uint32_t)ob};
                return 1;
            }
            break;
        }
    }
    if (colon) {
        /* "Smith:" or "The mayor's answer:" */
        size_t ne, nb = np_back(q, p, lo, &ne);
        if (nb < ne && nb == lo) {
            *at = (q_attr){(uint32_t)p, (uint32_t)p + 1, (uint32_t)nb, (uint32_t)ne, (uint32_t)ob};
            return 1;
        }
        /* "Sanders made the following comment:": the sentence's subject */
        size_t e = np_fwd(q, lo, p);
        if (e > lo && (q->ment_at[e - 1] >= 0 || (q->lex[lo] & LX_PRON))) {
            *at = (q_attr){(uint32_t)p, (uint32_t)p + 1, (uint32_t)lo, (uint32_t)e, (uint32_t)ob};
            return 1;
        }
    }
    return 0;
}

static q_raw *new_raw(q_state *st)
{
    if (st->n_raw == st->cap_raw) {
        size_t cap = st->cap_raw ? st->cap_raw * 2 : 32;
        q_raw *g = cx_arena_alloc(st->q->a, cap * sizeof *g);
        if (!g)
            return NULL;
        if (st->n_raw)
            memcpy(g, st->raw, st->n_raw * sizeof *g);
        st->raw = g;
        st->cap_raw = cap;
    }
    q_raw *r = &st->raw[st->n_raw++];
    memset(r, 0, sizeof *r);
    r->entity = -1;
    r->mark = -1;
    return r;
}

static void add_part(q_raw *r, uint32_t s, uint32_t e)
{
    if (r->n_parts < MAX_PARTS && e > s)
        r->parts[r->n_parts++] = (cx_span){s, e};
    else if (r->n_parts && e > s)
        r->parts[r->n_parts - 1].end = e;
}

static void inherit(q_raw *r, const q_raw *from)
{
    r->speaker = from->speaker;
    r->mention = from->mention;
    r->entity = from->entity;
}

/* Words (and numbers) inside the marks; *titled: every word capitalised. */
static size_t mark_words(const q_ctx *q, const q_marks *m, int *titled)
{
    size_t n = 0, caps = 0;
    for (uint32_t i = m->ob + 1; i < m->cb && i < q->t->n_toks; i++) {
        const cx_token *k = T(q, i);
        if (k->kind == CX_TOK_WORD || k->kind == CX_TOK_NUMBER) {
            n++;
            caps += (k->flags & CX_TF_CAP) || (q->lex[i] & (LX_STOP | LX_CONNECT)) || k->kind == CX_TOK_NUMBER;
        }
    }
    *titled = n > 0 && caps == n;
    return n;
}

static int set_attr(q_state *st, q_raw *r, const q_attr *at)
{
    q_ctx *q = st->q;
    r->cue.start = T(q, at->vb)->start;
    r->cue.end = T(q, at->ve - 1)->end;
    for (uint32_t i = at->vb; i < at->ve; i++)
        st->used_tok[i] = 1;
    return resolve(st, r, at->nb, at->ne);
}

/* ---- pass 3 ---- */

/* Only the rest of an attribution between tokens a and ob: "A," she said
 * [, who wrote about it in her book][, but|.] "B." The next quote opens the
 * sentence after the attribution's (or goes on in the same one). */
static int bridge(const q_ctx *q, size_t a, size_t ob)
{
    if (a > ob || ob - a > 60)
        return 0;
    if (a == ob)
        return 1;
    uint32_t sa = q->sent_of[a], so = q->sent_of[ob];
    if (so != sa && !(so == sa + 1 && q->t->sents[so].tok_begin == ob))
        return 0;
    size_t last = ob - 1;
    if (!(q_punct(q, last, ',') || is_final(q, last) || q_punct(q, last, ':') || is_dash(q, last) ||
          word_is(q, last, "but") || word_is(q, last, "and")))
        return 0;
    for (size_t i = a; i < ob; i++)
        if (T(q, i)->kind == CX_TOK_QUOTE)
            return 0;
    return 1;
}

static int direct_quotes(q_state *st)
{
    q_ctx *q = st->q;
    const cx_text *t = q->t;
    int merge_next = 0; /* the previous mark runs on into this paragraph */
    for (size_t mi = 0; mi < st->n_marks; mi++) {
        q_marks *m = &st->marks[mi];
        int was_merge = merge_next;
        merge_next = 0;
        if (m->para == st->skip_para)
            continue;
        int titled;
        size_t words = mark_words(q, m, &titled);
        size_t pb = para_begin_tok(q, m->para), pe = para_end_tok(q, m->para);
        const cx_sentence *so = &t->sents[q->sent_of[m->ob]];
        /* multi-paragraph: this paragraph's mark continues the last quote */
        if (was_merge && m->ob == pb && st->n_raw && st->raw[st->n_raw - 1].mark >= 0) {
            q_raw *r = &st->raw[st->n_raw - 1];
            add_part(r, m->cstart, m->cend);
            r->para = m->para;
            r->mark = (int32_t)mi;
            r->last_tok = m->cb;
            m->used = 1;
            if (!m->open_end) {
                q_attr at;
                if ((!r->mention.end || r->inherited) && attr_after(st, m->cb + 1, pe, &at)) {
                    r->inherited = 0;
                    if (!set_attr(st, r, &at))
                        return 0;
                    r->last_tok = at.end;
                }
            }
            merge_next = m->open_end && m->cont_next;
            continue;
        }
        /* where the span stands */
        size_t before = m->ob > pb ? m->ob - 1 : SIZE_MAX;
        int left_ok = before == SIZE_MAX || m->ob == so->tok_begin || q_punct(q, before, ':') ||
                      q_punct(q, before, ',') || is_dash(q, before) || q_punct(q, before, '(') ||
                      is_final(q, before) || T(q, before)->kind == CX_TOK_QUOTE ||
                      is_verb_cue(q, before, LX_SAY | LX_TELL | LX_THINK);
        size_t after = m->cb + 1;
        int inner_end = m->cb > m->ob + 1 && m->cb < t->n_toks &&
                        (is_final(q, m->cb - 1) || q_punct(q, m->cb - 1, ',') || is_dash(q, m->cb - 1));
        q_attr tail, head;
        int has_tail = !m->open_end && attr_after(st, after, pe, &tail);
        int final_in = m->cb > m->ob + 1 && m->cb < t->n_toks &&
                       (is_final(q, m->cb - 1) || is_dash(q, m->cb - 1));
        /* "A," and a reporting verb next: an attribution the phrase parser missed */
        int said_next = after < pe && is_verb_cue(q, after, LX_SAY | LX_TELL);
        int right_ok = m->open_end || after >= pe || is_final(q, after) || has_tail || said_next ||
                       (final_in && (T(q, after)->kind == CX_TOK_QUOTE || q_cap(q, after))) ||
                       (q_punct(q, after, ')'));
        if (!left_ok || !right_ok || words < 2 || (m->single && words < 4))
            continue; /* a partial quote, a scare quote or a title: pass 4 */
        int has_head = attr_before(st, m->ob, so->tok_begin, &head);
        if (!has_head && m->ob == pb && m->para > 0 && q_punct(q, pb - 1, ':')) {
            /* "He said:" closing the paragraph before */
            const cx_sentence *ps = &t->sents[q->sent_of[pb - 1]];
            has_head = attr_before(st, pb, ps->tok_begin, &head);
        }
        q_raw *prev = st->n_raw ? &st->raw[st->n_raw - 1] : NULL;
        /* not after a question ("...?" he asked. "No."): that is an answer */
        int asked = prev && prev->cue.end > prev->cue.start &&
                    (q->s[prev->cue.start] == 'a' || q->s[prev->cue.start] == 'A') &&
                    prev->cue.end - prev->cue.start >= 4 && !memcmp(q->s + prev->cue.start + 1, "sk", 2);
        int second = !has_head && prev && prev->tail && prev->kind == CX_QK_DIRECT && !asked &&
                     prev->para == m->para && bridge(q, prev->last_tok, m->ob);
        /* after a comma or a dash inside a sentence, with no attribution on
         * either side: a partial quote ("welcome the governor - "my friend."") */
        if (!has_head && !has_tail && !said_next && !second && before != SIZE_MAX &&
            m->ob != so->tok_begin && (q_punct(q, before, ',') || is_dash(q, before)))
            continue;
        if (titled && !has_tail && !has_head && words <= 8 && !inner_end)
            continue; /* a title: "The Late Show" */
        /* the second half of "A," she said, "B." or "A," she said. "B." */
        if (second) {
            add_part(prev, m->cstart, m->cend);
            prev->mark = (int32_t)mi;
            prev->last_tok = m->cb + 1;
            m->used = 1;
            if (has_tail && !prev->mention.end) {
                if (!set_attr(st, prev, &tail))
                    return 0;
            }
            if (has_tail)
                prev->last_tok = tail.end;
            merge_next = m->open_end && m->cont_next;
            continue;
        }
        if (words < 3 && !has_tail && !has_head)
            continue;
        q_raw *r = new_raw(st);
        if (!r)
            return 0;
        r->kind = CX_QK_DIRECT;
        r->para = m->para;
        r->mark = (int32_t)mi;
        add_part(r, m->cstart, m->cend);
        r->last_tok = m->open_end ? m->cb : m->cb + 1;
        m->used = 1;
        if (has_tail) {
            if (!set_attr(st, r, &tail))
                return 0;
            r->tail = 1;
            r->last_tok = tail.end;
        } else if (has_head) {
            if (!set_attr(st, r, &head))
                return 0;
        } else {
            /* no cue: the speaker of the quote just before (same or last
             * paragraph), else the person named last in this paragraph */
            q_raw *p = st->n_raw > 1 ? &st->raw[st->n_raw - 2] : NULL;
            if (p && p->para + 1 >= m->para && p->mention.end) {
                inherit(r, p);
                r->inherited = 1;
            }
            else {
                for (size_t mm = q->n_ments; mm-- > 0;) {
                    const q_mention *x = &q->ments[mm];
                    if (x->tb >= m->ob || x->tb < pb)
                        continue;
                    if (q->inq[x->tb] >= 0 || q->ents[x->ent].type != CX_ENT_PERSON)
                        continue;
                    r->entity = x->ent;
                    r->speaker = q->ents[x->ent].name;
                    r->mention = (cx_span){x->start, x->end};
                    break;
                }
            }
        }
        merge_next = m->open_end && m->cont_next;
    }
    return 1;
}

/* ---- pass 4: reported speech ---- */

static int overlaps_direct(const q_state *st, uint32_t s, uint32_t e)
{
    for (size_t i = st->n_raw; i-- > 0;) {
        const q_raw *r = &st->raw[i];
        for (uint32_t p = 0; p < r->n_parts; p++) {
            uint32_t a = r->parts[p].start > s ? r->parts[p].start : s;
            uint32_t b = r->parts[p].end < e ? r->parts[p].end : e;
            if (b > a && (b - a) * 2 > (e - s) / 4)
                return 1;
        }
    }
    return 0;
}

/* The kind of reported content over tokens [b, e). */
static int content_kind(const q_ctx *q, size_t b, size_t e)
{
    size_t in = 0, all = 0, first = 0;
    int marks = 0;
    for (size_t i = b; i < e; i++) {
        const cx_token *k = T(q, i);
        if (k->kind == CX_TOK_QUOTE && k->style == CX_QS_DOUBLE) {
            marks = 1;
            continue;
        }
        if (k->kind != CX_TOK_WORD && k->kind != CX_TOK_NUMBER)
            continue;
        all++;
        if (q->inq[i] >= 0)
            in++;
        else if (q->lex[i] & LX_FIRST)
            first++;
    }
    if (marks && all && in * 10 >= all * 9)
        return CX_QK_DIRECT;
    if (marks)
        return CX_QK_MIXED;
    if (first && !word_is(q, b, "that"))
        return CX_QK_UNMARKED;
    return CX_QK_INDIRECT;
}

static int words_in(const q_ctx *q, size_t b, size_t e)
{
    int n = 0;
    for (size_t i = b; i < e; i++)
        n += T(q, i)->kind == CX_TOK_WORD || T(q, i)->kind == CX_TOK_NUMBER;
    return n;
}

/* Returns 0 when out of memory, else 1 + the token where the clause stopped. */
static size_t add_reported(q_state *st, size_t cb, size_t ce, const q_attr *at, size_t sent)
{
    q_ctx *q = st->q;
    /* the clause ends where another attribution begins: ", saying ..." */
    for (size_t k = cb + 3; k + 1 < ce; k++) {
        if (q->inq[k] >= 0)
            continue;
        const cx_token *n = T(q, k + 1);
        int ing = n->kind == CX_TOK_WORD && (n->flags & CX_TF_LOWER) && n->end - n->start > 5 &&
                  !memcmp(q->s + n->end - 3, "ing", 3);
        if (q_punct(q, k, ',') && ing && (q->lex[k + 1] & (LX_SAY | LX_TELL))) {
            ce = k;
            break;
        }
    }
    size_t stop = ce;
    while (ce > cb && (is_final(q, ce - 1) || q_punct(q, ce - 1, ',')))
        ce--;
    if (ce <= cb || words_in(q, cb, ce) < 2)
        return 1 + stop;
    uint32_t s = T(q, cb)->start, e = T(q, ce - 1)->end;
    if (overlaps_direct(st, s, e))
        return 1 + stop;
    q_raw *r = new_raw(st);
    if (!r)
        return 0;
    r->kind = (uint8_t)content_kind(q, cb, ce);
    if (r->kind == CX_QK_DIRECT)
        r->kind = CX_QK_MIXED;
    r->para = q->t->sents[sent].para;
    r->last_tok = (uint32_t)(at->end > ce ? at->end : ce);
    add_part(r, s, e);
    if (!set_attr(st, r, at))
        return 0;
    return 1 + (stop > at->end ? stop : at->end);
}

/* A phrase that can name a speaker: a pronoun, a name, a role or group. */
static int speaker_like(const q_ctx *q, size_t b, size_t e)
{
    if (e - b == 1 && (q->lex[b] & LX_PRON))
        return 1;
    for (size_t i = b; i < e; i++)
        if ((q->ment_at[i] >= 0 && q->ents[q->ments[q->ment_at[i]].ent].type != CX_ENT_PLACE) ||
            (q->lex[i] & (LX_ROLE | LX_GROUP)))
            return 1;
    return 0;
}

/* A partial quote with no reporting verb: "Smith called the plan "a
 * disaster" on Monday." The sentence's subject is the speaker, the word after
 * it the cue, and the content runs from there to the end of the clause that
 * holds the quote. */
static int partial(q_state *st, size_t si)
{
    q_ctx *q = st->q;
    const cx_sentence *se = &q->t->sents[si];
    size_t b = se->tok_begin, e = se->tok_end, ob = SIZE_MAX, cb = 0;
    for (size_t i = b; i < e; i++)
        if (q->inq[i] >= 0 && !st->marks[q->inq[i]].used && !st->marks[q->inq[i]].single &&
            T(q, i)->kind == CX_TOK_QUOTE) {
            ob = i;
            cb = st->marks[q->inq[i]].cb;
            break;
        }
    if (ob == SIZE_MAX || cb >= e)
        return 1;
    size_t s0 = b;
    if (is_word(q, b) && (q->lex[b] & (LX_PREP | LX_CONJ)) && !(q->lex[b] & LX_DET)) {
        while (s0 < ob && !q_punct(q, s0, ','))
            s0++;
        s0++;
    }
    if (s0 >= ob)
        return 1;
    size_t ne = np_fwd(q, s0, ob);
    if (ne == s0 || !speaker_like(q, s0, ne))
        return 1;
    size_t v = ne;
    while (v < ob && is_word(q, v) && ((q->lex[v] & (LX_ADV | LX_AUX)) || is_lyadv(q, v)))
        v++;
    if (v >= ob || !is_word(q, v) || !(T(q, v)->flags & CX_TF_LOWER) ||
        (q->lex[v] & (LX_CONJ | LX_PREP | LX_DET | LX_PRON)))
        return 1;
    /* "compared A with B and urged people not to "..."": the last verb of the
     * subject before the quote */
    for (size_t k = v + 1; k + 1 < ob; k++)
        if (word_is(q, k, "and") && is_word(q, k + 1) && (T(q, k + 1)->flags & CX_TF_LOWER) &&
            (q->lex[k + 1] & (LX_SAY | LX_TELL | LX_THINK)))
            v = k + 1;
    size_t ce = cb + 1;
    while (ce < e && !q_punct(q, ce, ',') && !q_punct(q, ce, ';') && !is_final(q, ce) &&
           !(T(q, ce)->kind == CX_TOK_QUOTE && q->inq[ce] >= 0 && st->marks[q->inq[ce]].used))
        ce++;
    if (ce < e && q_punct(q, ce, ',') && ce > cb + 1)
        ; /* the clause ends at its comma */
    else if (ce == cb + 1 && q_punct(q, cb - 1, ','))
        ce = cb + 1;
    q_attr at = {(uint32_t)v, (uint32_t)v + 1, (uint32_t)s0, (uint32_t)ne, (uint32_t)v + 1};
    return add_reported(st, v + 1, ce, &at, si);
}

/* Reported speech in one sentence; at most one attribution is taken. */
static int reported(q_state *st, size_t si)
{
    q_ctx *q = st->q;
    const cx_sentence *se = &q->t->sents[si];
    size_t b = se->tok_begin, e = se->tok_end, from = b;
    int taken = 0;
/* after an attribution, look on from where its clause stopped */
#define TAKE(x)                                                                                    \
    do {                                                                                           \
        size_t r_ = (x);                                                                           \
        if (!r_)                                                                                   \
            return 0;                                                                              \
        taken = 1;                                                                                 \
        if (r_ - 1 > v + 1)                                                                        \
            v = r_ - 2;                                                                            \
        from = r_ - 1;                                                                             \
        goto next;                                                                                 \
    } while (0)
    for (size_t v = b; v < e; v++) {
        if (q->inq[v] >= 0 || st->used_tok[v] || !is_word(q, v))
            continue;
        /* according to X */
        if (word_is(q, v, "according") && v + 1 < e && word_is(q, v + 1, "to")) {
            size_t ne = np_fwd(q, v + 2, e);
            if (ne == v + 2)
                continue;
            q_attr at = {(uint32_t)v, (uint32_t)v + 2, (uint32_t)v + 2, (uint32_t)ne, (uint32_t)ne};
            if (v == b || (v == b + 1 && T(q, b)->kind != CX_TOK_WORD)) {
                size_t c = ne;
                if (c < e && q_punct(q, c, ','))
                    c++;
                { TAKE(add_reported(st, c, e, &at, si)); }
            }
            if (v > b && q_punct(q, v - 1, ','))
                { TAKE(add_reported(st, from, v - 1, &at, si)); }
            continue;
        }
        if (!is_verb_cue(q, v, LX_SAY | LX_TELL | LX_THINK))
            continue;
        int strong = (q->lex[v] & (LX_SAY | LX_TELL)) != 0;
        size_t ne, nb = np_back(q, v, b, &ne);
        int ing = T(q, v)->end - T(q, v)->start > 4 && !memcmp(q->s + T(q, v)->end - 3, "ing", 3);
        /* "..., she said" / "..., said the mayor" at the end of the clause */
        int comma = nb < ne && nb > b &&
                    (q_punct(q, nb - 1, ',') || is_dash(q, nb - 1) ||
                     (T(q, nb - 1)->kind == CX_TOK_QUOTE && nb - 1 > b &&
                      (q_punct(q, nb - 2, ',') || is_final(q, nb - 2))));
        if (strong && comma &&
            (v + 1 >= e || is_final(q, v + 1) || q_punct(q, v + 1, ',') || (q->lex[v + 1] & LX_PREP) ||
             word_is(q, v + 1, "in"))) {
            q_attr at = {(uint32_t)v, (uint32_t)v + 1, (uint32_t)nb, (uint32_t)ne, (uint32_t)v + 1};
            size_t cb = from;
            while (cb < nb && (q_punct(q, cb, ',') || word_is(q, cb, "and") || word_is(q, cb, "but")))
                cb++;
            if (T(q, cb)->kind == CX_TOK_QUOTE && q->inq[cb] >= 0 && st->marks[q->inq[cb]].used)
                continue;
            { TAKE(add_reported(st, cb, T(q, nb - 1)->kind == CX_TOK_QUOTE ? nb : nb - 1, &at, si)); }
        }
        int closed = v > b + 1 && T(q, v - 1)->kind == CX_TOK_QUOTE &&
                     (q_punct(q, v - 2, ',') || is_final(q, v - 2)); /* ...," said X */
        if (strong && v > b && (q_punct(q, v - 1, ',') || is_dash(q, v - 1) || closed) && !ing) {
            size_t e2 = np_fwd_named(q, v + 1, e);
            if (e2 > v + 1 && (e2 >= e || is_final(q, e2) || q_punct(q, e2, ','))) {
                q_attr at = {(uint32_t)v, (uint32_t)v + 1, (uint32_t)v + 1, (uint32_t)e2, (uint32_t)e2};
                if (T(q, from)->kind == CX_TOK_QUOTE && q->inq[from] >= 0 && st->marks[q->inq[from]].used)
                    continue;
                { TAKE(add_reported(st, from, closed ? v : v - 1, &at, si)); }
            }
        }
        /* "X said (that) ...": the clause after the verb */
        q_attr at = {(uint32_t)v, (uint32_t)v + 1, (uint32_t)nb, (uint32_t)ne, (uint32_t)v + 1};
        if (nb >= ne) {
            if (!(ing && v > b && q_punct(q, v - 1, ',')))
                continue;
            /* "..., adding that ...": the subject of the sentence */
            size_t sb = b, se2;
            sb = np_fwd(q, b, v);
            if (sb == b)
                continue;
            se2 = sb;
            at.nb = (uint32_t)b;
            at.ne = (uint32_t)se2;
        }
        size_t c = v + 1;
        if (q->lex[v] & LX_TELL) {
            size_t o = np_fwd(q, c, e);
            if (o == c && c < e && is_word(q, c) && !(q->lex[c] & (LX_CONJ | LX_DET)))
                o = c + 1; /* "told reporters", "told me" */
            c = o;
        }
        /* adjuncts before "that": "said in a statement on Tuesday that" */
        size_t that = SIZE_MAX;
        for (size_t k = c; k < e && k - c < 10; k++) {
            if (q->inq[k] >= 0 || is_final(q, k) || T(q, k)->kind == CX_TOK_QUOTE)
                break;
            if (word_is(q, k, "that")) {
                that = k;
                break;
            }
            if (q->lex[k] & (LX_SAY | LX_TELL))
                break;
        }
        if (that != SIZE_MAX)
            { TAKE(add_reported(st, that, e, &at, si)); }
        if (c < e && (q_punct(q, c, ',') || q_punct(q, c, ':')))
            c++;
        if (c >= e || is_final(q, c))
            continue;
        if (!strong)
            continue;
        uint32_t lx = q->lex[c];
        int opens = T(q, c)->kind == CX_TOK_QUOTE || T(q, c)->kind == CX_TOK_NUMBER ||
                    (is_word(q, c) && !(lx & (LX_ADV | LX_AUX | LX_SAY | LX_TELL)) && !is_lyadv(q, c));
        if (!opens || word_is(q, c, "to") || word_is(q, c, "so") || word_is(q, c, "yes") ||
            word_is(q, c, "no") || (lx & (LX_PREP | LX_CONJ) && !(lx & LX_DET)))
            continue;
        if (words_in(q, c, e) < 4)
            continue;
        { TAKE(add_reported(st, c, e, &at, si)); }
    next:;
    }
#undef TAKE
    return taken ? 1 : partial(st, si);
}

/* Quoted words of three or more that no attribution took, a title's capitals
 * aside: someone's words all the same ("vowed to punish "those who violate
 * the rules.""), when the sentence names who: the speaker of an attribution
 * already made in it, or its subject followed by a verb. */
static int leftovers(q_state *st)
{
    q_ctx *q = st->q;
    for (size_t mi = 0; mi < st->n_marks; mi++) {
        q_marks *m = &st->marks[mi];
        if (m->used || m->single || m->para == st->skip_para)
            continue;
        int titled;
        size_t words = mark_words(q, m, &titled);
        if (words < 3 || titled || overlaps_direct(st, m->cstart, m->cend))
            continue;
        size_t ob = m->ob;
        if (ob > 0 && (word_is(q, ob - 1, "so-called") || word_is(q, ob - 1, "titled") ||
                       word_is(q, ob - 1, "dubbed") || word_is(q, ob - 1, "entitled")))
            continue;
        q_raw *r = new_raw(st);
        if (!r)
            return 0;
        r->kind = CX_QK_DIRECT;
        r->para = m->para;
        r->mark = (int32_t)mi;
        r->last_tok = m->cb;
        add_part(r, m->cstart, m->cend);
        m->used = 1;
        /* the speaker: an attribution already made in this sentence, else
         * the sentence's subject when a verb follows it */
        const cx_sentence *se = &q->t->sents[q->sent_of[ob]];
        const q_raw *same = NULL;
        for (size_t i = 0; i + 1 < st->n_raw; i++) {
            const q_raw *x = &st->raw[i];
            if (x->mention.end && x->parts[0].start >= se->start && x->parts[0].start < se->end)
                same = x;
        }
        if (same) {
            inherit(r, same);
            continue;
        }
        size_t s0 = se->tok_begin;
        if (is_word(q, s0) && (q->lex[s0] & (LX_PREP | LX_CONJ | LX_ADV)) && !(q->lex[s0] & LX_DET)) {
            while (s0 < ob && !q_punct(q, s0, ','))
                s0++;
            s0++;
        }
        size_t e = s0 < ob ? np_fwd(q, s0, ob) : s0;
        size_t v = e;
        while (v < ob && is_word(q, v) && ((q->lex[v] & (LX_ADV | LX_AUX)) || is_lyadv(q, v)))
            v++;
        if (e > s0 && v < ob && is_word(q, v) && (T(q, v)->flags & CX_TF_LOWER) &&
            speaker_like(q, s0, e) && !(q->lex[v] & (LX_CONJ | LX_PREP | LX_DET | LX_PRON))) {
            if (!resolve(st, r, s0, e))
                return 0;
        } else {
            /* nobody to give them to: left out (kept, they raise quote recall
             * but give wrong speakers: docs/quotes.md) */
            st->n_raw--;
            m->used = 0;
        }
    }
    return 1;
}

/* 1 when tokens [b, e) hold first-person words, no quotation mark, no
 * reporting verb and nothing another quote took; 0 otherwise. */
static int first_person_only(const q_state *st, size_t b, size_t e)
{
    const q_ctx *q = st->q;
    int first = 0;
    for (size_t i = b; i < e; i++) {
        if (T(q, i)->kind == CX_TOK_QUOTE && T(q, i)->style == CX_QS_DOUBLE)
            return 0;
        if (st->used_tok[i] || (is_word(q, i) && (q->lex[i] & (LX_SAY | LX_TELL)) && !(q->lex[i] & LX_THINK)))
            return 0;
        if (is_word(q, i) && (q->lex[i] & LX_FIRST))
            first = 1;
    }
    uint32_t s = T(q, b)->start;
    for (size_t i = 0; i < st->n_raw; i++)
        for (uint32_t k = 0; k < st->raw[i].n_parts; k++)
            if (st->raw[i].parts[k].start <= s && st->raw[i].parts[k].end > s)
                return 0;
    return first;
}

/* Paragraphs of first-person speech with no cue after a quote. */
static int continuations(q_state *st)
{
    q_ctx *q = st->q;
    const cx_text *t = q->t;
    size_t n0 = st->n_raw;
    /* within a paragraph: "I did nothing wrong, she said. I will prove it." */
    for (size_t i = 0; i < n0; i++) {
        q_raw *r = &st->raw[i];
        if (r->kind != CX_QK_UNMARKED || !r->n_parts)
            continue;
        uint32_t si = q->sent_of[r->last_tok > 0 ? r->last_tok - 1 : 0];
        while (++si < t->n_sents && t->sents[si].para == r->para) {
            const cx_sentence *se = &t->sents[si];
            if (first_person_only(st, se->tok_begin, se->tok_end) != 1)
                break;
            add_part(r, se->start, se->end);
            r->last_tok = se->tok_end;
        }
    }
    for (size_t p = 1; p < t->n_paras; p++) {
        const cx_paragraph *pa = &t->paras[p];
        if (pa->sent_begin >= pa->sent_end)
            continue;
        /* the last quote must end the paragraph before */
        q_raw *prev = NULL;
        for (size_t i = st->n_raw; i-- > 0;)
            if (st->raw[i].para <= p) {
                prev = &st->raw[i];
                break;
            }
        if (!prev || prev->para != p - 1 || !prev->mention.end)
            continue;
        if (prev->kind != CX_QK_UNMARKED && prev->kind != CX_QK_DIRECT)
            continue;
        size_t pe_prev = para_end_tok(q, (uint32_t)(p - 1));
        if (prev->last_tok + 2 < pe_prev)
            continue;
        size_t b = para_begin_tok(q, (uint32_t)p), e = para_end_tok(q, (uint32_t)p);
        int first = 0, bad = 0;
        for (size_t i = b; i < e && !bad; i++) {
            if (T(q, i)->kind == CX_TOK_QUOTE && T(q, i)->style == CX_QS_DOUBLE)
                bad = 1;
            else if (is_word(q, i) && (q->lex[i] & (LX_SAY | LX_TELL)) && !(q->lex[i] & LX_THINK))
                bad = 1;
            else if (is_word(q, i) && (q->lex[i] & LX_FIRST) &&
                     i < t->sents[pa->sent_begin].tok_end)
                first = 1;
        }
        if (bad || !first)
            continue;
        int taken = 0;
        for (size_t i = n0; i < st->n_raw; i++)
            if (st->raw[i].para == p)
                taken = 1;
        if (taken)
            continue;
        q_raw *r = new_raw(st);
        if (!r)
            return 0;
        prev = NULL; /* new_raw may have moved the array */
        for (size_t i = st->n_raw - 1; i-- > 0 && !prev;)
            if (st->raw[i].para == p - 1)
                prev = &st->raw[i];
        if (!prev)
            return 0;
        r->kind = CX_QK_UNMARKED;
        r->para = (uint32_t)p;
        r->last_tok = (uint32_t)e;
        add_part(r, T(q, b)->start, T(q, e - 1)->end);
        inherit(r, prev);
    }
    return 1;
}

/* ---- output ---- */

static int cmp_raw(const void *a, const void *b)
{
    const q_raw *x = a, *y = b;
    return x->parts[0].start < y->parts[0].start ? -1 : x->parts[0].start > y->parts[0].start;
}

static const char *norm_words(q_ctx *q, const q_raw *r)
{
    cx_buf b;
    cx_buf_init(&b, 1 << 20);
    for (uint32_t p = 0; p < r->n_parts; p++) {
        const char *s = q->s + r->parts[p].start;
        size_t n = r->parts[p].end - r->parts[p].start;
        size_t i = 0;
        while (i < n) {
            unsigned char c = (unsigned char)s[i];
            int word = c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
            if (!word) {
                i++;
                continue;
            }
            size_t j = i;
            while (j < n) {
                unsigned char d = (unsigned char)s[j];
                if (!(d >= 0x80 || (d >= '0' && d <= '9') || ((d | 32) >= 'a' && (d | 32) <= 'z') ||
                      d == '\''))
                    break;
                if (d == 0xE2 && j + 2 < n && (unsigned char)s[j + 1] == 0x80 &&
                    ((unsigned char)s[j + 2] >= 0x9C && (unsigned char)s[j + 2] <= 0x9D))
                    break; /* a curly double mark */
                if (d == 0xE2 && j + 2 < n && (unsigned char)s[j + 1] == 0x80 &&
                    ((unsigned char)s[j + 2] == 0x94 || (unsigned char)s[j + 2] == 0x93))
                    break; /* a dash */
                j++;
            }
            if (j == i) {
                i += 3; /* the mark or dash itself */
                continue;
            }
            if (b.len)
                cx_buf_putc(&b, ' ');
            cx_fold(s + i, j - i, &b);
            i = j;
        }
    }
    const char *out = cx_arena_strndup(q->a, b.data ? b.data : "", b.len);
    cx_buf_free(&b);
    return out;
}

static int emit(q_state *st, cx_quotes *res)
{
    q_ctx *q = st->q;
    if (st->n_raw > 1)
        qsort(st->raw, st->n_raw, sizeof *st->raw, cmp_raw);
    res->quotes = cx_arena_calloc(q->a, st->n_raw ? st->n_raw : 1, sizeof *res->quotes);
    if (!res->quotes)
        return 0;
    for (size_t i = 0; i < st->n_raw; i++) {
        const q_raw *r = &st->raw[i];
        if (!r->n_parts)
            continue;
        cx_quote *o = &res->quotes[res->n_quotes++];
        o->span = (cx_span){r->parts[0].start, r->parts[r->n_parts - 1].end};
        o->parts = cx_arena_alloc(q->a, r->n_parts * sizeof *o->parts);
        if (!o->parts)
            return 0;
        memcpy(o->parts, r->parts, r->n_parts * sizeof *o->parts);
        o->n_parts = r->n_parts;
        o->kind = r->kind;
        o->cue = r->cue;
        o->speaker = r->speaker;
        o->mention = r->mention;
        o->entity = r->entity;
        if (!(o->norm = norm_words(q, r)))
            return 0;
    }
    res->entities = cx_arena_calloc(q->a, q->n_ents ? q->n_ents : 1, sizeof *res->entities);
    if (!res->entities)
        return 0;
    /* entities keep the index quotes point to */
    for (size_t e = 0; e < q->n_ents; e++) {
        cx_entity *o = &res->entities[e];
        const q_entity *x = &q->ents[e];
        o->name = x->name;
        o->title = x->title;
        o->type = x->type;
        o->mentions = cx_arena_alloc(q->a, (x->n_mentions ? x->n_mentions : 1) * sizeof *o->mentions);
        if (!o->mentions)
            return 0;
    }
    res->n_entities = q->n_ents;
    for (size_t m = 0; m < q->n_ments; m++) {
        cx_entity *o = &res->entities[q->ments[m].ent];
        o->mentions[o->n_mentions++] = (cx_span){q->ments[m].start, q->ments[m].end};
    }
    return 1;
}

/* The paragraph that repeats the title (a headline left in the body). */
static uint32_t headline_para(const q_ctx *q, const char *title)
{
    if (!title || !q->t->n_paras)
        return UINT32_MAX;
    const cx_paragraph *p = &q->t->paras[0];
    size_t n = strlen(title);
    if (p->end - p->start == n && !memcmp(q->s + p->start, title, n))
        return 0;
    return UINT32_MAX;
}

cx_quotes *cx_quotes_analyze(cx_arena *a, const cx_text *t, const char *title, const char *lang)
{
    (void)lang;
    cx_quotes *res = cx_arena_calloc(a, 1, sizeof *res);
    q_ctx *q = cx_arena_calloc(a, 1, sizeof *q);
    q_state *st = cx_arena_calloc(a, 1, sizeof *st);
    if (!res || !q || !st)
        return NULL;
    size_t n = t->n_toks ? t->n_toks : 1;
    q->a = a;
    q->t = t;
    q->s = t->s;
    q->lex = cx_arena_alloc(a, n * sizeof *q->lex);
    q->sent_of = cx_arena_alloc(a, n * sizeof *q->sent_of);
    q->inq = cx_arena_alloc(a, n * sizeof *q->inq);
    q->ment_at = cx_arena_alloc(a, n * sizeof *q->ment_at);
    q->ments = cx_arena_alloc(a, n * sizeof *q->ments);
    q->ents = cx_arena_alloc(a, n * sizeof *q->ents);
    q->lower_seen = cx_arena_calloc(a, Q_SEEN_BITS / 8, 1);
    q->solo_seen = cx_arena_calloc(a, Q_SEEN_BITS / 8, 1);
    st->used_tok = cx_arena_calloc(a, n, 1);
    if (!q->lex || !q->sent_of || !q->inq || !q->ment_at || !q->ments || !q->ents ||
        !q->lower_seen || !q->solo_seen || !st->used_tok)
        return NULL;
    st->q = q;
    for (size_t i = 0; i < t->n_toks; i++) {
        const cx_token *k = &t->toks[i];
        q->lex[i] = k->kind == CX_TOK_WORD ? cx_lex(t->s + k->start, k->end - k->start) : 0;
        q->inq[i] = -1;
        q->ment_at[i] = -1;
    }
    for (size_t si = 0; si < t->n_sents; si++)
        for (size_t i = t->sents[si].tok_begin; i < t->sents[si].tok_end; i++)
            q->sent_of[i] = (uint32_t)si;
    st->skip_para = headline_para(q, title);
    if (!pair_marks(st) || !q_entities(q))
        return NULL;
    for (size_t e = 0; e < q->n_ents; e++)
        q->ents[e].first_tok = UINT32_MAX;
    for (size_t m = 0; m < q->n_ments; m++) {
        q_entity *x = &q->ents[q->ments[m].ent];
        if (x->first_tok == UINT32_MAX)
            x->first_tok = q->ments[m].start;
    }
    if (!direct_quotes(st))
        return NULL;
    size_t n_direct = st->n_raw;
    for (size_t si = 0; si < t->n_sents; si++) {
        if (t->sents[si].para == st->skip_para)
            continue;
        if (!reported(st, si))
            return NULL;
    }
    (void)n_direct;
    if (!leftovers(st) || !continuations(st) || !emit(st, res))
        return NULL;
    return res;
}

const char *cx_entity_type_name(int type)
{
    switch (type) {
    case CX_ENT_PERSON: return "person";
    case CX_ENT_ORG: return "organization";
    case CX_ENT_PLACE: return "place";
    case CX_ENT_OUTLET: return "outlet";
    }
    return "unknown";
}

const char *cx_quote_kind_name(int kind)
{
    switch (kind) {
    case CX_QK_DIRECT: return "direct";
    case CX_QK_INDIRECT: return "indirect";
    case CX_QK_MIXED: return "mixed";
    case CX_QK_UNMARKED: return "unmarked";
    }
    return "unknown";
}
