/*
 * lines.c: the text-mode content model, for text a scraper already flattened.
 *
 * With no markup left, the unit is the line (or, for hard-wrapped text, the
 * blank-line separated block). Each unit gets a weight: prose (long, ending
 * like a sentence) counts for its length; short lines count a little against;
 * boilerplate counts against hard: lines repeated in the text (menus,
 * captions printed twice), interface phrases ("Skip to main content",
 * "(opens in a new tab)", "Sign up for..."), section breaks that open a
 * teaser list or comments ("MORE FROM US", "Comments"), and teaser runs
 * (headline, one-line dek, headline, dek...). The article is the contiguous
 * run of units with the largest sum (Kadane's algorithm), the one-dimensional
 * twin of the HTML model's maximum-weight subtree. Inside it, boilerplate
 * units are dropped, captions go with their photo credit, and bylines, date
 * lines, copyright lines and "With files from" credits become metadata.
 */
#include "extract/extract.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/str.h"
#include "util/vec.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

typedef enum unit_kind {
    U_SHORT = 0, U_PROSE, U_BOILER, U_BREAK, U_REPEAT, U_BYLINE, U_DATE, U_CREDIT,
    U_COPYRIGHT, U_PHOTO_CREDIT, U_TITLE, U_STOP
} unit_kind;

typedef struct unit {
    size_t off, len;  /* trimmed span in the text */
    int words, terminal, caps, upper;
    int puncts;       /* sentence punctuation inside (. , ; : ! ?): a long line with
                       * none is a keyword list or a tag cloud, not prose */
    uint64_t hash;    /* of the folded line, for repeats */
    unit_kind kind;
    int teaser;       /* in a teaser run */
    double w;
} unit;

static int ends_sentence(const char *s, size_t n)
{
    /* Closing quotes and brackets after the stop: look through them. */
    for (int k = 0; k < 3 && n; k++) {
        while (n && s[n - 1] == ' ')
            n--;
        if (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')')) {
            n--;
            continue;
        }
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99)) { /* ” ’ */
            n -= 3;
            continue;
        }
        break;
    }
    if (!n)
        return 0;
    unsigned char c = (unsigned char)s[n - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':')
        return 1;
    return n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 && c == 0xA6; /* … */
}

/* 1 when a and b name the same headline: equal, or one is the other with a
 * site name after " - " / " | " ("Headline - The Herald"). */
static int same_headline(const char *a, size_t an, const char *b, size_t bn)
{
    if (an > bn) {
        const char *t = a;
        size_t tn = an;
        a = b, an = bn, b = t, bn = tn;
    }
    if (an < 15 || !cx_ascii_ncaseeq(a, b, an))
        return 0;
    if (an == bn)
        return 1;
    const char *rest = b + an;
    size_t rn = bn - an;
    while (rn && *rest == ' ')
        rest++, rn--;
    return rn > 0 && (*rest == '-' || *rest == '|' || *rest == ':' ||
                      (rn >= 3 && (unsigned char)rest[0] == 0xE2 && (unsigned char)rest[1] == 0x80));
}

/* An author's bio: "Jane Doe is a freelance writer living in...", "John Roe
 * is the Herald's transport reporter." */
static int bio_line(const char *s, size_t n)
{
    if (n > 400 || n < 20 || !(s[0] >= 'A' && s[0] <= 'Z'))
        return 0;
    const char *is = cx_memcasemem(s, n < 60 ? n : 60, " is a");
    if (!is)
        is = cx_memcasemem(s, n < 60 ? n : 60, " is the");
    if (!is)
        return 0;
    static const char *const roles[] = {"writer", "reporter", "journalist", "editor",
                                        "correspondent", "columnist", "contributor", "author",
                                        "blogger", "producer", "photographer", NULL};
    for (const char *const *r = roles; *r; r++)
        if (cx_memcasemem(is, n - (size_t)(is - s), *r))
            return 1;
    return 0;
}

