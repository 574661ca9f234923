/*
 * html.c: an HTML page to metadata and paragraphs, with libxml2's HTML parser.
 *
 * libxml2 is the parser lxml gives trafilatura and readability-lxml: it
 * recovers from broken markup and decodes entities. XML_PARSE_HUGE lifts its
 * 10 MB cap on one text node (the article limit bounds the page instead).
 * The tree is walked without recursion, so no page can exhaust the stack.
 */
#include "extract/extract.h"
#include "util/str.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

static int tag_is(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, name);
}

static const char *attr(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr p = n->properties; p; p = p->next)
        if (p->name && !strcmp((const char *)p->name, name) && p->children &&
            (p->children->type == XML_TEXT_NODE) && p->children->content)
            return (const char *)p->children->content;
    return NULL;
}

static int attr_is(xmlNodePtr n, const char *name, const char *value)
{
    const char *v = attr(n, name);
    return v && cx_span_caseeq(v, strlen(v), value);
}

/* Subtrees that are never article text. */
static int skipped_tag(const char *t)
{
    static const char *const tags[] = {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
        "select", "button", "input", "textarea", "nav", "footer", "aside", "form", "figcaption",
        "head", "title", "video", "audio", "canvas", "map", "dialog", "header", "menu", NULL};
    for (const char *const *p = tags; *p; p++)
        if (!strcmp(t, *p))
            return 1;
    return 0;
}

static int hidden(xmlNodePtr n)
{
    if (attr(n, "hidden") || attr_is(n, "aria-hidden", "true"))
        return 1;
    const char *style = attr(n, "style");
    if (style) {
        const char *d = cx_memcasemem(style, strlen(style), "display");
        if (d) {
            d += 7;
            while (*d == ' ' || *d == ':')
                d++;
            if (cx_ascii_ncaseeq(d, "none", 4))
                return 1;
        }
    }
    return 0;
}

/* Elements never rendered as text (what a browser's innerText leaves out). */
static int is_invisible(const char *t)
{
    static const char *const tags[] = {"script", "style", "noscript", "template", "svg", "math",
                                       "iframe", "object", "embed", "select", "head", "title",
                                       "video", "audio", "canvas", "map", NULL};
    for (const char *const *p = tags; *p; p++)
        if (!strcmp(t, *p))
            return 1;
    return 0;
}

/* Elements whose start and end break a paragraph. */
static int block_tag(const char *t)
{
    static const char *const tags[] = {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre",
        "section", "article", "main", "table", "tr", "td", "th", "dd", "dt", "dl", "address",
        "hr", "br", "figure", "body", "center", "details", "summary", "caption", "tbody",
        "thead", "tfoot", "fieldset", "legend", "hgroup", "picture", NULL};
    for (const char *const *p = tags; *p; p++)
        if (!strcmp(t, *p))
            return 1;
    return 0;
}

/* Text of a subtree, copied into the arena (white space collapsed). */
static const char *node_text(cx_arena *a, xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return NULL;
    cx_buf b;
    cx_buf_init(&b, 64 * 1024);
    const char *out = NULL;
    if (cx_clean_inline((const char *)c, strlen((const char *)c), &b) && b.len)
        out = cx_arena_strndup(a, b.data, b.len);
    cx_buf_free(&b);
    xmlFree(c);
    return out;
}

static const char *arena_copy(cx_arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    const char *t = cx_trim(s, &n);
    return n ? cx_arena_strndup(a, t, n) : NULL;
}

/* Bytes of visible text under n (scripts and styles left out). */
static size_t text_size(xmlNodePtr root)
{
    size_t total = 0;
    xmlNodePtr n = root;
    for (;;) {
        int descend = 1;
        if (n->type == XML_TEXT_NODE && n->content)
            total += strlen((const char *)n->content);
        else if (n->type == XML_ELEMENT_NODE && n->name &&
                 (tag_is(n, "script") || tag_is(n, "style") || tag_is(n, "noscript")))
            descend = 0;
        if (descend && n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n != root && !n->next)
            n = n->parent;
        if (n == root)
            break;
        n = n->next;
    }
    return total;
}

