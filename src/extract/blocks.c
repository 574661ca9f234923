/*
 * blocks.c: the HTML-mode content model.
 *
 * The page is cut into text blocks (the text between two block-level
 * boundaries), each with its length, the share of it inside links, and the
 * element that holds it. Each block gets a weight: positive for prose (long,
 * punctuated, few links), negative for boilerplate (link lists, text under
 * elements whose tag, class, id or role says navigation, footer, sidebar,
 * related, share, comments, newsletter, caption...). The article is the
 * subtree whose blocks have the largest sum of weights, a maximum-subtree-sum
 * choice made in one bottom-up pass: it grows while adding prose and stops
 * where sidebars and teaser lists would cost more than they bring. Inside it,
 * blocks that are boilerplate by themselves are dropped. docs/extraction.md
 * explains the features and weights.
 *
 * No site-specific rule: hints are generic words of class and id names.
 */
#include "extract/extract.h"
#include "util/alloc.h"
#include "util/str.h"
#include "util/vec.h"

#include <libxml/tree.h>
#include <pthread.h>
#include <string.h>
#include <xxhash.h>

/* ---- element hints ---- */

/* HINT_WEAK: a layout word or a structural tag (form, header, nav...): usually
 * boilerplate, sometimes the page's wrapper (ASP.NET puts everything in one <form>). */
/* HINT_NEG_POS: a strong word and an article word on one element ("article
 * comments-open"): boilerplate unless it holds half the prose. */
enum { HINT_NONE = 0, HINT_NEG = 1, HINT_POS = 2, HINT_WEAK = 3, HINT_NEG_POS = 4 };

/* What a tag is, decided once per element. */
enum {
    TAG_INVISIBLE = 1, /* content never visible text (script, style, form controls...) */
    TAG_BLOCK = 2,     /* breaks text into blocks */
    TAG_A = 4, TAG_HEADING = 8, TAG_LI = 16, TAG_QUOTE = 32, TAG_PRE = 64, TAG_CAPTION = 128,
    TAG_TD = 256, TAG_STRUCT_NEG = 512, /* nav, footer, aside, menu, header, form, figcaption */
    TAG_ARTICLE = 1024, TAG_MAIN = 2048, TAG_BODY = 4096
};

/* Tag names and what they are. */
static const struct {
    const char *name;
    int flags;
} tags[] = {
    {"p", TAG_BLOCK}, {"div", TAG_BLOCK}, {"a", TAG_A}, {"span", 0}, {"li", TAG_BLOCK | TAG_LI},
    {"br", TAG_BLOCK}, {"h1", TAG_BLOCK | TAG_HEADING}, {"h2", TAG_BLOCK | TAG_HEADING},
    {"h3", TAG_BLOCK | TAG_HEADING}, {"h4", TAG_BLOCK | TAG_HEADING},
    {"h5", TAG_BLOCK | TAG_HEADING}, {"h6", TAG_BLOCK | TAG_HEADING}, {"ul", TAG_BLOCK},
    {"ol", TAG_BLOCK}, {"blockquote", TAG_BLOCK | TAG_QUOTE}, {"pre", TAG_BLOCK | TAG_PRE},
    {"section", TAG_BLOCK}, {"article", TAG_BLOCK | TAG_ARTICLE}, {"main", TAG_BLOCK | TAG_MAIN},
    {"table", TAG_BLOCK},
    {"tr", TAG_BLOCK}, {"td", TAG_BLOCK | TAG_TD}, {"th", TAG_BLOCK | TAG_TD},
    {"dd", TAG_BLOCK | TAG_LI}, {"dt", TAG_BLOCK | TAG_LI}, {"dl", TAG_BLOCK},
    {"address", TAG_BLOCK}, {"hr", TAG_BLOCK}, {"figure", TAG_BLOCK},
    {"figcaption", TAG_BLOCK | TAG_CAPTION | TAG_STRUCT_NEG}, {"body", TAG_BLOCK | TAG_BODY},
    {"center", TAG_BLOCK}, {"details", TAG_BLOCK}, {"summary", TAG_BLOCK},
    {"caption", TAG_BLOCK | TAG_CAPTION}, {"tbody", TAG_BLOCK}, {"thead", TAG_BLOCK},
    {"tfoot", TAG_BLOCK}, {"fieldset", TAG_BLOCK}, {"legend", TAG_BLOCK}, {"hgroup", TAG_BLOCK},
    {"picture", TAG_BLOCK}, {"header", TAG_BLOCK | TAG_STRUCT_NEG},
    {"footer", TAG_BLOCK | TAG_STRUCT_NEG}, {"nav", TAG_BLOCK | TAG_STRUCT_NEG},
    {"aside", TAG_BLOCK | TAG_STRUCT_NEG}, {"form", TAG_BLOCK | TAG_STRUCT_NEG},
    {"menu", TAG_BLOCK | TAG_STRUCT_NEG}, {"script", TAG_INVISIBLE}, {"style", TAG_INVISIBLE},
    {"noscript", TAG_INVISIBLE}, {"template", TAG_INVISIBLE}, {"svg", TAG_INVISIBLE},
    {"math", TAG_INVISIBLE}, {"iframe", TAG_INVISIBLE}, {"object", TAG_INVISIBLE},
    {"embed", TAG_INVISIBLE}, {"select", TAG_INVISIBLE}, {"button", TAG_INVISIBLE},
    {"input", TAG_INVISIBLE}, {"textarea", TAG_INVISIBLE}, /* not "head": an unclosed one holds the body */
    {"title", TAG_INVISIBLE}, {"video", TAG_INVISIBLE}, {"audio", TAG_INVISIBLE},
    {"canvas", TAG_INVISIBLE}, {"map", TAG_INVISIBLE}, {"dialog", TAG_INVISIBLE},
    {"option", TAG_INVISIBLE}, {"label", TAG_INVISIBLE},
};

