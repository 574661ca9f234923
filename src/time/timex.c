/*
 * timex.c: recognition and normalisation of temporal expressions (see time.h).
 *
 * Each sentence's tokens become small "words" (hyphenated words split into
 * their parts, possessives dropped, numbers read), each looked up once in the
 * word tables. At every word the matchers are tried from the most specific
 * (a time of day with its date, a full date) to the least (a bare year); the
 * first that matches takes the words it covers and the scan goes on after
 * them. A matcher both recognises and resolves: it knows the publication
 * date (the anchor of deictic expressions), the date the text mentioned last
 * (the anchor of anaphoric ones) and, on demand, the tense around it.
 */
#include "time/time.h"
#include "time/calendar.h"
#include "time/words.h"
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WMAX 24 /* longest word kept for lookup */

typedef struct word {
    uint32_t start, end; /* bytes in the body */
    char w[WMAX];        /* lower-case ASCII ("" when not ASCII or too long) */
    uint8_t kind;        /* CX_TOK_* */
    uint8_t cap;         /* first letter upper case */
    uint8_t hyph;        /* joined to the next word by a hyphen */
    uint8_t poss;        /* had a possessive 's or ' (dropped) */
    uint8_t can_start;   /* may begin an expression (most words cannot: skipped fast) */
    uint8_t digits;      /* plain digits: how many */
    int num;             /* integer value (digits or number word), -1 none */
    int ord;             /* ordinal value (third, 21st), 0 none */
    int decade;          /* 1990s, '90s -> 1990; 0 none */
    int hh, mm;          /* 9:30 -> 9, 30; -1 none */
    int sm, sd, sy;      /* 10/23/98 -> month, day, year; 0 none */
    int dec;             /* a decimal number (3.5) */
    const cx_tword *tw;  /* table entry, NULL none */
} word;

typedef struct result {
    int type;         /* cx_timex_type */
    cx_tpoint p;      /* the point, when lit and dur are empty */
    const char *lit;  /* a literal value (PRESENT_REF...) */
    char dur[32];     /* a literal built here (P2Y, XXXX-WXX-1) */
    int gran;         /* precision for dur/lit values */
    int anchor;       /* 1: a date later anaphora may refer to */
    int nodet;        /* a determiner before it is not part of it */
} result;

typedef struct ctx {
    const char *s;
    word *w;
    int n;
    cx_tpoint dct;  /* publication date; year -1 when unknown */
    int have_dct;   /* known to the day */
    cx_tpoint ref;  /* the date the text mentioned last (DCT at first) */
    int ref_sent;   /* sentence of ref, -1 for the DCT */
    cx_tpoint lastq; /* the quarter the text named last (financial reports compare quarters) */
    int lastq_sent;  /* its sentence, -1 none */
    int sent;
} ctx;

/* The quarter anaphora refer to: the one the text named last, else the
 * quarter that last ended before publication. */
static cx_tpoint the_quarter(const ctx *c);

/* ---- words ---- */

static const word *W(const ctx *c, int i) { return i >= 0 && i < c->n ? &c->w[i] : NULL; }

static int is(const ctx *c, int i, const char *s)
{
    const word *x = W(c, i);
    return x && x->w[0] == s[0] && strcmp(x->w, s) == 0; /* the first byte settles most */
}

static int is_any(const ctx *c, int i, const char *const *list)
{
    const word *x = W(c, i);
    if (!x || !x->w[0])
        return 0;
    for (; *list; list++)
        if (x->w[0] == (*list)[0] && strcmp(x->w, *list) == 0)
            return 1;
    return 0;
}

static int cls(const ctx *c, int i, int k)
{
    const word *x = W(c, i);
    return x && x->tw && (x->tw->cls & k);
}

static int val(const ctx *c, int i) { return c->w[i].tw ? c->w[i].tw->val : 0; }

static int punct(const ctx *c, int i, char ch)
{
    const word *x = W(c, i);
    return x && x->kind == CX_TOK_PUNCT && x->end - x->start == 1 && c->s[x->start] == ch;
}

static void lower_copy(word *x, const char *s, size_t n)
{
    x->w[0] = 0;
    if (n >= WMAX)
        return;
    size_t at = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char ch = (unsigned char)s[k];
        if (ch >= 0x80) {
            /* ’ (U+2019) in "Friday’s" and "won’t" reads as ' */
            if (ch == 0xE2 && k + 2 < n && (unsigned char)s[k + 1] == 0x80 &&
                (unsigned char)s[k + 2] == 0x99) {
                k += 2;
                ch = '\'';
            } else {
                x->w[0] = 0;
                return;
            }
        }
        if (at + 1 >= WMAX)
            return;
        x->w[at++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
        x->w[at] = 0;
    }
}

/* Reads a number token: 1998, 1,200, 3.5, 9:30, 21st, 1990s, '90s, 10/23/98. */
static void read_number(word *x, const char *s, size_t n)
{
    size_t k = 0;
    int apos = 0;
    if (n && (s[0] == '\'' || (unsigned char)s[0] == 0xE2)) {
        apos = 1;
        k = s[0] == '\'' ? 1 : 3;
    }
    long v = 0;
    int nd = 0, commas = 0;
    while (k < n && ((s[k] >= '0' && s[k] <= '9') || (s[k] == ',' && nd))) {
        if (s[k] == ',')
            commas++;
        else if (nd < 9) {
            v = v * 10 + (s[k] - '0');
            nd++;
        }
        k++;
    }
    if (!nd)
        return;
    if (k < n && s[k] == ':' && !commas) { /* 9:30 */
        int mm = 0, md = 0;
        size_t q = k + 1;
        while (q < n && s[q] >= '0' && s[q] <= '9' && md < 3)
            mm = mm * 10 + (s[q++] - '0'), md++;
        if (md == 2 && v <= 24 && mm < 60) {
            x->hh = (int)v;
            x->mm = mm;
            if (q < n && s[q] == ':') /* 9:30:15 */
                for (q++; q < n && s[q] >= '0' && s[q] <= '9';)
                    q++;
            if (q < n) { /* 9:30pm */
                char suf[4] = "";
                size_t sn = 0;
                for (; q < n && sn < 3; q++)
                    if (s[q] != '.')
                        suf[sn++] = (char)(s[q] | 0x20);
                suf[sn] = 0;
                if (!strcmp(suf, "pm") && x->hh < 12)
                    x->hh += 12;
                else if (!strcmp(suf, "am") && x->hh == 12)
                    x->hh = 0;
            }
        }
        return;
    }
    if (k < n && s[k] == '/' && !commas) { /* 10/23/98 or 10/23/1998 */
        int a = (int)v, b = 0, y = 0, bd = 0, yd = 0;
        size_t q = k + 1;
        while (q < n && s[q] >= '0' && s[q] <= '9' && bd < 3)
            b = b * 10 + (s[q++] - '0'), bd++;
        if (q < n && s[q] == '/') {
            q++;
            while (q < n && s[q] >= '0' && s[q] <= '9' && yd < 5)
                y = y * 10 + (s[q++] - '0'), yd++;
        }
        if (q == n && (yd == 2 || yd == 4) && a >= 1 && a <= 12 && b >= 1 && b <= 31) {
            if (yd == 2)
                y += y < 30 ? 2000 : 1900;
            x->sm = a;
            x->sd = b;
            x->sy = y;
        }
        return;
    }
    if (k < n && s[k] == '.') {
        x->dec = 1;
        return;
    }
    if (k == n) {
        x->num = (int)v;
        x->digits = (uint8_t)(commas || apos ? 0 : nd);
        if (apos && nd == 2)
            x->sy = (int)v; /* '98: read as a year by the year matcher */
        return;
    }
    /* a letter suffix */
    char suf[6] = "";
    size_t sn = 0;
    for (; k < n && sn < 5; k++)
        suf[sn++] = (char)(s[k] | 0x20);
    suf[sn] = 0;
    if (!strcmp(suf, "s") && !commas && ((nd == 4 && v % 10 == 0) || (apos && nd == 2 && v % 10 == 0))) {
        x->decade = apos ? (int)(1900 + v) : (int)v;
    } else if (!strcmp(suf, "st") || !strcmp(suf, "nd") || !strcmp(suf, "rd") || !strcmp(suf, "th")) {
        x->ord = (int)v;
    } else if ((!strcmp(suf, "am") || !strcmp(suf, "pm")) && v >= 1 && v <= 12) {
        x->hh = (int)(suf[0] == 'p' ? (v == 12 ? 12 : v + 12) : (v == 12 ? 0 : v));
        x->mm = 0;
    }
}

static int push(word **arr, int *n, int *cap, const word *x)
{
    if (*n == *cap) {
        int nc = *cap ? *cap * 2 : 64;
        word *g = cx_realloc(*arr, (size_t)nc * sizeof *g);
        if (!g)
            return 0;
        *arr = g;
        *cap = nc;
    }
    (*arr)[(*n)++] = *x;
    return 1;
}

static void init_word(word *x, uint32_t a, uint32_t b, uint8_t kind)
{
    memset(x, 0, sizeof *x);
    x->start = a;
    x->end = b;
    x->kind = kind;
    x->num = -1;
    x->hh = x->mm = -1;
}

static int is_hyphen_at(const char *s, size_t k, size_t end, size_t *len)
{
    if (s[k] == '-') {
        *len = 1;
        return 1;
    }
    if (k + 2 < end && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
        ((unsigned char)s[k + 2] == 0x90 || (unsigned char)s[k + 2] == 0x91)) {
        *len = 3;
        return 1;
    }
    return 0;
}

static int can_start(const word *x)
{
    if (x->kind == CX_TOK_NUMBER)
        return 1;
    if (x->kind != CX_TOK_WORD || !x->w[0])
        return 0;
    return x->tw && (x->tw->cls & ~(TW_PAST | TW_FUT)); /* TW_START: "the", "last", "about"... */
}

