/*
 * test_brief.c: the brief stage: summary, headline and coverage matrix on
 * invented articles and on the samples' event 1 (samples/README.md 3.8: the
 * key facts covered, each sentence's citations right).
 *
 * "test_brief --print [N]" prints the samples' three stories' briefs as JSON.
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

#include "brief/brief.h"
#include "core/article.h"
#include "helpers.h"
#include "report/report.h"

static const char *const event1[] = {
    "feed.jsonl:1", "channel9-quayside-walkway-collapse.html", "tidewire-port-ardent-ramp-collapse.html",
    "saltmarshcourier-twelve-hurt-ferry-walkway.txt", "dailyclarion-ferry-walkway-horror.html",
    "crawl.warc.gz@1318", "harbourherald-ramp-inspection-never-done.html", "feed.jsonl:2",
    "vpr-contractor-denies-skipped-inspection.txt"};
static const char *const event2[] = {"saltmarshcourier-greywater-gangway.txt.gz", "feed.jsonl:3"};
static const char *const event3[] = {"crawl.warc.gz@10759", "feed.jsonl:4",
                                     "saltmarshcourier-castellan-inquiry-reaction.txt"};

static int print_mode(int n_sents)
{
    t_sample_set all;
    t_samples_load(&all);
    const char *const *ev[3] = {event1, event2, event3};
    size_t nev[3] = {9, 2, 3};
    json_t *out = json_array();
    for (int e = 0; e < 3; e++) {
        t_sample_set s;
        t_sample_subset(&all, ev[e], nev[e], &s);
        cx_arena a;
        cx_arena_init(&a);
        cx_brief b;
        if (!cx_brief_build(&a, (const cx_article *const *)s.arts, s.origin, s.n, n_sents, &b))
            return 1;
        json_t *st = json_object();
        json_t *ids = json_array();
        for (size_t i = 0; i < s.n; i++)
            json_array_append_new(ids, json_string(s.arts[i]->id));
        json_object_set_new(st, "articles", ids);
        if (!cx_json_brief_to(st, &b, (const cx_article *const *)s.arts))
            return 1;
        json_array_append_new(out, st);
        cx_arena_free(&a);
        t_sample_subset_free(&s);
    }
    char *txt = json_dumps(out, JSON_INDENT(1));
    puts(txt);
    free(txt);
    json_decref(out);
    t_samples_free(&all);
    return 0;
}

/* An invented article through the text and dates stages. */
static cx_article *make(const char *id, const char *outlet, const char *pub, const char *title, const char *body)
{
    cx_article *a = cx_article_new();
    assert_non_null(a);
    a->id = cx_arena_strdup(&a->arena, id);
    a->outlet = cx_arena_strdup(&a->arena, outlet);
    a->title = cx_arena_strdup(&a->arena, title);
    a->body = cx_arena_strdup(&a->arena, body);
    a->body_len = strlen(body);
    assert_true(cx_date_parse(pub, strlen(pub), &a->published));
    cx_date_format(&a->published, a->published_iso);
    a->text = cx_text_analyze(&a->arena, a->body, a->body_len);
    assert_non_null(a->text);
    assert_true(cx_time_analyze(&a->arena, a->text, &a->published, "en", &a->dates, &a->n_dates));
    return a;
}

static int cites(const cx_brief_item *it, uint32_t art)
{
    for (uint32_t i = 0; i < it->n_arts; i++)
        if (it->arts[i] == art)
            return 1;
    return 0;
}

static const cx_brief_outlet *outlet_of(const cx_brief *b, const char *name)
{
    for (size_t i = 0; i < b->n_coverage; i++)
        if (b->coverage[i].outlet && !strcmp(b->coverage[i].outlet, name))
            return &b->coverage[i];
    return NULL;
}

/* Four invented reports of one event: Lakeside Post (origin), its syndicated
 * copy in the Hill Gazette, Valley Radio and the Ridge Courier. */
