/*
 * pipeline_stream.c: the article stream of the whole-pipeline benchmark
 * (bench/pipeline.sh runs it). Writes JSON Lines that `chorus analyze` reads:
 * N articles replayed from the real texts of ../shared, in publication order
 * over a plausible period, with fresh ids, URLs, outlets and bylines, light
 * edits, and a fifth of them as HTML pages.
 *
 *   pipeline_stream [-n N] [-s SEED] [-o FILE] [--days D] [--kind all|text|html]
 *                   [--html-every K] SHARED
 *
 * SHARED is the ../shared folder. --kind text / html writes only the text or
 * only the HTML records of the same sequence (the figures of each part).
 * The same N, seed and inputs give the same bytes.
 *
 * How the stream is built, and why:
 *  - The bases: every text of clustering/gva and clustering/ecbplus (grouped
 *    by their event cluster), quotes/polnear train and dev, quotes/scu, the
 *    TimeBank and AQUAINT documents of time/TBAQ-cleaned (tags stripped), and
 *    the 181 pages of extraction/zyte/html. About 6,800 texts: a million
 *    articles replay each about 150 times.
 *  - Passes: the stream walks the bases pass after pass, each pass in a new
 *    shuffled order of the event clusters, the members of a cluster next to
 *    each other, so the articles of one event arrive within minutes of each
 *    other and stories can form. Published times grow evenly over --days per
 *    million articles (default 2: about 6 articles a second, a busy service's
 *    day of news twice over), so the stream is in publication order.
 *  - Entities move with the passes: every capitalised word (a name, mostly)
 *    is mapped to another capitalised word of the corpus, the mapping renewed
 *    every 1, 2, 4 or 8 passes depending on the word. A pass therefore tells
 *    new stories (not the same ones again: a story would otherwise grow
 *    through the whole stream), and consecutive passes share part of their
 *    names, so storylines can link stories across passes.
 *  - A replay also has 15% of its other words replaced by words drawn from
 *    the corpus (two replays of one base keep a word both 72% of the time, a
 *    run of five a fifth of the time: related reports that share phrases,
 *    not copies of each other; a sentence's first word is not mapped), one
 *    sentence in three dropped, and one headline in four changed.
 *  - One article in seven is instead a light edit (2% of words, a sentence
 *    dropped, a new headline) of one of the last 256 articles, under another
 *    outlet: the syndicated copies and rewrites the copies stage finds.
 *  - One record in --html-every (default 5) is an HTML page: nine in ten are
 *    the article's text in a page template of one of four outlet styles
 *    (head with style and script, navigation, share bar, related-links
 *    teaser list, footer), one in ten a Zyte page as crawled.
 */
#include "rng.h"
#include <jansson.h>
#include <zlib.h>

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- small helpers (a bench program: plain malloc, exit on failure) ---- */

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "pipeline_stream: out of memory\n");
        exit(2);
    }
    return q;
}

static char *xstrndup(const char *s, size_t n)
{
    char *c = xrealloc(NULL, n + 1);
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

typedef struct { char *d; size_t len, cap; } sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->d = xrealloc(b->d, b->cap);
    }
    memcpy(b->d + b->len, s, n);
    b->len += n;
    b->d[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        sb_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* HTML text: & < > escaped. */
static void sb_html(sbuf *b, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *r = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" : NULL;
        if (r) {
            sb_put(b, s + from, i - from);
            sb_puts(b, r);
            from = i + 1;
        }
    }
    sb_put(b, s + from, n - from);
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void) { return xorshift64(&rng); }

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ull;
    return x ^ (x >> 33);
}

static uint64_t hash_word(const char *s, size_t n)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001B3ull;
    return h;
}

/* ---- the bases ---- */

typedef struct {
    char *title, *text; /* text: paragraphs separated by "\n\n" or "\n" */
    char *html;         /* a Zyte page: the page itself, no text */
    size_t cluster;     /* members of one event share it */
} base;

static base *bases;
static size_t n_bases, cap_bases, n_clusters;

static void add_base(char *title, char *text, char *html, size_t cluster)
{
    if (n_bases == cap_bases) {
        cap_bases = cap_bases ? cap_bases * 2 : 1024;
        bases = xrealloc(bases, cap_bases * sizeof *bases);
    }
    bases[n_bases++] = (base){title, text, html, cluster};
}