/* Entries of tags[] by first letter (1-based indices), built once. */
static unsigned char tags_by_letter[26][16];
static pthread_once_t tags_once = PTHREAD_ONCE_INIT;

static void index_tags(void)
{
    unsigned char count[26] = {0};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        int c = tags[i].name[0] - 'a';
        if (c >= 0 && c < 26 && count[c] < 15)
            tags_by_letter[c][count[c]++] = (unsigned char)(i + 1);
    }
}

static int tag_flags(const char *t)
{
    pthread_once(&tags_once, index_tags);
    int c = t[0] - 'a';
    if (c < 0 || c >= 26)
        return 0;
    for (int k = 0; k < 16 && tags_by_letter[c][k]; k++) {
        size_t i = tags_by_letter[c][k] - 1u;
        if (!strcmp(t, tags[i].name))
            return tags[i].flags;
    }
    return 0;
}


/* Words of class/id names that mark boilerplate, matched inside a name, in two
 * strengths. Strong: what is never the article, however much text it holds
 * (a long comment thread, a cookie dialog). Weak: layout words that also name
 * wrappers around the article ("content-with-sidebar", "grid--adrail"), trusted
 * only for elements holding under 30% of the page's prose. */
static const char *const neg_strong[] = {
    "comment", "cookie", "consent", "gdpr", "newsletter", "subscri", "signup", "sign-up",
    "outbrain", "taboola", "related", "recommend", "sharing", "social", "breadcrumb",
    "caption", "byline", "modal", "popup", "disclaimer", "mostread", "most-read", "more-from",
    "read-more", "readmore", "also-like", "trending", "popular", "promo", "sponsor", "newsfeed",
    "login", "sr-only", "screen-reader", "visually-hidden", "print-only", "skip-link",
    "tooltip", "dropdown", "donate", "rating", "teaser", "footer", "copyright", "privacy",
    "author-bio", "authorbio", "about-author", "share", NULL};
static const char *const neg_weak[] = {
    "sidebar", "advert", "widget", "masthead", "toolbar", "author", "credit", "banner",
    "pagination", "gallery", "slideshow", "carousel", "nav", "menu", "header", "tags",
    "topics", "rail", "aside", "follow", "timestamp", "dateline", "meta", "bio", NULL};
/* ...and those that mark the article. */
static const char *const pos_words[] = {"article", "content", "story", "entry", "post", "body",
                                        "text", "main", "prose", "blog", "news", NULL};
/* Weak hints only as a whole part of a name (split at '-' and '_'). */
static const char *const neg_tokens[] = {"ad", "ads", "adv", "tag", "hide", "hidden", NULL};

/* Words are lower case; s[0..n) is lowered into a bounded copy first, then each
 * position is tried against the words that start with its letter. */
static int has_word(const char *s, size_t n, const char *const *words)
{
    char low[128];
    if (n >= sizeof low)
        n = sizeof low - 1;
    /* Letter pairs present, to skip words that cannot match: a class name is
     * tested against a hundred words, and most share no pair with it. */
    uint64_t pairs[11] = {0};
    for (size_t i = 0; i < n; i++) {
        low[i] = cx_lower(s[i]);
        if (i && low[i] >= 'a' && low[i] <= 'z' && low[i - 1] >= 'a' && low[i - 1] <= 'z') {
            unsigned b = (unsigned)(low[i - 1] - 'a') * 26 + (unsigned)(low[i] - 'a');
            pairs[b >> 6] |= (uint64_t)1 << (b & 63);
        }
    }
    low[n] = '\0';
    for (const char *const *w = words; *w; w++) {
        const char *word = *w;
        if (word[0] >= 'a' && word[0] <= 'z' && word[1] >= 'a' && word[1] <= 'z') {
            unsigned b = (unsigned)(word[0] - 'a') * 26 + (unsigned)(word[1] - 'a');
            if (!(pairs[b >> 6] & ((uint64_t)1 << (b & 63))))
                continue;
        }
        for (const char *p = low; (p = strchr(p, word[0])) != NULL; p++) {
            size_t k = 1;
            while (word[k] && p[k] == word[k])
                k++;
            if (!word[k])
                return 1;
        }
    }
    return 0;
}

static int is_token(const char *s, size_t n, const char *const *tokens)
{
    for (const char *const *w = tokens; *w; w++)
        if (cx_span_caseeq(s, n, *w))
            return 1;
    return 0;
}

/* Names that describe a state or a taxonomy term rather than a role
 * ("has-comments", "modal-enabled", "js-share", "tag-politics",
 * "category-breadcrumbs"): they say nothing about what the element is. */
static int state_name(const char *s, size_t n)
{
    static const char *const prefixes[] = {"has-", "has_", "is-", "is_", "js-", "js_", "with-",
                                           "no-", "tag-", "tag_", "category-", "category_",
                                           "type-", "status-", "format-", "url-", NULL};
    static const char *const suffixes[] = {"-enabled", "-disabled", "-active", "-open", "-on",
                                           "-off", "-visible", "-loaded", NULL};
    for (const char *const *p = prefixes; *p; p++)
        if (n > strlen(*p) && cx_ascii_ncaseeq(s, *p, strlen(*p)))
            return 1;
    for (const char *const *p = suffixes; *p; p++)
        if (cx_span_endswith(s, n, *p))
            return 1;
    /* a taxonomy field: "fact_check_rating-unproven", "topic_category-x" */
    const char *dash = memchr(s, '-', n);
    return dash && memchr(s, '_', (size_t)(dash - s)) != NULL;
}

/* Hints of one class or id value, by its names (split at spaces) and their
 * parts (split at '-' and '_'). Each name alone decides: "article-footer" is a
 * footer, "article-body" the body. */