static void test_invented(void **state)
{
    (void)state;
    const char *lead = "The Millbrook footbridge over the Alder river was closed on Sunday after engineers found a "
                       "cracked steel beam under its central span. ";
    char post[2048], copy[2048];
    snprintf(post, sizeof post,
             "%sCouncil engineer Dorin Vale said the crack was twelve centimetres long and had probably grown "
             "over the winter. The bridge carries about 3,000 walkers and cyclists a day between the station and "
             "the old town. A temporary ferry will run from Monday until the beam is replaced. "
             "The footbridge opened in 1988 and was last painted in 2019.",
             lead);
    snprintf(copy, sizeof copy, "%s", post);
    cx_article *arts[4];
    arts[0] = make("p1", "Lakeside Post", "2024-05-06T08:00:00Z", "Millbrook footbridge closed after crack found",
                   post);
    arts[1] = make("v1", "Valley Radio", "2024-05-06T09:00:00Z", "Cracked beam shuts Millbrook footbridge",
                   "Engineers closed the Millbrook footbridge on Sunday after they found a cracked steel beam under "
                   "the central span of the bridge over the Alder river. Council engineer Dorin Vale said the crack "
                   "in the beam was twelve centimetres long. A temporary ferry across the Alder will run from "
                   "Monday. Local traders said they feared losing customers from the station while the bridge stays "
                   "shut through the summer fair season.");
    arts[2] = make("g1", "Hill Gazette", "2024-05-06T10:00:00Z", "Footbridge closed in Millbrook", copy);
    arts[3] = make("r1", "Ridge Courier", "2024-05-06T11:00:00Z", "Millbrook bridge shut",
                   "The Millbrook footbridge over the Alder river was closed on Sunday after engineers found a "
                   "cracked steel beam under the central span. Council engineer Dorin Vale said the crack was "
                   "twelve centimetres long. The mayor, Tessa Lind, promised that the repair would be paid from "
                   "the roads budget without raising local taxes this year.");
    int origin[4] = {-1, -1, 0, -1}; /* the Gazette copies the Post */
    cx_arena a;
    cx_arena_init(&a);
    cx_brief b;
    assert_true(cx_brief_build(&a, (const cx_article *const *)arts, origin, 4, 3, &b));
    assert_true(b.n_summary >= 2 && b.n_summary <= 3);
    int lead_seen = 0;
    for (size_t i = 0; i < b.n_summary; i++) {
        const cx_brief_item *it = &b.summary[i];
        assert_int_not_equal(it->art, 2); /* the copy's sentences are the Post's */
        assert_true(cites(it, it->art));
        if (strstr(it->text, "cracked steel beam")) { /* the lead fact: every report carries it */
            lead_seen = 1;
            for (uint32_t k = 0; k < 4; k++)
                assert_true(cites(it, k));
        }
        for (size_t j = 0; j < i; j++) /* reading order: earlier in its article first */
            assert_true(b.summary[j].sent <= it->sent);
    }
    assert_true(lead_seen);
    assert_non_null(b.headline);
    assert_true(b.headline_art >= 0 && b.headline_art < 4);
    /* coverage: four outlets; the traders are Valley Radio's alone, the mayor
     * the Courier's; the Courier left out the ferry that most others carried */
    assert_int_equal(b.n_coverage, 4);
    const cx_brief_outlet *vr = outlet_of(&b, "Valley Radio"), *rc = outlet_of(&b, "Ridge Courier"),
                          *hg = outlet_of(&b, "Hill Gazette");
    assert_non_null(vr);
    assert_non_null(rc);
    assert_non_null(hg);
    int traders = 0, mayor = 0, ferry = 0;
    for (uint32_t i = 0; i < vr->n_only; i++)
        traders |= strstr(vr->only[i].text, "traders") != NULL;
    for (uint32_t i = 0; i < rc->n_only; i++)
        mayor |= strstr(rc->only[i].text, "Tessa Lind") != NULL;
    for (uint32_t i = 0; i < rc->n_missed; i++)
        ferry |= strstr(rc->missed[i].text, "ferry") != NULL;
    assert_true(traders);
    assert_true(mayor);
    assert_true(ferry);
    assert_int_equal(hg->n_only, 0); /* a copy reports nothing of its own */
    for (uint32_t i = 0; i < vr->n_only; i++)
        assert_int_equal(vr->only[i].art, 1);
    /* JSON shapes */
    json_t *st = json_object();
    assert_true(cx_json_brief_to(st, &b, (const cx_article *const *)arts));
    json_t *s0 = json_array_get(json_object_get(st, "summary"), 0);
    assert_non_null(json_object_get(s0, "text"));
    assert_non_null(json_object_get(s0, "article"));
    assert_true(json_is_integer(json_object_get(s0, "sentence")));
    assert_true(json_is_array(json_object_get(s0, "articles")));
    assert_true(json_is_array(json_object_get(s0, "outlets")));
    assert_true(json_is_string(json_object_get(st, "headline")));
    json_t *c0 = json_array_get(json_object_get(st, "coverage"), 0);
    assert_true(json_is_string(json_object_get(c0, "outlet")));
    assert_true(json_is_array(json_object_get(c0, "articles")));
    assert_true(json_is_array(json_object_get(c0, "only")));
    assert_true(json_is_array(json_object_get(c0, "missed")));
    json_decref(st);
    /* N is honoured */
    cx_brief one;
    assert_true(cx_brief_build(&a, (const cx_article *const *)arts, origin, 4, 1, &one));
    assert_int_equal(one.n_summary, 1);
    /* nothing in, nothing out */
    cx_brief none;
    assert_true(cx_brief_build(&a, NULL, NULL, 0, 5, &none));
    assert_int_equal(none.n_summary, 0);
    assert_null(none.headline);
    cx_arena_free(&a);
    for (int i = 0; i < 4; i++)
        cx_article_free(arts[i]);
}

