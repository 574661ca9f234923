/*
 * html.c: an HTML page to metadata and paragraphs, in one pass of libxml2's
 * HTML parser.
 *
 * libxml2 is the parser lxml gives trafilatura and readability-lxml: it
 * recovers from broken markup and decodes entities. It is driven through its
 * SAX interface: no tree is built; each start tag, end tag and run of text
 * goes to the content model (blocks.c) and, for the few elements that carry
 * metadata (title, meta, link, JSON-LD, time, h1), is read here on the way.
 * XML_PARSE_HUGE lifts libxml2's 10 MB cap on one text run (the article limit
 * bounds the page instead).
 */
#include "extract/extract.h"
#include "util/str.h"

#include <libxml/HTMLparser.h>
#include <string.h>

/* Copies the page without the bodies of <script> (except JSON-LD), <style> and
 * comments (they are often half of a page's bytes and the parser would walk
 * them character by character for nothing), and without the attributes of
 * start tags over MAX_TAG bytes. Raw-text elements end at the first
 * "</script" / "</style", as in the HTML tokenizer. */
#define MAX_TAG 8192

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
        } else if (rest > MAX_TAG && cx_is_alpha(lt[1]) && !memchr(lt, '>', MAX_TAG)) {
            /* A start tag over 8 KB (a data: URI, a flood of attributes)
             * keeps its name and loses its attributes: libxml2 compares each
             * attribute with every other one, and none of them is text. */
            size_t name = 1;
            while (name < rest && cx_is_alnum(lt[name]))
                name++;
            const char *gt = memchr(lt + MAX_TAG, '>', rest - MAX_TAG);
            if (cx_buf_append(out, s + copied, i + name - copied) != CX_BUF_OK ||
                cx_buf_append(out, ">", 1) != CX_BUF_OK)
                return 0;
            copied = i = gt ? (size_t)(gt - s) + 1 : n;
            continue;
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

static const char *attr(const char *const *attrs, const char *name)
{
    for (; attrs && attrs[0]; attrs += 2)
        if (!strcmp(attrs[0], name))
            return attrs[1] ? attrs[1] : "";
    return NULL;
}

static int attr_is(const char *const *attrs, const char *name, const char *value)
{
    const char *v = attr(attrs, name);
    return v && cx_span_caseeq(v, strlen(v), value);
}

static const char *arena_copy(cx_arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    const char *t = cx_trim(s, &n);
    return n ? cx_arena_strndup(a, t, n) : NULL;
}

enum { CAP_NONE = 0, CAP_TITLE, CAP_H1, CAP_LDJSON };

typedef struct sax_state {
    cx_arena *a;
    cx_page_meta *m;
    cx_model *model;
    int depth;
    int cap, cap_depth; /* what is being captured, and at which depth it started */
    cx_buf capture;
    int failed;
} sax_state;

static void read_meta(sax_state *st, const char *const *attrs)
{
    cx_page_meta *m = st->m;
    cx_arena *a = st->a;
    const char *key = attr(attrs, "property");
    if (!key)
        key = attr(attrs, "name");
    if (!key)
        key = attr(attrs, "itemprop");
    const char *content = attr(attrs, "content");
    const char *equiv = attr(attrs, "http-equiv");
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

static void begin_capture(sax_state *st, int what)
{
    st->cap = what;
    st->cap_depth = st->depth;
    cx_buf_reset(&st->capture);
}

/* The captured text, cleaned, in the arena. */
static const char *captured(sax_state *st)
{
    cx_buf clean;
    cx_buf_init(&clean, st->capture.len + 1);
    const char *out = NULL;
    if (st->capture.len && cx_clean_inline(st->capture.data, st->capture.len, &clean) && clean.len)
        out = cx_arena_strndup(st->a, clean.data, clean.len);
    cx_buf_free(&clean);
    return out;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    sax_state *st = ctx;
    const char *t = (const char *)name;
    const char *const *attrs = (const char *const *)atts;
    cx_page_meta *m = st->m;
    st->depth++;
    switch (t[0]) {
    case 'h':
        if (!strcmp(t, "html")) {
            const char *lang = attr(attrs, "lang");
            if (!lang)
                lang = attr(attrs, "xml:lang");
            if (lang && !m->lang_html)
                m->lang_html = arena_copy(st->a, lang);
        } else if (!strcmp(t, "h1") && !m->title_h1 && st->cap == CAP_NONE) {
            begin_capture(st, CAP_H1);
        }
        break;
    case 't':
        if (!strcmp(t, "title") && !m->title_tag && st->cap == CAP_NONE)
            begin_capture(st, CAP_TITLE);
        else if (!strcmp(t, "time")) {
            const char *dt = attr(attrs, "datetime");
            if (dt && (attr(attrs, "pubdate") || attr_is(attrs, "itemprop", "datePublished")) &&
                !m->published_item)
                m->published_item = arena_copy(st->a, dt);
            if (dt && !m->published_time)
                m->published_time = arena_copy(st->a, dt);
        }
        break;
    case 'm':
        if (!strcmp(t, "meta"))
            read_meta(st, attrs);
        break;
    case 'l':
        if (!strcmp(t, "link")) {
            const char *rel = attr(attrs, "rel");
            if (rel && cx_span_caseeq(rel, strlen(rel), "canonical") && !m->canonical)
                m->canonical = arena_copy(st->a, attr(attrs, "href"));
        }
        break;
    case 's':
        if (!strcmp(t, "script") && st->cap == CAP_NONE) {
            const char *type = attr(attrs, "type");
            if (type && cx_memcasemem(type, strlen(type), "ld+json"))
                begin_capture(st, CAP_LDJSON);
        }
        break;
    default:
        break;
    }
    if (!m->published_item && attr_is(attrs, "itemprop", "datePublished")) {
        const char *v = attr(attrs, "content");
        if (!v)
            v = attr(attrs, "datetime");
        if (v)
            m->published_item = arena_copy(st->a, v);
    }
    cx_model_start(st->model, t, attrs);
}

static void on_end(void *ctx, const xmlChar *name)
{
    sax_state *st = ctx;
    if (st->cap != CAP_NONE && st->depth == st->cap_depth) {
        if (st->cap == CAP_TITLE)
            st->m->title_tag = captured(st);
        else if (st->cap == CAP_H1)
            st->m->title_h1 = captured(st);
        else if (st->capture.len)
            cx_jsonld_read(st->a, st->capture.data, st->capture.len, st->m);
        st->cap = CAP_NONE;
    }
    st->depth--;
    cx_model_end(st->model, (const char *)name);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    sax_state *st = ctx;
    if (len <= 0)
        return;
    if (st->cap != CAP_NONE && cx_buf_append(&st->capture, ch, (size_t)len) != CX_BUF_OK)
        st->failed = 1;
    cx_model_text(st->model, (const char *)ch, (size_t)len);
}

int cx_html_extract(cx_arena *a, const char *page, size_t len, cx_page_meta *m, cx_paras *paras,
                    int visible_text_only)
{
    cx_buf stripped;
    cx_buf_init(&stripped, len + 1);
    if (!strip_raw_text(page, len, &stripped) || stripped.len > INT32_MAX) {
        cx_buf_free(&stripped);
        return 0;
    }
    sax_state st;
    memset(&st, 0, sizeof st);
    st.a = a;
    st.m = m;
    cx_buf_init(&st.capture, len + 1);
    st.model = cx_model_new();
    htmlParserCtxtPtr ctxt = st.model ? htmlNewParserCtxt() : NULL;
    int found = -1;
    if (ctxt) {
        /* Our handlers only: no tree, no document. */
        memset(ctxt->sax, 0, sizeof(htmlSAXHandler));
        ctxt->sax->startElement = on_start;
        ctxt->sax->endElement = on_end;
        ctxt->sax->characters = on_text;
        ctxt->sax->cdataBlock = on_text;
        ctxt->sax->ignorableWhitespace = on_text;
        ctxt->userData = &st;
        htmlDocPtr doc = htmlCtxtReadMemory(ctxt, stripped.data ? stripped.data : "", (int)stripped.len,
                                            NULL, "UTF-8",
                                            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                                HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                                HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
        if (doc)
            xmlFreeDoc(doc);
        found = st.failed ? -1 : cx_model_extract(st.model, paras, visible_text_only);
        htmlFreeParserCtxt(ctxt);
    }
    cx_model_free(st.model);
    cx_buf_free(&st.capture);
    cx_buf_free(&stripped);
    return found >= 0;
}