static void name_hints(const char *v, int *strong, int *weak, int *pos)
{
    if (!v)
        return;
    const char *p = v;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        const char *s = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        size_t n = (size_t)(p - s);
        if (!n || state_name(s, n))
            continue;
        if (has_word(s, n, neg_strong)) {
            *strong = 1;
            continue;
        }
        int w = has_word(s, n, neg_weak);
        const char *q = s;
        while (q < p && !w) {
            const char *t = q;
            while (q < p && *q != '-' && *q != '_')
                q++;
            if (is_token(t, (size_t)(q - t), neg_tokens))
                w = 1;
            if (q < p)
                q++;
        }
        if (w)
            *weak = 1;
        else if (has_word(s, n, pos_words))
            *pos = 1;
    }
}

/* The attributes a hint reads, found in one pass over the element's attributes. */
typedef struct hint_attrs {
    const char *cls, *id, *role, *aria_hidden, *style, *itemprop;
    int hidden;
} hint_attrs;

static void read_attrs(const char *const *attrs, hint_attrs *h)
{
    memset(h, 0, sizeof *h);
    for (; attrs && attrs[0]; attrs += 2) {
        const char *name = attrs[0], *v = attrs[1];
        switch (name[0]) {
        case 'c':
            if (!strcmp(name, "class"))
                h->cls = v;
            break;
        case 'i':
            if (!strcmp(name, "id"))
                h->id = v;
            else if (!strcmp(name, "itemprop"))
                h->itemprop = v;
            break;
        case 'r':
            if (!strcmp(name, "role"))
                h->role = v;
            break;
        case 'a':
            if (!strcmp(name, "aria-hidden"))
                h->aria_hidden = v;
            break;
        case 's':
            if (!strcmp(name, "style"))
                h->style = v;
            break;
        case 'h':
            if (!strcmp(name, "hidden"))
                h->hidden = 1;
            break;
        default:
            break;
        }
    }
}

/* Hints of class values already seen on this page: pages repeat the same
 * class strings hundreds of times. Direct-mapped; a miss just recomputes. */
#define HINT_CACHE 1024
typedef struct hint_cache {
    uint64_t key[HINT_CACHE]; /* hash of the value, 0 = empty */
    unsigned char bits[HINT_CACHE]; /* 1 strong, 2 weak, 4 positive */
} hint_cache;

static void cached_hints(hint_cache *c, const char *v, int *strong, int *weak, int *pos)
{
    if (!v)
        return;
    uint64_t k = XXH3_64bits(v, strlen(v)) | 1;
    size_t slot = (size_t)(k >> 40) & (HINT_CACHE - 1);
    if (c->key[slot] != k) {
        int st = 0, wk = 0, ps = 0;
        name_hints(v, &st, &wk, &ps);
        c->key[slot] = k;
        c->bits[slot] = (unsigned char)(st | wk << 1 | ps << 2);
    }
    *strong |= c->bits[slot] & 1;
    *weak |= (c->bits[slot] >> 1) & 1;
    *pos |= (c->bits[slot] >> 2) & 1;
}

static int element_hint(int tflags, const char *const *attrs, int *is_hidden, hint_cache *cache)
{
    *is_hidden = 0;
    if (tflags & TAG_STRUCT_NEG)
        return HINT_WEAK;
    int article = (tflags & (TAG_ARTICLE | TAG_MAIN)) != 0;
    if (!attrs || !attrs[0])
        return article ? HINT_POS : HINT_NONE;
    hint_attrs h;
    read_attrs(attrs, &h);
    const char *role = h.role;
    if (role && (!strcmp(role, "navigation") || !strcmp(role, "complementary") ||
                 !strcmp(role, "contentinfo") || !strcmp(role, "banner") ||
                 !strcmp(role, "menu") || !strcmp(role, "search") || !strcmp(role, "dialog")))
        return HINT_NEG;
    if (h.aria_hidden && !strcmp(h.aria_hidden, "true"))
        return HINT_NEG;
    /* Hidden by style or attribute: often the rest of an article that a script
     * reveals ("read more"), so only a weak hint. */
    int hidden = h.hidden;
    if (h.style) {
        const char *d = cx_memcasemem(h.style, strlen(h.style), "display");
        if (d) {
            d += 7;
            while (*d == ' ' || *d == ':')
                d++;
            if (cx_ascii_ncaseeq(d, "none", 4))
                hidden = 1;
        }
    }
    /* Class and id together. Weak words beside article words ("main-content
     * has-sidebar") say nothing: a page wrapper must not take the article down. */
    int strong = 0, weak = 0, pos = 0;
    cached_hints(cache, h.cls, &strong, &weak, &pos);
    name_hints(h.id, &strong, &weak, &pos); /* ids are unique: nothing to cache */
    if (h.itemprop && (cx_memcasemem(h.itemprop, strlen(h.itemprop), "articleBody") ||
                       cx_memcasemem(h.itemprop, strlen(h.itemprop), "text")))
        return HINT_POS;
    if (article)
        pos = 1;
    if (strong)
        return pos ? HINT_NEG_POS : HINT_NEG;
    *is_hidden = hidden;
    if ((weak && !pos) || hidden)
        return HINT_WEAK;
    return pos && !weak ? HINT_POS : HINT_NONE;
}

/* ---- the model ---- */

typedef struct elem {
    int parent;      /* index, -1 for the root */
    int end;         /* one past the last descendant (pre-order) */
    int hint;
    int tflags;      /* TAG_* */
    int bad;         /* inside an element judged boilerplate */
    double prose;    /* bytes of prose blocks below */
    double weight;   /* sum of block weights below */
    double text, links; /* bytes of all text, and of link text, below */
    int heads, excerpts; /* blocks below that are all link (a headline) / link-free text */
    uint32_t sig;    /* hash of tag and class: siblings alike are cards of one list */
    int card;        /* a teaser card: headline link and excerpt, among siblings alike */
    int hidden;      /* under an element hidden by style or attribute */
    int last_prose;  /* <article> only: its last prose block + 1, 0 for none */
    int declared;    /* under an element the page declares the article's body
                      * (itemprop="articleBody") */
} elem;

