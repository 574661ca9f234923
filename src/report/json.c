/*
 * json.c: the JSON contract writer (see report.h, docs/schema.md).
 *
 * The document is streamed: the opening is written first, then each article
 * as it is committed, then the closing, so memory does not grow with the run.
 */
#include "report/report.h"
#include "cluster/cluster.h"
#include "dedup/dedup.h"
#include "quotes/quotes.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* dates[]: {"text","start","end","type","value","precision","sentence"} */
static json_t *dates_json(const cx_article *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_dates; i++) {
        const cx_timex *t = &a->dates[i];
        json_t *d = json_object();
        if (!d || json_object_set_new(d, "text", json_stringn(a->body + t->start, t->end - t->start)) ||
            json_object_set_new(d, "start", json_integer(t->start)) ||
            json_object_set_new(d, "end", json_integer(t->end)) ||
            json_object_set_new(d, "type", json_string(cx_timex_type_name(t->type))) ||
            json_object_set_new(d, "value", json_string(t->value)) ||
            json_object_set_new(d, "precision", json_string(t->precision)) ||
            json_object_set_new(d, "sentence", json_integer(t->sentence))) {
            json_decref(d);
            json_decref(arr);
            return NULL;
        }
        if (json_array_append_new(arr, d)) { /* the array took d either way */
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *span_pair(uint32_t s, uint32_t e)
{
    json_t *p = json_array();
    if (p && (json_array_append_new(p, json_integer(s)) || json_array_append_new(p, json_integer(e)))) {
        json_decref(p);
        return NULL;
    }
    return p;
}

/* "entities" and "quotes" of the quotes stage (docs/quotes.md). */
static int quotes_to_json(json_t *o, const cx_article *a)
{
    const cx_quotes *q = a->quotes;
    const char *body = a->body ? a->body : "";
    json_t *ents = json_array(), *quotes = json_array();
    int bad = !ents || !quotes;
    for (size_t i = 0; !bad && i < q->n_entities; i++) {
        const cx_entity *e = &q->entities[i];
        json_t *x = json_object(), *m = json_array();
        bad |= !x || !m;
        for (uint32_t k = 0; !bad && k < e->n_mentions; k++)
            bad |= json_array_append_new(m, span_pair(e->mentions[k].start, e->mentions[k].end));
        if (x) {
            bad |= json_object_set_new(x, "name", json_string(e->name));
            bad |= json_object_set_new(x, "type", json_string(cx_entity_type_name(e->type)));
            bad |= json_object_set_new(x, "title", str_or_null(e->title));
            bad |= json_object_set_new(x, "mentions", m ? m : json_null());
            bad |= json_array_append_new(ents, x);
        } else if (m) {
            json_decref(m);
        }
    }
    for (size_t i = 0; !bad && i < q->n_quotes; i++) {
        const cx_quote *u = &q->quotes[i];
        json_t *x = json_object(), *parts = json_array();
        bad |= !x || !parts;
        /* text: the parts, joined by a space when the quote was split */
        size_t n = 0;
        for (uint32_t k = 0; k < u->n_parts; k++)
            n += u->parts[k].end - u->parts[k].start + 1;
        char *txt = malloc(n + 1);
        size_t w = 0;
        bad |= !txt;
        for (uint32_t k = 0; !bad && k < u->n_parts; k++) {
            if (k)
                txt[w++] = ' ';
            memcpy(txt + w, body + u->parts[k].start, u->parts[k].end - u->parts[k].start);
            w += u->parts[k].end - u->parts[k].start;
            bad |= json_array_append_new(parts, span_pair(u->parts[k].start, u->parts[k].end));
        }
        if (x && !bad) {
            int cue = u->cue.end > u->cue.start, who = u->mention.end > u->mention.start;
            bad |= json_object_set_new(x, "text", json_stringn(txt, w));
            bad |= json_object_set_new(x, "start", json_integer(u->span.start));
            bad |= json_object_set_new(x, "end", json_integer(u->span.end));
            bad |= json_object_set_new(x, "parts", parts);
            parts = NULL;
            bad |= json_object_set_new(x, "kind", json_string(cx_quote_kind_name(u->kind)));
            bad |= json_object_set_new(x, "cue", cue ? json_stringn(body + u->cue.start, u->cue.end - u->cue.start)
                                                     : json_null());
            bad |= json_object_set_new(x, "cue_start", cue ? json_integer(u->cue.start) : json_null());
            bad |= json_object_set_new(x, "cue_end", cue ? json_integer(u->cue.end) : json_null());
            bad |= json_object_set_new(x, "speaker", str_or_null(u->speaker));
            bad |= json_object_set_new(x, "speaker_mention",
                                       who ? json_stringn(body + u->mention.start, u->mention.end - u->mention.start)
                                           : json_null());
            bad |= json_object_set_new(x, "speaker_start", who ? json_integer(u->mention.start) : json_null());
            bad |= json_object_set_new(x, "speaker_end", who ? json_integer(u->mention.end) : json_null());
            bad |= json_object_set_new(x, "entity", u->entity >= 0 ? json_integer(u->entity) : json_null());
            bad |= json_object_set_new(x, "norm", json_string(u->norm ? u->norm : ""));
            bad |= json_array_append_new(quotes, x);
            x = NULL;
        }
        json_decref(x);
        json_decref(parts);
        free(txt);
    }
    bad |= json_object_set_new(o, "entities", ents ? ents : json_null());
    bad |= json_object_set_new(o, "quotes", quotes ? quotes : json_null());
    return !bad;
}

json_t *cx_article_to_json(const cx_article *a)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = 0;
    bad |= json_object_set_new(o, "id", json_string(a->id ? a->id : ""));
    bad |= json_object_set_new(o, "input", str_or_null(a->input));
    bad |= json_object_set_new(o, "outlet", str_or_null(a->outlet));
    bad |= json_object_set_new(o, "url", str_or_null(a->url));
    if (a->published.prec) {
        bad |= json_object_set_new(o, "published", json_string(a->published_iso));
        bad |= json_object_set_new(o, "published_precision",
                                   json_string(cx_precision_name(a->published.prec)));
    } else {
        bad |= json_object_set_new(o, "published", json_null());
        bad |= json_object_set_new(o, "published_precision", json_null());
    }
    bad |= json_object_set_new(o, "language", str_or_null(a->language));
    bad |= json_object_set_new(o, "title", str_or_null(a->title));
    bad |= json_object_set_new(o, "byline", str_or_null(a->byline));
    bad |= json_object_set_new(o, "body", json_stringn(a->body ? a->body : "", a->body_len));
    if (a->n_credits) {
        json_t *c = json_array();
        for (int i = 0; c && i < a->n_credits; i++)
            bad |= json_array_append_new(c, json_string(a->credits[i]));
        bad |= json_object_set_new(o, "credits", c ? c : json_null());
    }
    if (a->repairs)
        bad |= json_object_set_new(o, "repairs", json_integer(a->repairs));
    if (a->dates_done)
        bad |= json_object_set_new(o, "dates", dates_json(a));
    if (a->quotes && !quotes_to_json(o, a))
        bad = 1;
    if (a->claims && !cx_json_statements(o, a))
        bad = 1;
    if (a->story > 0)
        bad |= json_object_set_new(o, "story", json_sprintf("s%lld", (long long)a->story));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The document's arrays, in the order they are written; each is streamed
 * one element at a time, so memory does not grow with the run. */
enum { SEC_ARTICLES, SEC_COPIES, SEC_STORIES, SEC_STORYLINES, SEC_DONE };

struct cx_json_out {
    FILE *f;
    unsigned flags;
    size_t count; /* elements written in the open array */
    int section;  /* the open array */
    int ok;
};

static int pretty(const cx_json_out *o)
{
    return (o->flags & CHORUS_OUT_JSON) && !(o->flags & CHORUS_OUT_COMPACT);
}

cx_json_out *cx_json_begin(FILE *f, unsigned flags)
{
    cx_json_out *o = cx_calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->f = f;
    o->flags = flags;
    o->ok = 1;
    if (flags & CHORUS_OUT_JSON) {
        const char *head = pretty(o) ? "{\n  \"chorus\": \"" CHORUS_SCHEMA_VERSION "\",\n  \"articles\": ["
                                     : "{\"chorus\":\"" CHORUS_SCHEMA_VERSION "\",\"articles\":[";
        o->ok = fputs(head, f) >= 0;
    }
    return o;
}

/* Writes s with every newline followed by indent (to nest a dumped object). */
static int write_indented(FILE *f, const char *s, const char *indent)
{
    for (const char *p = s; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p + 1) : strlen(p);
        if (fwrite(p, 1, n, f) != n)
            return 0;
        if (nl && fputs(indent, f) < 0)
            return 0;
        p += n;
    }
    return 1;
}

int cx_json_article(cx_json_out *o, const cx_article *a)
{
    json_t *j = cx_article_to_json(a);
    if (!j)
        return o->ok = 0;
    size_t flags = pretty(o) ? JSON_INDENT(2) : JSON_COMPACT;
    char *s = json_dumps(j, flags);
    json_decref(j);
    if (!s)
        return o->ok = 0;
    int ok = 1;
    if (o->flags & CHORUS_OUT_JSONL) {
        ok = fputs(s, o->f) >= 0 && fputc('\n', o->f) != EOF;
    } else if (pretty(o)) {
        ok = fputs(o->count ? ",\n    " : "\n    ", o->f) >= 0 && write_indented(o->f, s, "    ");
    } else {
        ok = (!o->count || fputc(',', o->f) != EOF) && fputs(s, o->f) >= 0;
    }
    free(s); /* jansson allocates with malloc by default */
    o->count++;
    if (!ok)
        o->ok = 0;
    return ok;
}

/* A rewrite's aligned sentence pairs as [copy sentence, origin sentence]. */
static json_t *pairs_json(const cx_copy_out *c)
{
    json_t *p = json_loads(c->pairs, 0, NULL);
    if (!json_is_array(p)) {
        json_decref(p);
        return json_array();
    }
    if (c->pairs_flip) {
        size_t i;
        json_t *pr;
        json_array_foreach(p, i, pr) {
            json_t *x = json_incref(json_array_get(pr, 0));
            json_array_remove(pr, 0);
            json_array_append_new(pr, x);
        }
    }
    return p;
}

/* Closes the open array and opens the one of section sec under key (JSON
 * form only); nothing when it is open already. */
static int to_section(cx_json_out *o, int sec, const char *key)
{
    if (o->section == sec)
        return o->ok;
    if (o->section > sec)
        return o->ok = 0; /* out of the document's order: a bug, not bad input */
    int ok = o->ok && fputs(pretty(o) ? (o->count ? "\n  ]" : "]") : "]", o->f) >= 0;
    if (ok && key)
        ok = fprintf(o->f, pretty(o) ? ",\n  \"%s\": [" : ",\"%s\":[", key) >= 0;
    o->section = sec;
    o->count = 0;
    return o->ok = ok;
}

/* One element of the open array, as dumped by cx_json_dump. */
static int write_elem(cx_json_out *o, const char *dump)
{
    int ok = o->ok;
    if (ok && pretty(o))
        ok = fputs(o->count ? ",\n    " : "\n    ", o->f) >= 0 && write_indented(o->f, dump, "    ");
    else if (ok)
        ok = (!o->count || fputc(',', o->f) != EOF) && fputs(dump, o->f) >= 0;
    o->count++;
    return o->ok = ok;
}

char *cx_json_dump(const cx_json_out *o, const json_t *j)
{
    return j ? json_dumps(j, pretty(o) ? JSON_INDENT(2) : JSON_COMPACT) : NULL;
}

int cx_json_story_text(cx_json_out *o, const char *dump)
{
    if (!(o->flags & CHORUS_OUT_JSON))
        return 1;
    return to_section(o, SEC_STORIES, "stories") && write_elem(o, dump);
}

int cx_json_story(cx_json_out *o, const cx_story_out *st, const struct cx_story_view *v)
{
    if (!(o->flags & CHORUS_OUT_JSON))
        return 1;
    json_t *j = cx_story_to_json(st, v);
    char *dump = cx_json_dump(o, j);
    json_decref(j);
    if (!dump)
        return o->ok = 0;
    int ok = cx_json_story_text(o, dump);
    free(dump);
    return ok;
}

int cx_json_storyline(cx_json_out *o, int64_t id, const char *title, const int64_t *stories, size_t n,
                      json_t *timeline, json_t *extra)
{
    json_t *l = json_object(), *ids = json_array();
    int bad = !l || !ids || !(o->flags & CHORUS_OUT_JSON);
    for (size_t i = 0; !bad && i < n; i++)
        bad = json_array_append_new(ids, json_sprintf("s%lld", (long long)stories[i]));
    if (bad) {
        json_decref(l);
        json_decref(ids);
        json_decref(timeline);
        json_decref(extra);
        return !(o->flags & CHORUS_OUT_JSON);
    }
    if (json_object_set_new(l, "stories", ids) ||
        json_object_set_new(l, "id", json_sprintf("l%lld", (long long)id)) ||
        json_object_set_new(l, "title", title ? json_string(title) : json_null()) ||
        (timeline && json_object_set_new(l, "timeline", timeline)) ||
        (extra && json_object_update(l, extra))) {
        json_decref(extra);
        json_decref(l);
        return 0;
    }
    json_decref(extra);
    char *dump = cx_json_dump(o, l);
    json_decref(l);
    if (!dump)
        return o->ok = 0;
    int ok = to_section(o, SEC_STORYLINES, "storylines") && write_elem(o, dump);
    free(dump);
    return ok;
}

int cx_json_stories(cx_json_out *o, const cx_story_out *st, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!cx_json_story(o, &st[i], NULL))
            return 0;
    return 1;
}

