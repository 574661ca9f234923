/*
 * snapshot.c: the read side of the server (see serve.h): every GET reply of
 * the API, serialised once from the document chorus_show writes, so a GET
 * is a lookup and a copy-free send.
 *
 *   /api/stories      {"stories": [STORY...], "storylines"?: [...],
 *                      "unassigned": [{"id","title","outlet","published","story"}]}
 *   /api/stories/ID   {"story": STORY, "articles": [ARTICLE...], "copies"?: [COPY...]}
 *   /api/articles/ID  {"article": ARTICLE, "copies"?: [COPY...], "related": {id: lite}}
 *
 * "copies" is present when the document has copies (the copies stage ran);
 * a story's copies are those with either end among its articles. Replies of
 * 1 KB or more are kept gzip'd as well, for clients that accept it.
 */
#include "serve/serve.h"
#include "util/alloc.h"

#include <jansson.h>
#include <stdio.h>
#include <zlib.h>
#include <stdlib.h>
#include <string.h>

/* One reply, as JSON text and, when 1 KB or more, gzip'd too: browsers
 * accept gzip, and a story's JSON (tens to hundreds of KB) shrinks five- to
 * tenfold, which is most of what a GET costs to send. */
typedef struct snap_reply {
    char *text; /* json_dumps memory */
    size_t len;
    unsigned char *gz; /* NULL when not kept compressed */
    size_t gz_len;
} snap_reply;

struct cx_snapshot {
    json_t *index; /* "s" + story id / "a" + article id -> reply number */
    snap_reply *r;
    size_t n, cap;
    snap_reply list;
};

enum { GZIP_MIN = 1024 };

/* Fills r->gz with a gzip member of r->text (zlib level 1: the snapshot is
 * rebuilt after every ingest). 0 when out of memory. */
static int compress_reply(snap_reply *r)
{
    r->gz = NULL;
    r->gz_len = 0;
    if (r->len < GZIP_MIN)
        return 1;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return 0;
    uLong bound = deflateBound(&z, (uLong)r->len);
    unsigned char *out = cx_malloc(bound);
    int ok = out != NULL;
    if (ok) {
        z.next_in = (Bytef *)r->text;
        z.avail_in = (uInt)r->len;
        z.next_out = out;
        z.avail_out = (uInt)bound;
        ok = deflate(&z, Z_FINISH) == Z_STREAM_END;
    }
    deflateEnd(&z);
    if (!ok) {
        cx_free(out);
        return 0;
    }
    r->gz = out;
    r->gz_len = bound - z.avail_out;
    return 1;
}

static int add_reply(cx_snapshot *s, const char *kind, const char *id, json_t *reply_json)
{
    char *t = json_dumps(reply_json, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(reply_json);
    if (!t)
        return 0;
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        snap_reply *nr = cx_realloc(s->r, nc * sizeof *nr);
        if (!nr) {
            free(t);
            return 0;
        }
        s->r = nr;
        s->cap = nc;
    }
    char key[1024];
    snprintf(key, sizeof key, "%s%s", kind, id);
    if (json_object_set_new(s->index, key, json_integer((json_int_t)s->n))) {
        free(t);
        return 0;
    }
    snap_reply *r = &s->r[s->n];
    r->text = t;
    r->len = strlen(t);
    s->n++; /* counted first: freed with the snapshot whatever happens next */
    return compress_reply(r);
}

static json_t *lite(json_t *a)
{
    json_t *l = json_object();
    const char *keys[] = {"id", "title", "outlet", "published", "story"};
    for (size_t i = 0; l && i < sizeof keys / sizeof *keys; i++) {
        json_t *v = json_object_get(a, keys[i]);
        json_object_set(l, keys[i], v ? v : json_null());
    }
    return l;
}