enum { BF_HEADING = 1, BF_LI = 2, BF_QUOTE = 4, BF_PRE = 8, BF_CAPTION = 16, BF_TD = 32 };

typedef struct block {
    size_t off, len;  /* raw text in the model's buffer */
    size_t text_len;  /* visible characters (bytes), white space runs counted once */
    size_t link_len;
    size_t lead_link; /* link text before any other text (a headline link) */
    int elem;         /* innermost block-level element */
    int flags;
    int prose;
    int copy;         /* hidden, and most of its text is visible elsewhere (a second copy) */
    int confirmed;    /* visible, and most of its text is in such a hidden copy */
    double weight;
} block;

struct cx_model {
    hint_cache *hints;
    elem *e;
    int ne;
    size_t cap_e;
    block *b;
    int nb;
    size_t cap_b;
    cx_buf text;
    /* while building: the open elements (index, or -1 for one whose content is
     * invisible or inside such), the innermost block elements, the inline context */
    int *open;            /* element index, or -1 */
    uint32_t *open_tag;   /* hash of the open element's name, to match end events */
    int n_open;
    size_t cap_open, cap_open_tag;
    int invisible;        /* depth inside invisible elements */
    int blocks[512];      /* innermost block-level elements (bounded depth) */
    int n_blocks;
    int cur;              /* block being filled, -1 when none */
    int in_link, in_heading, in_li, in_quote, in_pre, in_caption, in_td;
    int failed;
    /* dropping: the element a section head ("Related", "Comments") opened,
     * whose other dropped blocks take the head's kind */
    int section;
    const char *section_kind; /* NULL: none */
};
typedef struct cx_model model;

/* Tag and class attribute, hashed (FNV-1a). */
static uint32_t signature(const char *tag, const char *const *attrs)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)tag; *p; p++)
        h = (h ^ *p) * 16777619u;
    for (; attrs && attrs[0]; attrs += 2)
        if (!strcmp(attrs[0], "class") && attrs[1])
            for (const unsigned char *p = (const unsigned char *)attrs[1]; *p; p++)
                h = (h ^ *p) * 16777619u;
    return h;
}

static int push_elem(model *m, const char *tag, const char *const *attrs, int parent, int tflags)
{
    elem *grown = cx_grow(m->e, &m->cap_e, (size_t)m->ne + 1, sizeof *grown, 1024);
    if (!grown)
        return -1;
    m->e = grown;
    elem *x = &m->e[m->ne];
    memset(x, 0, sizeof *x);
    x->parent = parent;
    x->tflags = tflags;
    x->hint = element_hint(tflags, attrs, &x->hidden, m->hints);
    if (parent >= 0 && m->e[parent].hidden)
        x->hidden = 1;
    if (parent >= 0 && m->e[parent].declared)
        x->declared = 1;
    for (const char *const *a = attrs; a && a[0]; a += 2)
        if (!strcmp(a[0], "itemprop") && a[1] && cx_memcasemem(a[1], strlen(a[1]), "articleBody"))
            x->declared = 1;
    x->sig = signature(tag, attrs);
    x->end = -1;
    return m->ne++;
}

static block *push_block(model *m)
{
    block *grown = cx_grow(m->b, &m->cap_b, (size_t)m->nb + 1, sizeof *grown, 256);
    if (!grown)
        return NULL;
    m->b = grown;
    block *b = &m->b[m->nb++];
    memset(b, 0, sizeof *b);
    return b;
}

/* Counts sentence punctuation in a block. */
static int punctuation(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '.' || s[i] == ',' || s[i] == '?' || s[i] == '!' || s[i] == ';' || s[i] == ':')
            k++;
    return k;
}

/* A block that is only a web address (image and logo URLs printed as text). */
static int bare_url(const char *s, size_t n)
{
    size_t k = n;
    const char *t = cx_trim(s, &k);
    return k > 8 && (cx_ascii_ncaseeq(t, "http://", 7) || cx_ascii_ncaseeq(t, "https://", 8)) &&
           !memchr(t, ' ', k);
}

/* ---- building the model from parser events ---- */

cx_model *cx_model_new(void)
{
    model *m = cx_calloc(1, sizeof *m);
    if (!m)
        return NULL;
    if (!(m->hints = cx_calloc(1, sizeof *m->hints))) {
        cx_free(m);
        return NULL;
    }
    cx_buf_init(&m->text, (size_t)1 << 31);
    m->cur = -1;
    return m;
}

void cx_model_free(cx_model *m)
{
    if (!m)
        return;
    cx_free(m->e);
    cx_free(m->b);
    cx_free(m->open);
    cx_free(m->open_tag);
    cx_free(m->hints);
    cx_buf_free(&m->text);
    cx_free(m);
}

static uint32_t tag_hash(const char *t)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

static int push_open(model *m, int idx, const char *tag)
{
    int *no = cx_grow(m->open, &m->cap_open, (size_t)m->n_open + 1, sizeof *no, 256);
    if (no)
        m->open = no;
    uint32_t *nt = no ? cx_grow(m->open_tag, &m->cap_open_tag, (size_t)m->n_open + 1, sizeof *nt, 256) : NULL;
    if (!nt)
        return 0;
    m->open_tag = nt;
    m->open_tag[m->n_open] = tag_hash(tag);
    m->open[m->n_open++] = idx;
    return 1;
}

/* Elements that never have content or an end tag. */
static int void_tag(const char *t)
{
    static const char *const voids[] = {"area", "base", "br", "col", "embed", "hr", "img",
                                        "input", "link", "meta", "param", "source", "track",
                                        "wbr", "keygen", NULL};
    for (const char *const *p = voids; *p; p++)
        if (t[0] == (*p)[0] && !strcmp(t, *p))
            return 1;
    return 0;
}