/* Cluster labels to numbers (a linear table: a few thousand labels once). */
typedef struct { char **v; size_t n, cap; } strvec;
static size_t cluster_of(strvec *labels, const char *label)
{
    if (label)
        for (size_t i = 0; i < labels->n; i++)
            if (!strcmp(labels->v[i], label))
                return i;
    if (labels->n == labels->cap) {
        labels->cap = labels->cap ? labels->cap * 2 : 256;
        labels->v = xrealloc(labels->v, labels->cap * sizeof *labels->v);
    }
    labels->v[labels->n] = xstrndup(label ? label : "", label ? strlen(label) : 0);
    return labels->n++;
}

/* A JSON Lines file of texts: "text" (or "body"), "title" (else the first
 * line when it is short), the cluster from "cluster" (else its own). */
static size_t load_jsonl(const char *path, int scu)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    strvec labels = {0};
    char *line = NULL;
    size_t cap = 0, got = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        json_t *o = json_loadb(line, (size_t)n, 0, NULL);
        const char *t = json_string_value(json_object_get(o, "text"));
        if (!t)
            t = json_string_value(json_object_get(o, "body"));
        const char *title = json_string_value(json_object_get(o, "title"));
        const char *cl = json_string_value(json_object_get(o, "cluster"));
        if (t && !strncmp(t, "\xEF\xBB\xBF", 3))
            t += 3;
        if (t && scu && !strncmp(t, "Headline: ", 10)) {
            /* SCU: "Headline: ...\nSubtitle: ...\nDate: ...\nPublisher: ...\n\n" */
            const char *e = strchr(t, '\n');
            char *h = e ? xstrndup(t + 10, (size_t)(e - t - 10)) : NULL;
            const char *body = strstr(t, "\n\n");
            if (h && body && strlen(body + 2) > 200) {
                add_base(h, xstrndup(body + 2, strlen(body + 2)), NULL, n_clusters + cluster_of(&labels, NULL));
                got++;
            } else
                free(h);
        } else if (t && strlen(t) > 200) {
            char *ti;
            const char *body = t;
            if (title && *title)
                ti = xstrndup(title, strlen(title));
            else {
                const char *e = strchr(t, '\n');
                size_t l = e ? (size_t)(e - t) : 0;
                if (l > 10 && l < 160) {
                    ti = xstrndup(t, l);
                    body = e + 1;
                    while (*body == '\n')
                        body++;
                } else
                    ti = xstrndup(t, 60);
            }
            add_base(ti, xstrndup(body, strlen(body)), NULL, n_clusters + cluster_of(&labels, cl));
            got++;
        }
        json_decref(o);
    }
    n_clusters += labels.n;
    for (size_t i = 0; i < labels.n; i++)
        free(labels.v[i]);
    free(labels.v);
    free(line);
    fclose(f);
    return got;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The sorted names in dir ending with suffix. */
static strvec list_dir(const char *dir, const char *suffix)
{
    strvec v = {0};
    DIR *d = opendir(dir);
    if (!d)
        return v;
    struct dirent *e;
    size_t sl = strlen(suffix);
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l <= sl || strcmp(e->d_name + l - sl, suffix))
            continue;
        if (v.n == v.cap) {
            v.cap = v.cap ? v.cap * 2 : 256;
            v.v = xrealloc(v.v, v.cap * sizeof *v.v);
        }
        v.v[v.n++] = xstrndup(e->d_name, l);
    }
    closedir(d);
    qsort(v.v, v.n, sizeof *v.v, cmp_str);
    return v;
}

static char *read_file(const char *path, size_t *len)
{
    gzFile g = gzopen(path, "rb"); /* reads plain files as they are */
    if (!g)
        return NULL;
    sbuf b = {0};
    char tmp[65536];
    int n;
    while ((n = gzread(g, tmp, sizeof tmp)) > 0)
        sb_put(&b, tmp, (size_t)n);
    gzclose(g);
    *len = b.len;
    return b.d;
}

/* Calls take(s, len) with each file of dir whose name ends in ext, read
 * whole (gunzipped); take owns s and returns 1 when it used the file. */
static size_t each_file(const char *dir, const char *ext, int (*take)(char *s, size_t len))
{
    strvec v = list_dir(dir, ext);
    size_t got = 0;
    for (size_t i = 0; i < v.n; i++) {
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", dir, v.v[i]) < (int)sizeof path) {
            size_t len = 0;
            char *s = read_file(path, &len);
            got += (size_t)take(s, len);
        }
        free(v.v[i]);
    }
    free(v.v);
    return got;
}