/* The words of tokens [b, e). */
static int make_words(const cx_text *t, uint32_t b, uint32_t e, word **arr, int *n, int *cap)
{
    const char *s = t->s;
    *n = 0;
    for (uint32_t i = b; i < e; i++) {
        const cx_token *tk = &t->toks[i];
        word x;
        if (tk->kind == CX_TOK_WORD) {
            size_t k = tk->start, part = tk->start, hl = 1;
            for (;; k++) {
                int at_end = k >= tk->end;
                int hy = !at_end && is_hyphen_at(s, k, tk->end, &hl);
                if (!at_end && !hy)
                    continue;
                init_word(&x, (uint32_t)part, (uint32_t)k, CX_TOK_WORD);
                size_t len = k - part;
                lower_copy(&x, s + part, len);
                size_t wl = strlen(x.w);
                if (wl > 2 && x.w[wl - 2] == '\'' && x.w[wl - 1] == 's') {
                    x.w[wl - 2] = 0; /* Friday's: the extent stops before the 's */
                    x.poss = 1;
                    x.end -= s[x.end - 2] == '\'' ? 2 : 4;
                } else if (wl > 1 && x.w[wl - 1] == '\'') {
                    x.w[wl - 1] = 0; /* years' */
                    x.poss = 1;
                    x.end -= s[x.end - 1] == '\'' ? 1 : 3;
                }
                x.cap = s[part] >= 'A' && s[part] <= 'Z';
                if (x.w[0] >= '0' && x.w[0] <= '9') { /* mid-1990s: a number part */
                    x.kind = CX_TOK_NUMBER;
                    read_number(&x, s + part, len);
                } else {
                    x.tw = cx_tw_lookup(x.w);
                    if (x.tw && (x.tw->cls & TW_NUM))
                        x.num = x.tw->val;
                    if (x.tw && (x.tw->cls & TW_ORD))
                        x.ord = (x.tw->cls & TW_UNIT) ? 2 : x.tw->val;
                }
                x.hyph = (uint8_t)hy;
                x.can_start = (uint8_t)can_start(&x);
                if (!push(arr, n, cap, &x))
                    return 0;
                if (at_end)
                    break;
                k += hl - 1;
                part = k + 1;
            }
        } else {
            init_word(&x, tk->start, tk->end, tk->kind);
            if (tk->kind == CX_TOK_NUMBER)
                read_number(&x, s + tk->start, tk->end - tk->start);
            else if (tk->end - tk->start < WMAX)
                lower_copy(&x, s + tk->start, tk->end - tk->start);
            x.can_start = (uint8_t)can_start(&x);
            if (!push(arr, n, cap, &x))
                return 0;
        }
    }
    return 1;
}

/* ---- tense ---- */

enum { T_NONE = 0, T_PAST = -1, T_FUT = 1 };

static int is_reporting(const word *x);

static int tense_of_word(const word *x)
{
    if (is_reporting(x))
        return T_NONE; /* the report's date, not the event's: see tense_at */
    if (x->tw) {
        if (x->tw->cls & TW_FUT)
            return T_FUT;
        if (x->tw->cls & TW_PAST)
            return T_PAST;
    }
    size_t n = strlen(x->w);
    if (n >= 4 && !strcmp(x->w + n - 3, "'ll"))
        return T_FUT;
    if (n >= 5 && !strcmp(x->w + n - 2, "ed") && strcmp(x->w + n - 3, "eed") &&
        strcmp(x->w, "hundred") && strcmp(x->w, "united") && strcmp(x->w, "expected") &&
        strcmp(x->w, "scheduled") && strcmp(x->w, "kindred"))
        return T_PAST;
    if (!strcmp(x->w, "expected") || !strcmp(x->w, "plans") || !strcmp(x->w, "plan") ||
        !strcmp(x->w, "going") || !strcmp(x->w, "due") || !strcmp(x->w, "would") || !strcmp(x->w, "tomorrow") ||
        !strcmp(x->w, "planning") || !strcmp(x->w, "might") || !strcmp(x->w, "expect") ||
        !strcmp(x->w, "expects"))
        return T_FUT;
    if (!strcmp(x->w, "ago") || !strcmp(x->w, "yesterday"))
        return T_PAST;
    return T_NONE;
}

static int is_reporting(const word *x)
{
    static const char *const reporting[] = {"said", "told", "added", "reported", "announced", "stated",
                                            "noted", "explained", "declared", "asked", "says", "tells",
                                            "announces", "reports", "disclosed", "confirmed", NULL};
    for (const char *const *r = reporting; *r; r++)
        if (!strcmp(x->w, *r))
            return 1;
    return 0;
}

/* The tense word k gives, with its neighbours: a participle after "is"/"be"
 * is no past ("the case is heard in May"), "to" before a verb points ahead
 * ("planned to leave Thursday"). */
static int tense_word_at(const ctx *c, int k, int i)
{
    const word *x = &c->w[k];
    int t = tense_of_word(x);
    if (t == T_PAST && !(x->tw && (x->tw->cls & TW_PAST))) {
        /* a participle after a modal: "will stay closed", "would be delayed" */
        for (int m = k - 1; m >= 0 && m >= k - 3; m--)
            if (is(c, m, "will") || is(c, m, "would") || is(c, m, "shall") || is(c, m, "won't"))
                return T_FUT;
    }
    if (t == T_PAST && k > 0) {
        /* a participle or an adjective: "is heard", "an unspecified date" */
        static const char *const aux[] = {"is", "are", "am", "be", "been", "being", "will", "would", "to",
                                          "a", "an", "the", "still", NULL};
        if (is_any(c, k - 1, aux))
            return T_NONE;
    }
    if (t == T_NONE && !strcmp(x->w, "to") && k + 1 < c->n && k < i) {
        const word *v = &c->w[k + 1];
        static const char *const verbs[] = {"be", "leave", "meet", "visit", "testify", "return", "hold",
                                            "begin", "start", "open", "close", "vote", "decide", "go",
                                            "come", "travel", "arrive", "announce", "resume", "take",
                                            "make", "sign", "hear", "appear", "release", "pay", NULL};
        for (const char *const *vb = verbs; *vb; vb++)
            if (!strcmp(v->w, *vb))
                return T_FUT;
    }
    return t;
}

/* The tense nearest the words [i, j): a reporting verb right next to it dates
 * the report ("said Friday"); else the closest cue either side (left first). */
static int tense_at(const ctx *c, int i, int j)
{
    if ((j < c->n && is_reporting(&c->w[j])) || (j + 1 < c->n && punct(c, j, ',') && is_reporting(&c->w[j + 1])))
        return T_PAST;
    /* "said Friday", "told a news conference on Tuesday": a reporting verb
     * shortly before, with no other verb between */
    for (int k = i - 1; k >= 0 && k >= i - 5; k--) {
        if (is_reporting(&c->w[k]))
            return T_PAST;
        if (tense_of_word(&c->w[k]) || c->w[k].kind == CX_TOK_PUNCT)
            break;
    }
    if (j - 1 < c->n && c->w[j - 1].poss && cls(c, j - 1, TW_WDAY))
        return T_PAST; /* "Wednesday's ruling" happened */
    if (i >= 1 && cls(c, i, TW_MONTH) && (is(c, i - 1, "through") || is(c, i - 1, "until") || is(c, i - 1, "till")))
        return T_FUT;
    if (i >= 3 && is(c, i - 3, "as") && is(c, i - 1, "as") &&
        (is(c, i - 2, "early") || is(c, i - 2, "soon") || is(c, i - 2, "late")))
        return T_FUT;
    if (i >= 1 && (is(c, i - 1, "until") || is(c, i - 1, "till")) && i >= 2 && is(c, i - 2, "postponed"))
        return T_FUT;
    for (int d = 1; d < c->n; d++) {
        int l = i - d, r = j - 1 + d;
        if (l < 0 && r >= c->n)
            break;
        if (l >= 0) {
            int tl = tense_word_at(c, l, i);
            if (tl)
                return tl;
        }
        if (r < c->n) {
            int tr = tense_word_at(c, r, i);
            if (tr)
                return tr;
        }
    }
    /* no verb says: "until Friday", "by Monday" point ahead */
    for (int k = i - 1; k >= 0 && k >= i - 2; k--)
        if (is(c, k, "until") || is(c, k, "by") || is(c, k, "till"))
            return T_FUT;
    return T_NONE;
}

/* ---- results ---- */

static void set_point(result *r, int type, cx_tpoint p)
{
    memset(r, 0, sizeof *r);
    r->type = type;
    r->p = p;
    r->anchor = p.year > 0;
}

static void set_lit(result *r, int type, const char *lit)
{
    memset(r, 0, sizeof *r);
    r->type = type;
    r->lit = lit;
}

/* A duration or set value: P + n + unit ("P2Y", "PT3H", "PXW", "P1.5Y" for halves). */
static void set_dur(result *r, int type, int n, int unit, int half)
{
    memset(r, 0, sizeof *r);
    r->type = type;
    int is_time = 0;
    const char *code = cx_unit_code(unit, &is_time);
    if (unit == CX_U_SEASON) {
        n = n > 0 ? n * 3 : n;
    } else if (unit == CX_U_HALF) {
        n = n > 0 ? n * 6 : n;
    } else if ((unit == CX_U_DECADE || unit == CX_U_CENTURY) && n > 0) {
        /* "two decades": P20Y, as TempEval-3 writes it (P2DE is the same) */
        n *= unit == CX_U_DECADE ? 10 : 100;
        code = cx_unit_code(CX_U_YEAR, &is_time);
    }
    if (n < 0)
        snprintf(r->dur, sizeof r->dur, "P%sX%s", is_time ? "T" : "", code);
    else if (half && unit == CX_U_YEAR)
        snprintf(r->dur, sizeof r->dur, "P%dY6M", n); /* 2 1/2 years: P2Y6M */
    else if (half && unit == CX_U_HOUR)
        snprintf(r->dur, sizeof r->dur, "PT%dH30M", n);
    else if (half && unit == CX_U_DAY)
        snprintf(r->dur, sizeof r->dur, "P%dDT12H", n);
    else if (half)
        snprintf(r->dur, sizeof r->dur, "P%s%d.5%s", is_time ? "T" : "", n, code);
    else
        snprintf(r->dur, sizeof r->dur, "P%s%d%s", is_time ? "T" : "", n, code);
    r->gran = cx_unit_gran(unit == CX_U_SECOND ? CX_U_MINUTE : unit);
}

/* The anchor of deictic expressions: the DCT (unknown fields when none). */
static cx_tpoint now_at(const ctx *c, int g) { return cx_tp_coarsen(c->dct, g); }

/* The anchor of anaphoric expressions: the date mentioned last, else the DCT. */
static cx_tpoint ref_at(const ctx *c, int g)
{
    cx_tpoint p = c->ref;
    if (p.g < g && !(g == CX_G_WEEK && p.g >= CX_G_MONTH)) {
        /* the reference is coarser than needed: the unknown parts stay unknown */
        p.g = g;
        if (g >= CX_G_MONTH && p.month <= 0)
            p.month = -1;
        if (g >= CX_G_DAY)
            p.day = -1;
        return p;
    }
    return cx_tp_coarsen(p, g);
}

/* ---- numbers ---- */

/* A count at i: digits, number words (twenty-four, a hundred), "a"/"an" when
 * allow_a, "a few"/"several"/"some" (-1: unknown). Returns the words used. */