void cx_model_start(cx_model *m, const char *tag, const char *const *attrs)
{
    if (m->failed)
        return;
    int tf = tag_flags(tag);
    if (void_tag(tag)) {
        /* no content, no end event to wait for; <br> and <hr> still break blocks */
        if (!m->invisible && (tf & TAG_BLOCK))
            m->cur = -1;
        return;
    }
    if (m->invisible || (tf & TAG_INVISIBLE)) {
        m->invisible++;
        if (!push_open(m, -1, tag))
            m->failed = 1;
        return;
    }
    int parent = -1;
    for (int k = m->n_open - 1; k >= 0 && parent < 0; k--)
        parent = m->open[k];
    if (parent < 0 && m->ne > 0)
        parent = 0; /* content after the root closed: one root for the whole page */
    int idx = push_elem(m, tag, attrs, parent, tf);
    if (idx < 0 || !push_open(m, idx, tag)) {
        m->failed = 1;
        return;
    }
    if (tf & TAG_BLOCK) {
        m->cur = -1;
        if (m->n_blocks < 512)
            m->blocks[m->n_blocks++] = idx;
    }
    m->in_link += !!(tf & TAG_A);
    m->in_heading += !!(tf & TAG_HEADING);
    m->in_li += !!(tf & TAG_LI);
    m->in_quote += !!(tf & TAG_QUOTE);
    m->in_pre += !!(tf & TAG_PRE);
    m->in_caption += !!(tf & TAG_CAPTION);
    m->in_td += !!(tf & TAG_TD);
}

/* Closes the open element at the top of the stack. */
static void close_top(model *m)
{
    int idx = m->open[--m->n_open];
    if (idx < 0) {
        m->invisible--;
        return;
    }
    int tf = m->e[idx].tflags;
    m->e[idx].end = m->ne;
    if (tf & TAG_BLOCK) {
        m->cur = -1;
        if (m->n_blocks > 0 && m->blocks[m->n_blocks - 1] == idx)
            m->n_blocks--;
    }
    m->in_link -= !!(tf & TAG_A);
    m->in_heading -= !!(tf & TAG_HEADING);
    m->in_li -= !!(tf & TAG_LI);
    m->in_quote -= !!(tf & TAG_QUOTE);
    m->in_pre -= !!(tf & TAG_PRE);
    m->in_caption -= !!(tf & TAG_CAPTION);
    m->in_td -= !!(tf & TAG_TD);
}

void cx_model_end(cx_model *m, const char *tag)
{
    if (m->failed || m->n_open == 0)
        return;
    /* The nearest open element of that name, and whatever is still open inside
     * it; an end tag matching nothing open is ignored. */
    uint32_t h = tag_hash(tag);
    int k = m->n_open - 1;
    while (k >= 0 && m->open_tag[k] != h)
        k--;
    if (k < 0)
        return;
    while (m->n_open > k)
        close_top(m);
}

void cx_model_text(cx_model *m, const char *s, size_t len)
{
    if (m->failed || m->invisible || m->ne == 0)
        return;
    size_t vis = 0;
    int sp_run = 1;
    for (size_t i = 0; i < len; i++) {
        if (cx_is_space(s[i])) {
            if (!sp_run)
                vis++;
            sp_run = 1;
        } else {
            vis++;
            sp_run = 0;
        }
    }
    if (vis == 0 && m->cur < 0)
        return;
    if (m->cur < 0) {
        block *b = push_block(m);
        if (!b) {
            m->failed = 1;
            return;
        }
        m->cur = m->nb - 1;
        b->off = m->text.len;
        b->elem = m->n_blocks ? m->blocks[m->n_blocks - 1] : 0;
        b->flags = (m->in_heading ? BF_HEADING : 0) | (m->in_li ? BF_LI : 0) |
                   (m->in_quote ? BF_QUOTE : 0) | (m->in_pre ? BF_PRE : 0) |
                   (m->in_caption ? BF_CAPTION : 0) | (m->in_td ? BF_TD : 0);
    }
    block *cur = &m->b[m->cur];
    if (cx_buf_append(&m->text, s, len) != CX_BUF_OK) {
        m->failed = 1;
        return;
    }
    cur->len += len;
    if (m->in_link && cur->link_len == cur->text_len)
        cur->lead_link += vis;
    cur->text_len += vis;
    if (m->in_link)
        cur->link_len += vis;
}

/* 1 when s[0..n) ends with a cut: "…", "...", "[…]", "[...]". */
static int ends_cut(const char *s, size_t n)
{
    while (n && cx_is_space(s[n - 1]))
        n--;
    if (n && s[n - 1] == ']') {
        n--;
        if (n >= 3 && !memcmp(s + n - 3, "\xE2\x80\xA6", 3) && n >= 4 && s[n - 4] == '[')
            return 1;
        return n >= 4 && !memcmp(s + n - 3, "...", 3) && s[n - 4] == '[';
    }
    return (n >= 3 && !memcmp(s + n - 3, "\xE2\x80\xA6", 3)) || (n >= 3 && !memcmp(s + n - 3, "...", 3));
}

/* A post list prints each post as an <article> holding an excerpt cut with an
 * ellipsis ("…", "[…]": the blog engines' excerpt ending). An <article> whose
 * last prose block is so cut, holding under half the page's prose and not the
 * page's largest <article>, is such an excerpt: a card of a list of other
 * posts. (An article may end a paragraph on an ellipsis; the largest one, the
 * article itself, is never judged so.) */
static void mark_excerpts(model *m, double total_prose)
{
    /* the last prose block of each <article>: blocks come in document order */
    for (int k = 0; k < m->nb; k++)
        if (m->b[k].prose)
            for (int e = m->b[k].elem; e >= 0; e = m->e[e].parent)
                if (m->e[e].tflags & TAG_ARTICLE)
                    m->e[e].last_prose = k + 1;
    int main_art = -1; /* the <article> with the most prose is never an excerpt */
    for (int i = 0; i < m->ne; i++)
        if (m->e[i].last_prose && (main_art < 0 || m->e[i].prose > m->e[main_art].prose))
            main_art = i;
    for (int i = 0; i < m->ne; i++) {
        elem *x = &m->e[i];
        if (!x->last_prose || i == main_art || x->prose >= 0.5 * total_prose || x->card)
            continue;
        const block *b = &m->b[x->last_prose - 1];
        if (ends_cut(m->text.data + b->off, b->len))
            x->card = 1;
    }
    for (int i = 1; i < m->ne; i++) /* parents come first in pre-order */
        if (m->e[m->e[i].parent].card)
            m->e[i].card = 1;
}

