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

#include <libxml/tree.h>
#include <string.h>
#ifdef CHORUS_DEBUG_BLOCKS
#include <stdio.h>
#endif

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
    TAG_TD = 256, TAG_STRUCT_NEG = 512 /* nav, footer, aside, menu, header, form, figcaption */
};

static int tag_flags(const char *t)
{
    static const struct {
        const char *name;
        int flags;
    } tags[] = {
        {"p", TAG_BLOCK}, {"div", TAG_BLOCK}, {"a", TAG_A}, {"span", 0}, {"li", TAG_BLOCK | TAG_LI},
        {"br", TAG_BLOCK}, {"h1", TAG_BLOCK | TAG_HEADING}, {"h2", TAG_BLOCK | TAG_HEADING},
        {"h3", TAG_BLOCK | TAG_HEADING}, {"h4", TAG_BLOCK | TAG_HEADING},
        {"h5", TAG_BLOCK | TAG_HEADING}, {"h6", TAG_BLOCK | TAG_HEADING}, {"ul", TAG_BLOCK},
        {"ol", TAG_BLOCK}, {"blockquote", TAG_BLOCK | TAG_QUOTE}, {"pre", TAG_BLOCK | TAG_PRE},
        {"section", TAG_BLOCK}, {"article", TAG_BLOCK}, {"main", TAG_BLOCK}, {"table", TAG_BLOCK},
        {"tr", TAG_BLOCK}, {"td", TAG_BLOCK | TAG_TD}, {"th", TAG_BLOCK | TAG_TD},
        {"dd", TAG_BLOCK | TAG_LI}, {"dt", TAG_BLOCK | TAG_LI}, {"dl", TAG_BLOCK},
        {"address", TAG_BLOCK}, {"hr", TAG_BLOCK}, {"figure", TAG_BLOCK},
        {"figcaption", TAG_BLOCK | TAG_CAPTION | TAG_STRUCT_NEG}, {"body", TAG_BLOCK},
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
        {"input", TAG_INVISIBLE}, {"textarea", TAG_INVISIBLE}, {"head", TAG_INVISIBLE},
        {"title", TAG_INVISIBLE}, {"video", TAG_INVISIBLE}, {"audio", TAG_INVISIBLE},
        {"canvas", TAG_INVISIBLE}, {"map", TAG_INVISIBLE}, {"dialog", TAG_INVISIBLE},
        {"option", TAG_INVISIBLE}, {"label", TAG_INVISIBLE},
    };
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (t[0] == tags[i].name[0] && !strcmp(t, tags[i].name))
            return tags[i].flags;
    return 0;
}