static int count_at(const ctx *c, int i, int allow_a, int *v, int *half)
{
    const word *x = W(c, i);
    *half = 0;
    if (!x)
        return 0;
    if (x->kind == CX_TOK_NUMBER) {
        if (x->dec) {
            /* 1.5 years: the half is kept, other decimals are not durations here */
            const char *p = c->s + x->start;
            size_t n = x->end - x->start;
            if (n >= 3 && p[n - 2] == '.' && p[n - 1] == '5') {
                int a = 0;
                for (size_t k = 0; k + 2 < n; k++)
                    if (p[k] >= '0' && p[k] <= '9')
                        a = a * 10 + (p[k] - '0');
                *v = a;
                *half = 1;
                return 1;
            }
            return 0;
        }
        if (x->num < 0 || x->sy)
            return 0;
        *v = x->num;
        return 1;
    }
    if (is(c, i, "a") || is(c, i, "an")) {
        if (is(c, i + 1, "few") || is(c, i + 1, "couple")) {
            *v = is(c, i + 1, "few") ? -1 : 2;
            return is(c, i + 2, "of") ? 3 : 2;
        }
        if (is(c, i + 1, "half") && allow_a) {
            *v = 0;
            *half = 1;
            return 2;
        }
        if (is(c, i + 1, "hundred") || is(c, i + 1, "thousand") || is(c, i + 1, "dozen")) {
            *v = val(c, i + 1);
            return 2;
        }
        if (!allow_a)
            return 0;
        *v = 1;
        return 1;
    }
    static const char *const vague[] = {"several", "few", "many", "some", "numerous", "multiple", NULL};
    if (is_any(c, i, vague)) {
        *v = -1;
        return 1;
    }
    if (cls(c, i, TW_NUM) && x->num > 0) {
        int k = 1, total = x->num;
        if (cls(c, i, TW_TENS) && cls(c, i + 1, TW_NUM) && W(c, i + 1)->num < 10) {
            total += W(c, i + 1)->num;
            k++;
        }
        if (cls(c, i + k, TW_MULT)) {
            total *= W(c, i + k)->num;
            k++;
        }
        *v = total;
        return k;
    }
    return 0;
}

/* A unit at i (singular or plural); fills *u and *plural. */
static int unit_at(const ctx *c, int i, int *u, int *plural)
{
    if (!cls(c, i, TW_UNIT))
        return 0;
    *u = val(c, i);
    *plural = cls(c, i, TW_PLURAL) != 0;
    return 1;
}

/* ---- years ---- */

/* A year at i: 1998 (1000-2099, four plain digits), '98, "nineteen ninety-seven". */
static int year_at(const ctx *c, int i, int *y)
{
    const word *x = W(c, i);
    if (!x)
        return 0;
    if (x->kind == CX_TOK_NUMBER && x->digits == 4 && x->num >= 1000 && x->num <= 2099) {
        *y = x->num;
        return 1;
    }
    if (x->kind == CX_TOK_NUMBER && x->sy && !x->sm && x->num >= 0 && x->digits == 0) {
        int cent = c->dct.year > 0 ? c->dct.year / 100 * 100 : 1900;
        *y = cent + x->sy;
        if (c->dct.year > 0 && *y > c->dct.year + 10)
            *y -= 100;
        return 1;
    }
    /* nineteen ninety-seven, nineteen eighty */
    if (is(c, i, "nineteen") && cls(c, i + 1, TW_TENS)) {
        *y = 1900 + W(c, i + 1)->num;
        int k = 2;
        if (cls(c, i + 2, TW_NUM) && W(c, i + 2)->num < 10 && W(c, i + 1)->hyph) {
            *y += W(c, i + 2)->num;
            k = 3;
        }
        return k;
    }
    if ((is(c, i, "two") && is(c, i + 1, "thousand"))) {
        *y = 2000;
        int k = 2;
        if (is(c, i + 2, "and") && cls(c, i + 3, TW_NUM) && W(c, i + 3)->num < 100) {
            *y += W(c, i + 3)->num;
            k = 4;
        }
        return k;
    }
    return 0;
}

/* ---- matchers ---- */

/* Direction for an underspecified weekday/month/season from the tense. */
static int dir_of(const ctx *c, int i, int j, int def)
{
    int t = tense_at(c, i, j);
    return t == T_PAST ? -1 : t == T_FUT ? 1 : def;
}

/* A part of the day after a day (morning, night...) at i. */
static int part_at(const ctx *c, int i, int *part)
{
    if (!cls(c, i, TW_PART) || cls(c, i, TW_PLURAL))
        return 0;
    *part = val(c, i);
    return 1;
}

static void with_part(result *r, int part)
{
    r->p.g = CX_G_PART;
    r->p.part = part;
    r->type = CX_TIMEX_TIME;
}

/* The year of month m named without one. Months only ("by Jan. 14" in a
 * January article is this January's). The tense decides, except that a
 * month at most two months away on one side and far on the other is the
 * near one whatever the verb ("the offer expired ... Dec. 7" in late
 * October is this December: reported speech keeps past verbs); with no
 * tense, the occurrence nearest the publication. */
static int month_year(cx_tpoint a, int m, int dir)
{
    if (a.month <= 0)
        return a.year;
    int ahead = (m - a.month + 12) % 12, back = (a.month - m + 12) % 12;
    if (ahead == 0)
        return a.year;
    if (dir < 0 && ahead <= 2)
        dir = 1;
    else if (dir > 0 && back <= 2)
        dir = -1;
    else if (!dir)
        dir = ahead <= 6 ? 1 : -1;
    return cx_tp_month_year(a, m, dir);
}

/* Month [day][,] [year] | day month [year] | month of year. i at the month or day. */
static int m_month_date(ctx *c, int i, result *r)
{
    int k = i, day = 0, m = 0;
    const word *x = W(c, i);
    if (!x)
        return 0;
    /* "14 September 2022", "the 14th of September" */
    if (x->kind == CX_TOK_NUMBER && (x->digits == 1 || x->digits == 2 || x->ord) && !x->dec) {
        int d = x->ord ? x->ord : x->num;
        int q = i + 1 + (is(c, i + 1, "of") ? 1 : 0);
        if (d >= 1 && d <= 31 && cls(c, q, TW_MONTH) && W(c, q)->cap) {
            day = d;
            m = val(c, q);
            k = q + 1;
            if (punct(c, k, '.') && cls(c, q, TW_ABBR))
                k++;
        }
    }
    if (!m && is(c, i, "the") && W(c, i + 1) && W(c, i + 1)->ord && is(c, i + 2, "of") &&
        cls(c, i + 3, TW_MONTH) && W(c, i + 3)->cap) {
        day = W(c, i + 1)->ord;
        m = val(c, i + 3);
        k = i + 4;
    }
    if (!m) {
        if (!cls(c, i, TW_MONTH) || !x->cap)
            return 0;
        m = val(c, i);
        k = i + 1;
        int abbr = cls(c, i, TW_ABBR) != 0;
        if (punct(c, k, '.') && abbr)
            k++;
        const word *d = W(c, k);
        if (d && d->kind == CX_TOK_NUMBER && !d->dec && !d->sy &&
            ((d->digits >= 1 && d->digits <= 2 && d->num >= 1 && d->num <= 31) || (d->ord >= 1 && d->ord <= 31))) {
            day = d->ord ? d->ord : d->num;
            k++;
        } else if (is(c, k, "the") && W(c, k + 1) && W(c, k + 1)->ord) {
            day = W(c, k + 1)->ord;
            k += 2;
        } else if (cls(c, k, TW_ORD) && !cls(c, k, TW_UNIT) && val(c, k) <= 31 && !is(c, k + 1, "quarter") &&
                   !is(c, k + 1, "half")) {
            day = val(c, k); /* June first */
            k++;
        }
        int y;
        int yk = k + (punct(c, k, ',') ? 1 : 0);
        if (!day && is(c, yk, "of"))
            yk++;
        int yl = year_at(c, yk, &y);
        if (!day && !yl) {
            /* a month alone: a capitalised month name not read as a verb or a name */
            static const char *const before[] = {"in", "since", "until", "till", "by", "of", "from", "through",
                                                 "during", "early", "late", "mid", "last", "next", "this",
                                                 "before", "after", "to", "between", "and", "or", "each",
                                                 "every", "that", "until", "end", "beginning", "start", NULL};
            if (abbr)
                return 0;
            if (m == 5 || m == 3) { /* may, march */
                if (!is_any(c, i - 1, before))
                    return 0;
            } else if (i == 0 && !is_any(c, i - 1, before)) {
                /* sentence start: fine for a month (January was...), except before a name */
                if (W(c, k) && W(c, k)->cap)
                    return 0;
            }
        }
    }
    /* year */
    int y = -1, yl = 0, yk = k + (punct(c, k, ',') ? 1 : 0);
    if (is(c, yk, "of") && !day)
        yk++;
    yl = year_at(c, yk, &y);
    if (yl) {
        k = yk + yl;
    } else if (is(c, k, "last") && is(c, k + 1, "year")) {
        y = c->dct.year > 0 ? c->dct.year - 1 : -1;
        k += 2;
        yl = 1;
    } else if ((is(c, k, "this") || is(c, k, "next")) && is(c, k + 1, "year")) {
        y = c->dct.year > 0 ? c->dct.year + is(c, k, "next") : -1;
        k += 2;
        yl = 1;
    }
    if (!yl && day) { /* "September 17 and 18, 2024": the year after the second day is the first's too */
        int j = k;
        if (is(c, j, "and") || is(c, j, "to") || is(c, j, "through") || is(c, j, "or") || punct(c, j, '-'))
            j++;
        const word *d2 = j > k ? W(c, j) : NULL;
        if (d2 && d2->kind == CX_TOK_NUMBER && !d2->dec && d2->digits >= 1 && d2->digits <= 2 && d2->num >= 1 &&
            d2->num <= 31 && d2->num > day) {
            int y2, jk = j + 1 + (punct(c, j + 1, ',') ? 1 : 0);
            if (year_at(c, jk, &y2)) {
                y = y2;
                yl = 1; /* the span stays "September 17": the year is read, not covered */
            }
        }
    }
    cx_tpoint p = cx_tp_day(y, m, day ? day : 1);
    if (!yl) {
        /* TIMEX3: the month nearest the publication date in the tense's direction */
        if (c->dct.year > 0) {
            int dir = dir_of(c, i, k, 0);
            cx_tpoint a = c->dct;
            p.year = month_year(a, m, dir);
        } else {
            p.year = -1;
        }
    }
    if (!day) {
        p.day = -1;
        p.g = CX_G_MONTH;
    } else if (p.year > 0 && !cx_date_valid(p.year, m, day)) {
        return 0;
    }
    set_point(r, CX_TIMEX_DATE, p);
    /* "the Oct. 23 meeting" leaves "the" out; "the 14th of February" keeps it */
    r->nodet = !(x->ord && is(c, i + 1, "of"));
    return k;
}

/* A weekday, with a part of the day or a date after it: "Friday", "Thursday
 * night", "Friday, Oct. 23". */