static int find_cards(model *m);

/* Records a block left out of the body (cx_paras_drop) under the most telling
 * of its reasons, for the report's folded "removed" list. */
static int drop_block(model *m, cx_paras *paras, const block *b)
{
    if (!paras->keep_removed)
        return 1;
    const elem *x = &m->e[b->elem];
    const char *s = m->text.data + b->off;
    double ld = b->text_len ? (double)b->link_len / (double)b->text_len : 0;
    int head = b->len <= 64 && ld < 0.5 ? cx_section_head(s, b->len) : 0; /* not a menu's link */
    if (head) {
        m->section = x->parent >= 0 ? x->parent : b->elem;
        m->section_kind = head == CX_HEAD_COMMENTS ? "comments" : "teaser";
    } else if (m->section_kind && (b->elem < m->section || b->elem >= m->e[m->section].end)) {
        m->section_kind = NULL;
    }
    const char *kind = b->copy || x->hidden ? "hidden"
                       : (b->flags & BF_CAPTION) || (x->tflags & TAG_CAPTION) ? "caption"
                       : x->card ? "teaser"
                       : m->section_kind ? m->section_kind
                       : b->len < 100 && cx_ascii_ncaseeq(s, "by ", 3) ? "metadata" /* a byline */
                       : ld > 0.5 ? "navigation"
                       : cx_interface_line(s, b->len) ? "interface"
                                                      : "outside";
    return cx_paras_drop(paras, kind, s, b->len);
}

/* Emits every block of elements [lo, hi) not under an element with any of the
 * tag flags in skip (the visible text, or the naive fallback). */
static int emit_all(model *m, cx_paras *paras, int lo, int hi, int skip)
{
    /* which elements sit under a skipped one: parents come first in pre-order */
    char *under = cx_calloc((size_t)m->ne + 1, 1);
    if (!under)
        return 0;
    for (int i = 0; i < m->ne; i++)
        under[i] = (char)((skip && ((m->e[i].tflags & skip) || m->e[i].hidden)) ||
                          (m->e[i].parent >= 0 && under[m->e[i].parent]));
    int ok = 1;
    for (int i = 0; i < m->nb && ok; i++)
        if (m->b[i].elem >= lo && m->b[i].elem < hi && !under[m->b[i].elem])
            ok = cx_paras_add(paras, m->text.data + m->b[i].off, m->b[i].len);
        else if (skip)
            ok = drop_block(m, paras, &m->b[i]);
    cx_free(under);
    return ok;
}

/* ---- copies of the article within the page ---- */

typedef struct shingle_set {
    uint64_t *v; /* 0 = empty */
    size_t cap, n;
} shingle_set;

static int set_add(shingle_set *t, uint64_t h) /* 1 when h was there; -1 out of memory */
{
    h |= 1;
    if ((t->n + 1) * 2 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        uint64_t *v = cx_calloc(cap, sizeof *v);
        if (!v)
            return -1;
        for (size_t i = 0; i < t->cap; i++)
            if (t->v[i])
                for (size_t k = (size_t)(t->v[i] >> 7) & (cap - 1);; k = (k + 1) & (cap - 1))
                    if (!v[k]) {
                        v[k] = t->v[i];
                        break;
                    }
        cx_free(t->v);
        t->v = v;
        t->cap = cap;
    }
    for (size_t k = (size_t)(h >> 7) & (t->cap - 1);; k = (k + 1) & (t->cap - 1)) {
        if (t->v[k] == h)
            return 1;
        if (!t->v[k]) {
            t->v[k] = h;
            t->n++;
            return 0;
        }
    }
}

#define SHINGLE_WORDS 6
#define COPY_MIN_SHINGLES 10 /* blocks of about fifteen words or more */

/* Word shingles of a text, one at a time: the hash of the next run of
 * SHINGLE_WORDS words into *h; 0 at the end. */
typedef struct shingler {
    const char *s;
    size_t n, i, words;
    uint64_t w[SHINGLE_WORDS];
} shingler;

static int next_shingle(shingler *g, uint64_t *h)
{
    for (;;) {
        while (g->i < g->n && cx_is_space(g->s[g->i]))
            g->i++;
        size_t b = g->i;
        while (g->i < g->n && !cx_is_space(g->s[g->i]))
            g->i++;
        if (g->i == b)
            return 0;
        g->w[g->words++ % SHINGLE_WORDS] = XXH3_64bits(g->s + b, g->i - b);
        if (g->words < SHINGLE_WORDS)
            continue;
        uint64_t x = 0;
        for (size_t k = g->words - SHINGLE_WORDS; k < g->words; k++)
            x = (x ^ g->w[k % SHINGLE_WORDS]) * 0x100000001B3ull;
        *h = x;
        return 1;
    }
}

static int set_has(const shingle_set *t, uint64_t h)
{
    h |= 1;
    for (size_t k = (size_t)(h >> 7) & (t->cap - 1);; k = (k + 1) & (t->cap - 1)) {
        if (t->v[k] == h)
            return 1;
        if (!t->v[k])
            return 0;
    }
}

/* Adds the word shingles of s[0..n) to t; the share that were there already. */
static double shingle_block(shingle_set *t, const char *s, size_t n, int *err)
{
    shingler g = {s, n, 0, 0, {0}};
    size_t seen = 0, total = 0;
    uint64_t h;
    while (next_shingle(&g, &h)) {
        int r = set_add(t, h);
        if (r < 0) {
            *err = 1;
            return 0;
        }
        seen += (size_t)r;
        total++;
    }
    return total >= COPY_MIN_SHINGLES ? (double)seen / (double)total : 0;
}