#ifdef CHORUS_DEBUG_BLOCKS
static const char *get_attr(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr p = n->properties; p; p = p->next)
        if (p->name && !strcmp((const char *)p->name, name) && p->children &&
            p->children->type == XML_TEXT_NODE && p->children->content)
            return (const char *)p->children->content;
    return NULL;
}
#endif

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
    unsigned seen = 0; /* letters present, to skip words that cannot match */
    for (size_t i = 0; i < n; i++) {
        low[i] = cx_lower(s[i]);
        if (low[i] >= 'a' && low[i] <= 'z')
            seen |= 1u << (low[i] - 'a');
    }
    low[n] = '\0';
    for (const char *const *w = words; *w; w++) {
        const char *word = *w;
        if (word[0] < 'a' || word[0] > 'z' || !(seen & (1u << (word[0] - 'a'))))
            continue;
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

static void read_attrs(xmlNodePtr n, hint_attrs *h)
{
    memset(h, 0, sizeof *h);
    for (xmlAttrPtr p = n->properties; p; p = p->next) {
        if (!p->name)
            continue;
        const char *name = (const char *)p->name;
        const char *v = p->children && p->children->type == XML_TEXT_NODE
                            ? (const char *)p->children->content : NULL;
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

static int element_hint(xmlNodePtr n, int tflags, int *is_hidden)
{
    const char *t = (const char *)n->name;
    *is_hidden = 0;
    if (tflags & TAG_STRUCT_NEG)
        return HINT_WEAK;
    if (!n->properties)
        return (!strcmp(t, "article") || !strcmp(t, "main")) ? HINT_POS : HINT_NONE;
    hint_attrs h;
    read_attrs(n, &h);
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
    name_hints(h.cls, &strong, &weak, &pos);
    name_hints(h.id, &strong, &weak, &pos);
    if (h.itemprop && (cx_memcasemem(h.itemprop, strlen(h.itemprop), "articleBody") ||
                       cx_memcasemem(h.itemprop, strlen(h.itemprop), "text")))
        return HINT_POS;
    if (!strcmp(t, "article") || !strcmp(t, "main"))
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
    xmlNodePtr node;
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
    double weight;
} block;

typedef struct model {
    elem *e;
    int ne, cap_e;
    block *b;
    int nb, cap_b;
    cx_buf text;
} model;

/* Tag and class attribute, hashed (FNV-1a). */
static uint32_t signature(xmlNodePtr n)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = n->name; *p; p++)
        h = (h ^ *p) * 16777619u;
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (a->name && !strcmp((const char *)a->name, "class") && a->children &&
            a->children->type == XML_TEXT_NODE && a->children->content)
            for (const unsigned char *p = a->children->content; *p; p++)
                h = (h ^ *p) * 16777619u;
    return h;
}

static int push_elem(model *m, xmlNodePtr n, int parent, int tflags)
{
    if (m->ne == m->cap_e) {
        int nc = m->cap_e ? m->cap_e * 2 : 1024;
        elem *ne = cx_realloc(m->e, (size_t)nc * sizeof *ne);
        if (!ne)
            return -1;
        m->e = ne;
        m->cap_e = nc;
    }
    elem *x = &m->e[m->ne];
    memset(x, 0, sizeof *x);
    x->node = n;
    x->parent = parent;
    x->tflags = tflags;
    x->hint = element_hint(n, tflags, &x->hidden);
    if (parent >= 0 && m->e[parent].hidden)
        x->hidden = 1;
    x->sig = signature(n);
    n->_private = (void *)(intptr_t)(m->ne + 1);
    return m->ne++;
}

static block *push_block(model *m)
{
    if (m->nb == m->cap_b) {
        int nc = m->cap_b ? m->cap_b * 2 : 256;
        block *nb = cx_realloc(m->b, (size_t)nc * sizeof *nb);
        if (!nb)
            return NULL;
        m->b = nb;
        m->cap_b = nc;
    }
    block *b = &m->b[m->nb++];
    memset(b, 0, sizeof *b);
    return b;
}

static int elem_of(xmlNodePtr n) { return n && n->_private ? (int)(intptr_t)n->_private - 1 : -1; }

/* Counts sentence punctuation in a block. */
static int punctuation(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '.' || s[i] == ',' || s[i] == '?' || s[i] == '!' || s[i] == ';' || s[i] == ':')
            k++;
    return k;
}

/* Short lines that are boilerplate wherever they stand (generic, not per site). */
static int boilerplate_line(const char *s, size_t n)
{
    static const char *const starts[] = {
        "advertisement", "advertising", "share this", "share on", "read more", "read next",
        "related:", "related articles", "related stories", "sign up", "subscribe", "follow us",
        "click here", "image:", "photo:", "photograph:", "picture:", "credit:", "copyright",
        "\xC2\xA9", "all rights reserved", "comments", "recommended", "most read", "most popular",
        "trending", "watch:", "watch |", "listen:", "skip to", "back to top", "loading",
        "this article was", "you may also like", "more from", "top stories", "sponsored",
        "getty images", "reuters/", "ap photo", "(ap photo", "file photo", "newsletter",
        "already a subscriber", "log in", "login", "cookie", "we use cookies", NULL};
    if (n > 120)
        return 0;
    while (n && cx_is_space(*s)) {
        s++;
        n--;
    }
    for (const char *const *p = starts; *p; p++) {
        size_t k = strlen(*p);
        if (n >= k && cx_ascii_ncaseeq(s, *p, k))
            return 1;
    }
    return 0;
}

/* A block that is only a web address (image and logo URLs printed as text). */
static int bare_url(const char *s, size_t n)
{
    size_t k = n;
    const char *t = cx_trim(s, &k);
    return k > 8 && (cx_ascii_ncaseeq(t, "http://", 7) || cx_ascii_ncaseeq(t, "https://", 8)) &&
           !memchr(t, ' ', k);
}