static int m_weekday(ctx *c, int i, result *r)
{
    if (!cls(c, i, TW_WDAY) || cls(c, i, TW_PLURAL) || !W(c, i)->cap)
        return 0;
    if (cls(c, i, TW_ABBR) && !punct(c, i + 1, '.'))
        return 0;
    int wd = val(c, i), k = i + 1 + (cls(c, i, TW_ABBR) ? 1 : 0);
    /* Friday, Oct. 23 [, 1998] */
    int q = k + (punct(c, k, ',') ? 1 : 0);
    result md;
    int e = m_month_date(c, q, &md);
    if (e && md.p.g == CX_G_DAY) {
        *r = md;
        return e;
    }
    cx_tpoint p;
    if (c->dct.year > 0 && c->dct.day > 0) {
        int dir = dir_of(c, i, k, -1);
        p = cx_tp_weekday(c->dct, wd, dir);
    } else {
        p = cx_tp_day(-1, -1, -1);
        p.wd = wd;
    }
    set_point(r, CX_TIMEX_DATE, p);
    int part;
    if (part_at(c, k, &part))
        k++; /* "Thursday night": in the extent, the value stays the day (as TempEval-3 annotates) */
    return k;
}

/* Numeric dates: 2022-09-14 (read over the raw bytes), 10/23/98. */
static int m_numeric(ctx *c, int i, result *r)
{
    const word *x = W(c, i);
    if (!x || x->kind != CX_TOK_NUMBER)
        return 0;
    if (x->sm) {
        set_point(r, CX_TIMEX_DATE, cx_tp_day(x->sy, x->sm, x->sd));
        return cx_date_valid(x->sy, x->sm, x->sd) ? i + 1 : 0;
    }
    if (x->digits == 4 && punct(c, i + 1, '-') && W(c, i + 2) && W(c, i + 2)->digits == 2 &&
        punct(c, i + 3, '-') && W(c, i + 4) && W(c, i + 4)->digits == 2 &&
        W(c, i + 1)->start == x->end && W(c, i + 4)->start == W(c, i + 3)->end) {
        int y = x->num, m = W(c, i + 2)->num, d = W(c, i + 4)->num;
        if (!cx_date_valid(y, m, d))
            return 0;
        set_point(r, CX_TIMEX_DATE, cx_tp_day(y, m, d));
        return i + 5;
    }
    return 0;
}

/* "a.m." or "p.m." at word k: *hh moved to the 24-hour clock and k past it;
 * 0 when neither is there. */
static int meridiem(ctx *c, int *k, int *hh)
{
    if (is(c, *k, "a.m.") || is(c, *k, "am") || is(c, *k, "a.m")) {
        if (*hh == 12)
            *hh = 0;
    } else if (is(c, *k, "p.m.") || is(c, *k, "pm") || is(c, *k, "p.m")) {
        if (*hh < 12)
            *hh += 12;
    } else {
        return 0;
    }
    (*k)++;
    return 1;
}

/* A clock time: 4 p.m., 10:35 a.m., 9:30, noon, midnight, 4 in the morning,
 * with a zone and a day after it (10 p.m. Wednesday, 5 p.m. EST Nov. 9). */
static int m_time(ctx *c, int i, result *r)
{
    const word *x = W(c, i);
    if (!x)
        return 0;
    int hh = -1, mm = 0, k = i;
    if (is(c, i, "noon") || is(c, i, "midday")) {
        hh = 12;
        k = i + 1;
    } else if (is(c, i, "midnight")) {
        hh = 24;
        k = i + 1;
    } else if (x->kind == CX_TOK_NUMBER && x->hh >= 0) {
        hh = x->hh;
        mm = x->mm;
        k = i + 1;
        /* "9:30" alone is a time only when a clock word or "at" says so */
        if (!meridiem(c, &k, &hh) &&
            !(is(c, i - 1, "at") || is(c, i - 1, "by") || is(c, i - 1, "until") || is(c, i - 1, "about") ||
              is(c, i - 1, "around") || is(c, i - 1, "before") || is(c, i - 1, "after")) &&
            !(c->s[x->end - 1] == 'm' || c->s[x->end - 1] == 'M'))
            return 0;
    } else if (x->kind == CX_TOK_NUMBER && x->digits >= 1 && x->digits <= 2 && x->num >= 1 && x->num <= 12) {
        hh = x->num;
        k = i + 1;
        if (meridiem(c, &k, &hh)) {
            /* 4 p.m. */
        } else if (is(c, k, "o'clock")) {
            k++;
        } else if (is(c, k, "in") && is(c, k + 1, "the") && cls(c, k + 2, TW_PART)) {
            int part = val(c, k + 2);
            if (part >= 2 && hh < 12)
                hh += 12;
            k += 3;
        } else {
            return 0;
        }
        if (punct(c, k, '.') && (is(c, k - 1, "a.m") || is(c, k - 1, "p.m")))
            k++;
    } else {
        return 0;
    }
    /* a zone */
    static const char *const zones[] = {"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt",
                                        "utc", "bst", "cet", "et", "pt", NULL};
    if (is_any(c, k, zones) && W(c, k)->cap)
        k++;
    /* a day after it */
    cx_tpoint day = ref_at(c, CX_G_DAY);
    if (c->ref_sent < c->sent - 1 || c->ref.g < CX_G_DAY)
        day = now_at(c, CX_G_DAY);
    int q = k + (punct(c, k, ',') ? 1 : 0);
    if (is(c, q, "on") && (W(c, q + 1) && W(c, q + 1)->cap)) /* 7:42 a.m. on Monday, on March 10 */
        q++;
    result d;
    int e = 0;
    if ((e = m_weekday(c, q, &d)) || (e = m_month_date(c, q, &d))) {
        if (d.p.g >= CX_G_DAY || d.p.wd) {
            day = d.p;
            k = e;
        }
    } else if (is(c, q, "today") || is(c, q, "tonight")) {
        k = q + 1;
    } else if (is(c, q, "yesterday") || is(c, q, "tomorrow")) {
        day = cx_tp_shift(now_at(c, CX_G_DAY), is(c, q, "yesterday") ? -1 : 1, CX_U_DAY);
        k = q + 1;
    }
    day.g = CX_G_MINUTE;
    day.hour = hh;
    day.minute = mm;
    day.part = 0;
    set_point(r, CX_TIMEX_TIME, day);
    r->anchor = 0;
    return k;
}

/* Ordinal quarters and halves: "the third quarter [of 1990]", "third-quarter",
 * "the fiscal first quarter", "the first half", "the 1988 third quarter",
 * "next year's first quarter". i after any "the". */
static int m_quarter(ctx *c, int i, result *r)
{
    int k = i, y = -1, yl;
    int yrel = 0, have_y = 0;
    if ((yl = year_at(c, k, &y))) { /* the 1988 third quarter */
        k += yl;
        have_y = 1;
    } else if ((is(c, k, "last") || is(c, k, "next") || is(c, k, "this")) && is(c, k + 1, "year")) {
        yrel = is(c, k, "last") ? -1 : is(c, k, "next") ? 1 : 0;
        y = c->dct.year > 0 ? c->dct.year + yrel : -1;
        have_y = 1;
        k += 2;
    }
    if (have_y && !yrel && (is(c, k, "quarter") || is(c, k, "period")) && i > 0 && is(c, i - 1, "the")) {
        /* "the 1988 quarter": the quarter being compared, in that year */
        cx_tpoint p = the_quarter(c);
        p.year = y;
        set_point(r, CX_TIMEX_DATE, p);
        r->anchor = 0;
        return k + 1;
    }
    if (is(c, k, "fiscal"))
        k++;
    int q = 0, half = 0;
    if (W(c, k) && W(c, k)->ord >= 1 && W(c, k)->ord <= 4 && (is(c, k + 1, "quarter") || is(c, k + 1, "quarters"))) {
        q = W(c, k)->ord;
    } else if (W(c, k) && W(c, k)->ord >= 1 && W(c, k)->ord <= 2 && is(c, k + 1, "half") && !W(c, k + 1)->hyph) {
        half = W(c, k)->ord;
    } else {
        return 0;
    }
    k += 2;
    if (!have_y) {
        int yk = k;
        if (is(c, yk, "of") || (punct(c, yk, ',') && W(c, yk + 1) && W(c, yk + 1)->digits == 4))
            yk++;
        if (is(c, yk, "fiscal"))
            yk++;
        if (yk > k && (yl = year_at(c, yk, &y))) {
            k = yk + yl;
            have_y = 1;
        } else if (is(c, k, "of") && (is(c, k + 1, "next") || is(c, k + 1, "last") || is(c, k + 1, "this")) &&
                   is(c, k + 2, "year")) {
            y = c->dct.year > 0 ? c->dct.year + (is(c, k + 1, "next") ? 1 : is(c, k + 1, "last") ? -1 : 0) : -1;
            k += 3;
            have_y = 1;
        }
    }
    if (!have_y) {
        /* the publication year; a later quarter in a past sentence is last year's */
        cx_tpoint a = c->dct;
        y = a.year;
        if (y > 0 && a.month > 0) {
            int cur = half ? (a.month <= 6 ? 1 : 2) : (a.month - 1) / 3 + 1;
            int idx = half ? half : q;
            int t = tense_at(c, i, k);
            /* in January "the fourth quarter" is the one just ended */
            if (idx > cur && (t == T_PAST || (t == T_NONE && !half && cur == 1 && idx == 4)))
                y--;
        }
    }
    cx_tpoint p = cx_tp_day(y, half ? (half - 1) * 6 + 1 : (q - 1) * 3 + 1, 1);
    p.g = half ? CX_G_HALF : CX_G_QUARTER;
    if (p.year <= 0)
        p.quarter = q;
    set_point(r, CX_TIMEX_DATE, p);
    if (W(c, k - 1) && cls(c, k - 1, TW_PLURAL)) { /* "fourth quarters": every one */
        memset(r, 0, sizeof *r);
        r->type = CX_TIMEX_SET;
        snprintf(r->dur, sizeof r->dur, "XXXX-Q%d", q);
        r->gran = CX_G_QUARTER;
    }
    return k;
}

/* Seasons: "the spring of 2018", "spring 2018", "last fall", "this summer",
 * "the winter". i at the season, the = a determiner before it. */
static int m_season(ctx *c, int i, int the, result *r)
{
    if (!cls(c, i, TW_SEASON))
        return 0;
    int s = val(c, i), k = i + 1, y = -1, yl;
    int yk = k + (is(c, k, "of") ? 1 : 0);
    if ((yl = year_at(c, yk, &y))) {
        k = yk + yl;
    } else {
        static const char *const before[] = {"in", "during", "since", "until", "by", "through", "this",
                                             "last", "next", "early", "late", "mid", "that", "the", NULL};
        if (!the && !is_any(c, i - 1, before))
            return 0;
        if (is(c, i - 1, "the") && !the)
            return 0; /* "the fall of the Wall": the caller passes the */
        if (the && (is(c, k, "of") || (W(c, k) && W(c, k)->kind == CX_TOK_WORD && !W(c, k)->cap &&
                                        !cls(c, k, TW_PAST) && strcmp(W(c, k)->w, "and") &&
                                        strcmp(W(c, k)->w, "when") && tense_of_word(W(c, k)) == T_NONE &&
                                        !is(c, k, "season") && !is(c, k, "months") && !is(c, k, "is") &&
                                        !is(c, k, "was") && !is(c, k, "will"))))
            return 0; /* "the fall in prices" */
        if (c->dct.year > 0 && c->dct.month > 0) {
            cx_tpoint cur = cx_tp_coarsen(c->dct, CX_G_SEASON);
            int cs = cur.month == 12 ? 4 : (cur.month - 3) / 3 + 1;
            int dir = dir_of(c, i, k, 0);
            y = cur.year;
            if (dir < 0 && s > cs)
                y--;
            else if (dir > 0 && s < cs)
                y++;
        }
    }
    cx_tpoint p = cx_tp_day(y, s == 4 ? 12 : s * 3, 1);
    p.g = CX_G_SEASON;
    set_point(r, CX_TIMEX_DATE, p);
    return k;
}