/* ---- the samples' key facts (bench/brief/facts.txt) -------------------- */

typedef struct fact {
    char event[4], name[32];
    char groups[6][12][32]; /* groups of alternatives, lower case */
    int n_groups, n_alt[6];
} fact;

static size_t load_facts(fact *f, size_t cap)
{
    char *txt = t_read(t_src("bench/brief/facts.txt"), NULL);
    assert_non_null(txt);
    size_t n = 0;
    for (char *line = txt, *next; line && *line && n < cap; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (*line == '#' || !*line)
            continue;
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        assert_non_null(t2);
        memset(&f[n], 0, sizeof f[n]);
        snprintf(f[n].event, sizeof f[n].event, "%.*s", (int)(t1 - line), line);
        snprintf(f[n].name, sizeof f[n].name, "%.*s", (int)(t2 - t1 - 1), t1 + 1);
        char *g = t2 + 1;
        while (g && *g && f[n].n_groups < 6) {
            char *amp = strstr(g, " & ");
            size_t glen = amp ? (size_t)(amp - g) : strlen(g);
            int k = f[n].n_groups++;
            for (size_t p = 0; p < glen && f[n].n_alt[k] < 12;) {
                size_t q = p;
                while (q < glen && g[q] != '|')
                    q++;
                snprintf(f[n].groups[k][f[n].n_alt[k]++], 32, "%.*s", (int)(q - p), g + p);
                p = q + 1;
            }
            g = amp ? amp + 3 : NULL;
        }
        n++;
    }
    free(txt);
    return n;
}

