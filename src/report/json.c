/*
 * json.c: the JSON contract writer (see report.h, docs/schema.md).
 *
 * The document is streamed: the opening is written first, then each article
 * as it is committed, then the closing, so memory does not grow with the run.
 */
#include "report/report.h"
#include "report/jw.h"
#include "cluster/cluster.h"
#include "dedup/dedup.h"
#include "quotes/quotes.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

static void span_pair(cx_jw *w, uint32_t s, uint32_t e)
{
    cx_jw_array(w);
    cx_jw_int(w, s);
    cx_jw_int(w, e);
    cx_jw_array_end(w);
}

/* dates[]: {"text","start","end","type","value","precision","sentence"} */
static void dates_jw(cx_jw *w, const cx_article *a)
{
    cx_jw_array(w);
    for (size_t i = 0; i < a->n_dates; i++) {
        const cx_timex *t = &a->dates[i];
        cx_jw_object(w);
        cx_jw_kstrn(w, "text", a->body + t->start, t->end - t->start);
        cx_jw_kint(w, "start", t->start);
        cx_jw_kint(w, "end", t->end);
        cx_jw_kstr(w, "type", cx_timex_type_name(t->type));
        cx_jw_kstr(w, "value", t->value);
        cx_jw_kstr(w, "precision", t->precision);
        cx_jw_kint(w, "sentence", t->sentence);
        cx_jw_object_end(w);
    }
    cx_jw_array_end(w);
}

/* A span of the body, or null when empty. */
static void body_span(cx_jw *w, const char *key, const char *body, uint32_t start, uint32_t end)
{
    cx_jw_key(w, key);
    if (end > start)
        cx_jw_strn(w, body + start, end - start);
    else
        cx_jw_null(w);
}

static void int_or_null(cx_jw *w, const char *key, int has, long long v)
{
    cx_jw_key(w, key);
    if (has)
        cx_jw_int(w, v);
    else
        cx_jw_null(w);
}

/* "entities" and "quotes" of the quotes stage (docs/quotes.md). */
static void quotes_jw(cx_jw *w, const cx_article *a, cx_buf *txt)
{
    const cx_quotes *q = a->quotes;
    const char *body = a->body ? a->body : "";
    cx_jw_key(w, "entities");
    cx_jw_array(w);
    for (size_t i = 0; i < q->n_entities; i++) {
        const cx_entity *e = &q->entities[i];
        cx_jw_object(w);
        cx_jw_kstr(w, "name", e->name);
        cx_jw_kstr(w, "type", cx_entity_type_name(e->type));
        cx_jw_kstr(w, "title", e->title);
        cx_jw_key(w, "mentions");
        cx_jw_array(w);
        for (uint32_t k = 0; k < e->n_mentions; k++)
            span_pair(w, e->mentions[k].start, e->mentions[k].end);
        cx_jw_array_end(w);
        cx_jw_object_end(w);
    }
    cx_jw_array_end(w);
    cx_jw_key(w, "quotes");
    cx_jw_array(w);
    for (size_t i = 0; i < q->n_quotes; i++) {
        const cx_quote *u = &q->quotes[i];
        cx_jw_object(w);
        /* text: the parts, joined by a space when the quote was split */
        cx_buf_reset(txt);
        for (uint32_t k = 0; k < u->n_parts; k++)
            if ((k && cx_buf_putc(txt, ' ')) ||
                cx_buf_append(txt, body + u->parts[k].start, u->parts[k].end - u->parts[k].start))
                w->failed = 1;
        cx_jw_kstrn(w, "text", txt->data ? txt->data : "", txt->len);
        cx_jw_kint(w, "start", u->span.start);
        cx_jw_kint(w, "end", u->span.end);
        cx_jw_key(w, "parts");
        cx_jw_array(w);
        for (uint32_t k = 0; k < u->n_parts; k++)
            span_pair(w, u->parts[k].start, u->parts[k].end);
        cx_jw_array_end(w);
        cx_jw_kstr(w, "kind", cx_quote_kind_name(u->kind));
        int cue = u->cue.end > u->cue.start, who = u->mention.end > u->mention.start;
        body_span(w, "cue", body, u->cue.start, u->cue.end);
        int_or_null(w, "cue_start", cue, u->cue.start);
        int_or_null(w, "cue_end", cue, u->cue.end);
        cx_jw_kstr(w, "speaker", u->speaker);
        body_span(w, "speaker_mention", body, u->mention.start, u->mention.end);
        int_or_null(w, "speaker_start", who, u->mention.start);
        int_or_null(w, "speaker_end", who, u->mention.end);
        int_or_null(w, "entity", u->entity >= 0, u->entity);
        cx_jw_kstr(w, "norm", u->norm ? u->norm : "");
        cx_jw_object_end(w);
    }
    cx_jw_array_end(w);
}