/* Years, decades, centuries: "1998", "fiscal 1989", "the year 2000", "the
 * 1990s", "the '90s", "the 20th century". */
static int m_year(ctx *c, int i, result *r)
{
    int k = i, y, yl;
    const word *x = W(c, i);
    if (!x)
        return 0;
    if (x->decade) {
        cx_tpoint p = cx_tp_day(x->decade, 1, 1);
        p.g = CX_G_DECADE;
        set_point(r, CX_TIMEX_DATE, p);
        r->anchor = 0;
        snprintf(r->dur, sizeof r->dur, "%03d", x->decade / 10);
        r->gran = CX_G_DECADE;
        return i + 1;
    }
    if (x->ord >= 1 && x->ord <= 21 && is(c, i + 1, "century")) {
        cx_tpoint p = cx_tp_day((x->ord - 1) * 100 + 1, 1, 1);
        p.g = CX_G_CENTURY;
        set_point(r, CX_TIMEX_DATE, p);
        r->anchor = 0;
        snprintf(r->dur, sizeof r->dur, "%02d", x->ord - 1);
        r->gran = CX_G_CENTURY;
        return i + 2;
    }
    if (is(c, k, "fiscal") && is(c, k + 1, "year"))
        k += 2;
    else if (is(c, k, "fiscal") || (is(c, k, "year") && k > 0 && is(c, k - 1, "the")))
        k++;
    if (!(yl = year_at(c, k, &y)))
        return 0;
    if (is(c, k, "two") && !is(c, k - 1, "year") && !is(c, k - 1, "in") && !is(c, k - 1, "since") &&
        !is(c, k - 1, "by") && !is(c, k - 1, "until"))
        return 0; /* "two thousand people": "two thousand" as a year needs "in", "since", "the year"... */
    if (k == i) {
        /* a bare four-digit number is a year unless it counts something */
        const word *prev = W(c, i - 1), *next = W(c, i + 1);
        if (prev && prev->kind == CX_TOK_SYMBOL)
            return 0;
        /* "Highway 1196", "Flight 1998": a name's number (not "In 1998", "June 1998") */
        static const char *const preps[] = {"in", "since", "by", "until", "till", "of", "from", "through",
                                            "during", "after", "before", "for", "to", "and", "or", "between",
                                            "around", "about", "circa", NULL};
        if (prev && i - 1 > 0 && prev->kind == CX_TOK_WORD && prev->cap && !prev->tw && !prev->poss &&
            !is_any(c, i - 1, preps))
            return 0;
        /* 693-1481, 1481-22: part of a phone or reference number */
        if ((prev && prev->end == x->start && (prev->kind == CX_TOK_PUNCT || prev->kind == CX_TOK_NUMBER) &&
             c->s[prev->start] != '(') ||
            (next && next->start == x->end && next->kind == CX_TOK_PUNCT && c->s[next->start] == '-' &&
             W(c, i + 2) && W(c, i + 2)->kind == CX_TOK_NUMBER && W(c, i + 2)->start == next->end))
            return 0;
        if (W(c, k + 1) && (punct(c, k + 1, '%') || is(c, k + 1, "percent") || is(c, k + 1, "people")))
            return 0;
    }
    cx_tpoint p = cx_tp_day(y, 1, 1);
    p.g = CX_G_YEAR;
    set_point(r, CX_TIMEX_DATE, p);
    r->nodet = k == i; /* "the 1996 election"; but "the year 2000" */
    return k + yl;
}

/* Words that are dates by themselves: today, yesterday, tonight, now... */
static int m_deictic(ctx *c, int i, result *r)
{
    const word *x = W(c, i);
    if (!x || !x->w[0])
        return 0;
    int k = i + 1, part;
    int shift = 0;
    if (is(c, i, "today") || is(c, i, "yesterday") || is(c, i, "tomorrow") || is(c, i, "tonight")) {
        shift = is(c, i, "yesterday") ? -1 : is(c, i, "tomorrow") ? 1 : 0;
        cx_tpoint p = cx_tp_shift(now_at(c, CX_G_DAY), shift, CX_U_DAY);
        if (c->dct.day <= 0)
            p = cx_tp_day(-1, -1, -1);
        set_point(r, CX_TIMEX_DATE, p);
        if (is(c, i, "tonight"))
            with_part(r, 4);
        else if (part_at(c, k, &part)) {
            with_part(r, part);
            k++;
        }
        return k;
    }
    if (is(c, i, "now") || is(c, i, "currently") || is(c, i, "nowadays") || is(c, i, "presently")) {
        if (is(c, i, "now") && is(c, i + 1, "that"))
            return 0;
        set_lit(r, CX_TIMEX_DATE, "PRESENT_REF");
        return k;
    }
    if (is(c, i, "recently") || is(c, i, "lately")) {
        set_lit(r, CX_TIMEX_DATE, "PAST_REF");
        return k;
    }
    if (is(c, i, "soon") && !is(c, i + 1, "after") && !is(c, i - 1, "as")) {
        set_lit(r, CX_TIMEX_DATE, "FUTURE_REF");
        return k;
    }
    if ((is(c, i, "overnight")) && !is(c, i + 1, "interest")) {
        cx_tpoint p = now_at(c, CX_G_DAY);
        set_point(r, CX_TIMEX_TIME, p);
        r->p.g = CX_G_PART;
        r->p.part = 4;
        r->anchor = 0;
        return k;
    }
    return 0;
}

/* Holidays with a fixed or computed day. i at the first word. */
static int m_holiday(ctx *c, int i, result *r)
{
    int m = 0, d = 0, k = i;
    int nth = 0, wd = 0, last = 0; /* nth weekday of month */
    if (is(c, i, "christmas") && W(c, i)->cap) {
        m = 12;
        d = is(c, i + 1, "eve") ? 24 : 25;
        k = i + 1 + (is(c, i + 1, "eve") || is(c, i + 1, "day"));
    } else if (is(c, i, "new") && is(c, i + 1, "year") && W(c, i)->cap && W(c, i + 1)->cap &&
               (is(c, i + 2, "day") || is(c, i + 2, "eve"))) {
        int eve = is(c, i + 2, "eve");
        m = eve ? 12 : 1;
        d = eve ? 31 : 1;
        k = i + 3;
    } else if (is(c, i, "halloween")) {
        m = 10;
        d = 31;
        k = i + 1;
    } else if (is(c, i, "independence") && is(c, i + 1, "day") && W(c, i)->cap) {
        m = 7;
        d = 4;
        k = i + 2;
    } else if (is(c, i, "valentine") && is(c, i + 1, "day")) {
        m = 2;
        d = 14;
        k = i + 2;
    } else if (is(c, i, "thanksgiving") && W(c, i)->cap) {
        m = 11;
        nth = 4;
        wd = 4;
        k = i + 1 + is(c, i + 1, "day");
    } else if (is(c, i, "labor") && is(c, i + 1, "day") && W(c, i)->cap) {
        m = 9;
        nth = 1;
        wd = 1;
        k = i + 2;
    } else if (is(c, i, "memorial") && is(c, i + 1, "day") && W(c, i)->cap) {
        m = 5;
        last = 1;
        wd = 1;
        k = i + 2;
    } else if (is(c, i, "election") && is(c, i + 1, "day") && W(c, i)->cap) {
        m = 11;
        nth = 1;
        wd = 1; /* the Tuesday after the first Monday */
        d = 1;
        k = i + 2;
    } else {
        return 0;
    }
    int y = -1, yl;
    int yk = k + (punct(c, k, ',') ? 1 : 0);
    if ((yl = year_at(c, yk, &y))) {
        k = yk + yl;
    } else if (c->dct.year > 0) {
        y = month_year(c->dct, m, dir_of(c, i, k, 0));
    }
    if (y > 0 && (nth || last)) {
        int64_t z;
        if (last) {
            z = cx_days_from_civil(y, m, 31);
            z -= (cx_weekday(z) - wd + 7) % 7;
        } else {
            z = cx_days_from_civil(y, m, 1);
            z += (wd - cx_weekday(z) + 7) % 7 + 7 * (nth - 1);
            if (d == 1)
                z += 1; /* election day */
        }
        int yy, mm, dd;
        cx_civil_from_days(z, &yy, &mm, &dd);
        d = dd;
    }
    cx_tpoint p = cx_tp_day(y, m, (nth || last) && y <= 0 ? -1 : d);
    set_point(r, CX_TIMEX_DATE, p);
    r->nodet = 1;
    return k;
}