/* TimeML: the TITLE and the TEXT element with tags removed, entities decoded. */
static int take_tml(char *s, size_t len)
{
    (void)len;
    int used = 0;
    char *tb = s ? strstr(s, "<TEXT>") : NULL, *te = tb ? strstr(tb, "</TEXT>") : NULL;
    if (tb && te) {
        sbuf out = {0};
        int in_tag = 0;
        for (char *p = tb + 6; p < te; p++) {
            if (*p == '<')
                in_tag = 1;
            else if (*p == '>')
                in_tag = 0;
            else if (!in_tag) {
                static const char *const ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                                                     {"&quot;", "\""}, {"&apos;", "'"}};
                size_t k;
                for (k = 0; k < 5; k++)
                    if (!strncmp(p, ent[k][0], strlen(ent[k][0])))
                        break;
                if (k < 5) {
                    sb_puts(&out, ent[k][1]);
                    p += strlen(ent[k][0]) - 1;
                } else
                    sb_put(&out, p, 1);
            }
        }
        char *tt = strstr(s, "<TITLE>"), *tte = tt ? strstr(tt, "</TITLE>") : NULL;
        char *title = tt && tte ? xstrndup(tt + 7, (size_t)(tte - tt - 7)) : xstrndup("News", 4);
        /* trim the leading blank lines */
        size_t off = 0;
        while (out.d && (out.d[off] == '\n' || out.d[off] == ' '))
            off++;
        if (out.len - off > 200) {
            add_base(title, xstrndup(out.d + off, out.len - off), NULL, n_clusters++);
            used = 1;
        } else
            free(title);
        free(out.d);
    }
    free(s);
    return used;
}

static size_t load_tml(const char *dir) { return each_file(dir, ".tml", take_tml); }

static int take_page(char *s, size_t len)
{
    if (s && len > 500) {
        add_base(NULL, NULL, s, n_clusters++);
        return 1;
    }
    free(s);
    return 0;
}

static size_t load_pages(const char *dir) { return each_file(dir, ".html.gz", take_page); }

/* ---- word pools (pointers into the bases) ---- */

typedef struct { const char **w; uint8_t *len; size_t n, cap; } pool;
static pool words, caps; /* lower-case words; capitalised words (names, mostly) */

static void pool_add(pool *p, const char *w, size_t n)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 4096;
        p->w = xrealloc(p->w, p->cap * sizeof *p->w);
        p->len = xrealloc(p->len, p->cap);
    }
    p->w[p->n] = w;
    p->len[p->n++] = (uint8_t)n;
}

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Capitalised words that are not names: left alone by the entity mapping. */
static int common_cap(const char *w, size_t n)
{
    static const char *const stop[] = {"The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We",
                                       "I", "But", "And", "Or", "If", "This", "That", "There", "These",
                                       "Those", "His", "Her", "Their", "Our", "Its", "As", "For", "To",
                                       "Of", "By", "With", "When", "While", "After", "Before", "Mr",
                                       "Mrs", "Ms", "Dr", "So", "Some", "What", "Who", "Why", "How",
                                       "You", "Your", "My", "Not", "No", "Yes", "From", "Then", "Now",
                                       "One", "Two", "All", "Many", "Most", "More", "Still", "Also",
                                       "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                       "Saturday", "Sunday", "January", "February", "March", "April",
                                       "May", "June", "July", "August", "September", "October",
                                       "November", "December", NULL};
    for (const char *const *s = stop; *s; s++)
        if (strlen(*s) == n && !memcmp(*s, w, n))
            return 1;
    return 0;
}

static void build_pools(void)
{
    size_t seen = 0;
    for (size_t i = 0; i < n_bases; i++) {
        const char *p = bases[i].text;
        if (!p)
            continue;
        while (*p) {
            if (!is_alpha(*p)) {
                p++;
                continue;
            }
            const char *w = p;
            while (is_alpha(*p))
                p++;
            size_t n = (size_t)(p - w);
            if (n < 2 || n > 20 || seen++ % 3)
                continue;
            if (*w >= 'A' && *w <= 'Z') {
                if (n >= 3 && !common_cap(w, n))
                    pool_add(&caps, w, n);
            } else
                pool_add(&words, w, n);
        }
    }
}

/* ---- edits ---- */

/* The entity mapping of a capitalised word at a pass: renewed every 1, 2, 4
 * or 8 passes (by the word), from a per-word offset. */
static void map_cap(const char *w, size_t n, uint64_t pass, const char **ow, size_t *on)
{
    uint64_t h = hash_word(w, n);
    uint64_t period = 1u << (h & 3), epoch = (pass + ((h >> 2) & 7)) / period;
    size_t j = (size_t)(mix(h ^ (epoch * 0x9E3779B97F4A7C15ull)) % caps.n);
    *ow = caps.w[j];
    *on = caps.len[j];
}