/* The share of the word shingles of s[0..n) that are in t (t unchanged); 0 for
 * a text too short to judge. */
static double shingle_share(const shingle_set *t, const char *s, size_t n)
{
    shingler g = {s, n, 0, 0, {0}};
    size_t seen = 0, total = 0;
    uint64_t h;
    while (t->cap && next_shingle(&g, &h)) {
        total++;
        seen += (size_t)set_has(t, h);
    }
    return total >= 6 ? (double)seen / (double)total : 0;
}

/* Pages that keep a hidden second copy of the article (a schema.org
 * articleBody in a display:none block, a print version) put the same sentences
 * in two places, often cut into paragraphs differently. A hidden block whose
 * word shingles are mostly in the visible text is such a copy: it counts
 * neither as prose nor as text. (Hidden text that copies nothing still counts:
 * it is often the rest of the article that a script reveals. Two visible
 * copies are left to the paragraph dedup at output: which of them is the
 * article, a summary above it or the body, the weights decide.) */
static int mark_copies(model *m)
{
    shingle_set t = {NULL, 0, 0}, hid = {NULL, 0, 0};
    int err = 0, copies = 0;
    for (int pass = 0; pass < 2 && !err; pass++)
        for (int i = 0; i < m->nb && !err; i++) {
            block *b = &m->b[i];
            if (b->text_len < 80 || m->e[b->elem].hidden != pass)
                continue;
            double share = shingle_block(&t, m->text.data + b->off, b->len, &err);
            if (pass == 1 && share >= 0.6) {
                b->copy = 1;
                copies++;
                shingle_block(&hid, m->text.data + b->off, b->len, &err);
            }
        }
    /* The copy says which visible text is the article (it is the page's own
     * articleBody): visible blocks it holds are article whatever their links
     * (a roundup whose items open with a linked headline looks like teaser cards). */
    for (int i = 0; copies && i < m->nb && !err; i++) {
        block *b = &m->b[i];
        if (b->text_len < 60 || m->e[b->elem].hidden)
            continue;
        b->confirmed = shingle_share(&hid, m->text.data + b->off, b->len) >= 0.6;
    }
    cx_free(t.v);
    cx_free(hid.v);
    return !err;
}

int cx_model_extract(cx_model *m, cx_paras *paras, int visible_only)
{
    if (m->failed)
        return -1;
    for (int i = 0; i < m->ne; i++)
        if (m->e[i].end < 0)
            m->e[i].end = m->ne; /* left open at the end of the page */
    if (m->ne > 0)
        m->e[0].end = m->ne; /* the root spans everything, strays after it included */
    int ok = 1, found = 0;
    if (m->ne == 0)
        return 0;
    if (visible_only)
        return emit_all(m, paras, 0, m->ne, 0) ? 1 : -1;

    if (!mark_copies(m))
        return -1;
    /* Prose blocks, and how much prose each element holds. */
    double total_prose = 0;
    for (int i = 0; i < m->nb; i++) {
        block *b = &m->b[i];
        const char *s = m->text.data + b->off;
        double ld = b->text_len ? (double)b->link_len / (double)b->text_len : 0;
        b->prose = b->confirmed ||
                   (b->text_len >= 60 && ld < 0.3 && !b->copy && punctuation(s, b->len) >= 1 &&
                    !(b->flags & BF_CAPTION) && !cx_interface_line(s, b->len));
        if (b->prose)
            total_prose += (double)b->text_len;
        for (int e = b->elem; e >= 0 && b->prose; e = m->e[e].parent)
            m->e[e].prose += (double)b->text_len;
    }
    if (total_prose < 150)
        goto fallback; /* too little prose to choose a root */
    if (!find_cards(m)) {
        ok = 0;
        goto done;
    }
    mark_excerpts(m, total_prose);

    /* An element is boilerplate when a strong hint says so, or a weak one (a
     * layout word, a structural tag) and it holds under 30% of the prose. */
    for (int i = 0; i < m->ne; i++) {
        elem *x = &m->e[i];
        if (x->parent >= 0 && m->e[x->parent].bad)
            x->bad = 1;
        else if (x->parent >= 0 && !(x->tflags & TAG_BODY) && (x->hint == HINT_NEG ||
                                    (x->hint == HINT_NEG_POS && x->prose < 0.5 * total_prose) ||
                                    (x->hint == HINT_WEAK && x->prose < 0.3 * total_prose)))
            x->bad = 1;
    }

    /* Block weights. */
    for (int i = 0; i < m->nb; i++) {
        block *b = &m->b[i];
        double len = (double)b->text_len;
        double ld = len > 0 ? (double)b->link_len / len : 0;
        if (b->confirmed && !m->e[b->elem].bad)
            b->weight = len;
        else if (m->e[b->elem].bad || m->e[b->elem].card || b->copy)
            b->weight = -len;
        else if (b->prose)
            b->weight = len * (1.0 - ld);
        else if (m->e[b->elem].declared && !m->e[b->elem].hidden && ld < 0.3 && len >= 10 &&
                 !(b->flags & (BF_CAPTION | BF_HEADING)) &&
                 !cx_interface_line(m->text.data + b->off, b->len))
            b->weight = 0.5 * len; /* a list or a table the page calls its article body:
                                    * half the credit of prose, which has more evidence */
        else if (ld > 0.5)
            b->weight = -len;
        else if (b->flags & BF_HEADING)
            b->weight = 0;
        else
            b->weight = -0.25 * len;
    }
    for (int i = 0; i < m->nb; i++)
        m->e[m->b[i].elem].weight += m->b[i].weight;
    /* Sums up the tree: children come after their parent in pre-order. */
    for (int i = m->ne - 1; i > 0; i--)
        m->e[m->e[i].parent].weight += m->e[i].weight;
    int best = 0;
    for (int i = 0; i < m->ne; i++) /* ">=": the deepest of equal subtrees */
        if (m->e[i].weight >= m->e[best].weight && !m->e[i].bad)
            best = i;
    /* Climb while the parent costs (almost) nothing and brings more prose: an
     * article cut by ad slots into sibling parts nets out to zero weight, yet its
     * parts are the article; the junk between them is filtered block by block below. */
    for (int k = 0; k < 6; k++) {
        int up = m->e[best].parent;
        if (up < 0 || m->e[up].bad)
            break;
        if (m->e[up].weight >= m->e[best].weight - 0.05 * total_prose &&
            m->e[up].prose >= m->e[best].prose + 100)
            best = up;
        else if (m->e[up].hint == HINT_POS && m->e[up].weight >= 0.9 * m->e[best].weight &&
                 m->e[up].prose <= 1.15 * m->e[best].prose)
            best = up; /* the article's own container (article, main, articleBody) */
        else
            break;
    }

    /* The blocks of the chosen subtree that are not boilerplate themselves. */
    int lo = best, hi = m->e[best].end;
    for (int i = 0; i < m->nb && ok; i++) {
        block *b = &m->b[i];
        if (b->elem < lo || b->elem >= hi || m->e[b->elem].bad || b->copy ||
            (m->e[b->elem].card && !b->confirmed)) {
            ok = drop_block(m, paras, b);
            continue;
        }
        const char *s = m->text.data + b->off;
        if (b->confirmed) {
            ok = cx_paras_add(paras, s, b->len);
            continue;
        }
        double ld = b->text_len ? (double)b->link_len / (double)b->text_len : 0;
        if ((b->flags & BF_CAPTION) || ld > (b->text_len < 100 ? 0.33 : 0.5) ||
            (!b->prose && (cx_interface_line(s, b->len) || m->e[b->elem].hidden || bare_url(s, b->len)))) {
            /* hidden copies carry metadata spans: only their prose is text */
            ok = drop_block(m, paras, b);
            continue;
        }
        ok = cx_paras_add(paras, s, b->len);
    }
    found = ok;
    goto done;
fallback:
    /* Too little prose to choose: the visible block text of the largest
     * <article> (300 bytes or more), else <main>, else <body>, without the
     * structural boilerplate (nav, header, footer, aside, form, captions). */
    {
        int root = 0, art = -1, main_el = -1, body = -1;
        double art_text = 0;
        for (int i = 0; i < m->nb; i++)
            for (int e = m->b[i].elem; e >= 0; e = m->e[e].parent)
                if (m->e[e].tflags & TAG_ARTICLE)
                    m->e[e].text += (double)m->b[i].text_len;
        for (int i = 0; i < m->ne; i++) {
            if ((m->e[i].tflags & TAG_ARTICLE) && m->e[i].text > art_text) {
                art = i;
                art_text = m->e[i].text;
            }
            if ((m->e[i].tflags & TAG_MAIN) && main_el < 0)
                main_el = i;
            if ((m->e[i].tflags & TAG_BODY) && body < 0)
                body = i;
        }
        root = art >= 0 && art_text >= 300 ? art : main_el >= 0 ? main_el : body >= 0 ? body : 0;
        ok = emit_all(m, paras, root, m->e[root].end, TAG_STRUCT_NEG | TAG_CAPTION);
        found = ok && paras->count > 0;
    }
done:
    return ok ? found : -1;
}