/* "N units ago/earlier/later/before/after", "a year ago", "a week or so ago". */
static int m_ago(ctx *c, int i, result *r)
{
    int v, half, k = i, u, pl;
    int nk = count_at(c, i, 1, &v, &half);
    if (nk) {
        k += nk;
        if (!unit_at(c, k, &u, &pl))
            return 0;
        k++;
    } else if (unit_at(c, i, &u, &pl) && !pl) {
        v = 1; /* "year earlier" after the: the year earlier */
        k = i + 1;
    } else if (unit_at(c, i, &u, &pl) && pl && is(c, i + 1, "ago")) {
        set_lit(r, CX_TIMEX_DATE, "PAST_REF"); /* "months ago" */
        return i + 2;
    } else {
        return 0;
    }
    if (half && v == 0)
        return 0;
    if (u == CX_U_SECOND || u == CX_U_MINUTE || u == CX_U_HOUR)
        return 0; /* "an hour later": TempEval marks the duration */
    if (is(c, k, "and") && is(c, k + 1, "a") && is(c, k + 2, "half"))
        k += 3;
    if (is(c, k, "or") && is(c, k + 1, "so"))
        k += 2;
    int dir = 0, deictic = 0;
    if (is(c, k, "ago") || is(c, k, "back")) {
        dir = -1;
        deictic = 1;
    } else if (is(c, k, "earlier") || is(c, k, "before") || is(c, k, "previously") || is(c, k, "prior")) {
        dir = -1;
    } else if (is(c, k, "later") || is(c, k, "after") || is(c, k, "hence")) {
        dir = 1;
    } else if (is(c, k, "from") && (is(c, k + 1, "now") || is(c, k + 1, "today"))) {
        dir = 1;
        deictic = 1;
        k++;
    } else {
        return 0;
    }
    /* "two days before the vote": the anchor is an event, the count a duration */
    if (is(c, k, "before") || is(c, k, "after") || is(c, k, "prior")) {
        static const char *const np[] = {"the", "a", "an", "his", "her", "its", "their", "this", "that", "to",
                                         "he", "she", "it", "they", "we", "i", "you", NULL};
        const word *nx = W(c, k + 1);
        if (nx && (is_any(c, k + 1, np) || nx->kind == CX_TOK_NUMBER || (nx->cap && nx->kind == CX_TOK_WORD)))
            return 0;
    }
    k++;
    if (v < 0) {
        set_lit(r, CX_TIMEX_DATE, dir < 0 ? "PAST_REF" : "FUTURE_REF");
        return k;
    }
    int g = cx_unit_gran(u);
    if (u == CX_U_WEEK && v >= 1 && is(c, i + nk + 1, "or"))
        g = CX_G_DAY; /* "a week or so ago" names a day */
    cx_tpoint a;
    if (u == CX_U_DECADE || u == CX_U_CENTURY)
        g = CX_G_YEAR; /* "a decade ago": the year ten years back */
    if (deictic) {
        a = now_at(c, g);
        /* "up from a year ago": the period just named, a year back */
        if (u == CX_U_YEAR && v == 1 && c->lastq_sent >= 0 && c->lastq_sent >= c->sent - 1)
            a = c->lastq;
    } else {
        /* the date named last, at the unit's granularity ("two years later"
         * after October 1998 is 2000), except a compared period ("a year
         * earlier" after a quarter is that quarter a year back) */
        a = c->ref;
        if (!(u == CX_U_YEAR && (a.g == CX_G_QUARTER || a.g == CX_G_HALF)))
            a = a.g < g ? ref_at(c, g) : cx_tp_coarsen(a, g);
    }
    cx_tpoint p = cx_tp_shift(a, dir * (half ? v * 2 + 1 : v), half ? (u == CX_U_YEAR ? CX_U_HALF : u) : u);
    set_point(r, CX_TIMEX_DATE, p);
    r->anchor = u == CX_U_DAY; /* "two days later" moves the story on; "a year ago" compares */
    return k;
}

/* Durations: "three weeks", "the past two months", "the first nine months",
 * "five-year", "a year and a half", "half an hour". i after any "the". */
static int m_duration(ctx *c, int i, int the, result *r)
{
    int k = i, v, half, u, pl;
    static const char *const lead[] = {"past", "last", "next", "first", "coming", "previous", "final",
                                       "following", "prior", "latest", "initial", "remaining", "same",
                                       "preceding", "other", NULL};
    if (the && is_any(c, k, lead))
        k++;
    int lead_word = k > i;
    if (is(c, k, "half") && (is(c, k + 1, "an") || is(c, k + 1, "a")) && unit_at(c, k + 2, &u, &pl)) {
        int half_u = u == CX_U_HOUR ? CX_U_MINUTE : u == CX_U_YEAR ? CX_U_MONTH : u == CX_U_DAY ? CX_U_HOUR : u;
        int hv = u == CX_U_HOUR ? 30 : u == CX_U_YEAR ? 6 : u == CX_U_DAY ? 12 : u == CX_U_CENTURY ? 50 : 0;
        if (!hv)
            return 0;
        if (u == CX_U_CENTURY)
            half_u = CX_U_YEAR;
        set_dur(r, CX_TIMEX_DURATION, hv, half_u, 0);
        return k + 3;
    }
    int nk = count_at(c, k, !lead_word || the, &v, &half);
    if (!nk) {
        /* "the past few weeks" handled by count; bare plural units after a lead word */
        if (lead_word && unit_at(c, k, &u, &pl) && pl) {
            set_dur(r, CX_TIMEX_DURATION, -1, u, 0);
            return k + 1;
        }
        if (the && lead_word && unit_at(c, k, &u, &pl) && (u == CX_U_DECADE || u == CX_U_CENTURY)) {
            set_dur(r, CX_TIMEX_DURATION, 1, u, 0); /* "the past decade": P10Y */
            return k + 1;
        }
        return 0;
    }
    const word *numw = W(c, k);
    k += nk;
    if (numw && numw->kind == CX_TOK_NUMBER && W(c, k) && W(c, k)->kind == CX_TOK_NUMBER &&
        W(c, k)->end - W(c, k)->start == 3 && !memcmp(c->s + W(c, k)->start, "1/2", 3)) {
        half = 1; /* 2 1/2 years */
        k++;
    }
    if (numw && numw->kind == CX_TOK_NUMBER && punct(c, k, '-') && W(c, k)->start == numw->end &&
        W(c, k + 1) && W(c, k + 1)->start == W(c, k)->end && cls(c, k + 1, TW_UNIT))
        k++; /* "30-day": the tokenizer splits digits from the word */
    if (!unit_at(c, k, &u, &pl))
        return 0;
    if (is(c, k + 1, "old") || is(c, k + 1, "olds"))
        return 0; /* "6-year-old": an age */
    if (u == CX_U_QUARTER && W(c, k - 1) && W(c, k - 1)->hyph && is(c, k + 1, "of"))
        return 0; /* "three-quarters of": a fraction */
    if (u == CX_U_SECOND && v == 1 && !is(c, k + 1, "and") && W(c, k + 1) && W(c, k + 1)->kind == CX_TOK_WORD)
        return 0; /* "a second round" */
    /* "five-year", "52-week": the hyphenated adjective */
    if (half && v == 0) { /* "a half hour", "a half-hour" */
        if (u == CX_U_HOUR)
            set_dur(r, CX_TIMEX_DURATION, 30, CX_U_MINUTE, 0);
        else
            set_dur(r, CX_TIMEX_DURATION, 0, u, 1);
        return k + 1;
    }
    if (u == CX_U_WEEKEND)
        return 0;
    /* "the 1988 quarter", "1,000 year": a count over one takes a plural, or a hyphen */
    if (!pl && v > 1 && numw && numw->digits == 4 && !numw->hyph)
        return 0;
    k++;
    int addhalf = 0;
    if (is(c, k, "and") && is(c, k + 1, "a") && is(c, k + 2, "half")) {
        addhalf = 1;
        k += 3;
    }
    if (v == 1 && !the && !lead_word && (is(c, i, "a") || is(c, i, "an"))) {
        /* "$5 a day", "twice a year": a rate */
        const word *p = W(c, i - 1);
        if (p && (p->kind == CX_TOK_NUMBER || is(c, i - 1, "once") || is(c, i - 1, "twice") ||
                  is(c, i - 1, "times") || is(c, i - 1, "million") || is(c, i - 1, "billion") ||
                  is(c, i - 1, "percent") || is(c, i - 1, "cents") || is(c, i - 1, "dollars")))
            return 0;
    }
    if (u == CX_U_MINUTE && addhalf) {
        snprintf(r->dur, sizeof r->dur, "PT%dM30S", v);
        r->type = CX_TIMEX_DURATION;
        r->gran = CX_G_MINUTE;
        r->lit = NULL;
        return k;
    }
    if (addhalf && (u == CX_U_YEAR || u == CX_U_HOUR)) {
        set_dur(r, CX_TIMEX_DURATION, v * (u == CX_U_YEAR ? 12 : 60) + (u == CX_U_YEAR ? 6 : 30),
                u == CX_U_YEAR ? CX_U_MONTH : CX_U_MINUTE, 0);
        return k;
    }
    set_dur(r, CX_TIMEX_DURATION, v, u, half || addhalf);
    return k;
}

/* Sets: "every Monday", "each year", "every two weeks", "daily", "on Mondays". */
static int m_set(ctx *c, int i, result *r)
{
    int k = i, u, pl, v = 1, half;
    if (cls(c, i, TW_SETADJ)) {
        if (is(c, i, "annual") || is(c, i, "quarterly"))
            return 0; /* "annual meeting", "quarterly report" describe, not repeat */
        if (W(c, i)->cap && i > 0)
            return 0; /* "the Daily Nexus": a name */
        set_dur(r, CX_TIMEX_SET, 1, val(c, i), 0);
        return i + 1;
    }
    if (cls(c, i, TW_WDAY) && cls(c, i, TW_PLURAL) && W(c, i)->cap && is(c, i - 1, "on")) {
        memset(r, 0, sizeof *r);
        r->type = CX_TIMEX_SET;
        snprintf(r->dur, sizeof r->dur, "XXXX-WXX-%d", val(c, i));
        r->gran = CX_G_DAY;
        return i + 1;
    }
    if (!(is(c, i, "every") || is(c, i, "each") || is(c, i, "per")))
        return 0;
    k++;
    if (is(c, k, "other")) {
        v = 2;
        k++;
    } else {
        int nk = count_at(c, k, 0, &v, &half);
        if (nk && v > 0)
            k += nk;
        else
            v = 1;
    }
    memset(r, 0, sizeof *r);
    r->type = CX_TIMEX_SET;
    if (cls(c, k, TW_WDAY) && W(c, k)->cap) {
        snprintf(r->dur, sizeof r->dur, "XXXX-WXX-%d", val(c, k));
        r->gran = CX_G_DAY;
        k++;
        int part;
        if (part_at(c, k, &part)) {
            static const char *const parts[5] = {"", "MO", "AF", "EV", "NI"};
            snprintf(r->dur, sizeof r->dur, "XXXX-WXX-%dT%s", val(c, k - 1), parts[part]);
            k++;
        }
        return k;
    }
    if (cls(c, k, TW_MONTH) && W(c, k)->cap && !cls(c, k, TW_ABBR)) {
        snprintf(r->dur, sizeof r->dur, "XXXX-%02d", val(c, k));
        r->gran = CX_G_MONTH;
        return k + 1;
    }
    if (cls(c, k, TW_PART)) {
        static const char *const parts[5] = {"", "MO", "AF", "EV", "NI"};
        snprintf(r->dur, sizeof r->dur, "XXXX-XX-XXT%s", parts[val(c, k)]);
        r->gran = CX_G_PART;
        return k + 1;
    }
    if (cls(c, k, TW_SEASON) && !is(c, i, "per")) {
        static const char *const seasons[5] = {"", "SP", "SU", "FA", "WI"};
        snprintf(r->dur, sizeof r->dur, "XXXX-%s", seasons[val(c, k)]);
        r->gran = CX_G_SEASON;
        return k + 1;
    }
    if (unit_at(c, k, &u, &pl)) {
        set_dur(r, CX_TIMEX_SET, v, u, 0);
        return k + 1;
    }
    return 0;
}

/* last/this/next/past/coming/previous/following + a unit, weekday, month or
 * season; "the previous day", "that day", "the same week", "the current
 * quarter", "the year-earlier quarter". i after any "the" (the = 1 then). */