/* "boilerplate": [{kind, text}] from the article's "kind\ttext\n" records. */
static void boilerplate_jw(cx_jw *w, const char *r, size_t n)
{
    const char *end = r + n;
    cx_jw_key(w, "boilerplate");
    cx_jw_array(w);
    while (r < end) {
        const char *nl = memchr(r, '\n', (size_t)(end - r));
        if (!nl)
            nl = end;
        const char *tab = memchr(r, '\t', (size_t)(nl - r));
        if (tab) {
            cx_jw_object(w);
            cx_jw_kstrn(w, "kind", r, (size_t)(tab - r));
            cx_jw_kstrn(w, "text", tab + 1, (size_t)(nl - tab - 1));
            cx_jw_object_end(w);
        }
        r = nl + 1;
    }
    cx_jw_array_end(w);
}

/* ARTICLE of docs/schema.md. */
static void article_jw(cx_jw *w, const cx_article *a, cx_buf *scratch)
{
    cx_jw_object(w);
    cx_jw_kstr(w, "id", a->id ? a->id : "");
    cx_jw_kstr(w, "input", a->input);
    cx_jw_kstr(w, "outlet", a->outlet);
    cx_jw_kstr(w, "url", a->url);
    cx_jw_kstr(w, "published", a->published.prec ? a->published_iso : NULL);
    cx_jw_kstr(w, "published_precision", a->published.prec ? cx_precision_name(a->published.prec) : NULL);
    cx_jw_kstr(w, "language", a->language);
    cx_jw_kstr(w, "title", a->title);
    cx_jw_kstr(w, "byline", a->byline);
    cx_jw_kstrn(w, "body", a->body ? a->body : "", a->body ? a->body_len : 0);
    if (a->n_credits) {
        cx_jw_key(w, "credits");
        cx_jw_array(w);
        for (int i = 0; i < a->n_credits; i++)
            cx_jw_str(w, a->credits[i]);
        cx_jw_array_end(w);
    }
    if (a->boilerplate_len)
        boilerplate_jw(w, a->boilerplate, a->boilerplate_len);
    if (a->repairs)
        cx_jw_kint(w, "repairs", a->repairs);
    if (a->dates_done) {
        cx_jw_key(w, "dates");
        dates_jw(w, a);
    }
    if (a->quotes)
        quotes_jw(w, a, scratch);
    if (a->claims)
        cx_jw_statements(w, a);
    if (a->story > 0) {
        char sid[32];
        snprintf(sid, sizeof sid, "s%lld", (long long)a->story);
        cx_jw_kstr(w, "story", sid);
    }
    cx_jw_object_end(w);
}

char *cx_article_text(const cx_article *a, int pretty, int base, size_t *len)
{
    cx_buf b, scratch;
    cx_buf_init(&b, (size_t)1 << 31);
    cx_buf_init(&scratch, (size_t)1 << 31);
    cx_jw w;
    cx_jw_init(&w, &b, pretty, base);
    article_jw(&w, a, &scratch);
    cx_buf_free(&scratch);
    if (w.failed || cx_buf_putc(&b, '\0')) {
        cx_buf_free(&b);
        return NULL;
    }
    if (len)
        *len = b.len - 1;
    return b.data; /* the buffer's block: the caller frees it with cx_free */
}

json_t *cx_article_to_json(const cx_article *a)
{
    size_t n;
    char *t = cx_article_text(a, 0, 0, &n);
    json_t *j = t ? json_loadb(t, n, 0, NULL) : NULL;
    cx_free(t);
    return j;
}

/* The document's arrays, in the order they are written; each is streamed
 * one element at a time, so memory does not grow with the run. */
enum { SEC_ARTICLES, SEC_COPIES, SEC_STORIES, SEC_STORYLINES, SEC_MERGES, SEC_DONE };

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

/* Writes s[0..n) with every newline followed by indent (to nest a dumped object). */
static int write_indented_n(FILE *f, const char *s, size_t n, const char *indent)
{
    for (const char *p = s, *e = s + n; p < e;) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        size_t k = nl ? (size_t)(nl - p + 1) : (size_t)(e - p);
        if (fwrite(p, 1, k, f) != k)
            return 0;
        if (nl && fputs(indent, f) < 0)
            return 0;
        p += k;
    }
    return 1;
}

static int write_indented(FILE *f, const char *s, const char *indent)
{
    return write_indented_n(f, s, strlen(s), indent);
}

/* How an article's text is laid out in output of these flags: pretty in the
 * JSON document, nested two levels (in the object, in "articles"); compact
 * in the compact document and in JSON Lines. */
static int article_pretty(unsigned flags) { return (flags & CHORUS_OUT_JSON) && !(flags & CHORUS_OUT_COMPACT); }
static int article_base(unsigned flags) { return article_pretty(flags) ? 2 : 0; }

/* "{"id": " and the closing as they are laid out: the id is the first member. */
static const char *id_head(unsigned flags)
{
    return article_pretty(flags) ? "{\n      \"id\": " : "{\"id\":";
}
static const char *art_close(unsigned flags) { return article_pretty(flags) ? "\n    }" : "}"; }

static char *dump_string(const char *s)
{
    json_t *j = json_string(s ? s : "");
    char *d = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    json_decref(j);
    return d;
}