/* Teaser cards: an element holding a headline-length link and an excerpt of its
 * own, with at least two siblings of the same tag and class shaped alike (a list
 * of other stories), or a list item so shaped with one such sibling. */
static int card_shaped(const elem *x)
{
    return x->heads >= 1 && x->excerpts >= 1 && x->heads + x->excerpts <= 6 && x->text < 1500;
}

static int find_cards(model *m)
{
    for (int i = 0; i < m->nb; i++) {
        const block *b = &m->b[i];
        elem *x = &m->e[b->elem];
        x->text += (double)b->text_len;
        x->links += (double)b->link_len;
        if (b->text_len >= 20 && b->link_len * 10 >= b->text_len * 8) {
            x->heads++;
        } else if (b->lead_link >= 25 && b->text_len - b->link_len >= 40) {
            x->heads++; /* "Headline link DATELINE: excerpt" in one block */
            x->excerpts++;
        } else if (b->text_len >= 40 && b->link_len * 10 < b->text_len * 3) {
            x->excerpts++;
        }
    }
    for (int i = m->ne - 1; i > 0; i--) {
        elem *x = &m->e[i], *p = &m->e[x->parent];
        p->text += x->text;
        p->links += x->links;
        p->heads += x->heads;
        p->excerpts += x->excerpts;
    }
    /* Count card-shaped children per (parent, signature) in an open-addressing table. */
    size_t cap = 64;
    while (cap < (size_t)m->ne * 2)
        cap *= 2;
    uint64_t *key = cx_calloc(cap, sizeof *key);
    int *cnt = cx_calloc(cap, sizeof *cnt);
    if (!key || !cnt) {
        cx_free(key);
        cx_free(cnt);
        return 0;
    }
    for (int pass = 0; pass < 2; pass++)
        for (int i = 1; i < m->ne; i++) {
            elem *x = &m->e[i];
            if (!card_shaped(x))
                continue;
            uint64_t k = ((uint64_t)(uint32_t)x->parent << 32 | x->sig) + 1;
            size_t h = (size_t)((k * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1);
            while (key[h] && key[h] != k)
                h = (h + 1) & (cap - 1);
            if (pass == 0) {
                key[h] = k;
                cnt[h]++;
            } else {
                x->card = cnt[h] >= 3 || ((x->tflags & TAG_LI) && cnt[h] >= 2);
            }
        }
    cx_free(key);
    cx_free(cnt);
    /* A card's descendants are card text too. */
    for (int i = 1; i < m->ne; i++)
        if (m->e[m->e[i].parent].card)
            m->e[i].card = 1;
    return 1;
}

