/*
 * json_claims.c: the claims stage's JSON (docs/schema.md, docs/claims.md):
 * "statements" of an article, and a story's "claims" and "disagreements".
 */
#include "claims/claims.h"
#include "report/report.h"
#include "report/jw.h"

#include <string.h>

static json_t *sn(const char *s) { return s ? json_string(s) : json_null(); }

void cx_jw_statements(cx_jw *w, const cx_article *a)
{
    const cx_claims_article *c = a->claims;
    const char *body = a->body ? a->body : "";
    cx_jw_key(w, "statements");
    cx_jw_array(w);
    for (size_t i = 0; i < c->n; i++) {
        const cx_statement *s = &c->st[i];
        int has = s->source_span.end > s->source_span.start;
        cx_jw_object(w);
        cx_jw_kstrn(w, "text", body + s->span.start, s->span.end - s->span.start);
        cx_jw_kint(w, "start", s->span.start);
        cx_jw_kint(w, "end", s->span.end);
        cx_jw_kstr(w, "source", s->source);
        cx_jw_kstr(w, "source_type", cx_source_type_name(s->source_type));
        cx_jw_key(w, "source_start");
        has ? cx_jw_int(w, s->source_span.start) : cx_jw_null(w);
        cx_jw_key(w, "source_end");
        has ? cx_jw_int(w, s->source_span.end) : cx_jw_null(w);
        cx_jw_key(w, "count");
        s->count >= 0 ? cx_jw_int(w, s->count) : cx_jw_null(w);
        cx_jw_kstr(w, "stance", cx_stance_name(s->stance));
        cx_jw_kstr(w, "cue", s->cue);
        cx_jw_key(w, "inherited");
        cx_jw_bool(w, s->inherited);
        if (s->verdict)
            cx_jw_kstr(w, "verdict", s->verdict);
        if (s->via)
            cx_jw_kstr(w, "via", s->via);
        if (s->self) {
            cx_jw_key(w, "self");
            cx_jw_bool(w, 1);
        }
        cx_jw_object_end(w);
    }
    cx_jw_array_end(w);
}

static json_t *ids_of(cx_article *const *arts, const uint32_t *ix, size_t n, int outlets)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        const char *v = outlets ? arts[ix[i]]->outlet : arts[ix[i]]->id;
        int dup = 0;
        for (size_t k = 0; outlets && k < i; k++)
            dup |= arts[ix[k]]->outlet && v && !strcmp(arts[ix[k]]->outlet, v);
        if (v && !dup && json_array_append_new(arr, json_string(v))) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *published(const cx_article *a)
{
    return a->published.prec ? json_string(a->published_iso) : json_null();
}

/* One list of references: keys name the "who" field ("outlet" or "who") and
 * whether the article's outlet, the verdict and date are added. */
static json_t *refs(cx_article *const *arts, const cx_claim_ref *r, size_t n, int kind)
{
    json_t *arr = json_array();
    int bad = !arr;
    for (size_t i = 0; !bad && i < n; i++) {
        const cx_article *a = arts[r[i].article];
        json_t *x = json_object();
        if (!x) {
            bad = 1;
            break;
        }
        if (kind == 0 || kind == 1) /* relays and disclaimers: the outlet speaking */
            bad |= json_object_set_new(x, "outlet", sn(a->outlet));
        else
            bad |= json_object_set_new(x, "who", sn(r[i].who));
        bad |= json_object_set_new(x, "article", json_string(a->id ? a->id : ""));
        if (kind == 0)
            bad |= json_object_set_new(x, "published", published(a));
        if (kind == 4) {
            bad |= json_object_set_new(x, "date", published(a));
            bad |= json_object_set_new(x, "verdict", sn(r[i].verdict));
        }
        bad |= json_object_set_new(x, "text", sn(r[i].text));
        bad |= json_array_append_new(arr, x);
    }
    if (bad) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

static int set_arr(json_t *o, const char *k, json_t *v)
{
    return !v || json_object_set_new(o, k, v);
}

int cx_json_story_claims(json_t *story, const cx_story_claims *sc)
{
    cx_article *const *arts = sc->arts;
    json_t *claims = json_array(), *dis = json_array();
    int bad = !claims || !dis;
    for (size_t i = 0; !bad && i < sc->n_claims; i++) {
        const cx_claim *c = &sc->claims[i];
        json_t *x = json_object(), *srcs = json_array();
        bad |= !x || !srcs;
        for (size_t k = 0; !bad && k < c->n_sources; k++) {
            json_t *s = json_object();
            bad |= !s;
            if (s) {
                bad |= json_object_set_new(s, "name", sn(c->sources[k].who));
                bad |= json_object_set_new(s, "type", sn(c->sources[k].text));
                bad |= json_object_set_new(s, "article", json_string(arts[c->sources[k].article]->id));
                bad |= json_array_append_new(srcs, s);
            }
        }
        if (bad) {
            json_decref(x);
            json_decref(srcs);
            break;
        }
        bad |= json_object_set_new(x, "text", sn(c->text));
        bad |= json_object_set_new(x, "sourcing", sn(c->sourcing));
        bad |= json_object_set_new(x, "sources", srcs);
        if (c->origin >= 0) {
            const cx_article *o = arts[c->origin];
            bad |= json_object_set_new(x, "origin", json_pack("{s:o,s:s,s:o}", "outlet", sn(o->outlet), "article",
                                                              o->id ? o->id : "", "published", published(o)));
        } else if (c->origin_outlet) {
            bad |= json_object_set_new(x, "origin", json_pack("{s:s,s:n,s:n}", "outlet", c->origin_outlet,
                                                              "article", "published"));
        } else {
            bad |= json_object_set_new(x, "origin", json_null());
        }
        bad |= set_arr(x, "relayed_by", refs(arts, c->relays, c->n_relays, 0));
        bad |= set_arr(x, "disclaimers", refs(arts, c->disclaimers, c->n_disclaimers, 1));
        bad |= set_arr(x, "denials", refs(arts, c->denials, c->n_denials, 2));
        bad |= set_arr(x, "no_comment", refs(arts, c->no_comment, c->n_no_comment, 3));
        bad |= set_arr(x, "rulings", refs(arts, c->rulings, c->n_rulings, 4));
        bad |= set_arr(x, "articles", ids_of(arts, c->articles, c->n_articles, 0));
        bad |= json_array_append_new(claims, x);
    }
    for (size_t i = 0; !bad && i < sc->n_dis; i++) {
        const cx_disagreement *d = &sc->dis[i];
        json_t *x = json_object(), *vals = json_array();
        bad |= !x || !vals;
        for (size_t k = 0; !bad && k < d->n_values; k++) {
            const cx_dis_value *v = &d->values[k];
            json_t *y = json_object();
            bad |= !y;
            if (y) {
                bad |= json_object_set_new(y, "value", sn(v->value));
                bad |= json_object_set_new(y, "text", sn(v->text));
                bad |= set_arr(y, "articles", ids_of(arts, v->articles, v->n_articles, 0));
                bad |= set_arr(y, "outlets", ids_of(arts, v->articles, v->n_articles, 1));
                bad |= json_array_append_new(vals, y);
            }
        }
        if (bad) {
            json_decref(x);
            json_decref(vals);
            break;
        }
        bad |= json_object_set_new(x, "fact", sn(d->fact));
        bad |= json_object_set_new(x, "values", vals);
        bad |= json_array_append_new(dis, x);
    }
    if (bad) {
        json_decref(claims);
        json_decref(dis);
        return 0;
    }
    return !json_object_set_new(story, "claims", claims) && !json_object_set_new(story, "disagreements", dis);
}