int cx_json_article_ahead(unsigned flags, cx_article *a)
{
    char *id = dump_string(a->id);
    if (id && !a->story) {
        a->json_text = cx_article_text(a, article_pretty(flags), article_base(flags), NULL);
        a->json_id = cx_arena_strdup(&a->arena, a->id ? a->id : "");
        a->json_id_end = strlen(id_head(flags)) + strlen(id);
    }
    free(id);
    if (a->json_text && a->json_id &&
        !strncmp(a->json_text, id_head(flags), strlen(id_head(flags))))
        return 1;
    cx_free(a->json_text);
    a->json_text = NULL;
    return 0;
}

static int put_piece(cx_json_out *o, const char *s, size_t n) { return fwrite(s, 1, n, o->f) == n; }

int cx_json_article(cx_json_out *o, const cx_article *a)
{
    char *own = NULL, *id = NULL;
    const char *s = a->json_text;
    if (!s && !(s = own = cx_article_text(a, article_pretty(o->flags), article_base(o->flags), NULL)))
        return o->ok = 0;
    int ok = 1;
    if (o->flags & CHORUS_OUT_JSONL)
        ;
    else if (pretty(o))
        ok = fputs(o->count ? ",\n    " : "\n    ", o->f) >= 0;
    else
        ok = !o->count || fputc(',', o->f) != EOF;
    size_t len = strlen(s);
    if (own || (!strcmp(a->id ? a->id : "", a->json_id) && a->story <= 0)) {
        ok = ok && put_piece(o, s, len);
    } else { /* made ahead: the id the store gave it, and its story */
        size_t head = strlen(id_head(o->flags)), close = strlen(art_close(o->flags));
        char story[64] = "";
        if (a->story > 0)
            snprintf(story, sizeof story, pretty(o) ? ",\n      \"story\": \"s%lld\"" : ",\"story\":\"s%lld\"",
                     (long long)a->story);
        ok = ok && (id = dump_string(a->id)) != NULL && len >= a->json_id_end + close &&
             put_piece(o, s, head) && put_piece(o, id, strlen(id)) &&
             put_piece(o, s + a->json_id_end, len - close - a->json_id_end) &&
             put_piece(o, story, strlen(story)) && put_piece(o, s + len - close, close);
    }
    if (o->flags & CHORUS_OUT_JSONL)
        ok = ok && fputc('\n', o->f) != EOF;
    cx_free(own);
    free(id); /* jansson's, from malloc */
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

char *cx_storyline_text(const cx_json_out *o, int64_t id, const char *title, const int64_t *stories, size_t n,
                        json_t *timeline, json_t *extra)
{
    json_t *l = json_object(), *ids = json_array();
    int bad = !l || !ids;
    for (size_t i = 0; !bad && i < n; i++)
        bad = json_array_append_new(ids, json_sprintf("s%lld", (long long)stories[i]));
    if (bad) {
        json_decref(l);
        json_decref(ids);
        json_decref(timeline);
        json_decref(extra);
        return NULL;
    }
    if (json_object_set_new(l, "stories", ids) ||
        json_object_set_new(l, "id", json_sprintf("l%lld", (long long)id)) ||
        json_object_set_new(l, "title", title ? json_string(title) : json_null()) ||
        (timeline && json_object_set_new(l, "timeline", timeline)) ||
        (extra && json_object_update(l, extra))) {
        json_decref(extra);
        json_decref(l);
        return NULL;
    }
    json_decref(extra);
    char *dump = cx_json_dump(o, l);
    json_decref(l);
    return dump;
}

int cx_json_storyline_text(cx_json_out *o, const char *dump)
{
    if (!(o->flags & CHORUS_OUT_JSON))
        return 1;
    return to_section(o, SEC_STORYLINES, "storylines") && write_elem(o, dump);
}

int cx_json_storyline(cx_json_out *o, int64_t id, const char *title, const int64_t *stories, size_t n,
                      json_t *timeline, json_t *extra)
{
    if (!(o->flags & CHORUS_OUT_JSON)) {
        json_decref(timeline);
        json_decref(extra);
        return 1;
    }
    char *dump = cx_storyline_text(o, id, title, stories, n, timeline, extra);
    if (!dump)
        return o->ok = 0;
    int ok = cx_json_storyline_text(o, dump);
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

int cx_json_story_merges(cx_json_out *o, const int64_t *pairs, size_t n)
{
    if (!o || !(o->flags & CHORUS_OUT_JSON) || n == 0)
        return 1;
    int ok = to_section(o, SEC_MERGES, "story_merges");
    for (size_t i = 0; ok && i < n; i++) {
        char elem[96];
        snprintf(elem, sizeof elem, pretty(o) ? "{\n  \"story\": \"s%lld\",\n  \"into\": \"s%lld\"\n}"
                                              : "{\"story\":\"s%lld\",\"into\":\"s%lld\"}",
                 (long long)pairs[2 * i], (long long)pairs[2 * i + 1]);
        ok = write_elem(o, elem);
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