static int m_relative(ctx *c, int i, int the, result *r)
{
    int k = i + 1, u, pl;
    int shift = 0, anaph = 0;
    if (is(c, i, "last") || is(c, i, "past")) {
        shift = -1; /* "last week", "the past year": deictic */
    } else if (is(c, i, "previous") || is(c, i, "prior") || is(c, i, "preceding")) {
        shift = -1;
        anaph = 1;
    } else if (is(c, i, "next") || is(c, i, "coming")) {
        shift = 1;
        anaph = the && is(c, i, "next");
    } else if (is(c, i, "following") || is(c, i, "succeeding")) {
        shift = 1;
        anaph = 1;
    } else if (is(c, i, "this") || is(c, i, "current") || is(c, i, "present")) {
        shift = 0;
    } else if (is(c, i, "that") || is(c, i, "same")) {
        anaph = 1;
    } else if ((is(c, i, "year") || is(c, i, "year-earlier")) && W(c, i)->hyph &&
               (is(c, i + 1, "earlier") || is(c, i + 1, "ago"))) {
        /* "the year-earlier quarter", "year-ago period", "year-earlier": the
         * period just named, a year back */
        k = i + 2;
        cx_tpoint a = now_at(c, CX_G_YEAR);
        if (is(c, k, "quarter") || is(c, k, "period") || (W(c, k) && W(c, k)->ord && is(c, k + 1, "quarter")) ||
            c->lastq_sent >= c->sent - 1)
            a = the_quarter(c);
        if (W(c, k) && W(c, k)->ord && is(c, k + 1, "quarter")) {
            a = cx_tp_day(a.year, (W(c, k)->ord - 1) * 3 + 1, 1);
            a.g = CX_G_QUARTER;
            k++;
        }
        if (is(c, k, "quarter") || is(c, k, "period") || is(c, k, "month") || is(c, k, "year"))
            k++;
        set_point(r, CX_TIMEX_DATE, cx_tp_shift(a, -1, CX_U_YEAR));
        r->anchor = 0;
        return k;
    } else {
        return 0;
    }
    if (is(c, i, "last") && the && W(c, k) && W(c, k)->kind == CX_TOK_NUMBER)
        return 0;
    /* a weekday, a month, a season */
    if (cls(c, k, TW_WDAY) && !cls(c, k, TW_PLURAL) && W(c, k)->cap && !anaph) {
        if (c->dct.day <= 0)
            return 0;
        int wd = val(c, k);
        int dir = shift < 0 ? -2 : shift > 0 ? 2 : dir_of(c, i, k + 1, 0);
        cx_tpoint p = cx_tp_weekday(c->dct, wd, dir);
        set_point(r, CX_TIMEX_DATE, p);
        k++;
        int part;
        if (part_at(c, k, &part)) {
            with_part(r, part);
            k++;
        }
        return k;
    }
    if (cls(c, k, TW_MONTH) && W(c, k)->cap && !anaph && !cls(c, k, TW_ABBR)) {
        int m = val(c, k);
        int y = cx_tp_month_year(c->dct, m, shift < 0 ? -2 : shift > 0 ? 2 : 0);
        cx_tpoint p = cx_tp_day(y, m, 1);
        p.g = CX_G_MONTH;
        set_point(r, CX_TIMEX_DATE, p);
        return k + 1;
    }
    if (cls(c, k, TW_SEASON) && !anaph) {
        int s = val(c, k);
        cx_tpoint p = cx_tp_day(-1, s == 4 ? 12 : s * 3, 1);
        p.g = CX_G_SEASON;
        if (c->dct.year > 0 && c->dct.month > 0) {
            cx_tpoint cs = cx_tp_coarsen(c->dct, CX_G_SEASON);
            int cidx = cs.month == 12 ? 4 : (cs.month - 3) / 3 + 1;
            p.year = cs.year;
            if (shift < 0 && s >= cidx)
                p.year--;
            else if (shift > 0 && s <= cidx)
                p.year++;
        }
        set_point(r, CX_TIMEX_DATE, p);
        return k + 1;
    }
    /* a part of the day: "last night", "this morning" */
    int part;
    if (part_at(c, k, &part) && anaph && shift > 0 && c->ref.day > 0) {
        /* "the next morning": the day after the one last named */
        set_point(r, CX_TIMEX_DATE, cx_tp_shift(ref_at(c, CX_G_DAY), 1, CX_U_DAY));
        return k + 1;
    }
    if (part_at(c, k, &part) && !anaph && (shift <= 0)) {
        cx_tpoint p = cx_tp_shift(now_at(c, CX_G_DAY), shift, CX_U_DAY);
        if (c->dct.day <= 0)
            p = cx_tp_day(-1, -1, -1);
        set_point(r, CX_TIMEX_TIME, p);
        with_part(r, part);
        return k + 1;
    }
    if (is(c, k, "fiscal") && is(c, k + 1, "year"))
        k++;
    if (!unit_at(c, k, &u, &pl) || pl)
        return 0;
    if (u == CX_U_SECOND || u == CX_U_MINUTE || u == CX_U_HOUR || ((u == CX_U_DECADE || u == CX_U_CENTURY) && the))
        return 0;
    /* "that year", "the same day" only after a date the text gave */
    if (is(c, i, "that") && c->ref_sent < 0)
        return 0;
    int g = cx_unit_gran(u);
    cx_tpoint a = anaph ? (u == CX_U_QUARTER ? the_quarter(c) : ref_at(c, g)) : now_at(c, g);
    if (u == CX_U_WEEKEND && !anaph && c->dct.day > 0) {
        /* the weekend: this week's, or the one before/after */
        a = cx_tp_coarsen(c->dct, CX_G_WEEKEND);
    }
    cx_tpoint p = cx_tp_shift(a, shift, u);
    p.g = g;
    set_point(r, CX_TIMEX_DATE, p);
    r->anchor = !anaph || u == CX_U_DAY;
    return k + 1;
}

/* References without a point: "the past", "the future", "the near future",
 * "recent years", "the moment", "these days". */
static int m_refs(ctx *c, int i, int the, result *r)
{
    if (the && (is(c, i, "past") || is(c, i, "future")) && !W(c, i + 1)) {
        set_lit(r, CX_TIMEX_DATE, is(c, i, "past") ? "PAST_REF" : "FUTURE_REF");
        return i + 1;
    }
    if (the && (is(c, i, "past") || is(c, i, "future")) &&
        (W(c, i + 1)->kind != CX_TOK_WORD || is(c, i + 1, "and") || is(c, i + 1, "is") || is(c, i + 1, "was") ||
         is(c, i + 1, "of") || is(c, i + 1, "to") || is(c, i + 1, "will") || is(c, i + 1, "as") ||
         is(c, i + 1, "that") || is(c, i + 1, "or") || is(c, i + 1, "but") || is(c, i + 1, "when"))) {
        set_lit(r, CX_TIMEX_DATE, is(c, i, "past") ? "PAST_REF" : "FUTURE_REF");
        return i + 1;
    }
    if (the && is(c, i, "new") && is(c, i + 1, "year") && !W(c, i + 1)->cap && c->dct.year > 0) {
        /* "the new year": the coming one late in a year, else this one */
        cx_tpoint p = now_at(c, CX_G_YEAR);
        if (c->dct.month >= 11)
            p.year++;
        set_point(r, CX_TIMEX_DATE, p);
        return i + 2;
    }
    if (the && is(c, i, "near") && is(c, i + 1, "future")) {
        set_lit(r, CX_TIMEX_DATE, "FUTURE_REF");
        return i + 2;
    }
    if ((is(c, i, "recent") || is(c, i, "coming") || is(c, i, "past")) && !the) {
        int u, pl;
        if (unit_at(c, i + 1, &u, &pl) && pl) {
            set_dur(r, CX_TIMEX_DURATION, -1, u, 0);
            return i + 2;
        }
    }
    if (the && is(c, i, "moment") && is(c, i - 2, "at")) {
        set_lit(r, CX_TIMEX_DATE, "PRESENT_REF");
        return i + 1;
    }
    if (is(c, i, "these") && is(c, i + 1, "days")) {
        set_lit(r, CX_TIMEX_DATE, "PRESENT_REF");
        return i + 2;
    }
    if (is(c, i, "at") && is(c, i + 1, "present")) {
        set_lit(r, CX_TIMEX_DATE, "PRESENT_REF");
        return i + 2;
    }
    return 0;
}

/* "the quarter", "the year", "the week", "the latest quarter", "the
 * year-ago period": the period of the date last mentioned. i after "the". */
static int m_the_unit(ctx *c, int i, result *r)
{
    int k = i;
    int latest = 0;
    if (is(c, k, "latest") || is(c, k, "recent") || (is(c, k, "most") && is(c, k + 1, "recent"))) {
        latest = 1;
        k += is(c, k, "most") ? 2 : 1;
    }
    if (is(c, k, "fiscal"))
        k++;
    int u, pl;
    if (!unit_at(c, k, &u, &pl) || pl)
        return 0;
    if (u != CX_U_QUARTER && u != CX_U_YEAR && u != CX_U_WEEKEND && !(latest && u != CX_U_DAY) &&
        !(u == CX_U_WEEK && is(c, k + 1, "of")))
        return 0;
    /* "the year" in "of the year", "the year before": a following noun makes it a name */
    const word *nx = W(c, k + 1);
    if (nx && nx->kind == CX_TOK_WORD && (u == CX_U_YEAR) &&
        !(is(c, k + 1, "and") || is(c, k + 1, "to") || is(c, k + 1, "earlier") || is(c, k + 1, "ended") ||
          is(c, k + 1, "ending") || is(c, k + 1, "before") || is(c, k + 1, "for")))
        return 0;
    if (u == CX_U_WEEK && is(c, k + 1, "of")) {
        /* "the week of March 6": the week holding that day */
        result d;
        int e = m_month_date(c, k + 2, &d);
        if (e && d.p.g == CX_G_DAY && d.p.year > 0) {
            set_point(r, CX_TIMEX_DATE, cx_tp_coarsen(d.p, CX_G_WEEK));
            return e;
        }
        return 0;
    }
    if (u == CX_U_YEAR && (is(c, k + 1, "ended") || is(c, k + 1, "ending") || is(c, k + 1, "ends"))) {
        /* "the year ended Sept. 30": a period of a year, its end given apart */
        set_dur(r, CX_TIMEX_DURATION, 1, u, 0);
        return k + 1;
    }
    int g = cx_unit_gran(u);
    cx_tpoint p;
    if (u == CX_U_WEEKEND) {
        if (c->dct.day <= 0)
            return 0;
        int dir = dir_of(c, i, k + 1, -1);
        p = cx_tp_weekday(c->dct, 6, dir < 0 ? -1 : 1);
        if (dir < 0 && cx_weekday(cx_days_from_civil(c->dct.year, c->dct.month, c->dct.day)) == 7)
            p = cx_tp_weekday(c->dct, 6, -1);
        p = cx_tp_coarsen(p, CX_G_WEEKEND);
    } else if (latest && u == CX_U_QUARTER) {
        /* "the latest quarter": the one that last ended */
        p = cx_tp_shift(now_at(c, CX_G_QUARTER), -1, CX_U_QUARTER);
    } else if (u == CX_U_QUARTER) {
        p = the_quarter(c);
    } else if (c->ref.g >= g && c->ref.year > 0) {
        p = cx_tp_coarsen(c->ref, g);
    } else {
        p = now_at(c, g);
    }
    set_point(r, CX_TIMEX_DATE, p);
    r->anchor = 0;
    return k + 1;
}