/* The sentences of s: [begin, end) offsets, a sentence ending after . ? ! and
 * a space, or at a newline. */
static size_t split_sentences(const char *s, size_t (*b)[2], size_t max)
{
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len && n < max) {
        size_t st = i;
        while (i < len && s[i] != '\n' && !((s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' '))
            i++;
        if (i < len && s[i] != '\n')
            i++; /* the full stop */
        while (i < len && (s[i] == ' '))
            i++;
        while (i < len && s[i] == '\n')
            i++;
        b[n][0] = st;
        b[n][1] = i;
        n++;
    }
    return n;
}

#define MAX_SENTS 4096

/* src rewritten into out: capitalised words mapped for the pass (when
 * pass != UINT64_MAX), other words replaced with probability rate/1000, and
 * the sentence drop (an index, or SIZE_MAX) left out. */
static void rewrite(const char *src, uint64_t pass, unsigned rate, size_t drop, sbuf *out)
{
    static size_t sent[MAX_SENTS][2];
    size_t ns = split_sentences(src, sent, MAX_SENTS);
    out->len = 0;
    for (size_t k = 0; k < ns; k++) {
        if (k == drop) {
            /* keep its paragraph break */
            const char *e = src + sent[k][1];
            if (sent[k][1] > sent[k][0] && e[-1] == '\n' && out->len && out->d[out->len - 1] != '\n')
                sb_puts(out, "\n\n");
            continue;
        }
        const char *p = src + sent[k][0], *end = src + sent[k][1];
        int first = 1; /* a sentence's first word is capitalised as any word: not mapped */
        while (p < end) {
            if (!is_alpha(*p)) {
                const char *q = p;
                while (q < end && !is_alpha(*q))
                    q++;
                sb_put(out, p, (size_t)(q - p));
                p = q;
                continue;
            }
            const char *w = p;
            while (p < end && is_alpha(*p))
                p++;
            size_t n = (size_t)(p - w);
            if (*w >= 'A' && *w <= 'Z') {
                if (pass != UINT64_MAX && n >= 3 && !first && !common_cap(w, n))
                    map_cap(w, n, pass, &w, &n);
            } else if (rnd() % 1000 < rate) {
                size_t j = (size_t)(rnd() % words.n);
                w = words.w[j];
                n = words.len[j];
            }
            sb_put(out, w, n);
            first = 0;
        }
    }
    if (!out->d)
        sb_put(out, "", 0);
}

static const char *const prefixes[] = {"UPDATE: ", "LIVE: ", "Breaking: ", "Analysis: ", "WATCH: ",
                                       "Exclusive: "};

/* A headline change: a word replaced, or a prefix. */
static void new_headline(const char *t, sbuf *out)
{
    out->len = 0;
    if (rnd() % 2) {
        sb_puts(out, prefixes[rnd() % 6]);
        sb_puts(out, t);
        return;
    }
    size_t len = strlen(t), nw = 0;
    for (size_t i = 0; i < len; i++)
        nw += t[i] == ' ';
    size_t target = nw ? (size_t)(rnd() % (nw + 1)) : 0, k = 0, i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && t[e] != ' ')
            e++;
        if (k++ == target) {
            size_t j = (size_t)(rnd() % words.n);
            sb_put(out, words.w[j], words.len[j]);
        } else
            sb_put(out, t + i, e - i);
        if (e < len)
            sb_put(out, " ", 1);
        i = e + 1;
    }
    if (!out->d)
        sb_put(out, "", 0);
}

/* ---- outlets, bylines, pages ---- */

#define N_OUTLETS 240
static char outlet_name[N_OUTLETS][64], outlet_host[N_OUTLETS][64];

static void make_outlets(void)
{
    static const char *const place[] = {"Springfield", "Riverton", "Lakeside", "Northport", "Eastbrook",
                                        "Westfield", "Harbor City", "Millbrook", "Fairview", "Oakridge",
                                        "Cedar Falls", "Brighton", "Kingston", "Ashford", "Clearwater",
                                        "Granite Bay", "Maple Grove", "Silverton", "Redwood", "Bayview"};
    static const char *const kind[] = {"Herald", "Tribune", "Gazette", "Post", "Chronicle", "Times",
                                       "Observer", "Courier", "Daily News", "Ledger", "Dispatch",
                                       "Independent"};
    for (size_t i = 0; i < N_OUTLETS; i++) {
        const char *p = place[i % 20], *k = kind[(i / 20) % 12];
        snprintf(outlet_name[i], sizeof outlet_name[i], "The %s %s", p, k);
        size_t h = 0;
        outlet_host[i][h++] = 'w', outlet_host[i][h++] = 'w', outlet_host[i][h++] = 'w',
        outlet_host[i][h++] = '.';
        for (const char *s = p; *s && h < 40; s++)
            if (is_alpha(*s))
                outlet_host[i][h++] = (char)(*s | 0x20);
        for (const char *s = k; *s && h < 56; s++)
            if (is_alpha(*s))
                outlet_host[i][h++] = (char)(*s | 0x20);
        snprintf(outlet_host[i] + h, sizeof outlet_host[i] - h, ".com");
    }
}

