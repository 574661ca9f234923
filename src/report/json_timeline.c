/*
 * json_timeline.c: the timeline stage's events as the `timeline` array of
 * docs/schema.md (story and storyline level).
 */
#include <string.h>

#include "report/report.h"
#include "time/timeline.h"

json_t *cx_json_ids_outlets(const cx_article *const *arts, const uint32_t *idx, size_t n, json_t **outlets)
{
    json_t *ids = json_array();
    *outlets = json_array();
    if (!ids || !*outlets) {
        json_decref(ids);
        json_decref(*outlets);
        *outlets = NULL;
        return NULL;
    }
    int ok = 1;
    for (size_t i = 0; i < n && ok; i++) {
        const cx_article *a = arts[idx[i]];
        ok = !json_array_append_new(ids, json_string(a->id ? a->id : ""));
        if (!a->outlet)
            continue;
        int have = 0;
        for (size_t j = 0; j < i && !have; j++)
            have = arts[idx[j]]->outlet && !strcmp(arts[idx[j]]->outlet, a->outlet);
        if (!have)
            ok = ok && !json_array_append_new(*outlets, json_string(a->outlet));
    }
    if (!ok) {
        json_decref(ids);
        json_decref(*outlets);
        *outlets = NULL;
        return NULL;
    }
    return ids;
}

json_t *cx_json_timeline(const cx_tl_event *ev, size_t n, const cx_article *const *arts)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_t *outlets, *ids = cx_json_ids_outlets(arts, ev[i].arts, ev[i].n_arts, &outlets);
        json_t *o = ids ? json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:I}", "date", ev[i].date, "precision",
                                    ev[i].precision ? ev[i].precision : "", "kind",
                                    ev[i].kind == CX_TL_PUBLISHED ? "published" : "event", "text",
                                    ev[i].text ? ev[i].text : "", "articles", ids, "outlets", outlets,
                                    "sources", (json_int_t)ev[i].n_sources)
                        : NULL;
        if (!o || json_array_append_new(arr, o)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}