cx_snapshot *cx_snapshot_build(const char *json, size_t len)
{
    json_error_t je;
    json_t *doc = json_loadb(json, len, 0, &je);
    json_t *arts = json_object_get(doc, "articles");
    if (!json_is_array(arts)) {
        json_decref(doc);
        return NULL;
    }
    cx_snapshot *s = cx_calloc(1, sizeof *s);
    json_t *by_id = json_object(), *copies_of = json_object();
    if (!s || !by_id || !copies_of || !(s->index = json_object()))
        goto fail;
    json_t *stories = json_object_get(doc, "stories");
    json_t *copies = json_object_get(doc, "copies");
    int have_copies = json_is_array(copies);
    size_t i, k;
    json_t *a, *c, *st, *v;
    json_array_foreach(arts, i, a) {
        const char *id = json_string_value(json_object_get(a, "id"));
        if (id && json_object_set(by_id, id, a))
            goto fail;
    }
    json_array_foreach(copies, i, c) {
        const char *ends[2] = {json_string_value(json_object_get(c, "copy")),
                               json_string_value(json_object_get(c, "origin"))};
        for (int e = 0; e < 2; e++) {
            if (!ends[e] || (e == 1 && ends[0] && !strcmp(ends[0], ends[1])))
                continue;
            json_t *arr = json_object_get(copies_of, ends[e]);
            if (!arr && (!(arr = json_array()) || json_object_set_new(copies_of, ends[e], arr)))
                goto fail;
            if (json_array_append(arr, c))
                goto fail;
        }
    }
    /* the list */
    json_t *list = json_object(), *unassigned = json_array();
    if (!list || !unassigned) {
        json_decref(list);
        json_decref(unassigned);
        goto fail;
    }
    json_object_set_new(list, "stories", json_is_array(stories) ? json_incref(stories) : json_array());
    if (json_object_get(doc, "storylines"))
        json_object_set(list, "storylines", json_object_get(doc, "storylines"));
    json_array_foreach(arts, i, a)
        if (!json_is_string(json_object_get(a, "story")))
            json_array_append_new(unassigned, lite(a));
    json_object_set_new(list, "unassigned", unassigned);
    s->list.text = json_dumps(list, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(list);
    if (!s->list.text)
        goto fail;
    s->list.len = strlen(s->list.text);
    if (!compress_reply(&s->list))
        goto fail;
    /* one reply per story */
    json_array_foreach(stories, i, st) {
        const char *sid = json_string_value(json_object_get(st, "id"));
        if (!sid)
            continue;
        json_t *members = json_array(), *mine = have_copies ? json_array() : NULL, *seen = json_object();
        json_t *reply = json_object();
        if (!members || !seen || !reply || (have_copies && !mine)) {
            json_decref(members), json_decref(mine), json_decref(seen), json_decref(reply);
            goto fail;
        }
        json_array_foreach(json_object_get(st, "articles"), k, v) {
            const char *aid = json_string_value(v);
            json_t *art = aid ? json_object_get(by_id, aid) : NULL;
            if (art)
                json_array_append(members, art);
            size_t j;
            json_t *cp;
            json_array_foreach(aid ? json_object_get(copies_of, aid) : NULL, j, cp) {
                char key[64];
                snprintf(key, sizeof key, "%p", (void *)cp);
                if (json_object_get(seen, key))
                    continue;
                json_object_set_new(seen, key, json_true());
                json_array_append(mine, cp);
            }
        }
        json_decref(seen);
        json_object_set(reply, "story", st);
        json_object_set_new(reply, "articles", members);
        if (mine)
            json_object_set_new(reply, "copies", mine);
        if (!add_reply(s, "s", sid, reply))
            goto fail;
    }
    /* one reply per article */
    json_array_foreach(arts, i, a) {
        const char *aid = json_string_value(json_object_get(a, "id"));
        if (!aid)
            continue;
        json_t *reply = json_object(), *related = json_object();
        if (!reply || !related) {
            json_decref(reply), json_decref(related);
            goto fail;
        }
        json_object_set(reply, "article", a);
        json_t *mine = json_object_get(copies_of, aid);
        if (have_copies)
            json_object_set_new(reply, "copies", mine ? json_incref(mine) : json_array());
        size_t j;
        json_t *cp;
        json_array_foreach(mine, j, cp) {
            const char *ends[2] = {json_string_value(json_object_get(cp, "copy")),
                                   json_string_value(json_object_get(cp, "origin"))};
            for (int e = 0; e < 2; e++) {
                json_t *other = ends[e] && strcmp(ends[e], aid) ? json_object_get(by_id, ends[e]) : NULL;
                if (other)
                    json_object_set_new(related, ends[e], lite(other));
            }
        }
        json_object_set_new(reply, "related", related);
        if (!add_reply(s, "a", aid, reply))
            goto fail;
    }
    json_decref(by_id);
    json_decref(copies_of);
    json_decref(doc);
    return s;
fail:
    json_decref(by_id);
    json_decref(copies_of);
    json_decref(doc);
    cx_snapshot_free(s);
    return NULL;
}

/* r's text, or its gzip when wanted and kept. */
static const char *pick(const snap_reply *r, int *gzip, size_t *len)
{
    if (*gzip && r->gz) {
        *len = r->gz_len;
        return (const char *)r->gz;
    }
    *gzip = 0;
    *len = r->len;
    return r->text;
}

static const char *lookup(const cx_snapshot *s, const char *kind, const char *id, int *gzip, size_t *len)
{
    char key[1024];
    if ((size_t)snprintf(key, sizeof key, "%s%s", kind, id) >= sizeof key)
        return NULL;
    json_t *v = json_object_get(s->index, key);
    if (!v)
        return NULL;
    return pick(&s->r[(size_t)json_integer_value(v)], gzip, len);
}

const char *cx_snapshot_stories(const cx_snapshot *s, int *gzip, size_t *len)
{
    return pick(&s->list, gzip, len);
}
const char *cx_snapshot_story(const cx_snapshot *s, const char *id, int *gzip, size_t *len)
{
    return lookup(s, "s", id, gzip, len);
}
const char *cx_snapshot_article(const cx_snapshot *s, const char *id, int *gzip, size_t *len)
{
    return lookup(s, "a", id, gzip, len);
}

void cx_snapshot_free(cx_snapshot *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->r[i].text); /* json_dumps memory */
        cx_free(s->r[i].gz);
    }
    cx_free(s->r);
    free(s->list.text);
    cx_free(s->list.gz);
    json_decref(s->index);
    cx_free(s);
}