static void read_meta(cx_arena *a, xmlNodePtr n, cx_page_meta *m)
{
    const char *key = attr(n, "property");
    if (!key)
        key = attr(n, "name");
    if (!key)
        key = attr(n, "itemprop");
    const char *content = attr(n, "content");
    const char *equiv = attr(n, "http-equiv");
    if (equiv && content && cx_span_caseeq(equiv, strlen(equiv), "content-language") && !m->lang_meta)
        m->lang_meta = arena_copy(a, content);
    if (!key || !content || !*content)
        return;
    size_t k = strlen(key);
    static const char *const published[] = {
        "article:published_time", "og:published_time", "datepublished", "pubdate",
        "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
        "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date",
        "article.published", "article:published", "published_time", "release_date", NULL};
    if (cx_span_caseeq(key, k, "og:site_name")) {
        if (!m->site_name) m->site_name = arena_copy(a, content);
    } else if (cx_span_caseeq(key, k, "application-name")) {
        if (!m->app_name) m->app_name = arena_copy(a, content);
    } else if (cx_span_caseeq(key, k, "og:title") || cx_span_caseeq(key, k, "twitter:title")) {
        if (!m->title_og) m->title_og = arena_copy(a, content);
    } else if (cx_span_caseeq(key, k, "og:url")) {
        if (!m->og_url) m->og_url = arena_copy(a, content);
    } else if (cx_span_caseeq(key, k, "og:locale")) {
        if (!m->lang_og) m->lang_og = arena_copy(a, content);
    } else if (cx_span_caseeq(key, k, "dc.language") || cx_span_caseeq(key, k, "language")) {
        if (!m->lang_meta) m->lang_meta = arena_copy(a, content);
    } else if (cx_span_caseeq(key, k, "author") || cx_span_caseeq(key, k, "article:author") ||
               cx_span_caseeq(key, k, "dc.creator") || cx_span_caseeq(key, k, "byl") ||
               cx_span_caseeq(key, k, "sailthru.author") || cx_span_caseeq(key, k, "parsely-author")) {
        if (!m->byline_meta && !strstr(content, "://"))
            m->byline_meta = arena_copy(a, content);
    } else {
        for (const char *const *p = published; *p; p++)
            if (cx_span_caseeq(key, k, *p)) {
                if (!m->published_meta)
                    m->published_meta = arena_copy(a, content);
                break;
            }
    }
}

/* Copies the page without the bodies of <script> (except JSON-LD), <style> and
 * comments: they are often half of a page's bytes and the parser would walk
 * them character by character for nothing. Raw-text elements end at the first
 * "</script" / "</style", as in the HTML tokenizer. */
static int strip_raw_text(const char *s, size_t n, cx_buf *out)
{
    size_t i = 0, copied = 0;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        size_t rest = n - i;
        const char *close = NULL;
        size_t body = 0; /* where the dropped part starts */
        if (rest >= 4 && !memcmp(lt, "<!--", 4)) {
            const char *e = cx_memcasemem(lt + 4, rest - 4, "-->");
            body = i;
            close = e ? e + 3 : s + n;
        } else if (rest >= 7 && (cx_ascii_ncaseeq(lt, "<script", 7) || cx_ascii_ncaseeq(lt, "<style", 6))) {
            int script = cx_ascii_ncaseeq(lt, "<script", 7);
            const char *gt = memchr(lt, '>', rest);
            if (!gt)
                break;
            if (script && cx_memcasemem(lt, (size_t)(gt - lt), "ld+json")) {
                i = (size_t)(gt - s) + 1;
                continue;
            }
            body = (size_t)(gt - s) + 1;
            const char *e = cx_memcasemem(gt + 1, n - body, script ? "</script" : "</style");
            close = e ? e : s + n;
        } else {
            i++;
            continue;
        }
        if (cx_buf_append(out, s + copied, body - copied) != CX_BUF_OK)
            return 0;
        copied = i = (size_t)(close - s);
    }
    return cx_buf_append(out, s + copied, n - copied) == CX_BUF_OK;
}