/* "34 Comments", "12 responses to “Headline”", "Comments (5)", "Show 20 replies". */
static int comment_header(const char *s, size_t n)
{
    int digits = 0;
    for (size_t i = 0; i < n; i++)
        digits += cx_is_digit(s[i]);
    return digits && (cx_memcasemem(s, n, "comment") || cx_memcasemem(s, n, "responses") ||
                      cx_memcasemem(s, n, "replies") || cx_memcasemem(s, n, "reactions"));
}

/* A comment's header: "joetoronto says:", "Jane wrote:". */
static int says_line(const char *s, size_t n)
{
    return n <= 60 && (cx_span_endswith(s, n, " says:") || cx_span_endswith(s, n, " said:") ||
                       cx_span_endswith(s, n, " wrote:") || cx_span_endswith(s, n, " says"));
}

/* "By Jane Doe", "By Jane Doe and John Roe | The Herald", "Jane Doe, Staff Writer". */
static int byline_line(const char *s, size_t n)
{
    if (n > 120 || n < 5)
        return 0;
    if (cx_ascii_ncaseeq(s, "by ", 3) && (s[3] >= 'A' && s[3] <= 'Z'))
        return 1;
    if (cx_ascii_ncaseeq(s, "written by ", 11) || cx_ascii_ncaseeq(s, "reporting by ", 13) ||
        cx_ascii_ncaseeq(s, "words by ", 9) || cx_ascii_ncaseeq(s, "author:", 7))
        return 1;
    return 0;
}

/* "With files from X", "This report by X was first published...", "— With files from X". */
static int credit_line(const char *s, size_t n)
{
    while (n && !cx_is_alpha(*s)) {
        s++;
        n--;
    }
    if (n > 300)
        return 0;
    return cx_ascii_ncaseeq(s, "with files from ", 16) || cx_ascii_ncaseeq(s, "with reporting by ", 18) ||
           cx_ascii_ncaseeq(s, "additional reporting by ", 24) ||
           (cx_ascii_ncaseeq(s, "this report by ", 15) && cx_memcasemem(s, n, "first published")) ||
           (cx_ascii_ncaseeq(s, "this story was ", 15) && cx_memcasemem(s, n, "published")) ||
           (cx_ascii_ncaseeq(s, "this article was ", 17) && cx_memcasemem(s, n, "published"));
}

/* "(Reed Saxon / Associated Press)", "Photo: Jane Doe / The Herald", "Getty Images". */
static int photo_credit(const char *s, size_t n)
{
    if (n > 120)
        return 0;
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')' && memchr(s, '/', n))
        return 1;
    return cx_ascii_ncaseeq(s, "photo:", 6) || cx_ascii_ncaseeq(s, "photo by", 8) ||
           cx_ascii_ncaseeq(s, "photograph:", 11) || cx_ascii_ncaseeq(s, "image:", 6) ||
           cx_ascii_ncaseeq(s, "credit:", 7) || cx_ascii_ncaseeq(s, "picture:", 8) ||
           cx_memcasemem(s, n, "getty images") || cx_memcasemem(s, n, "/ ap photo") ||
           cx_memcasemem(s, n, "(ap photo") || cx_memcasemem(s, n, "shutterstock");
}

/* A date line: "Published 10 March 2025, 13:10", "Updated: Nov. 19, 2019 5:50 PM",
 * "First published June 9, 2021". The date text goes to *d. */