static const char *const first_names[] = {"Anna", "James", "Maria", "David", "Sarah", "Michael", "Laura",
                                           "Daniel", "Emma", "Robert", "Olivia", "Thomas", "Sophie",
                                           "Kevin", "Grace", "Peter", "Hannah", "Mark", "Julia", "Paul"};
static const char *const last_names[] = {"Smith", "Okafor", "Garcia", "Nguyen", "Miller", "Kowalski",
                                         "Haddad", "Jensen", "Rossi", "Tanaka", "Brown", "Silva",
                                         "Murphy", "Novak", "Schmidt", "Patel", "Dubois", "Larsen",
                                         "Moreno", "Walsh"};
static const char *const sections[] = {"news", "world", "politics", "business", "local", "us", "nation",
                                       "crime", "health", "science"};

/* The text (paragraphs at newlines) in one of four outlet templates. */
static void page(sbuf *b, size_t outlet, const char *title, const char *byline, const char *iso,
                 const char *url, const char *text, const char *const *teasers, size_t n_teasers)
{
    static const char *const cls[4][4] = {{"story-body", "site-nav", "share-tools", "related"},
                                          {"article__content", "nav-main", "social-share", "more-stories"},
                                          {"entry-content", "menu", "sharebar", "recirc"},
                                          {"c-article", "global-nav", "share", "teasers"}};
    const char *const *c = cls[outlet % 4];
    const char *name = outlet_name[outlet];
    b->len = 0;
    sb_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    sb_html(b, title, strlen(title));
    sb_printf(b, " | %s</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", name);
    sb_puts(b, "<meta property=\"og:title\" content=\"");
    sb_html(b, title, strlen(title));
    sb_printf(b, "\"><meta property=\"og:site_name\" content=\"%s\"><meta name=\"author\" content=\"%s\">"
                 "<meta property=\"article:published_time\" content=\"%s\"><link rel=\"canonical\" href=\"%s\">\n",
              name, byline, iso, url);
    /* the weight real pages carry in their head: styles and scripts */
    sb_puts(b, "<style>body{margin:0;font-family:Georgia,serif}.wrap{max-width:1140px;margin:0 auto}");
    for (int k = 0; k < 40; k++)
        sb_printf(b, ".%s-%d{padding:%dpx;margin:%dpx 0;color:#%06x}", c[k % 4], k, k % 9, k % 5,
                  (unsigned)(k * 0x1F3D5B) & 0xFFFFFF);
    sb_puts(b, "</style>\n<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
               "gtag('js',new Date());gtag('config','UA-000000-1');");
    for (int k = 0; k < 12; k++)
        sb_printf(b, "var slot%d=googletag.defineSlot('/1234/%s/%d',[[300,250],[728,90]],'ad-%d');", k,
                  sections[k % 10], k, k);
    sb_puts(b, "</script></head>\n<body><div class=\"wrap\">\n");
    sb_printf(b, "<header><a class=\"logo\" href=\"/\">%s</a><nav class=\"%s\"><ul>", name, c[1]);
    for (int k = 0; k < 10; k++)
        sb_printf(b, "<li><a href=\"/%s/\">%c%s</a></li>", sections[k], sections[k][0] - 32, sections[k] + 1);
    sb_puts(b, "<li><a href=\"/subscribe\">Subscribe</a></li><li><a href=\"/login\">Sign in</a></li></ul></nav></header>\n");
    sb_puts(b, "<div class=\"ad\" id=\"ad-0\">Advertisement</div>\n<main><article>\n<h1>");
    sb_html(b, title, strlen(title));
    sb_printf(b, "</h1>\n<div class=\"byline\">By <a href=\"/authors/\">%s</a></div><time datetime=\"%s\">%.10s</time>\n",
              byline, iso, iso);
    sb_printf(b, "<div class=\"%s\"><a href=\"https://facebook.com/sharer?u=%s\">Share on Facebook</a> "
                 "<a href=\"https://twitter.com/intent/tweet?url=%s\">Share on X</a> <a href=\"mailto:?subject=x\">Email</a> "
                 "<a href=\"#comments\">Comments</a></div>\n<div class=\"%s\">\n",
              c[2], url, url, c[0]);
    const char *p = text;
    size_t para = 0;
    while (*p) {
        while (*p == '\n')
            p++;
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n) {
            sb_puts(b, "<p>");
            sb_html(b, p, n);
            sb_puts(b, "</p>\n");
            if (++para == 4 && n_teasers) /* an inline "read more" box, as many outlets have */
                sb_printf(b, "<aside class=\"inline-%s\"><strong>Read more:</strong> <a href=\"/news/%zu\">%s</a></aside>\n",
                          c[3], para, teasers[0]);
        }
        p += n;
    }
    sb_printf(b, "</div>\n<div class=\"%s\">Share this article: Facebook Twitter LinkedIn Email Print</div>\n", c[2]);
    sb_puts(b, "<div class=\"tags\">Topics: <a href=\"/tag/news\">News</a> <a href=\"/tag/world\">World</a></div>\n");
    sb_puts(b, "</article>\n");
    sb_printf(b, "<section class=\"%s\"><h2>More from %s</h2><ul>\n", c[3], name);
    for (size_t k = 0; k < n_teasers; k++)
        sb_printf(b, "<li><a href=\"/%s/%zu\"><img src=\"/img/%zu.jpg\" alt=\"\">%s</a><span>2 hours ago</span></li>\n",
                  sections[k % 10], k, k, teasers[k]);
    sb_puts(b, "</ul></section>\n<section class=\"newsletter\"><h3>Get the morning briefing</h3><form><input type=\"email\" "
               "placeholder=\"Your email\"><button>Sign up</button></form><p>By signing up you agree to our Terms of "
               "Use and Privacy Policy.</p></section>\n</main>\n");
    sb_printf(b, "<footer><ul><li><a href=\"/about\">About us</a></li><li><a href=\"/contact\">Contact</a></li><li>"
                 "<a href=\"/privacy\">Privacy policy</a></li><li><a href=\"/terms\">Terms of use</a></li><li>"
                 "<a href=\"/advertise\">Advertise</a></li><li><a href=\"/careers\">Careers</a></li></ul><p>&copy; 2026 %s. "
                 "All rights reserved. This material may not be published, broadcast, rewritten or redistributed.</p>"
                 "</footer>\n</div><script src=\"/static/app.js\" async></script></body></html>\n",
              name);
}

