/*
 * test_stories.c: the stories stage: the samples' three events (event 1 and
 * the similar event 2 kept apart, the follow-up seven months later a new
 * story), the stories[] shape, and the clustering module on its own (similar
 * texts join, different ones do not, a copy joins its origin's story, a long
 * gap opens a new story).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/cluster.h"
#include "core/article.h"
#include "helpers.h"
#include "text/text.h"
#include "util/alloc.h"

/* The story of the article read from the input whose path ends with name. */
static const char *story_of(json_t *doc, const char *name)
{
    size_t i, n = strlen(name);
    json_t *a;
    json_array_foreach(json_object_get(doc, "articles"), i, a) {
        const char *in = json_string_value(json_object_get(a, "input"));
        size_t k = in ? strlen(in) : 0;
        if (k >= n && !strcmp(in + k - n, name)) {
            const char *s = json_string_value(json_object_get(a, "story"));
            assert_non_null(s);
            return s;
        }
    }
    fail_msg("no article from %s", name);
    return NULL;
}

static json_t *story_by_id(json_t *doc, const char *id)
{
    return t_find_by(json_object_get(doc, "stories"), "id", id);
}

typedef struct story_prog {
    int calls;
    uint64_t done, total;
} story_prog;

static void on_story_prog(void *ctx, uint64_t done, uint64_t total)
{
    story_prog *p = ctx;
    assert_true(done <= total);
    assert_true(done >= p->done); /* never backwards */
    p->calls++;
    p->done = done;
    p->total = total;
}

/* The story output at the end of a run says how far it is: its last call has
 * every story of the run written. */