static cx_tpoint the_quarter(const ctx *c)
{
    if (c->lastq_sent >= 0)
        return c->lastq;
    return cx_tp_shift(now_at(c, CX_G_QUARTER), -1, CX_U_QUARTER);
}

/* The core matchers at i (no modifiers). the: a determiner precedes i. */
static int m_core(ctx *c, int i, int the, result *r)
{
    int e;
    if (!the) {
        if ((e = m_time(c, i, r)))
            return e;
        if ((e = m_numeric(c, i, r)))
            return e;
        if ((e = m_weekday(c, i, r)))
            return e;
    }
    if ((e = m_month_date(c, i, r)))
        return e;
    if ((e = m_quarter(c, i, r)))
        return e;
    if ((e = m_relative(c, i, the, r)))
        return e;
    if ((e = m_ago(c, i, r)))
        return e;
    if ((e = m_duration(c, i, the, r)))
        return e;
    if ((e = m_set(c, i, r)))
        return e;
    if ((e = m_season(c, i, the, r)))
        return e;
    if ((e = m_holiday(c, i, r)))
        return e;
    if ((e = m_year(c, i, r)))
        return e;
    if ((e = m_refs(c, i, the, r)))
        return e;
    if (the && (e = m_the_unit(c, i, r)))
        return e;
    if (!the && (e = m_deictic(c, i, r)))
        return e;
    return 0;
}

/* A whole expression at i: approximators ("about", "more than"), modifiers
 * ("early", "late", "mid-", "the end of", "earlier"), a determiner, the core. */
static int m_expr(ctx *c, int i, result *r, int *start)
{
    int k = i;
    *start = i;
    /* approximators, kept in the extent as TIMEX3 does */
    static const char *const approx[] = {"about", "around", "approximately", "roughly", "nearly", "almost",
                                         "some", "over", "under", NULL};
    int ap = 0;
    if ((is(c, k, "more") || is(c, k, "less") || is(c, k, "fewer")) && is(c, k + 1, "than"))
        ap = 2;
    else if (is(c, k, "at") && (is(c, k + 1, "least") || is(c, k + 1, "most")))
        ap = 2;
    else if (is(c, k, "up") && is(c, k + 1, "to"))
        ap = 2;
    else if (is_any(c, k, approx))
        ap = 1;
    if (ap) {
        const word *nx = W(c, k + ap);
        int numeric = nx && (nx->kind == CX_TOK_NUMBER || cls(c, k + ap, TW_NUM) || is(c, k + ap, "a") ||
                             is(c, k + ap, "an") || is(c, k + ap, "several") ||
                             (is(c, k + ap, "the") && ap == 2) || is(c, k + ap, "noon") ||
                             is(c, k + ap, "midnight"));
        if (numeric && !(is(c, k, "some") && is(c, k + 1, "the"))) {
            int inner;
            int e = m_expr(c, k + ap, r, &inner);
            if (e && (r->type == CX_TIMEX_DURATION || r->type == CX_TIMEX_TIME || r->dur[0] || r->lit ||
                      r->p.g != CX_G_YEAR || !is(c, k, "some")))
                return e;
        }
    }
    /* modifiers that keep the value: early/late/mid, the end/beginning of, earlier/later */
    int mk = 0;
    if (is(c, k, "early") || is(c, k, "late") || is(c, k, "mid") || is(c, k, "earlier") || is(c, k, "later"))
        mk = 1;
    else if (is(c, k, "the") && (is(c, k + 1, "end") || is(c, k + 1, "beginning") || is(c, k + 1, "start") ||
                                 is(c, k + 1, "middle") || is(c, k + 1, "rest") || is(c, k + 1, "turn")) &&
             is(c, k + 2, "of"))
        mk = 3;
    else if ((is(c, k, "end") || is(c, k, "beginning") || is(c, k, "start")) && is(c, k + 1, "of") &&
             !is(c, k - 1, "the"))
        mk = 2;
    if (mk) {
        int q = k + mk;
        int e = 0;
        if ((is(c, k, "earlier") || is(c, k, "later")) && is(c, q, "in") && is(c, q + 1, "the") &&
            cls(c, q + 2, TW_UNIT) && !cls(c, q + 2, TW_PLURAL)) {
            /* "earlier in the year": the period of the reference */
            int u = val(c, q + 2);
            cx_tpoint p = ref_at(c, cx_unit_gran(u));
            set_point(r, CX_TIMEX_DATE, p);
            r->anchor = 0;
            return q + 3;
        }
        if (is(c, q, "the") && (cls(c, q + 1, TW_UNIT) && !cls(c, q + 1, TW_PLURAL)) &&
            !is(c, q + 2, "of") && mk >= 2) {
            /* "the end of the year/month/week" */
            int u = val(c, q + 1);
            cx_tpoint p = now_at(c, cx_unit_gran(u)); /* "the end of the year": this one */
            set_point(r, CX_TIMEX_DATE, p);
            r->anchor = 0;
            return q + 2;
        }
        int inner;
        e = m_expr(c, q, r, &inner);
        if (e && (r->type == CX_TIMEX_DATE || r->type == CX_TIMEX_TIME) && !r->lit) {
            /* "earlier Friday", "later today": the day alone; "earlier this month" whole */
            if ((is(c, k, "earlier") || is(c, k, "later")) && !is(c, q, "this") && !is(c, q, "in") &&
                !is(c, q, "that"))
                *start = inner;
            return e;
        }
    }
    if (is(c, k, "the") && (is(c, k + 1, "early") || is(c, k + 1, "late") || is(c, k + 1, "mid"))) {
        int inner;
        int e = m_expr(c, k + 1, r, &inner); /* "the early 1990s", "the mid-1990s" */
        if (e && inner == k + 1 && !r->nodet)
            return e;
    }
    if (is(c, k, "this") || is(c, k, "that")) {
        int e = m_core(c, k, 0, r);
        if (e)
            return e;
    }
    if (is(c, k, "the") || is(c, k, "this") || is(c, k, "that") || is(c, k, "its") || is(c, k, "their")) {
        int e = m_core(c, k + 1, 1, r);
        if (!e)
            return 0;
        /* TIMEX3 keeps "the" in "the third quarter", "the past two months",
         * "the previous day", not before a date or a year used as a modifier
         * ("the Oct. 23 meeting", "the 1996 election", "the third-quarter
         * results"), nor a possessive or demonstrative */
        int compound = k + 1;
        while (compound < c->n && c->w[compound].hyph)
            compound++;
        int only_compound = compound > k + 1 && e <= compound + 1;
        if (!is(c, k, "the") || r->nodet || only_compound)
            *start = k + 1;
        return e;
    }
    return m_core(c, k, 0, r);
}

/* ---- the stage ---- */

const char *cx_timex_type_name(int type)
{
    switch (type) {
    case CX_TIMEX_DATE: return "DATE";
    case CX_TIMEX_TIME: return "TIME";
    case CX_TIMEX_DURATION: return "DURATION";
    case CX_TIMEX_SET: return "SET";
    default: return "DATE";
    }
}

static int emit(cx_arena *a, const ctx *c, const result *r, uint32_t start, uint32_t end, cx_timex **arr,
                size_t *n, size_t *cap)
{
    char buf[48];
    const char *v;
    const char *prec;
    if (r->lit) {
        v = r->lit;
        prec = "ref";
    } else {
        if (r->dur[0]) {
            snprintf(buf, sizeof buf, "%s", r->dur);
            prec = cx_gran_name(r->gran);
        } else {
            cx_tp_format(&r->p, buf, sizeof buf);
            prec = cx_gran_name(r->p.g);
        }
        v = cx_arena_strdup(a, buf);
        if (!v)
            return 0;
    }
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        cx_timex *g = cx_arena_alloc(a, nc * sizeof *g);
        if (!g)
            return 0;
        if (*n)
            memcpy(g, *arr, *n * sizeof *g);
        *arr = g;
        *cap = nc;
    }
    cx_timex *t = &(*arr)[(*n)++];
    t->start = start;
    t->end = end;
    t->sentence = (uint32_t)c->sent;
    t->type = (uint8_t)r->type;
    t->value = v;
    t->precision = prec;
    return 1;
}

int cx_time_supports(const char *lang) { return !lang || !*lang || (lang[0] == 'e' && lang[1] == 'n' && !lang[2]); }

int cx_time_analyze(cx_arena *a, const cx_text *t, const cx_date *published, const char *lang,
                    cx_timex **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!t || !cx_time_supports(lang))
        return 1;
    ctx c;
    memset(&c, 0, sizeof c);
    c.s = t->s;
    c.dct = cx_tp_day(-1, -1, -1);
    if (published && published->prec >= CX_PREC_YEAR) {
        c.dct.year = published->year;
        c.dct.g = CX_G_YEAR;
        if (published->prec >= CX_PREC_MONTH) {
            c.dct.month = published->month;
            c.dct.g = CX_G_MONTH;
        }
        if (published->prec >= CX_PREC_DAY) {
            c.dct.day = published->day;
            c.dct.g = CX_G_DAY;
        }
    }
    c.ref = c.dct;
    c.ref_sent = -1;
    c.lastq_sent = -1;
    word *words = NULL;
    int cap = 0;
    size_t tcap = 0;
    int ok = 1;
    for (size_t si = 0; ok && si < t->n_sents; si++) {
        const cx_sentence *sn = &t->sents[si];
        if (!make_words(t, sn->tok_begin, sn->tok_end, &words, &c.n, &cap)) {
            ok = 0;
            break;
        }
        c.w = words;
        c.sent = (int)si;
        for (int i = 0; i < c.n;) {
            result r;
            memset(&r, 0, sizeof r);
            if (!words[i].can_start) {
                i++;
                continue;
            }
            int first = i;
            int e = m_expr(&c, i, &r, &first);
            if (e <= i) {
                i++;
                continue;
            }
            uint32_t st = words[first].start, en = words[e - 1].end;
            /* a trailing dot belongs to the sentence, not to "p.m." */
            if (!emit(a, &c, &r, st, en, out, n, &tcap)) {
                ok = 0;
                break;
            }
            if (r.anchor && !r.lit && !r.dur[0] && r.p.year > 0 && r.p.g == CX_G_QUARTER && r.type == CX_TIMEX_DATE) {
                c.lastq = r.p;
                c.lastq_sent = c.sent;
            }
            if (r.anchor && !r.lit && !r.dur[0] && r.p.year > 0 && r.p.g >= CX_G_YEAR) {
                c.ref = r.p;
                if (c.ref.g > CX_G_DAY)
                    c.ref = cx_tp_coarsen(c.ref, CX_G_DAY);
                c.ref_sent = c.sent;
            }
            i = e;
        }
    }
    cx_free(words);
    if (!ok) {
        *n = 0;
        return 0;
    }
    return 1;
}