static int date_line(const char *s, size_t n, cx_date *d)
{
    if (n > 80)
        return 0;
    /* a date to the day has a day number: most lines fail here, cheaply */
    int digit = 0;
    for (size_t i = 0; i < n && !digit; i++)
        digit = cx_is_digit(s[i]);
    if (!digit)
        return 0;
    static const char *const prefixes[] = {"first published", "last updated", "published on",
                                           "published:", "published", "updated on", "updated:",
                                           "updated", "posted on", "posted:", "posted",
                                           "last modified", "date:", NULL};
    for (const char *const *p = prefixes; *p; p++) {
        size_t k = strlen(*p);
        if (n > k && cx_ascii_ncaseeq(s, *p, k)) {
            s += k;
            n -= k;
            break;
        }
    }
    while (n && (*s == ' ' || *s == ':'))
        s++, n--;
    /* Drop a leading weekday: "Wednesday 12 March 2025, 12:20". */
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday", "mon", "tue", "wed", "thu", "fri",
                                       "sat", "sun", NULL};
    for (const char *const *p = days; *p; p++) {
        size_t k = strlen(*p);
        if (n > k && cx_ascii_ncaseeq(s, *p, k) && !cx_is_alpha(s[k])) {
            s += k;
            n -= k;
            while (n && (*s == ' ' || *s == ',' || *s == '.'))
                s++, n--;
            break;
        }
    }
    char buf[96];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
        buf[k++] = (s[i] == ',' || s[i] == '|') ? ' ' : s[i];
    buf[k] = '\0';
    return cx_date_parse(buf, k, d) && d->prec >= CX_PREC_DAY;
}

static int copyright_line(const char *s, size_t n)
{
    return n < 200 && (cx_ascii_ncaseeq(s, "\xC2\xA9", 2) || cx_ascii_ncaseeq(s, "copyright", 9) ||
                       cx_ascii_ncaseeq(s, "(c) ", 4));
}

/* The outlet named by a copyright line: "© 2025 The Saltmarsh Courier. All rights reserved." */
static size_t copyright_holder(const char *s, size_t n, const char **out)
{
    size_t i = cx_ascii_ncaseeq(s, "copyright", 9) ? 9 : cx_ascii_ncaseeq(s, "(c) ", 4) ? 4 : 2;
    while (i < n && (s[i] == ' ' || cx_is_digit(s[i]) || s[i] == '-' || s[i] == ',' ||
                     (unsigned char)s[i] == 0xC2 || (unsigned char)s[i] == 0xA9))
        i++;
    size_t e = i;
    while (e < n && s[e] != '.' && s[e] != '|' && s[e] != ';' && !(s[e] == ',' && e > i))
        e++;
    while (e > i && s[e - 1] == ' ')
        e--;
    *out = s + i;
    return e > i && e - i <= 80 ? e - i : 0;
}

/* Hash of a unit folded for comparison (ASCII case, white space). */
static uint64_t fold_hash(const char *s, size_t n)
{
    char buf[512];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof buf; i++)
        if (!cx_is_space(s[i]))
            buf[k++] = cx_lower(s[i]);
    return XXH3_64bits(buf, k);
}

static void describe(unit *u, const char *s)
{
    const char *p = s + u->off;
    size_t n = u->len;
    int in_word = 0;
    for (size_t i = 0; i < n; i++) {
        if (cx_is_space(p[i])) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            u->words++;
            if (p[i] >= 'A' && p[i] <= 'Z')
                u->caps++;
        }
    }
    int letters = 0, upper = 0;
    for (size_t i = 0; i < n; i++)
        if (cx_is_alpha(p[i])) {
            letters++;
            upper += p[i] >= 'A' && p[i] <= 'Z';
        } else if (p[i] == '.' || p[i] == ',' || p[i] == ';' || p[i] == ':' || p[i] == '!' ||
                   p[i] == '?') {
            u->puncts++;
        } else if ((unsigned char)p[i] >= 0xD8 && i + 1 < n) {
            /* the same marks of other scripts: 。、，！？ ، । */
            const unsigned char *q = (const unsigned char *)p + i;
            u->puncts += (q[0] == 0xD8 && q[1] == 0x8C) ||
                         (i + 2 < n && ((q[0] == 0xE3 && q[1] == 0x80 && (q[2] == 0x81 || q[2] == 0x82)) ||
                                        (q[0] == 0xEF && q[1] == 0xBC && (q[2] == 0x8C || q[2] == 0x81 || q[2] == 0x9F)) ||
                                        (q[0] == 0xE0 && q[1] == 0xA5 && q[2] == 0xA4)));
        }
    u->upper = letters >= 4 && upper == letters;
    u->terminal = ends_sentence(p, n);
    u->hash = fold_hash(p, n);
}