static void test_story_progress(void **state)
{
    (void)state;
    t_result r;
    remove(t_tmp("prog.db"));
    chorus *c = t_engine(&r, t_tmp("prog.db"));
    FILE *devnull = fopen("/dev/null", "w");
    assert_non_null(devnull);
    chorus_set_output(c, devnull, CHORUS_OUT_JSON);
    story_prog p = {0, 0, 0};
    chorus_set_story_progress_handler(c, on_story_prog, &p);
    assert_int_equal(chorus_add_input(c, t_src("samples")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    chorus_free(c);
    fclose(devnull);
    t_result_free(&r);
    assert_true(p.calls >= 1);
    assert_true(p.total >= 3); /* the samples tell several events */
    assert_int_equal(p.done, p.total);
}

static void test_samples_events(void **state)
{
    (void)state;
    char args[1024];
    snprintf(args, sizeof args, "analyze --db :memory: --compact --quiet '%s'", t_src("samples"));
    json_t *doc = t_run_doc(args);

    /* event 1: the Quayside ramp collapse, A01-A08 and A11 */
    static const char *const ev1[] = {
        "feed.jsonl:1",                                   /* A01 */
        "channel9-quayside-walkway-collapse.html",        /* A02 */
        "tidewire-port-ardent-ramp-collapse.html",        /* A03 */
        "saltmarshcourier-twelve-hurt-ferry-walkway.txt", /* A04 */
        "dailyclarion-ferry-walkway-horror.html",         /* A05 */
        "crawl.warc.gz@1318",                             /* A06 */
        "harbourherald-ramp-inspection-never-done.html",  /* A07 */
        "feed.jsonl:2",                                   /* A08 */
        "vpr-contractor-denies-skipped-inspection.txt",   /* A11 */
    };
    /* event 2: the Greywater gangway collapse, A09 and A10 */
    static const char *const ev2[] = {"saltmarshcourier-greywater-gangway.txt.gz", "feed.jsonl:3"};
    /* event 3: the inquiry's report seven months later, A12-A14 */
    static const char *const ev3[] = {"crawl.warc.gz@10759", "feed.jsonl:4",
                                      "saltmarshcourier-castellan-inquiry-reaction.txt"};
    const char *s1 = story_of(doc, ev1[0]), *s2 = story_of(doc, ev2[0]), *s3 = story_of(doc, ev3[0]);
    for (size_t i = 0; i < sizeof ev1 / sizeof ev1[0]; i++)
        assert_string_equal(story_of(doc, ev1[i]), s1);
    for (size_t i = 0; i < sizeof ev2 / sizeof ev2[0]; i++)
        assert_string_equal(story_of(doc, ev2[i]), s2);
    for (size_t i = 0; i < sizeof ev3 / sizeof ev3[0]; i++)
        assert_string_equal(story_of(doc, ev3[i]), s3);
    assert_string_not_equal(s1, s2);
    assert_string_not_equal(s1, s3);
    assert_string_not_equal(s2, s3);

    /* stories[]: exactly these three, with their fields */
    assert_int_equal(json_array_size(json_object_get(doc, "stories")), 3);
    json_t *st1 = story_by_id(doc, s1), *st2 = story_by_id(doc, s2), *st3 = story_by_id(doc, s3);
    assert_non_null(st1);
    assert_non_null(st2);
    assert_non_null(st3);
    assert_int_equal(json_array_size(json_object_get(st1, "articles")), 9);
    assert_int_equal(json_array_size(json_object_get(st2, "articles")), 2);
    assert_int_equal(json_array_size(json_object_get(st3, "articles")), 3);
    const char *title = json_string_value(json_object_get(st1, "title"));
    assert_non_null(title);
    assert_true(strstr(title, "amp") || strstr(title, "walkway")); /* a ramp/walkway headline */
    assert_string_equal(json_string_value(json_object_get(st1, "first_published")), "2025-03-10T09:05:00Z");
    assert_true(!strncmp(json_string_value(json_object_get(st1, "last_published")), "2025-03-12", 10));
    assert_true(!strncmp(json_string_value(json_object_get(st3, "first_published")), "2025-10-14", 10));
    assert_int_equal(json_array_size(json_object_get(st1, "outlets")), 7);
    assert_int_equal(json_array_size(json_object_get(st2, "outlets")), 2);

    /* storylines: the inquiry's report continues the collapse; the Greywater
     * collapse of the next day, alike in words, is a storyline of its own */
    const char *l1 = json_string_value(json_object_get(st1, "storyline"));
    const char *l2 = json_string_value(json_object_get(st2, "storyline"));
    const char *l3 = json_string_value(json_object_get(st3, "storyline"));
    assert_non_null(l1);
    assert_non_null(l2);
    assert_non_null(l3);
    assert_string_equal(l1, l3);
    assert_string_not_equal(l1, l2);
    json_t *lines = json_object_get(doc, "storylines");
    assert_int_equal(json_array_size(lines), 2);
    json_t *line1 = t_find_by(lines, "id", l1), *line2 = t_find_by(lines, "id", l2);
    assert_non_null(line1);
    assert_non_null(line2);
    json_t *members = json_object_get(line1, "stories");
    assert_int_equal(json_array_size(members), 2);
    assert_string_equal(json_string_value(json_array_get(members, 0)), s1); /* in date order */
    assert_string_equal(json_string_value(json_array_get(members, 1)), s3);
    assert_string_equal(json_string_value(json_object_get(line1, "title")),
                        json_string_value(json_object_get(st1, "title")));
    assert_int_equal(json_array_size(json_object_get(line2, "stories")), 1);
    /* the storyline's claims meet the allegation (March) and the inquiry's
     * ruling on it (October): origin, relays, denial and ruling in one claim */
    size_t i;
    json_t *cl, *ruled = NULL;
    json_array_foreach(json_object_get(line1, "claims"), i, cl) {
        if (json_array_size(json_object_get(cl, "rulings")) && json_array_size(json_object_get(cl, "denials")))
            ruled = cl;
    }
    assert_non_null(ruled);
    json_t *origin = json_object_get(ruled, "origin");
    assert_string_equal(json_string_value(json_object_get(origin, "outlet")), "The Harbour Herald");
    int c9 = 0, vpr = 0, vantreight = 0, unfounded = 0;
    json_t *x;
    json_array_foreach(json_object_get(ruled, "relayed_by"), i, x) {
        c9 |= !strcmp(json_string_value(json_object_get(x, "outlet")), "Channel 9 News");
        vpr |= !strcmp(json_string_value(json_object_get(x, "outlet")), "Veloria Public Radio");
    }
    json_array_foreach(json_object_get(ruled, "denials"), i, x) {
        const char *who = json_string_value(json_object_get(x, "who"));
        vantreight |= who && !strcmp(who, "Gregor Vantreight");
    }
    json_array_foreach(json_object_get(ruled, "rulings"), i, x) {
        const char *v = json_string_value(json_object_get(x, "verdict"));
        unfounded |= v && !strcmp(v, "unfounded");
    }
    assert_true(c9 && vpr && vantreight && unfounded);
    assert_null(json_object_get(line2, "claims")); /* one story: its claims are the story's */
    json_decref(doc);
}

/* A second analyze on the same store goes on with the stories of the first:
 * event 1's later articles join the story its first articles opened, and
 * show prints every stored story. */
static void test_incremental(void **state)
{
    (void)state;
    char args[1024];
    remove(t_tmp("inc.db"));
    snprintf(args, sizeof args, "analyze --db '%s' --compact --quiet '%s' '%s'", t_tmp("inc.db"),
             t_src("samples/html"), t_src("samples/text"));
    json_t *d1 = t_run_doc(args);
    const char *s1 = story_of(d1, "channel9-quayside-walkway-collapse.html");
    const char *s2 = story_of(d1, "saltmarshcourier-greywater-gangway.txt.gz");
    assert_string_not_equal(s1, s2);

    snprintf(args, sizeof args, "analyze --db '%s' --compact --quiet '%s' '%s'", t_tmp("inc.db"),
             t_src("samples/feed.jsonl"), t_src("samples/crawl.warc.gz"));
    json_t *d2 = t_run_doc(args);
    assert_string_equal(story_of(d2, "feed.jsonl:1"), s1);
    assert_string_equal(story_of(d2, "feed.jsonl:2"), s1);
    assert_string_equal(story_of(d2, "crawl.warc.gz@1318"), s1);
    assert_string_equal(story_of(d2, "feed.jsonl:3"), s2);
    /* the run's stories list their articles of both runs */
    json_t *st = story_by_id(d2, s1);
    assert_non_null(st);
    assert_int_equal(json_array_size(json_object_get(st, "articles")), 9);
    assert_string_equal(story_of(d2, "crawl.warc.gz@10759"), story_of(d2, "feed.jsonl:4"));
    assert_string_not_equal(story_of(d2, "crawl.warc.gz@10759"), s1);

    snprintf(args, sizeof args, "show --db '%s' --compact", t_tmp("inc.db"));
    json_t *d3 = t_run_doc(args);
    /* every story an article names is listed, once */
    size_t i, n_named = 0;
    json_t *a;
    json_array_foreach(json_object_get(d3, "articles"), i, a) {
        const char *id = json_string_value(json_object_get(a, "story"));
        assert_non_null(id);
        assert_non_null(story_by_id(d3, id));
        size_t k;
        json_t *b;
        int seen = 0;
        json_array_foreach(json_object_get(d3, "articles"), k, b) {
            if (k >= i)
                break;
            seen |= !strcmp(json_string_value(json_object_get(b, "story")), id);
        }
        n_named += !seen;
    }
    assert_int_equal(json_array_size(json_object_get(d3, "stories")), n_named);
    assert_string_equal(story_of(d3, "feed.jsonl:3"), s2);
    json_decref(d1);
    json_decref(d2);
    json_decref(d3);
}

/* A stand-alone article for the module. */
static cx_article *make(const char *id, const char *title, const char *body, const char *published)
{
    cx_article *a = cx_article_new();
    assert_non_null(a);
    a->id = cx_arena_strdup(&a->arena, id);
    a->title = cx_arena_strdup(&a->arena, title);
    a->body = cx_arena_strdup(&a->arena, body);
    a->body_len = strlen(body);
    a->outlet = cx_arena_strdup(&a->arena, "Test Outlet");
    if (published) {
        assert_true(cx_date_parse(published, strlen(published), &a->published));
        cx_date_format(&a->published, a->published_iso);
    }
    a->text = cx_text_analyze(&a->arena, a->body, a->body_len);
    assert_non_null(a->text);
    return a;
}

/* The merge pass tells its caller of each merge: from, into. */
static int on_merge(void *ctx, int64_t from, int64_t into)
{
    int64_t *seen = ctx;
    seen[0] = from;
    seen[1] = into;
    return 1;
}

static int64_t last_merge[2]; /* the last merge add() saw */

static int64_t add(cx_cluster *cl, int64_t seq, int64_t copy_story, const char *title, const char *body,
                   const char *published)
{
    char id[16];
    snprintf(id, sizeof id, "t%lld", (long long)seq);
    cx_article *a = make(id, title, body, published);
    int64_t s = cx_cluster_add(cl, a, copy_story);
    cx_article_free(a);
    assert_true(s > 0);
    assert_true(cx_cluster_merge(cl, on_merge, last_merge) >= 0); /* after each article, as chorus runs it */
    return s;
}

static void test_module(void **state)
{
    (void)state;
    cx_cluster *cl = cx_cluster_new();
    assert_non_null(cl);
    const char *fire = "A fire destroyed the Orlen Street bakery in Dunmere on Sunday night. Firefighters "
                       "from Dunmere and Kelby fought the blaze for four hours. Owner Ilse Marrow said the "
                       "bakery had stood for 62 years.";
    const char *fire2 = "The Orlen Street bakery in Dunmere burned down on Sunday night, and firefighters "
                        "from Kelby helped their Dunmere colleagues for four hours. Ilse Marrow, the owner, "
                        "said the family bakery was 62 years old.";
    const char *vote = "Councillors in Brackwater voted to close the Tessel Road library after a budget "
                       "review by Mayor Oswin Pell. The library will shut in June and its books will move "
                       "to the town hall.";
    int64_t a = add(cl, 1, 0, "Fire destroys Dunmere bakery", fire, "2024-05-05");
    int64_t b = add(cl, 2, 0, "Dunmere bakery burns down", fire2, "2024-05-06");
    int64_t c = add(cl, 3, 0, "Brackwater votes to close library", vote, "2024-05-06");
    assert_int_equal(a, b);
    assert_int_not_equal(a, c);
    /* a copy joins its origin's story; a "copy" that shares no words with it
     * (a template the copies stage matched) does not */
    int64_t d = add(cl, 4, c, "Brackwater library to close", vote, "2024-05-07");
    assert_int_equal(d, c);
    int64_t g = add(cl, 7, c, "Short note", "Something else entirely about a regatta.", "2024-05-07");
    assert_int_not_equal(g, c);
    /* the same words a year later: a new story (time decay) */
    int64_t f = add(cl, 5, 0, "Fire destroys Dunmere bakery", fire, "2025-06-01");
    assert_int_not_equal(f, a);

    cx_story_out *so;
    size_t n;
    assert_true(cx_cluster_stories(cl, &so, &n));
    assert_int_equal(n, 4);
    assert_int_equal(so[0].id, a);
    assert_int_equal(so[0].n_articles, 2);
    assert_string_equal(so[0].articles[1], "t2");
    assert_string_equal(so[0].first_published, "2024-05-05");
    assert_string_equal(so[0].last_published, "2024-05-06");
    assert_int_equal(so[0].n_outlets, 1);
    assert_non_null(so[0].title);
    cx_free(so);
    cx_cluster_run_end(cl);
    assert_true(cx_cluster_stories(cl, &so, &n));
    assert_int_equal(n, 0);
    /* the state outlives the run: the fire story goes on */
    assert_int_equal(add(cl, 6, 0, "Dunmere bakery fire: owner thanks firefighters", fire2, "2025-06-02"), f);
    cx_cluster_free(cl);
}

/* The order the samples are read in no longer splits event 1: read
 * samples/text first, the contractor's denial (A11) comes before any
 * article about the inspection and opens a story of its own, which the
 * Herald's inspection report then joins; the merge pass joins that story to
 * event 1's when they have grown toward each other. Without the pass event
 * 1 came out as 7 + 2 articles. */
static void test_merge_order(void **state)
{
    (void)state;
    char args[2048];
    snprintf(args, sizeof args, "analyze --db :memory: --compact --quiet '%s' '%s' '%s' '%s'",
             t_src("samples/text"), t_src("samples/html"), t_src("samples/feed.jsonl"),
             t_src("samples/crawl.warc.gz"));
    json_t *doc = t_run_doc(args);
    const char *s1 = story_of(doc, "saltmarshcourier-twelve-hurt-ferry-walkway.txt"); /* A04 */
    assert_string_equal(story_of(doc, "vpr-contractor-denies-skipped-inspection.txt"), s1); /* A11 */
    assert_string_equal(story_of(doc, "harbourherald-ramp-inspection-never-done.html"), s1); /* A07 */
    assert_string_equal(story_of(doc, "feed.jsonl:2"), s1);                                  /* A08 */
    assert_string_not_equal(story_of(doc, "saltmarshcourier-greywater-gangway.txt.gz"), s1);
    assert_string_not_equal(story_of(doc, "saltmarshcourier-castellan-inquiry-reaction.txt"), s1);
    assert_int_equal(json_array_size(json_object_get(doc, "stories")), 3);
    json_t *st1 = story_by_id(doc, s1);
    assert_non_null(st1);
    assert_int_equal(json_array_size(json_object_get(st1, "articles")), 9);
    json_decref(doc);
}

/* The same order one article a batch: articles written before a merge keep
 * the id of the story they joined then; story_merges[] maps it to the story
 * that holds them, so every article's story, resolved, is in stories[]. */
static void test_merge_across_batches(void **state)
{
    (void)state;
    chorus *c = chorus_new();
    assert_non_null(c);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(chorus_open_store(c, ":memory:"), CHORUS_OK);
    assert_int_equal(chorus_set_param(c, CHORUS_PARAM_BATCH_SIZE, 1), CHORUS_OK);
    chorus_set_output(c, f, CHORUS_OUT_JSON | CHORUS_OUT_COMPACT);
    const char *inputs[] = {"samples/text", "samples/html", "samples/feed.jsonl", "samples/crawl.warc.gz"};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(chorus_add_input(c, t_src(inputs[i])), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    chorus_free(c);
    fclose(f);
    json_t *doc = json_loadb(text, len, 0, NULL);
    free(text);
    assert_non_null(doc);
    json_t *merges = json_object_get(doc, "story_merges");
    assert_true(json_is_array(merges) && json_array_size(merges) >= 1);
    size_t i, k, stale = 0;
    json_t *a, *m;
    json_array_foreach(json_object_get(doc, "articles"), i, a) {
        const char *sid = json_string_value(json_object_get(a, "story"));
        assert_non_null(sid);
        stale += story_by_id(doc, sid) == NULL;
        json_array_foreach(merges, k, m)
            if (!strcmp(json_string_value(json_object_get(m, "story")), sid))
                sid = json_string_value(json_object_get(m, "into"));
        if (!story_by_id(doc, sid))
            fail_msg("%s: story %s is in neither stories[] nor story_merges[]",
                     json_string_value(json_object_get(a, "input")), sid);
    }
    assert_true(stale >= 1); /* written before their story was merged away */
    /* the story that took the merge holds event 1's nine articles */
    const char *into = json_string_value(json_object_get(json_array_get(merges, 0), "into"));
    assert_int_equal(json_array_size(json_object_get(story_by_id(doc, into), "articles")), 9);
    json_decref(doc);
}

/* The merge pass: two stories opened by articles about one event written in
 * words too different to join, which grow toward each other as later
 * articles bridge them (each bridge joins one of the two), end up as one
 * (the older id stays, its run lists every article); a similar but separate
 * event of the same day (another town, other names) stays apart. Without
 * the pass (merge = 0) the first two stay apart. */
static void merge_case(int merge_on)
{
    cx_cluster *cl = cx_cluster_new();
    assert_non_null(cl);
    if (!merge_on)
        assert_true(cx_cluster_param(cl, "merge", 0));
    last_merge[0] = last_merge[1] = 0;
    const char *a1 = "Flames gutted the Orlen Street bakery in Dunmere overnight. Owner Ilse Marrow watched crews "
                     "from Kelby fight the blaze until dawn. The bakery had stood for 62 years.";
    const char *a2 = "The Orlen Street bakery in Dunmere burned down overnight; Kelby firefighters fought the "
                     "blaze for hours. Ilse Marrow, the owner, said the bakery was 62 years old.";
    const char *b1 = "Inspector Rowan Tull closed Quay Lane after the roof of the Harbour Mills warehouse fell in. "
                     "Tull said the Harbour Mills building was unsafe and that 14 tenants must leave.";
    /* bridges: the same night told whole, bakery and warehouse */
    const char *c1 = "The fire at the Orlen Street bakery in Dunmere spread to the Harbour Mills warehouse next "
                     "door, whose roof fell in. Inspector Rowan Tull closed Quay Lane; owner Ilse Marrow lost "
                     "the 62-year-old bakery and 14 tenants of Harbour Mills must leave.";
    const char *c2 = "Flames gutted the Orlen Street bakery in Dunmere overnight, and owner Ilse Marrow watched "
                     "Kelby crews fight the blaze until dawn: the bakery had stood for 62 years. The fire also "
                     "brought down the Harbour Mills roof, inspector Rowan Tull said.";
    const char *c3 = "Ilse Marrow will rebuild the Orlen Street bakery in Dunmere, 62 years after it opened; Kelby "
                     "firefighters fought the blaze for hours. Inspector Rowan Tull keeps Quay Lane closed for the "
                     "14 Harbour Mills tenants.";
    /* another bakery fire the same night, in another town */
    const char *o1 = "Flames gutted the Vessey Road bakery in Brackwater overnight. Owner Tomas Hale watched crews "
                     "from Lund fight the blaze until dawn. The bakery had stood for 40 years.";
    const char *o2 = "The Vessey Road bakery in Brackwater burned down overnight; firefighters from Lund helped. "
                     "Owner Tomas Hale said the bakery was 40 years old.";
    int64_t s_a = add(cl, 1, 0, "Fire guts Dunmere bakery", a1, "2024-03-10");
    int64_t s_b = add(cl, 2, 0, "Harbour Mills roof falls in", b1, "2024-03-10");
    int64_t s_o = add(cl, 3, 0, "Fire guts Brackwater bakery", o1, "2024-03-10");
    assert_int_not_equal(s_a, s_b); /* too different to join */
    assert_int_not_equal(s_a, s_o);
    assert_int_equal(add(cl, 4, 0, "Dunmere bakery burns down", a2, "2024-03-10"), s_a);
    add(cl, 5, 0, "Bakery fire spreads to Harbour Mills", c1, "2024-03-11");
    add(cl, 6, 0, "Brackwater bakery burns down", o2, "2024-03-11");
    add(cl, 7, 0, "Dunmere fire: bakery and warehouse lost", c2, "2024-03-11");
    add(cl, 8, 0, "Dunmere counts the cost of the fire", c3, "2024-03-12");
    cx_story_out *so;
    size_t n;
    assert_true(cx_cluster_stories(cl, &so, &n));
    cx_story_state st;
    if (merge_on) { /* one story, under the older id, with all six articles */
        assert_int_equal(n, 2);
        assert_int_equal(so[0].id, s_a);
        assert_int_equal(so[0].n_articles, 6);
        assert_int_equal(so[1].id, s_o);
        assert_int_equal(so[1].n_articles, 2);
        assert_false(cx_cluster_state(cl, s_b, &st)); /* gone */
        assert_int_equal(last_merge[0], s_b);
        assert_int_equal(last_merge[1], s_a);
    } else {
        assert_int_equal(n, 3);
        assert_int_equal(so[1].id, s_b);
        assert_true(cx_cluster_state(cl, s_b, &st));
        assert_int_equal(last_merge[0], 0);
    }
    cx_free(so);
    cx_cluster_free(cl);
}

static void test_merge(void **state)
{
    (void)state;
    merge_case(1);
    merge_case(0);
    /* a story that stays alone merges with nothing; the caller is told of none */
    cx_cluster *cl = cx_cluster_new();
    assert_non_null(cl);
    int64_t seen[2] = {0, 0};
    cx_article *a = make("x1", "Fire guts Dunmere bakery", "Flames gutted the Orlen Street bakery in Dunmere.",
                         "2024-03-10");
    assert_true(cx_cluster_add(cl, a, 0) > 0);
    cx_article_free(a);
    assert_int_equal(cx_cluster_merge(cl, on_merge, seen), 0);
    assert_int_equal(seen[0], 0);
    cx_cluster_free(cl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples_events),
        cmocka_unit_test(test_incremental),
        cmocka_unit_test(test_module),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_merge_order),
        cmocka_unit_test(test_merge_across_batches),
        cmocka_unit_test(test_story_progress),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
