/*
 * extract.c: a record to an article: decoding, body, and metadata resolution
 * in order of trust (container, page, URL). See extract.h.
 */
#include "extract/extract.h"
#include "util/alloc.h"
#include "util/str.h"
#include "util/url.h"

#include <stdio.h>
#include <string.h>

/* "en-GB", "en_US", "EN" -> "en"; NULL when it is not a language tag. */
static char *language_code(cx_arena *a, const char *s)
{
    if (!s)
        return NULL;
    while (*s == ' ')
        s++;
    size_t n = 0;
    while (cx_is_alpha(s[n]) && n < 4)
        n++;
    if (n < 2 || n > 3 || (s[n] && s[n] != '-' && s[n] != '_' && s[n] != ' ' && s[n] != ','))
        return NULL;
    char *out = cx_arena_strndup(a, s, n);
    if (out)
        for (char *p = out; *p; p++)
            *p = cx_lower(*p);
    return out;
}

/* <title> without a trailing " | Outlet" / " - Outlet". */
static const char *strip_site_suffix(cx_arena *a, const char *t)
{
    if (!t)
        return NULL;
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
                                       " \xC2\xB7 ", NULL};
    const char *best = NULL;
    for (const char *const *s = seps; *s; s++) {
        const char *p = t, *q;
        while ((q = strstr(p, *s)) != NULL) {
            if (!best || q > best)
                best = q;
            p = q + 1;
        }
    }
    if (best && strlen(best) < 60 && (size_t)(best - t) > strlen(best))
        return cx_arena_strndup(a, t, (size_t)(best - t));
    return t;
}

static int set_date(cx_article *a, const char *s, cx_diag *diag, const cx_record *rec,
                    int report)
{
    if (!s || !*s)
        return 0;
    cx_date d;
    if (!cx_date_parse(s, strlen(s), &d)) {
        if (report)
            cx_report(diag, CHORUS_WARNING, CHORUS_ERR_FORMAT, rec->input, rec->line,
                      rec->line ? CX_NO_BYTE : (rec->multi ? rec->byte : CX_NO_BYTE),
                      "published date \"%.60s\" is not a date chorus reads; ignored", s);
        return 0;
    }
    a->published = d;
    cx_date_format(&d, a->published_iso);
    return 1;
}

static const char *first_of(const char *a, const char *b, const char *c, const char *d)
{
    return a ? a : b ? b : c ? c : d;
}

/* Same text, ignoring case and white space (for a title repeated as the first paragraph). */
static int same_text(const char *x, const char *y)
{
    if (!x || !y)
        return 0;
    while (*x || *y) {
        while (cx_is_space(*x))
            x++;
        while (cx_is_space(*y))
            y++;
        if (cx_lower(*x) != cx_lower(*y))
            return 0;
        if (*x)
            x++;
        if (*y)
            y++;
    }
    return 1;
}

/* The article's boilerplate from the records the models left (cx_paras_drop),
 * without the headline (a page prints it above the article: it is the title,
 * not removed text) and with a last record saying how much was not kept. */
static int keep_removed(cx_article *a, cx_paras *p)
{
    cx_buf out;
    cx_buf_init(&out, CX_REMOVED_MAX + 64);
    const char *r = p->removed.data, *end = r + p->removed.len;
    int ok = 1;
    while (ok && r < end) {
        const char *nl = memchr(r, '\n', (size_t)(end - r));
        if (!nl)
            break;
        const char *tab = memchr(r, '\t', (size_t)(nl - r));
        int title = 0;
        if (tab && a->title && (size_t)(nl - tab - 1) == strlen(a->title)) {
            char *t = cx_strndup(tab + 1, (size_t)(nl - tab - 1));
            ok = t != NULL;
            title = ok && same_text(t, a->title);
            cx_free(t);
        }
        if (ok && !title)
            ok = cx_buf_append(&out, r, (size_t)(nl - r) + 1) == CX_BUF_OK;
        r = nl + 1;
    }
    if (ok && p->removed_lost) {
        char line[96];
        int n = snprintf(line, sizeof line, "truncated\t%zu more blocks not kept (over %d KB)\n",
                         p->removed_lost, CX_REMOVED_MAX / 1024);
        ok = cx_buf_append(&out, line, (size_t)n) == CX_BUF_OK;
    }
    if (ok && out.len) {
        a->boilerplate = cx_arena_strndup(&a->arena, out.data, out.len);
        a->boilerplate_len = out.len;
        ok = a->boilerplate != NULL;
    }
    cx_buf_free(&out);
    return ok;
}