/* Hard-wrapped text (most lines 50-90 bytes running into the next): units are
 * blank-line blocks, not lines. */
static int hard_wrapped(const char *s, size_t n)
{
    size_t lines = 0, wrapped = 0, i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != '\n')
            e++;
        size_t len = e - i;
        if (len > 0) {
            lines++;
            if (len >= 50 && len <= 90 && e + 1 < n && s[e + 1] != '\n' && s[e + 1] != '\r')
                wrapped++;
        }
        i = e + 1;
    }
    return lines >= 6 && wrapped * 10 >= lines * 6;
}

typedef struct uvec {
    unit *v;
    size_t n, cap;
} uvec;

static unit *push_unit(uvec *uv)
{
    unit *grown = cx_grow(uv->v, &uv->cap, uv->n + 1, sizeof *grown, 128);
    if (!grown)
        return NULL;
    uv->v = grown;
    unit *u = &uv->v[uv->n++];
    memset(u, 0, sizeof *u);
    return u;
}

/* The number of a list item ("3) ...", "3. ..."), or -1. */
static long list_number(const char *s, size_t n)
{
    size_t i = 0;
    long v = 0;
    while (i < n && i < 4 && cx_is_digit(s[i]))
        v = v * 10 + (s[i++] - '0');
    if (i == 0 || i >= n || (s[i] != ')' && s[i] != '.') || i + 1 >= n || s[i + 1] != ' ')
        return -1;
    return v;
}

/* The first letter of s[0..n) is lower case (ASCII, or a non-ASCII letter read
 * as "not upper"). */
static int starts_lower(const char *s, size_t n)
{
    return n && ((s[0] >= 'a' && s[0] <= 'z'));
}

static int split_units(const char *s, size_t n, uvec *uv)
{
    int blocks = hard_wrapped(s, n);
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        if (blocks) {
            /* to the next blank line */
            while (e < n) {
                if (s[e] == '\n') {
                    size_t k = e + 1;
                    while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
                        k++;
                    if (k >= n || s[k] == '\n')
                        break;
                }
                e++;
            }
        } else {
            /* to the end of the line, going on while the line is soft-wrapped: it
             * does not end a sentence and the next line starts in lower case */
            for (;;) {
                while (e < n && s[e] != '\n')
                    e++;
                if (e >= n)
                    break;
                size_t ll = e - i, nl = 0;
                const char *l = cx_trim(s + i, &ll);
                size_t k = e + 1;
                while (k < n && (s[k] == ' ' || s[k] == '\t'))
                    k++;
                while (k + nl < n && s[k + nl] != '\n')
                    nl++;
                if (ll && !ends_sentence(l, ll) && starts_lower(s + k, nl)) {
                    e = k;
                    continue;
                }
                break;
            }
        }
        size_t len = e - i;
        const char *t = cx_trim(s + i, &len);
        if (len) {
            unit *u = push_unit(uv);
            if (!u)
                return 0;
            u->off = (size_t)(t - s);
            u->len = len;
        }
        i = e + 1;
    }
    return 1;
}

/* Appends a unit as a paragraph without the link artefacts scrapers leave
 * ("(opens in a new tab)", "(opens in new window)"). */
static int add_unit(cx_paras *paras, const char *p, size_t n)
{
    static const char *const artefacts[] = {"(opens in a new tab)", "(opens in a new window)",
                                            "(opens in new window)", "(opens in new tab)",
                                            "(external link)", NULL};
    int any = 0;
    for (const char *const *a = artefacts; *a && !any && memchr(p, '(', n); a++)
        any = cx_memcasemem(p, n, *a) != NULL; /* each opens with '(': most lines have none */
    if (!any)
        return cx_paras_add(paras, p, n);
    cx_buf b;
    cx_buf_init(&b, n + 1);
    size_t i = 0;
    while (i < n) {
        size_t skip = 0;
        if (p[i] == '(')
            for (const char *const *a = artefacts; *a; a++) {
                size_t k = strlen(*a);
                if (n - i >= k && cx_ascii_ncaseeq(p + i, *a, k)) {
                    skip = k;
                    break;
                }
            }
        if (skip) {
            i += skip;
            continue;
        }
        if (cx_buf_putc(&b, p[i]) != CX_BUF_OK) {
            cx_buf_free(&b);
            return 0;
        }
        i++;
    }
    int ok = cx_paras_add(paras, b.data ? b.data : "", b.len);
    cx_buf_free(&b);
    return ok;
}

