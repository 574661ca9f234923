/*
 * jsonld.c: article metadata from JSON-LD (schema.org NewsArticle and kin).
 *
 * Reads the first article-typed object, looking through "@graph" and top-level
 * arrays: headline, datePublished, author(s), publisher name, inLanguage, url.
 * Malformed JSON-LD (common in the wild) is ignored.
 */
#include "extract/extract.h"
#include "util/buf.h"

#include <jansson.h>
#include <string.h>

static int article_type(json_t *o)
{
    static const char *const types[] = {"NewsArticle", "Article", "ReportageNewsArticle",
                                        "AnalysisNewsArticle", "OpinionNewsArticle",
                                        "BackgroundNewsArticle", "BlogPosting", "Report",
                                        "LiveBlogPosting", "ScholarlyArticle", "TechArticle",
                                        "SocialMediaPosting", "ReviewNewsArticle", NULL};
    json_t *t = json_object_get(o, "@type");
    json_t *one;
    size_t i;
    if (json_is_string(t)) {
        for (const char *const *p = types; *p; p++)
            if (!strcmp(json_string_value(t), *p))
                return 1;
    } else if (json_is_array(t)) {
        json_array_foreach(t, i, one)
            if (json_is_string(one))
                for (const char *const *p = types; *p; p++)
                    if (!strcmp(json_string_value(one), *p))
                        return 1;
    }
    return 0;
}

static const char *copy_str(cx_arena *a, json_t *v)
{
    if (!json_is_string(v) || json_string_length(v) == 0)
        return NULL;
    return cx_arena_strndup(a, json_string_value(v), json_string_length(v));
}

/* "name" of an object, or the string itself. */
static const char *name_of(json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_object(v)) {
        json_t *n = json_object_get(v, "name");
        if (json_is_string(n))
            return json_string_value(n);
    }
    return NULL;
}

static const char *authors(cx_arena *a, json_t *v)
{
    cx_buf b;
    cx_buf_init(&b, 4096);
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            const char *n = name_of(e);
            if (n && *n) {
                if (b.len)
                    cx_buf_puts(&b, ", ");
                cx_buf_puts(&b, n);
            }
        }
    } else {
        const char *n = name_of(v);
        if (n)
            cx_buf_puts(&b, n);
    }
    const char *out = b.len ? cx_arena_strndup(a, b.data, b.len) : NULL;
    cx_buf_free(&b);
    return out;
}

static void visit(cx_arena *a, json_t *v, cx_page_meta *m, int depth)
{
    if (depth > 8 || !v)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) visit(a, e, m, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    if (article_type(v)) {
        if (!m->title_ld)
            m->title_ld = copy_str(a, json_object_get(v, "headline"));
        if (!m->published_ld)
            m->published_ld = copy_str(a, json_object_get(v, "datePublished"));
        if (!m->byline_ld)
            m->byline_ld = authors(a, json_object_get(v, "author"));
        if (!m->publisher) {
            const char *p = name_of(json_object_get(v, "publisher"));
            if (p && *p)
                m->publisher = cx_arena_strdup(a, p);
        }
        if (!m->lang_ld)
            m->lang_ld = copy_str(a, json_object_get(v, "inLanguage"));
        if (!m->ld_url)
            m->ld_url = copy_str(a, json_object_get(v, "url"));
    }
    visit(a, json_object_get(v, "@graph"), m, depth + 1);
}

void cx_jsonld_read(cx_arena *a, const char *json, size_t n, cx_page_meta *m)
{
    json_t *root = json_loadb(json, n, 0, NULL);
    if (!root)
        return;
    visit(a, root, m, 0);
    json_decref(root);
}