static int has_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && (char)((s[i + j] >= 'A' && s[i + j] <= 'Z') ? s[i + j] + 32 : s[i + j]) == needle[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

static int fact_in(const fact *f, const char *s, size_t n)
{
    for (int g = 0; g < f->n_groups; g++) {
        int any = 0;
        for (int a = 0; a < f->n_alt[g] && !any; a++)
            any = has_ci(s, n, f->groups[g][a]);
        if (!any)
            return 0;
    }
    return 1;
}

/* The article carries the fact: two consecutive sentences hold it. */
static int article_carries(const cx_article *a, const fact *f)
{
    for (size_t i = 0; i < a->text->n_sents; i++) {
        size_t e = i + 1 < a->text->n_sents ? a->text->sents[i + 1].end : a->text->sents[i].end;
        if (fact_in(f, a->body + a->text->sents[i].start, e - a->text->sents[i].start))
            return 1;
    }
    return 0;
}

/* samples/README.md 3.8, event 1: the brief covers the key facts and cites
 * only articles that carry them. */
static void test_samples_event1(void **state)
{
    (void)state;
    fact facts[40];
    size_t nf = load_facts(facts, 40);
    assert_true(nf >= 18);
    t_sample_set all, ev;
    t_samples_load(&all);
    t_sample_subset(&all, event1, 9, &ev);
    assert_int_equal(ev.n, 9);
    cx_arena a;
    cx_arena_init(&a);
    cx_brief b;
    assert_true(cx_brief_build(&a, (const cx_article *const *)ev.arts, ev.origin, ev.n, 5, &b));
    assert_int_equal(b.n_summary, 5);
    int covered[40] = {0}, n_cov = 0, n_ev = 0;
    size_t a03 = t_sample_index(&ev, event1[2]), a04 = t_sample_index(&ev, event1[3]);
    for (size_t i = 0; i < b.n_summary; i++) {
        const cx_brief_item *it = &b.summary[i];
        assert_true(it->art != a03 && it->art != a04); /* syndicated copies of A01: A01 speaks for them */
        for (size_t f = 0; f < nf; f++) {
            if (strcmp(facts[f].event, "1") || !fact_in(&facts[f], it->text, strlen(it->text)))
                continue;
            covered[f] = 1;
            for (uint32_t k = 0; k < it->n_arts; k++)
                if (!article_carries(ev.arts[it->arts[k]], &facts[f]))
                    fail_msg("%s cited for \"%s\" does not carry the fact %s", ev.inputs[it->arts[k]], it->text,
                             facts[f].name);
        }
        assert_true(it->n_arts >= 2); /* every summary fact is corroborated here */
    }
    for (size_t f = 0; f < nf; f++)
        if (!strcmp(facts[f].event, "1")) {
            n_ev++;
            n_cov += covered[f];
        }
    assert_int_equal(n_ev, 6);
    assert_true(n_cov >= 4); /* measured: 4 of 6 (docs/brief.md) */
    /* the collapse, the allegation: in the brief */
    for (size_t f = 0; f < nf; f++)
        if (!strcmp(facts[f].event, "1") && (!strcmp(facts[f].name, "collapse") || !strcmp(facts[f].name, "allegation")))
            assert_true(covered[f]);
    /* headline: a title of the story */
    assert_non_null(b.headline);
    assert_true(b.headline_art >= 0 && (size_t)b.headline_art < ev.n);
    /* coverage: the seven outlets; a syndicated copy has nothing of its own */
    assert_int_equal(b.n_coverage, 7);
    const cx_brief_outlet *tw = outlet_of(&b, "tidewire.example");
    assert_non_null(tw);
    assert_int_equal(tw->n_only, 0);
    for (size_t i = 0; i < b.n_coverage; i++)
        for (uint32_t k = 0; k < b.coverage[i].n_only; k++) {
            const char *o = ev.arts[b.coverage[i].only[k].art]->outlet;
            assert_string_equal(o, b.coverage[i].outlet);
        }
    cx_arena_free(&a);
    t_sample_subset_free(&ev);
    t_samples_free(&all);
}

/* The parameter and its command-line option. */
static void test_param(void **state)
{
    (void)state;
    int64_t lo, hi;
    assert_int_equal(chorus_param_bounds(CHORUS_PARAM_BRIEF_SENTENCES, &lo, &hi), CHORUS_OK);
    assert_int_equal(lo, 1);
    assert_int_equal(hi, CX_BRIEF_MAX_SENTS);
    chorus *c = chorus_new();
    assert_non_null(c);
    assert_int_equal(chorus_set_param(c, CHORUS_PARAM_BRIEF_SENTENCES, 3), CHORUS_OK);
    assert_int_not_equal(chorus_set_param(c, CHORUS_PARAM_BRIEF_SENTENCES, 0), CHORUS_OK);
    assert_int_not_equal(chorus_set_param(c, CHORUS_PARAM_BRIEF_SENTENCES, 101), CHORUS_OK);
    chorus_free(c);
    char *out, *err;
    char args[1024];
    snprintf(args, sizeof args, "analyze --db :memory: --quiet --brief-sentences 3 '%s'", t_src("samples/feed.jsonl"));
    assert_int_equal(t_run(args, &out, &err), 0);
    free(out);
    free(err);
    /* show writes the stored stories with their briefs too */
    snprintf(args, sizeof args, "analyze --db '%s' --quiet '%s' >/dev/null && '%s' show --db '%s' --compact --brief-sentences 1",
             t_tmp("show.db"), t_src("samples"), getenv("CHORUS_BIN"), t_tmp("show.db"));
    assert_int_equal(t_run(args, &out, &err), 0);
    json_t *doc = json_loads(out, 0, NULL);
    assert_non_null(doc);
    size_t i;
    json_t *st;
    json_array_foreach(json_object_get(doc, "stories"), i, st) assert_int_equal(json_array_size(json_object_get(st, "summary")), 1);
    assert_int_equal(json_array_size(json_object_get(doc, "stories")), 3);
    json_decref(doc);
    free(out);
    free(err);
    assert_int_equal(t_run("analyze --db :memory: --quiet --brief-sentences 101 -", &out, &err), 2);
    assert_non_null(strstr(err, "--brief-sentences"));
    free(out);
    free(err);
}

/* Through chorus analyze: every story carries summary, headline, coverage
 * and timeline, the summary no longer than --brief-sentences. */
static void test_cli_story_fields(void **state)
{
    (void)state;
    char args[1024];
    snprintf(args, sizeof args, "analyze --db :memory: --compact --quiet --brief-sentences 2 '%s'", t_src("samples"));
    json_t *doc = t_run_doc(args);
    json_t *stories = json_object_get(doc, "stories");
    assert_int_equal(json_array_size(stories), 3);
    size_t i;
    json_t *st;
    json_array_foreach(stories, i, st) {
        json_t *sum = json_object_get(st, "summary");
        assert_true(json_is_array(sum));
        assert_true(json_array_size(sum) >= 1 && json_array_size(sum) <= 2);
        assert_true(json_is_string(json_object_get(st, "headline")));
        assert_true(json_array_size(json_object_get(st, "coverage")) >= 2);
        json_t *tl = json_object_get(st, "timeline");
        assert_true(json_array_size(tl) >= json_array_size(json_object_get(st, "articles")));
        size_t k;
        json_t *e;
        json_array_foreach(tl, k, e) {
            const char *kind = json_string_value(json_object_get(e, "kind"));
            assert_non_null(kind);
            assert_true(!strcmp(kind, "event") || !strcmp(kind, "published"));
            assert_true(json_array_size(json_object_get(e, "articles")) >= 1);
        }
        /* every cited article is one of the story's */
        json_t *s0;
        json_array_foreach(sum, k, s0) {
            size_t j;
            json_t *id;
            json_array_foreach(json_object_get(s0, "articles"), j, id) {
                int found = 0;
                size_t q;
                json_t *m;
                json_array_foreach(json_object_get(st, "articles"), q, m) found |= json_equal(m, id);
                assert_true(found);
            }
        }
    }
    json_decref(doc);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--print"))
        return print_mode(argc > 2 ? (int)strtol(argv[2], NULL, 10) : CX_BRIEF_DEFAULT_SENTS);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invented),
        cmocka_unit_test(test_samples_event1),
        cmocka_unit_test(test_param),
        cmocka_unit_test(test_cli_story_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