int cx_html_extract(cx_arena *a, const char *page, size_t len, cx_page_meta *m, cx_paras *paras,
                    int visible_text_only)
{
    cx_buf stripped;
    cx_buf_init(&stripped, len + 1);
    if (!strip_raw_text(page, len, &stripped)) {
        cx_buf_free(&stripped);
        return 0;
    }
    const char *html = stripped.data ? stripped.data : "";
    size_t n = stripped.len;
    if (n > INT32_MAX) {
        cx_buf_free(&stripped);
        return 0;
    }
    htmlDocPtr doc = htmlReadMemory(html, (int)n, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET | HTML_PARSE_COMPACT |
                                        HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
    cx_buf_free(&stripped); /* the tree holds copies */
    if (!doc)
        return 0;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root) {
        xmlFreeDoc(doc);
        return 1; /* an empty page: no metadata, no paragraphs */
    }

    /* Pass 1: metadata, and where the article text is. */
    xmlNodePtr body = NULL, main_el = NULL, best_article = NULL;
    size_t best_size = 0;
    const char *time_any = NULL;
    xmlNodePtr nd = root;
    for (;;) {
        int descend = 1;
        if (nd->type == XML_ELEMENT_NODE && nd->name) {
            const char *t = (const char *)nd->name;
            if (!strcmp(t, "html")) {
                const char *lang = attr(nd, "lang");
                if (!lang)
                    lang = attr(nd, "xml:lang");
                if (lang && !m->lang_html)
                    m->lang_html = arena_copy(a, lang);
            } else if (!strcmp(t, "title")) {
                if (!m->title_tag)
                    m->title_tag = node_text(a, nd);
                descend = 0;
            } else if (!strcmp(t, "meta")) {
                read_meta(a, nd, m);
            } else if (!strcmp(t, "link")) {
                const char *rel = attr(nd, "rel");
                if (rel && cx_span_caseeq(rel, strlen(rel), "canonical") && !m->canonical)
                    m->canonical = arena_copy(a, attr(nd, "href"));
            } else if (!strcmp(t, "script")) {
                const char *type = attr(nd, "type");
                if (type && cx_memcasemem(type, strlen(type), "ld+json")) {
                    xmlChar *c = xmlNodeGetContent(nd);
                    if (c) {
                        cx_jsonld_read(a, (const char *)c, strlen((const char *)c), m);
                        xmlFree(c);
                    }
                }
                descend = 0;
            } else if (!strcmp(t, "style") || !strcmp(t, "noscript") || !strcmp(t, "template")) {
                descend = 0;
            } else if (!strcmp(t, "time")) {
                const char *dt = attr(nd, "datetime");
                if (dt && (attr(nd, "pubdate") || attr_is(nd, "itemprop", "datePublished")) &&
                    !m->published_item)
                    m->published_item = arena_copy(a, dt);
                if (dt && !time_any)
                    time_any = arena_copy(a, dt);
            } else if (!strcmp(t, "h1")) {
                if (!m->title_h1)
                    m->title_h1 = node_text(a, nd);
            } else if (!strcmp(t, "body")) {
                body = nd;
            } else if (!strcmp(t, "main")) {
                if (!main_el)
                    main_el = nd;
            } else if (!strcmp(t, "article")) {
                size_t sz = text_size(nd);
                if (sz > best_size) {
                    best_size = sz;
                    best_article = nd;
                }
            }
            if (attr_is(nd, "itemprop", "datePublished") && !m->published_item) {
                const char *v = attr(nd, "content");
                if (!v)
                    v = attr(nd, "datetime");
                if (v)
                    m->published_item = arena_copy(a, v);
            }
        }
        if (descend && nd->children && nd->type == XML_ELEMENT_NODE) {
            nd = nd->children;
            continue;
        }
        while (nd != root && !nd->next)
            nd = nd->parent;
        if (nd == root)
            break;
        nd = nd->next;
    }
    m->published_time = time_any;

    /* Pass 2: the content model picks the article; when the page has too little
     * prose for it to choose, all visible block text of the likeliest root. */
    xmlNodePtr mroot = body ? body : root;
    int found = visible_text_only ? 0 : cx_blocks_extract_node(mroot, paras);
    if (found != 0) {
        xmlFreeDoc(doc);
        return found > 0;
    }
    xmlNodePtr croot = visible_text_only                  ? mroot
                     : best_article && best_size >= 300 ? best_article
                     : main_el                          ? main_el
                     : body                             ? body
                                                        : root;
    int ok = 1;
    nd = croot;
    for (;;) {
        int descend = 1;
        if (nd->type == XML_ELEMENT_NODE && nd->name) {
            const char *t = (const char *)nd->name;
            if ((nd != croot && !visible_text_only && skipped_tag(t)) ||
                (visible_text_only && is_invisible(t)) || hidden(nd))
                descend = 0;
            else if (block_tag(t))
                ok = ok && cx_paras_flush(paras);
        } else if ((nd->type == XML_TEXT_NODE || nd->type == XML_CDATA_SECTION_NODE) && nd->content) {
            size_t tl = strlen((const char *)nd->content);
            if (cx_buf_append(&paras->cur, nd->content, tl) != CX_BUF_OK)
                ok = 0;
        }
        if (descend && nd->children && nd->type == XML_ELEMENT_NODE) {
            nd = nd->children;
            continue;
        }
        if (nd->type == XML_ELEMENT_NODE && block_tag((const char *)nd->name))
            ok = ok && cx_paras_flush(paras);
        while (nd != croot && !nd->next) {
            nd = nd->parent;
            if (block_tag((const char *)nd->name))
                ok = ok && cx_paras_flush(paras);
        }
        if (nd == croot || !ok)
            break;
        nd = nd->next;
    }
    ok = ok && cx_paras_flush(paras);
    xmlFreeDoc(doc);
    return ok;
}
