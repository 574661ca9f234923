/*
 * json_brief.c: the brief stage's result as the story's `summary`,
 * `headline` and `coverage` fields (docs/schema.md).
 */
#include "brief/brief.h"
#include "report/report.h"

static json_t *item_json(const cx_brief_item *it, const cx_article *const *arts, int with_sentence)
{
    json_t *outlets, *ids = cx_json_ids_outlets(arts, it->arts, it->n_arts, &outlets);
    if (!ids)
        return NULL;
    const cx_article *a = arts[it->art];
    if (with_sentence)
        return json_pack("{s:s, s:s, s:I, s:o, s:o}", "text", it->text, "article", a->id ? a->id : "", "sentence",
                         (json_int_t)it->sent, "articles", ids, "outlets", outlets);
    json_decref(ids);
    return json_pack("{s:s, s:o}", "text", it->text, "outlets", outlets);
}

static int append(json_t *arr, json_t *v) { return v && !json_array_append_new(arr, v); }

json_t *cx_json_summary(const cx_brief *b, const cx_article *const *arts)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < b->n_summary; i++)
        if (!append(arr, item_json(&b->summary[i], arts, 1))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

json_t *cx_json_coverage(const cx_brief *b, const cx_article *const *arts)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < b->n_coverage; i++) {
        const cx_brief_outlet *o = &b->coverage[i];
        json_t *ids = json_array(), *only = json_array(), *missed = json_array();
        int ok = ids && only && missed;
        for (uint32_t k = 0; ok && k < o->n_arts; k++)
            ok = !json_array_append_new(ids, json_string(arts[o->arts[k]]->id ? arts[o->arts[k]]->id : ""));
        for (uint32_t k = 0; ok && k < o->n_only; k++) {
            const cx_brief_item *it = &o->only[k];
            ok = append(only, json_pack("{s:s, s:s, s:I}", "text", it->text, "article",
                                        arts[it->art]->id ? arts[it->art]->id : "", "sentence",
                                        (json_int_t)it->sent));
        }
        for (uint32_t k = 0; ok && k < o->n_missed; k++)
            ok = append(missed, item_json(&o->missed[k], arts, 0));
        json_t *e = ok ? json_pack("{s:s?, s:O, s:O, s:O}", "outlet", o->outlet, "articles", ids, "only", only,
                                   "missed", missed)
                       : NULL;
        json_decref(ids);
        json_decref(only);
        json_decref(missed);
        if (!append(arr, e)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

int cx_json_brief_to(json_t *story, const cx_brief *b, const cx_article *const *arts)
{
    json_t *s = cx_json_summary(b, arts), *c = s ? cx_json_coverage(b, arts) : NULL;
    if (!s || !c || json_object_set_new(story, "summary", s) ||
        json_object_set_new(story, "headline", b->headline ? json_string(b->headline) : json_null()) ||
        json_object_set_new(story, "coverage", c)) {
        if (!c)
            json_decref(s);
        return 0;
    }
    return 1;
}