/* Records a unit left out of the body under its reason; the headline and
 * "With files from" credits are not removed text but metadata. after: past the
 * article's run, the CX_HEAD_* of the section head last seen (0: none);
 * outside: the unit lies outside the run. */
static int drop_unit(cx_paras *paras, const char *s, const unit *u, int after, int outside)
{
    const char *kind;
    switch (u->kind) {
    case U_TITLE:
    case U_CREDIT: return 1;
    case U_BYLINE:
    case U_DATE:
    case U_COPYRIGHT: kind = "metadata"; break;
    case U_PHOTO_CREDIT: kind = "caption"; break;
    case U_REPEAT: kind = "repeat"; break;
    case U_BOILER: kind = "interface"; break;
    case U_STOP: kind = "comments"; break;
    case U_BREAK:
        kind = cx_section_head(s + u->off, u->len) == CX_HEAD_COMMENTS ? "comments" : "teaser";
        break;
    default:
        kind = u->teaser || after == CX_HEAD_STORIES ? "teaser"
               : after == CX_HEAD_COMMENTS ? "comments"
               : outside && u->kind == U_SHORT && u->words <= 5 && !u->terminal ? "navigation"
                                                                               : "outside";
        break;
    }
    return cx_paras_drop(paras, kind, s + u->off, u->len);
}

/* Marks every unit whose text occurs twice or more (one open-addressing
 * table of hashes: linear). */
static int mark_repeats(unit *U, size_t first, size_t nu)
{
    size_t m = nu - first, cap = 16;
    while (cap < 2 * m)
        cap *= 2;
    size_t *t = cx_malloc(cap * sizeof *t); /* unit index + 1; 0 = empty */
    if (!t)
        return 0;
    memset(t, 0, cap * sizeof *t);
    for (size_t i = first; i < nu; i++) {
        uint64_t h = U[i].hash;
        for (size_t k = (size_t)h & (cap - 1);; k = (k + 1) & (cap - 1)) {
            if (!t[k]) {
                t[k] = i + 1;
                break;
            }
            unit *o = &U[t[k] - 1];
            if (o->hash == h) {
                if (o->kind != U_TITLE)
                    o->kind = U_REPEAT;
                if (U[i].kind != U_TITLE)
                    U[i].kind = U_REPEAT;
                break;
            }
        }
    }
    cx_free(t);
    return 1;
}

