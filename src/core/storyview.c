/*
 * storyview.c: builds a story's view (storyview.h) and runs the story-level
 * stages over it.
 *
 * The store keeps bodies, not analyses, so the articles are analysed again
 * here (layers.h): a story of forty articles costs forty analyses, once per
 * output of the story.
 */
#include "core/storyview.h"
#include "brief/brief.h"
#include "time/timeline.h"
#include "core/layers.h"
#include "claims/claims.h"
#include "dedup/dedup.h"
#include "quotes/quotes.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct load_ctx {
    cx_story_view *v;
    size_t cap;
    int nomem;
    int layers; /* run the per-article layers as articles are read */
} load_ctx;

static int take(void *ctx, cx_article *a)
{
    load_ctx *l = ctx;
    cx_story_member *m = cx_grow(l->v->members, &l->cap, l->v->n_members + 1, sizeof *m, 8);
    if (m)
        l->v->members = m;
    if (!m || (l->layers && !cx_layers_run(a))) {
        cx_article_free(a);
        l->nomem = 1;
        return 1;
    }
    m[l->v->n_members++] = (cx_story_member){a, -1, 0};
    return 0;
}

/* Publication order: dated before undated, then by row. */
static int by_published(const void *x, const void *y)
{
    const cx_article *a = ((const cx_story_member *)x)->a, *b = ((const cx_story_member *)y)->a;
    int da = a->published.prec != CX_PREC_NONE, db = b->published.prec != CX_PREC_NONE;
    if (da != db)
        return db - da;
    if (da) {
        int64_t ea = cx_date_epoch(&a->published), eb = cx_date_epoch(&b->published);
        if (ea != eb)
            return ea < eb ? -1 : 1;
    }
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int member_of(const cx_story_view *v, const char *id)
{
    for (size_t i = 0; id && i < v->n_members; i++)
        if (v->members[i].a->id && !strcmp(v->members[i].a->id, id))
            return (int)i;
    return -1;
}

static int by_copy_id(const void *x, const void *y)
{
    const cx_copy_out *a = *(const cx_copy_out *const *)x, *b = *(const cx_copy_out *const *)y;
    int c = strcmp(a->copy ? a->copy : "", b->copy ? b->copy : "");
    return c ? c : (a < b ? -1 : a > b); /* ties in array order */
}

int cx_copy_lookup_init(cx_copy_lookup *l, const cx_copy_out *copies, size_t n)
{
    l->n = n;
    l->by_copy = cx_malloc((n ? n : 1) * sizeof *l->by_copy);
    if (!l->by_copy)
        return 0;
    for (size_t i = 0; i < n; i++)
        l->by_copy[i] = &copies[i];
    if (n > 1)
        qsort(l->by_copy, n, sizeof *l->by_copy, by_copy_id);
    return 1;
}

void cx_copy_lookup_free(cx_copy_lookup *l)
{
    cx_free(l->by_copy);
    l->by_copy = NULL;
    l->n = 0;
}

/* The relation of copy id, the last in the relations' order when several. */
static const cx_copy_out *relation_of(const cx_copy_lookup *l, const char *id)
{
    if (!id || !l)
        return NULL;
    size_t lo = 0, hi = l->n;
    while (lo < hi) { /* the first not below id */
        size_t m = (lo + hi) / 2;
        const char *c = l->by_copy[m]->copy ? l->by_copy[m]->copy : "";
        if (strcmp(c, id) < 0)
            lo = m + 1;
        else
            hi = m;
    }
    const cx_copy_out *r = NULL;
    for (; lo < l->n && l->by_copy[lo]->copy && !strcmp(l->by_copy[lo]->copy, id); lo++)
        r = l->by_copy[lo];
    return r;
}

static cx_story_view *view_read(cx_store *s, int64_t id, const cx_copy_lookup *cl, char *err, size_t errlen,
                                int layers)
{
    cx_story_view *v = cx_calloc(1, sizeof *v);
    if (!v) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    cx_arena_init(&v->arena);
    v->id = id;
    load_ctx l = {v, 0, 0, layers};
    int r = cx_store_story_articles(s, id, take, &l);
    if (r != 1) {
        snprintf(err, errlen, "%s", l.nomem ? "out of memory" : cx_store_errmsg(s));
        cx_story_view_free(v);
        return NULL;
    }
    if (v->n_members > 1)
        qsort(v->members, v->n_members, sizeof *v->members, by_published);
    /* each member's copy relation, looked up by its id: scanning every
     * relation of the store for every story made a long run's output
     * quadratic */
    for (size_t i = 0; i < v->n_members; i++) {
        const cx_copy_out *rel = relation_of(cl, v->members[i].a->id);
        if (!rel)
            continue;
        v->members[i].origin = member_of(v, rel->origin);
        v->members[i].copy_kind = rel->kind;
    }
    return v;
}

cx_story_view *cx_story_view_load(cx_store *s, int64_t id, const cx_copy_lookup *copies, char *err, size_t errlen)
{
    return view_read(s, id, copies, err, errlen, 1);
}

cx_story_view *cx_story_view_read(cx_store *s, int64_t id, const cx_copy_lookup *copies, char *err, size_t errlen)
{
    return view_read(s, id, copies, err, errlen, 0);
}

int cx_story_view_layers(cx_story_view *v)
{
    for (size_t i = 0; i < v->n_members; i++)
        if (!cx_layers_run(v->members[i].a))
            return 0;
    return 1;
}

int cx_story_view_run(cx_story_view *v, const cx_story_opts *o)
{
    if (!(v->quote_groups = cx_quote_groups_build(&v->arena, v)))
        return 0;
    /* the story-level stages read plain arrays: any set of articles */
    size_t n = v->n_members;
    int *origin = cx_arena_alloc(&v->arena, (n + 1) * sizeof *origin);
    int32_t *copy_of = cx_arena_alloc(&v->arena, (n + 1) * sizeof *copy_of);
    cx_article **arts = cx_arena_alloc(&v->arena, (n + 1) * sizeof *arts);
    v->arts = cx_arena_alloc(&v->arena, (n + 1) * sizeof *v->arts);
    v->brief = cx_arena_calloc(&v->arena, 1, sizeof *v->brief);
    if (!origin || !copy_of || !arts || !v->arts || !v->brief)
        return 0;
    for (size_t i = 0; i < n; i++) {
        arts[i] = v->members[i].a;
        v->arts[i] = v->members[i].a;
        origin[i] = v->members[i].origin;
        copy_of[i] = v->members[i].origin;
    }
    if (!(v->claims = cx_claims_story(&v->arena, arts, n, copy_of)))
        return 0;
    if (!cx_timeline_build(&v->arena, v->arts, origin, n, &v->timeline, &v->n_timeline))
        return 0;
    if (!cx_brief_build(&v->arena, v->arts, origin, n, o ? o->brief_sentences : CX_BRIEF_DEFAULT_SENTS,
                        v->brief))
        return 0;
    return 1;
}

void cx_story_view_free(cx_story_view *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n_members; i++)
        cx_article_free(v->members[i].a);
    cx_free(v->members);
    cx_arena_free(&v->arena);
    cx_free(v);
}