/* ---- the stream ---- */

typedef struct { char *title, *text; } recent;
#define N_RECENT 256

static void usage(void)
{
    fprintf(stderr, "usage: pipeline_stream [-n N] [-s SEED] [-o FILE] [--days D] [--kind all|text|html]\n"
                    "                       [--html-every K] SHARED\n");
    exit(2);
}

int main(int argc, char **argv)
{
    size_t total = 1000000, html_every = 5;
    uint64_t seed = 1;
    double days = -1;
    const char *out_path = NULL, *shared = NULL, *kind = "all";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(a, "-n") && more)
            total = (size_t)strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "-s") && more)
            seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "-o") && more)
            out_path = argv[++i];
        else if (!strcmp(a, "--days") && more)
            days = strtod(argv[++i], NULL);
        else if (!strcmp(a, "--kind") && more)
            kind = argv[++i];
        else if (!strcmp(a, "--html-every") && more)
            html_every = (size_t)strtoull(argv[++i], NULL, 10);
        else if (a[0] != '-' && !shared)
            shared = a;
        else
            usage();
    }
    if (!shared || (strcmp(kind, "all") && strcmp(kind, "text") && strcmp(kind, "html")))
        usage();
    int want_text = strcmp(kind, "html") != 0, want_html = strcmp(kind, "text") != 0;
    if (days < 0)
        days = 2.0 * (double)total / 1e6; /* two days of news a million */
    rng = mix(seed + 0x1234567) | 1;

    char path[4096];
    static const char *const jsonl[] = {"clustering/gva/articles.jsonl", "clustering/ecbplus/articles.jsonl",
                                        "quotes/polnear/train.jsonl", "quotes/polnear/dev.jsonl"};
    size_t got[8] = {0};
    for (size_t k = 0; k < 4; k++) {
        snprintf(path, sizeof path, "%s/data/%s", shared, jsonl[k]);
        got[k] = load_jsonl(path, 0);
    }
    snprintf(path, sizeof path, "%s/data/quotes/scu/scu_dev.jsonl", shared);
    got[4] = load_jsonl(path, 1);
    snprintf(path, sizeof path, "%s/data/time/TBAQ-cleaned/TimeBank", shared);
    got[5] = load_tml(path);
    snprintf(path, sizeof path, "%s/data/time/TBAQ-cleaned/AQUAINT", shared);
    got[5] += load_tml(path);
    size_t n_texts = n_bases;
    snprintf(path, sizeof path, "%s/data/extraction/zyte/html", shared);
    got[6] = load_pages(path);
    fprintf(stderr, "pipeline_stream: bases: gva %zu, ecbplus %zu, polnear %zu, scu %zu, tbaq %zu texts; "
                    "zyte %zu pages; %zu event clusters\n",
            got[0], got[1], got[2] + got[3], got[4], got[5], got[6], n_clusters);
    if (!n_texts) {
        fprintf(stderr, "pipeline_stream: no texts under %s/data\n", shared);
        return 2;
    }
    build_pools();
    make_outlets();

    /* The text bases in cluster order: order[] holds them grouped by cluster,
     * cl_start[] where each cluster begins. */
    size_t *order = xrealloc(NULL, n_texts * sizeof *order), *cl_first = xrealloc(NULL, (n_clusters + 1) * sizeof *cl_first);
    size_t *cl_count = calloc(n_clusters + 1, sizeof *cl_count);
    for (size_t i = 0; i < n_texts; i++)
        cl_count[bases[i].cluster]++;
    size_t acc = 0;
    for (size_t c = 0; c < n_clusters; c++) {
        cl_first[c] = acc;
        acc += cl_count[c];
        cl_count[c] = 0;
    }
    for (size_t i = 0; i < n_texts; i++) {
        size_t c = bases[i].cluster;
        order[cl_first[c] + cl_count[c]++] = i;
    }
    size_t *cl_perm = xrealloc(NULL, n_clusters * sizeof *cl_perm), nz = 0;
    for (size_t c = 0; c < n_clusters; c++)
        if (cl_count[c])
            cl_perm[nz++] = c;

    FILE *out = stdout;
    if (out_path && !(out = fopen(out_path, "w"))) {
        fprintf(stderr, "pipeline_stream: cannot write %s: %s\n", out_path, strerror(errno));
        return 2;
    }
    static char iobuf[1 << 20];
    setvbuf(out, iobuf, _IOFBF, sizeof iobuf);

    time_t start = 1772323200; /* 2026-03-01T00:00:00Z */
    double span = days * 86400.0;
    recent rec[N_RECENT] = {{0}};
    sbuf text = {0}, title = {0}, html = {0};
    const char *teasers[8];
    size_t pass = 0, ci = 0, mi = 0, shuffled = SIZE_MAX; /* cursor: pass, cluster in pass, member */
    size_t bytes = 0, n_html = 0, n_copy = 0, n_zyte = 0;
    clock_t c0 = clock();
    for (size_t i = 0; i < total; i++) {
        /* the pass cursor: a new shuffled cluster order at each pass */
        if (shuffled != pass && (shuffled = pass) == pass)
            for (size_t k = nz; k > 1; k--) {
                size_t j = (size_t)(rnd() % k), t = cl_perm[k - 1];
                cl_perm[k - 1] = cl_perm[j];
                cl_perm[j] = t;
            }
        int copy = i >= N_RECENT && rnd() % 7 == 0;
        if (copy) {
            recent *r = &rec[rnd() % N_RECENT];
            size_t ns;
            static size_t sent[MAX_SENTS][2];
            ns = split_sentences(r->text, sent, MAX_SENTS);
            rewrite(r->text, UINT64_MAX, 20, ns > 3 && rnd() % 2 ? 1 + (size_t)(rnd() % (ns - 1)) : SIZE_MAX, &text);
            if (rnd() % 2)
                new_headline(r->title, &title);
            else {
                title.len = 0;
                sb_puts(&title, r->title);
            }
            n_copy++;
        } else {
            size_t c = cl_perm[ci];
            const base *bs = &bases[order[cl_first[c] + mi]];
            size_t ns;
            static size_t sent[MAX_SENTS][2];
            ns = split_sentences(bs->text, sent, MAX_SENTS);
            size_t drop = ns > 3 && rnd() % 3 == 0 ? 1 + (size_t)(rnd() % (ns - 1)) : SIZE_MAX;
            rewrite(bs->text, pass, 150, drop, &text);
            sbuf t0 = {0};
            rewrite(bs->title, pass, 0, SIZE_MAX, &t0);
            if (rnd() % 4 == 0)
                new_headline(t0.d, &title);
            else {
                title.len = 0;
                sb_puts(&title, t0.d);
            }
            free(t0.d);
            if (++mi == cl_count[c]) {
                mi = 0;
                if (++ci == nz) {
                    ci = 0;
                    pass++;
                }
            }
        }
        /* remember it for later copies */
        recent *slot = &rec[i % N_RECENT];
        free(slot->title);
        free(slot->text);
        slot->title = xstrndup(title.d, title.len);
        slot->text = xstrndup(text.d, text.len);

        size_t outlet = (size_t)(rnd() % N_OUTLETS);
        time_t when = start + (time_t)(span * (double)i / (double)(total ? total : 1));
        struct tm tm;
        gmtime_r(&when, &tm);
        char iso[32], id[48], url[256], byline[64];
        strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
        snprintf(id, sizeof id, "s%llu-%zu", (unsigned long long)seed, i);
        char slug[48];
        size_t sl = 0;
        for (const char *p = title.d; *p && sl < 40; p++)
            if (is_alpha(*p))
                slug[sl++] = (char)(*p | 0x20);
            else if (sl && slug[sl - 1] != '-')
                slug[sl++] = '-';
        slug[sl] = '\0';
        snprintf(url, sizeof url, "https://%s/%s/%04d/%02d/%02d/%s-%zu", outlet_host[outlet],
                 sections[rnd() % 10], tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, slug, i);
        snprintf(byline, sizeof byline, "%s %s", first_names[rnd() % 20], last_names[rnd() % 20]);

        int is_html = html_every && i % html_every == html_every - 1;
        int zyte = 0;
        size_t zi = 0;
        if (is_html && got[6] && rnd() % 10 == 0) {
            zyte = 1;
            zi = n_texts + (size_t)(rnd() % got[6]);
        }
        if (is_html && !zyte) {
            for (size_t k = 0; k < 8; k++)
                teasers[k] = rec[(i + N_RECENT - 1 - k * 7) % N_RECENT].title
                                 ? rec[(i + N_RECENT - 1 - k * 7) % N_RECENT].title : "Latest news";
            page(&html, outlet, title.d, byline, iso, url, text.d, teasers, 8);
        }
        if ((is_html && !want_html) || (!is_html && !want_text))
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(id));
        json_object_set_new(o, "url", json_string(url));
        json_object_set_new(o, "outlet", json_string(outlet_name[outlet]));
        json_object_set_new(o, "published", json_string(iso));
        json_object_set_new(o, "language", json_string("en"));
        if (is_html) {
            const char *h = zyte ? bases[zi].html : html.d;
            json_object_set_new(o, "html", json_stringn_nocheck(h, zyte ? strlen(h) : html.len));
            n_html++;
            n_zyte += (size_t)zyte;
        } else {
            json_object_set_new(o, "title", json_stringn_nocheck(title.d, title.len));
            json_object_set_new(o, "byline", json_string(byline));
            json_object_set_new(o, "text", json_stringn_nocheck(text.d, text.len));
        }
        char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(o);
        if (!line) {
            fprintf(stderr, "pipeline_stream: cannot encode article %zu\n", i);
            return 2;
        }
        size_t ll = strlen(line);
        line[ll] = '\n';
        if (fwrite(line, 1, ll + 1, out) != ll + 1) {
            fprintf(stderr, "pipeline_stream: write failed: %s\n", strerror(errno));
            return 2;
        }
        bytes += ll + 1;
        free(line);
    }
    if (fflush(out) || (out != stdout && fclose(out))) {
        fprintf(stderr, "pipeline_stream: write failed: %s\n", strerror(errno));
        return 2;
    }
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    fprintf(stderr, "pipeline_stream: %zu articles (%s), %zu HTML (%zu Zyte pages), %zu copies of recent "
                    "articles, %.1f MB, %zu passes over the bases, %.1f days from 2026-03-01; %.1f s CPU, %.0f "
                    "articles/s\n",
            total, kind, n_html, n_zyte, n_copy, (double)bytes / 1e6, pass + 1, days, secs,
            secs > 0 ? (double)total / secs : 0.0);
    for (size_t k = 0; k < N_RECENT; k++) {
        free(rec[k].title);
        free(rec[k].text);
    }
    for (size_t k = 0; k < n_bases; k++) {
        free(bases[k].title);
        free(bases[k].text);
        free(bases[k].html);
    }
    free(bases);
    free(words.w);
    free(words.len);
    free(caps.w);
    free(caps.len);
    free(order);
    free(cl_first);
    free(cl_count);
    free(cl_perm);
    free(text.d);
    free(title.d);
    free(html.d);
    return 0;
}