int cx_text_model(cx_arena *a, const char *s, size_t n, const char *given_title,
                  cx_paras *paras, cx_text_meta *tm)
{
    memset(tm, 0, sizeof *tm);
    uvec uv = {NULL, 0, 0};
    if (!split_units(s, n, &uv)) {
        cx_free(uv.v);
        return -1;
    }
    if (uv.n == 0) {
        cx_free(uv.v);
        return 0;
    }
    unit *U = uv.v;
    size_t nu = uv.n;
    for (size_t i = 0; i < nu; i++)
        describe(&U[i], s);

    /* The title: the given one, else the first unit when short and more follows. */
    uint64_t title_hash = 0;
    size_t first = 0;
    if (given_title) {
        title_hash = fold_hash(given_title, strlen(given_title));
    } else if (nu > 1 && U[0].len <= 300 && !U[0].terminal) {
        tm->title = s + U[0].off;
        tm->title_len = U[0].len;
        title_hash = U[0].hash;
        U[0].kind = U_TITLE;
        first = 1;
    }

    /* Repeats: the same unit twice or more (menus, captions, the headline again).
     * The first repeat of the headline anchors the article: it starts after it. */
    const char *tt = given_title ? given_title : tm->title;
    size_t ttl = given_title ? strlen(given_title) : tm->title_len;
    size_t anchor = first, late = 0;
    for (size_t i = first; i < nu; i++) {
        if (U[i].hash == title_hash || (tt && U[i].len <= 300 && same_headline(s + U[i].off, U[i].len, tt, ttl))) {
            U[i].kind = U_TITLE;
            if (anchor == first && i < nu * 3 / 4)
                anchor = i + 1; /* the first repeat: later ones are share boxes and footers */
            else if (anchor == first && !late)
                late = i + 1;
            continue;
        }
    }
    /* A page whose menus run to hundreds of lines puts its only repeat of the
     * headline in the last quarter of the lines: it still anchors the article
     * when sentences follow it at once (a share box or a footer repeating the
     * headline is followed by links, not prose). */
    if (anchor == first && late) {
        size_t sentences = 0;
        for (size_t i = late; i < nu && i < late + 4; i++) {
            const unit *u = &U[i];
            if (u->words >= 8 && u->len >= 60 && u->terminal)
                sentences += u->len;
        }
        if (sentences >= 150)
            anchor = late;
    }
    if (!mark_repeats(U, first, nu)) {
        cx_free(uv.v);
        return -1;
    }

    /* Kinds and weights. */
    int seen_date = 0;
    for (size_t i = first; i < nu; i++) {
        unit *u = &U[i];
        const char *p = s + u->off;
        size_t len = u->len;
        cx_date d;
        if (u->kind == U_TITLE) {
            u->w = -20;
            continue;
        }
        if (u->kind != U_REPEAT) {
            if (credit_line(p, len))
                u->kind = U_CREDIT;
            else if (byline_line(p, len))
                u->kind = U_BYLINE;
            else if (copyright_line(p, len))
                u->kind = U_COPYRIGHT;
            else if (photo_credit(p, len))
                u->kind = U_PHOTO_CREDIT;
            else if (date_line(p, len, &d))
                u->kind = U_DATE;
            else if (len <= 40 && cx_section_head(p, len))
                u->kind = U_BREAK;
            else if (len <= 80 && comment_header(p, len))
                u->kind = U_STOP;
            else if (cx_interface_line(p, len) || (len <= 160 && says_line(p, len)) ||
                     bio_line(p, len))
                u->kind = U_BOILER;
            else if (i > first && len < 300 && U[i - 1].kind == U_BOILER &&
                     (cx_ascii_ncaseeq(s + U[i - 1].off, "watch", 5) ||
                      cx_ascii_ncaseeq(s + U[i - 1].off, "video", 5)))
                u->kind = U_BOILER; /* the one-line description under a video title */
            else if (u->words >= 8 && ((len >= 60 && u->terminal) || (len >= 160 && u->puncts)))
                u->kind = U_PROSE;
            else
                u->kind = U_SHORT;
        }
        switch (u->kind) {
        case U_PROSE: u->w = (double)len; break;
        case U_BREAK: u->w = -250; break;
        case U_STOP: u->w = -250; break; /* see below */
        case U_REPEAT: u->w = -(double)len - 30; break;
        case U_BOILER: u->w = -(double)len - 30; break;
        case U_SHORT: u->w = -0.5 * (double)(len < 60 ? len : 60) - 5; break;
        case U_DATE: /* the first date line is the article's; later ones stamp comments */
            u->w = seen_date++ ? -60 : -10;
            break;
        default: u->w = -10; break; /* bylines, credits: small, they sit at the edges */
        }
    }
    /* A numbered list that goes on from the article's prose ("1) ...", "2) ...",
     * three or more items of three words or more) is article (a listicle, a
     * gift guide); numbered breadcrumbs have one- or two-word items. */
    for (size_t i = first + 1; i < nu; i++) {
        if (U[i - 1].kind != U_PROSE || list_number(s + U[i].off, U[i].len) != 1)
            continue;
        size_t k = i;
        long want = 1;
        int words = 0;
        while (k < nu && list_number(s + U[k].off, U[k].len) == want) {
            words += U[k].words;
            k++;
            want++;
            while (k < nu && U[k].kind == U_SHORT && list_number(s + U[k].off, U[k].len) < 0 &&
                   U[k].words <= 2)
                k++; /* a link or a price under the item */
        }
        if (want - 1 >= 3 && words >= 3 * (want - 1))
            for (size_t j = i; j < k; j++)
                if (U[j].kind == U_SHORT)
                    U[j].w = 0.5 * (double)U[j].len;
    }

    /* Teaser runs: cards of one to three short lines (headline, source, section)
     * and a one-line excerpt, three in a row. The excerpts would count as prose;
     * the run makes them a list of other stories. */
    for (size_t i = first; i < nu; i++) {
        size_t k = i;
        int cards = 0;
        for (;;) {
            size_t j = k;
            while (j < nu && j < k + 3 && U[j].kind == U_SHORT && !U[j].terminal)
                j++;
            if (j == k || j >= nu || U[j].kind != U_PROSE || U[j].len >= 200)
                break;
            cards++;
            k = j + 1;
        }
        if (cards >= 3) {
            for (size_t j = i; j < k; j++) {
                U[j].w = -(double)U[j].len;
                U[j].teaser = 1;
            }
            i = k - 1;
        }
    }

    /* Prose before the headline is seldom the article (disclaimers, site blurbs). */
    for (size_t i = first; i < anchor; i++)
        if (U[i].w > 0)
            U[i].w *= 0.1;
    /* ...and the article begins right after it (past a byline and a date line). */
    if (anchor > first)
        for (size_t i = anchor; i < nu && i < anchor + 6; i++)
            if (U[i].kind == U_PROSE) {
                U[i].w += 300;
                break;
            }

    /* A comment header after the article's prose ends what can be article: the
     * thread below it counts a tenth. One above the article is a mere link. Two
     * date lines after the prose mark teaser cards (headline, author, date,
     * excerpt): from the first of them on, prose counts a fifth. */
    double prose_seen = 0;
    size_t first_late_date = 0;
    int late_dates = 0;
    for (size_t i = anchor; i < nu; i++) {
        cx_date d;
        if (U[i].kind == U_PROSE)
            prose_seen += (double)U[i].len;
        if (U[i].kind == U_STOP && prose_seen >= 300) {
            U[i].w = -1e9;
            for (size_t k = i + 1; k < nu; k++)
                if (U[k].w > 0)
                    U[k].w *= 0.1;
            break;
        }
        if (prose_seen >= 300 && U[i].len <= 80 &&
            (U[i].kind == U_DATE || (U[i].kind == U_REPEAT && date_line(s + U[i].off, U[i].len, &d)))) {
            if (late_dates++ == 0)
                first_late_date = i;
            else if (late_dates == 2)
                for (size_t k = first_late_date; k < nu; k++)
                    if (U[k].w > 0)
                        U[k].w *= 0.2;
        }
    }

    /* The run of units with the largest sum. */
    double best = 0, cur = 0;
    size_t bs = 0, be = 0, cs = first;
    for (size_t i = first; i < nu; i++) {
        if (cur <= 0) {
            cur = 0;
            cs = i;
        }
        cur += U[i].w;
        if (cur > best) {
            best = cur;
            bs = cs;
            be = i + 1;
        }
    }
    /* The best run that starts where the headline says the article does: kept
     * when it weighs at least half the free best (a legal footer or a comment
     * thread elsewhere can outweigh a short article, not the headline's word). */
    if (anchor > first) {
        size_t a0 = anchor;
        while (a0 < nu && a0 < anchor + 6 && U[a0].kind != U_PROSE)
            a0++;
        if (a0 < nu && U[a0].kind == U_PROSE) {
            double sum = 0, abest = 0;
            size_t aend = a0;
            for (size_t i = a0; i < nu; i++) {
                sum += U[i].w;
                if (sum > abest) {
                    abest = sum;
                    aend = i + 1;
                }
            }
            if (abest >= 0.5 * best && !(bs >= a0 && be <= aend)) {
                bs = a0;
                be = aend;
                best = abest;
            }
        }
    }

    /* Metadata from anywhere in the text; body from the run. */
    for (size_t i = first; i < nu; i++) {
        unit *u = &U[i];
        const char *p = s + u->off;
        cx_date d;
        if (u->kind == U_BYLINE && !tm->byline) {
            size_t k = cx_ascii_ncaseeq(p, "by ", 3) ? 3 : 0;
            if (!k) {
                const char *c = memchr(p, ' ', u->len);
                k = c ? (size_t)(c - p) + 1 : 0;
                if (cx_ascii_ncaseeq(p, "author:", 7))
                    k = 7;
            }
            size_t e = u->len;
            const char *bar = memchr(p, '|', u->len);
            if (bar)
                e = (size_t)(bar - p);
            while (e > k && (p[e - 1] == ' ' || p[e - 1] == ','))
                e--;
            tm->byline = p + k;
            tm->byline_len = e > k ? e - k : 0;
            while (tm->byline_len && *tm->byline == ' ')
                tm->byline++, tm->byline_len--;
        } else if (u->kind == U_DATE && !tm->published && date_line(p, u->len, &d)) {
            tm->published = p;
            tm->published_len = u->len;
            tm->date = d;
        } else if (u->kind == U_COPYRIGHT && !tm->outlet) {
            tm->outlet_len = copyright_holder(p, u->len, &tm->outlet);
            if (!tm->outlet_len)
                tm->outlet = NULL;
        } else if (u->kind == U_CREDIT && tm->n_credits < CX_MAX_CREDITS) {
            tm->credits[tm->n_credits] = p;
            tm->credit_lens[tm->n_credits++] = u->len;
        }
    }
    int ok = 1;
    int all = best <= 0; /* nothing scored: a short clean text is all article */
    if (all) {
        bs = first;
        be = nu;
    }
    int after = 0; /* past the run: 0, or the CX_HEAD_* of the last section head */
    for (size_t i = first; i < nu && ok; i++) {
        unit *u = &U[i];
        if (i >= be && (u->kind == U_STOP || u->kind == U_BREAK))
            after = u->kind == U_STOP ? CX_HEAD_COMMENTS : cx_section_head(s + u->off, u->len);
        if (i < bs || i >= be || (u->kind != U_PROSE && u->kind != U_SHORT)) {
            ok = drop_unit(paras, s, u, after, i < bs || i >= be);
            continue;
        }
        if (all) {
            ok = add_unit(paras, s + u->off, u->len);
            continue;
        }
        /* A caption: a unit right before a photo credit. */
        if (i + 1 < nu && U[i + 1].kind == U_PHOTO_CREDIT) {
            ok = cx_paras_drop(paras, "caption", s + u->off, u->len);
            continue;
        }
        if (u->kind == U_SHORT && (u->upper || u->words <= 1)) {
            ok = cx_paras_drop(paras, "label", s + u->off, u->len);
            continue; /* "ANALYSIS", "Facebook": labels, not text */
        }
        ok = add_unit(paras, s + u->off, u->len);
    }
    /* A text that is all headline keeps it as its body; one that is all
     * boilerplate (a scraper that caught only a bio) keeps that: the record is
     * still an article, with its title and metadata, and nothing was removed. */
    if (ok && paras->count == 0) {
        cx_buf_reset(&paras->removed);
        paras->last_kind = NULL;
        paras->removed_lost = 0;
    }
    for (size_t i = 0; ok && paras->count == 0 && i < nu; i++)
        if (U[i].kind == U_TITLE || U[i].kind == U_SHORT || U[i].kind == U_PROSE)
            ok = cx_paras_add(paras, s + U[i].off, U[i].len);
    for (size_t i = 0; ok && paras->count == 0 && i < nu; i++)
        ok = cx_paras_add(paras, s + U[i].off, U[i].len);
    (void)a;
    cx_free(uv.v);
    return ok ? (paras->count > 0) : -1;
}