int cx_json_copies(cx_json_out *o, const cx_copy_out *copies, size_t n_copies)
{
    if (!o || !(o->flags & CHORUS_OUT_JSON))
        return 1;
    int ok = to_section(o, SEC_COPIES, "copies");
    for (size_t i = 0; ok && i < n_copies; i++) {
        json_t *c = json_object();
        if (!c || json_object_set_new(c, "copy", json_string(copies[i].copy)) ||
            json_object_set_new(c, "origin", json_string(copies[i].origin)) ||
            json_object_set_new(c, "kind", json_string(cx_copy_kind_name((cx_copy_kind)copies[i].kind))) ||
            json_object_set_new(c, "similarity",
                                json_real((double)(long)(copies[i].similarity * 1000 + 0.5) / 1000)) ||
            json_object_set_new(c, "aligned", json_integer(copies[i].aligned)) ||
            (copies[i].pairs && json_object_set_new(c, "pairs", pairs_json(&copies[i])))) {
            json_decref(c);
            return o->ok = 0;
        }
        char *dump = json_dumps(c, (pretty(o) ? JSON_INDENT(2) : JSON_COMPACT) | JSON_REAL_PRECISION(6));
        json_decref(c);
        ok = dump && write_elem(o, dump);
        free(dump);
    }
    return o->ok = ok;
}

int cx_json_end(cx_json_out *o)
{
    if (!o)
        return 1;
    int ok = o->ok;
    if (o->flags & CHORUS_OUT_JSON)
        ok = to_section(o, SEC_DONE, NULL) && fputs(pretty(o) ? "\n}\n" : "}\n", o->f) >= 0;
    ok = ok && fflush(o->f) == 0;
    cx_free(o);
    return ok;
}