chorus_status cx_extract(const cx_record *rec, const cx_extract_opts *o, cx_article *a,
                         cx_diag *diag, char *msg, size_t msglen)
{
    cx_arena *ar = &a->arena;
    int is_html = rec->kind == CX_PAYLOAD_HTML || o->mode == CX_MODE_HTML;
    cx_buf dec;
    /* windows-1252 grows by at most 3x in UTF-8. */
    cx_buf_init(&dec, o->max_article_bytes * 3 + 64);
    uint32_t repairs = 0;
    uint64_t first_bad = 0;
    const char *used = NULL;
    chorus_status st = cx_decode(rec->data, rec->len, is_html, rec->meta.charset, &dec, &repairs,
                                 &first_bad, &used);
    if (st != CHORUS_OK) {
        if (st == CHORUS_ERR_ENCODING)
            snprintf(msg, msglen, "binary data, not %s; skipped", is_html ? "HTML" : "text");
        else
            snprintf(msg, msglen, "%s while decoding the text", chorus_strerror(st));
        cx_buf_free(&dec);
        return st;
    }
    a->repairs = repairs;
    if (repairs) {
        if (rec->multi)
            cx_report(diag, CHORUS_WARNING, CHORUS_ERR_ENCODING, rec->input, rec->line,
                      rec->line ? CX_NO_BYTE : rec->byte,
                      "%u invalid %s sequence%s replaced with U+FFFD (first at byte %llu of the "
                      "article)", repairs, used, repairs == 1 ? "" : "s",
                      (unsigned long long)first_bad);
        else
            cx_report(diag, CHORUS_WARNING, CHORUS_ERR_ENCODING, rec->input, 0, first_bad,
                      "%u invalid %s sequence%s replaced with U+FFFD (the first here)", repairs,
                      used, repairs == 1 ? "" : "s");
    }

    const char *text = dec.data ? dec.data : "";
    cx_page_meta pm;
    memset(&pm, 0, sizeof pm);
    /* The body can outgrow its source: lines one newline apart become
     * paragraphs two apart. Twice the source bounds it. */
    cx_paras paras;
    cx_paras_init(&paras, 2 * dec.len + 16);
    const char *title_line = NULL;
    size_t title_len = 0;
    cx_text_meta tm;
    memset(&tm, 0, sizeof tm);
    paras.keep_removed = o->keep_removed;
    cx_paras flat; /* text mode on a page: its visible text */
    cx_paras_init(&flat, 2 * dec.len + 16);
    int ok = 1;
    if (is_html && o->mode != CX_MODE_TEXT) {
        ok = cx_html_extract(ar, text, dec.len, &pm, &paras, 0);
    } else if (!is_html && o->no_extract) {
        size_t n = dec.len;
        cx_trim(text, &n);
        if (n == 0) {
            snprintf(msg, msglen, "no article text");
            cx_paras_free(&paras);
            cx_paras_free(&flat);
            cx_buf_free(&dec);
            return CHORUS_ERR_EMPTY;
        }
        /* Taken as is: offsets must point into the text the caller gave. */
        a->body = cx_arena_strndup(ar, text, dec.len);
        a->body_len = dec.len;
        ok = a->body != NULL;
        if (ok && !rec->meta.title) {
            size_t i = 0, e;
            while (i < dec.len && cx_is_space(text[i]))
                i++;
            e = i;
            while (e < dec.len && text[e] != '\n')
                e++;
            if (e - i <= 300)
                title_line = text + i, title_len = e - i;
        }
    } else {
        const char *src = text;
        size_t srclen = dec.len;
        if (is_html) { /* --mode text on a page: the text model reads what a browser shows */
            ok = cx_html_extract(ar, text, dec.len, &pm, &flat, 1);
            src = flat.body.data ? flat.body.data : "";
            srclen = flat.body.len;
        }
        const char *given = rec->meta.title ? rec->meta.title : pm.title_og ? pm.title_og : NULL;
        int r = ok ? cx_text_model(ar, src, srclen, given, &paras, &tm) : -1;
        ok = r >= 0;
        if (tm.title) {
            title_line = tm.title;
            title_len = tm.title_len;
        }
    }
    if (!ok) {
        snprintf(msg, msglen, is_html ? "the HTML could not be parsed" : "out of memory");
        cx_paras_free(&paras);
        cx_paras_free(&flat);
        cx_buf_free(&dec);
        return is_html ? CHORUS_ERR_FORMAT : CHORUS_ERR_NOMEM;
    }

    /* Metadata: container, then page, then URL. */
    const cx_meta *cm = &rec->meta;
    ok = cx_article_set(a, &a->id, cm->id, cm->id ? strlen(cm->id) : 0);
    const char *url = first_of(cm->url, cx_url_is_http(pm.canonical) ? pm.canonical : NULL,
                               cx_url_is_http(pm.og_url) ? pm.og_url : NULL,
                               cx_url_is_http(pm.ld_url) ? pm.ld_url : NULL);
    ok = ok && cx_article_set(a, &a->url, url, url ? strlen(url) : 0);
    const char *outlet = first_of(cm->outlet, pm.site_name, pm.publisher, pm.app_name);
    ok = ok && cx_article_set(a, &a->outlet, outlet, outlet ? strlen(outlet) : 0);
    if (ok && !a->outlet && tm.outlet)
        ok = cx_article_set(a, &a->outlet, tm.outlet, tm.outlet_len);
    if (ok && !a->outlet && a->url)
        a->outlet = cx_url_host(ar, a->url);
    const char *title = first_of(cm->title, pm.title_ld, pm.title_og, pm.title_h1);
    if (!title)
        title = strip_site_suffix(ar, pm.title_tag);
    if (title)
        ok = ok && cx_article_set(a, &a->title, title, strlen(title));
    else if (title_line)
        ok = ok && cx_article_set(a, &a->title, title_line, title_len);
    const char *byline = first_of(cm->byline, pm.byline_ld, pm.byline_meta, NULL);
    if (byline)
        ok = ok && cx_article_set(a, &a->byline, byline, strlen(byline));
    else if (tm.byline && tm.byline_len)
        ok = ok && cx_article_set(a, &a->byline, tm.byline, tm.byline_len);
    for (int i = 0; ok && i < tm.n_credits && i < 4; i++) {
        ok = cx_article_set(a, &a->credits[i], tm.credits[i], tm.credit_lens[i]);
        a->n_credits = i + 1;
    }
    a->language = language_code(ar, first_of(cm->language, pm.lang_html, pm.lang_ld,
                                             first_of(pm.lang_og, pm.lang_meta, NULL, NULL)));
    if (!set_date(a, cm->published, diag, rec, 1) && !set_date(a, pm.published_meta, diag, rec, 0) &&
        !set_date(a, pm.published_ld, diag, rec, 0) && !set_date(a, pm.published_item, diag, rec, 0) &&
        !set_date(a, pm.published_time, diag, rec, 0)) {
        if (tm.published) { /* a "Published ..." line of the text */
            a->published = tm.date;
            cx_date_format(&tm.date, a->published_iso);
        } else {
            set_date(a, cm->fetched, diag, rec, 0);
        }
    }

    /* Body from paragraphs, without a first paragraph that only repeats the title. */
    if (ok && !a->body) {
        const char *b = paras.body.data ? paras.body.data : "";
        size_t bl = paras.body.len;
        /* ...but only when more follows: a text that is all headline keeps it. */
        if (paras.count > 1 && same_text(paras.first, a->title)) {
            size_t fl = strlen(paras.first);
            b += fl;
            bl -= fl;
            while (bl && (*b == '\n')) {
                b++;
                bl--;
            }
        }
        a->body = cx_arena_strndup(ar, b, bl);
        a->body_len = bl;
        ok = a->body != NULL;
    }
    if (ok && paras.removed.len)
        ok = keep_removed(a, &paras);
    cx_paras_free(&paras);
    cx_paras_free(&flat);
    cx_buf_free(&dec);
    if (ok && !a->language && o->langid && a->body_len) {
        char code[8];
        if (cx_langid_detect(o->langid, a->body, a->body_len, code, sizeof code))
            ok = (a->language = cx_arena_strdup(ar, code)) != NULL;
    }
    if (!ok) {
        snprintf(msg, msglen, "out of memory");
        return CHORUS_ERR_NOMEM;
    }
    if (a->body_len == 0) {
        snprintf(msg, msglen, "no article text found%s", is_html ? " in the page" : "");
        return CHORUS_ERR_EMPTY;
    }
    return CHORUS_OK;
}
