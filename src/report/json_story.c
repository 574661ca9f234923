/*
 * json_story.c: STORY objects of the JSON contract (docs/schema.md): the
 * stories stage's fields, then each story-level stage's result from the
 * story's view (core/storyview.h), one small function per stage.
 */
#include "cluster/cluster.h"
#include "core/storyview.h"
#include "brief/brief.h"
#include "quotes/quotes.h"
#include "time/timeline.h"
#include "report/report.h"
#include "util/alloc.h"

#include <string.h>

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *strings_json(char **s, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (json_array_append_new(arr, json_string(s[i]))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

/* quote_groups: [{"speaker", "text", "variants": [{"article", "outlet",
 * "text", "start", "end", "kind"}]}] */
static json_t *quote_groups_json(const cx_story_view *v)
{
    const cx_quote_groups *qg = v->quote_groups;
    json_t *arr = json_array();
    cx_arena tmp;
    cx_arena_init(&tmp);
    for (size_t g = 0; arr && g < qg->n; g++) {
        const cx_quote_group *grp = &qg->groups[g];
        json_t *o = json_object(), *vars = json_array();
        int bad = !o || !vars;
        for (uint32_t k = 0; !bad && k < grp->n_variants; k++) {
            const cx_article *a = v->members[grp->variants[k].member].a;
            const cx_quote *q = &a->quotes->quotes[grp->variants[k].quote];
            char *txt = cx_quote_text(&tmp, a->body, q);
            json_t *x = txt ? json_object() : NULL;
            bad = !x || json_object_set_new(x, "article", json_string(a->id)) ||
                  json_object_set_new(x, "outlet", str_or_null(a->outlet)) ||
                  json_object_set_new(x, "text", json_string(txt)) ||
                  json_object_set_new(x, "start", json_integer(q->span.start)) ||
                  json_object_set_new(x, "end", json_integer(q->span.end)) ||
                  json_object_set_new(x, "kind", json_string(cx_quote_kind_name(q->kind)));
            if (bad)
                json_decref(x);
            else
                bad = json_array_append_new(vars, x);
            if (!bad && k == grp->text_variant)
                bad = json_object_set_new(o, "text", json_string(txt));
        }
        if (!bad) { /* set_new takes vars even when it fails */
            bad = json_object_set_new(o, "variants", vars) ||
                  json_object_set_new(o, "speaker", str_or_null(grp->speaker));
            vars = NULL;
        }
        json_decref(vars);
        if (bad || json_array_append_new(arr, o)) {
            if (bad)
                json_decref(o);
            json_decref(arr);
            arr = NULL;
        }
    }
    cx_arena_free(&tmp);
    return arr;
}

json_t *cx_story_to_json(const cx_story_out *st, const cx_story_view *v)
{
    json_t *s = json_object();
    if (!s || json_object_set_new(s, "id", json_sprintf("s%lld", (long long)st->id)) ||
        json_object_set_new(s, "title", str_or_null(st->title)) ||
        json_object_set_new(s, "articles", strings_json(st->articles, st->n_articles)) ||
        json_object_set_new(s, "first_published", str_or_null(st->first_published)) ||
        json_object_set_new(s, "last_published", str_or_null(st->last_published)) ||
        json_object_set_new(s, "outlets", strings_json(st->outlets, st->n_outlets)) ||
        (v && v->storyline && json_object_set_new(s, "storyline", json_sprintf("l%lld", (long long)v->storyline))) ||
        (v && v->quote_groups && json_object_set_new(s, "quote_groups", quote_groups_json(v))) ||
        (v && v->claims && !cx_json_story_claims(s, v->claims)) ||
        (v && v->brief && !cx_json_brief_to(s, v->brief, v->arts)) ||
        (v && v->arts && json_object_set_new(s, "timeline", cx_json_timeline(v->timeline, v->n_timeline, v->arts)))) {
        json_decref(s);
        return NULL;
    }
    return s;
}