/* Builds elements and blocks in one pre-order walk. */
static int collect(model *m, xmlNodePtr root)
{
    int stack_block[512]; /* innermost block-level element, by depth (bounded) */
    int sp = 0;
    int in_link = 0, in_heading = 0, in_li = 0, in_quote = 0, in_pre = 0, in_caption = 0, in_td = 0;
    block *cur = NULL;
    xmlNodePtr n = root;
    int parent = -1;
    if (push_elem(m, n, -1, tag_flags((const char *)n->name)) < 0)
        return 0;
    stack_block[sp++] = 0;
    parent = 0;
    /* flags of the open inline context */
#define FLAGS() ((in_heading ? BF_HEADING : 0) | (in_li ? BF_LI : 0) | (in_quote ? BF_QUOTE : 0) | \
                 (in_pre ? BF_PRE : 0) | (in_caption ? BF_CAPTION : 0) | (in_td ? BF_TD : 0))
    xmlNodePtr nd = root->children;
    if (!nd)
        return 1;
    for (;;) {
        int descend = 0;
        if (nd->type == XML_ELEMENT_NODE && nd->name) {
            int tf = tag_flags((const char *)nd->name);
            if (!(tf & TAG_INVISIBLE)) {
                int idx = push_elem(m, nd, parent, tf);
                if (idx < 0)
                    return 0;
                parent = idx;
                descend = 1;
                if (tf & TAG_BLOCK) {
                    cur = NULL;
                    if (sp < 512)
                        stack_block[sp++] = idx;
                }
                in_link += !!(tf & TAG_A);
                in_heading += !!(tf & TAG_HEADING);
                in_li += !!(tf & TAG_LI);
                in_quote += !!(tf & TAG_QUOTE);
                in_pre += !!(tf & TAG_PRE);
                in_caption += !!(tf & TAG_CAPTION);
                in_td += !!(tf & TAG_TD);
            }
        } else if ((nd->type == XML_TEXT_NODE || nd->type == XML_CDATA_SECTION_NODE) && nd->content) {
            const char *s = (const char *)nd->content;
            size_t len = strlen(s), vis = 0;
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
            if (vis > 0 || cur) {
                if (!cur) {
                    if (!(cur = push_block(m)))
                        return 0;
                    cur->off = m->text.len;
                    cur->elem = stack_block[sp - 1];
                    cur->flags = FLAGS();
                }
                if (cx_buf_append(&m->text, s, len) != CX_BUF_OK)
                    return 0;
                cur->len += len;
                if (in_link && cur->link_len == cur->text_len)
                    cur->lead_link += vis;
                cur->text_len += vis;
                if (in_link)
                    cur->link_len += vis;
            }
        }
        if (descend && nd->children) {
            nd = nd->children;
            continue;
        }
        /* Leave nd (when it was an element we entered), then climb. */
        for (;;) {
            if (nd->type == XML_ELEMENT_NODE && nd->name && elem_of(nd) >= 0) {
                int idx = elem_of(nd), tf = m->e[idx].tflags;
                m->e[idx].end = m->ne;
                if (tf & TAG_BLOCK) {
                    cur = NULL;
                    if (sp > 1 && stack_block[sp - 1] == idx)
                        sp--;
                }
                in_link -= !!(tf & TAG_A);
                in_heading -= !!(tf & TAG_HEADING);
                in_li -= !!(tf & TAG_LI);
                in_quote -= !!(tf & TAG_QUOTE);
                in_pre -= !!(tf & TAG_PRE);
                in_caption -= !!(tf & TAG_CAPTION);
                in_td -= !!(tf & TAG_TD);
                parent = m->e[idx].parent;
            }
            if (nd->next) {
                nd = nd->next;
                break;
            }
            nd = nd->parent;
            if (!nd || nd == root) {
                m->e[0].end = m->ne;
                return 1;
            }
        }
    }
#undef FLAGS
}

static int find_cards(model *m);

static int blocks_extract(xmlNodePtr root, cx_paras *paras)
{
    model m;
    memset(&m, 0, sizeof m);
    cx_buf_init(&m.text, (size_t)1 << 31);
    int ok = collect(&m, root), found = 0;
    if (!ok)
        goto done;

    /* Prose blocks, and how much prose each element holds. */
    double total_prose = 0;
    for (int i = 0; i < m.nb; i++) {
        block *b = &m.b[i];
        const char *s = m.text.data + b->off;
        double ld = b->text_len ? (double)b->link_len / (double)b->text_len : 0;
        b->prose = b->text_len >= 60 && ld < 0.3 && punctuation(s, b->len) >= 1 &&
                   !(b->flags & BF_CAPTION) && !boilerplate_line(s, b->len);
        if (b->prose)
            total_prose += (double)b->text_len;
        for (int e = b->elem; e >= 0 && b->prose; e = m.e[e].parent)
            m.e[e].prose += (double)b->text_len;
    }
    if (total_prose < 150)
        goto done; /* too little prose to choose a root: the caller falls back */
    if (!find_cards(&m))
        goto done;

    /* An element is boilerplate when a strong hint says so, or a weak one (a
     * layout word, a structural tag) and it holds under 30% of the prose. */
    for (int i = 0; i < m.ne; i++) {
        elem *x = &m.e[i];
        if (x->parent >= 0 && m.e[x->parent].bad)
            x->bad = 1;
        else if (x->parent >= 0 && (x->hint == HINT_NEG ||
                                    (x->hint == HINT_NEG_POS && x->prose < 0.5 * total_prose) ||
                                    (x->hint == HINT_WEAK && x->prose < 0.3 * total_prose)))
            x->bad = 1;
    }

#ifdef CHORUS_DEBUG_BLOCKS
    for (int i = 0; i < m.ne; i++)
        if (m.e[i].bad && (m.e[i].parent < 0 || !m.e[m.e[i].parent].bad) && m.e[i].prose > 0.3 * total_prose)
            fprintf(stderr, "bad %s style=%s role=%s aria=%s class=%s id=%s prose=%.0f/%.0f\n", (const char *)m.e[i].node->name, get_attr(m.e[i].node, "style"), get_attr(m.e[i].node, "role"), get_attr(m.e[i].node, "aria-hidden"),
                    get_attr(m.e[i].node, "class"), get_attr(m.e[i].node, "id"), m.e[i].prose, total_prose);
#endif
    /* Block weights. */
    for (int i = 0; i < m.nb; i++) {
        block *b = &m.b[i];
        double len = (double)b->text_len;
        double ld = len > 0 ? (double)b->link_len / len : 0;
        if (m.e[b->elem].bad || m.e[b->elem].card)
            b->weight = -len;
        else if (b->prose)
            b->weight = len * (1.0 - ld);
        else if (ld > 0.5)
            b->weight = -len;
        else if (b->flags & BF_HEADING)
            b->weight = 0;
        else
            b->weight = -0.25 * len;
    }
    for (int i = 0; i < m.nb; i++)
        m.e[m.b[i].elem].weight += m.b[i].weight;
    /* Sums up the tree: children come after their parent in pre-order. */
    for (int i = m.ne - 1; i > 0; i--)
        m.e[m.e[i].parent].weight += m.e[i].weight;
    int best = 0;
    for (int i = 0; i < m.ne; i++) /* ">=": the deepest of equal subtrees */
        if (m.e[i].weight >= m.e[best].weight && !m.e[i].bad)
            best = i;
    /* Climb while the parent costs (almost) nothing and brings more prose: an
     * article cut by ad slots into sibling parts nets out to zero weight, yet its
     * parts are the article; the junk between them is filtered block by block below. */
    for (int k = 0; k < 6; k++) {
        int up = m.e[best].parent;
        if (up < 0 || m.e[up].bad)
            break;
        if (m.e[up].weight >= m.e[best].weight - 0.05 * total_prose &&
            m.e[up].prose >= m.e[best].prose + 100)
            best = up;
        else if (m.e[up].hint == HINT_POS && m.e[up].weight >= 0.9 * m.e[best].weight &&
                 m.e[up].prose <= 1.15 * m.e[best].prose)
            best = up; /* the article's own container (article, main, articleBody) */
        else
            break;
    }

#ifdef CHORUS_DEBUG_BLOCKS
    for (int i = 0; i < m.ne; i++)
        if (m.e[i].prose > 0.15 * total_prose && !m.e[i].bad)
            fprintf(stderr, "cand %d<%d %s class=%s weight=%.0f prose=%.0f\n", i, m.e[i].parent,
                    (const char *)m.e[i].node->name, get_attr(m.e[i].node, "class"), m.e[i].weight,
                    m.e[i].prose);
    fprintf(stderr, "best %s class=%s id=%s weight=%.0f prose=%.0f/%.0f\n", (const char *)m.e[best].node->name,
            get_attr(m.e[best].node, "class"), get_attr(m.e[best].node, "id"), m.e[best].weight,
            m.e[best].prose, total_prose);
#endif
    /* The blocks of the chosen subtree that are not boilerplate themselves. */
    int lo = best, hi = m.e[best].end;
    for (int i = 0; i < m.nb && ok; i++) {
        block *b = &m.b[i];
        if (b->elem < lo || b->elem >= hi || m.e[b->elem].bad || m.e[b->elem].card)
            continue;
        const char *s = m.text.data + b->off;
        double ld = b->text_len ? (double)b->link_len / (double)b->text_len : 0;
        if (b->flags & BF_CAPTION)
            continue;
        if (ld > (b->text_len < 100 ? 0.33 : 0.5))
            continue;
        if (!b->prose && (boilerplate_line(s, b->len) || m.e[b->elem].hidden || bare_url(s, b->len)))
            continue; /* hidden copies carry metadata spans: only their prose is text */
        ok = cx_paras_add(paras, s, b->len);
    }
    found = ok;
done:
    for (int i = 0; i < m.ne; i++)
        m.e[i].node->_private = NULL;
    cx_free(m.e);
    cx_free(m.b);
    cx_buf_free(&m.text);
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

int cx_blocks_extract_node(void *root, cx_paras *paras)
{
    return blocks_extract((xmlNodePtr)root, paras);
}
