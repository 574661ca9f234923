/*
 * test_storyview.c: the story-level layer: each story of the samples is read
 * back from the store with its articles analysed, and its quote groups align
 * the same utterance across outlets (the mayor's "dark morning" statement
 * carried by the wire story, its copies and the outlets that quoted it), one
 * variant per article, with the right speaker, and never join quotes of
 * different speakers.
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

#include "helpers.h"

static json_t *doc;

static int setup(void **state)
{
    (void)state;
    char args[1024];
    remove(t_tmp("sv.db"));
    snprintf(args, sizeof args, "analyze --db '%s' --compact --quiet '%s'", t_tmp("sv.db"), t_src("samples"));
    doc = t_run_doc(args);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    json_decref(doc);
    return 0;
}

/* The group whose text contains needle, in any story. */
static json_t *group_with(const char *needle, json_t **story)
{
    size_t i, k;
    json_t *s, *g;
    json_array_foreach(json_object_get(doc, "stories"), i, s) {
        json_array_foreach(json_object_get(s, "quote_groups"), k, g) {
            const char *t = json_string_value(json_object_get(g, "text"));
            if (t && strstr(t, needle)) {
                *story = s;
                return g;
            }
        }
    }
    return NULL;
}

static void test_quote_groups(void **state)
{
    (void)state;
    json_t *story = NULL;
    json_t *g = group_with("dark morning for Port Ardent", &story);
    assert_non_null(g);
    assert_string_equal(json_string_value(json_object_get(g, "speaker")), "Ilse Brannagh");
    json_t *vars = json_object_get(g, "variants");
    /* A01, its copies A03 and A04, A02, its rewrite A05, and A06 */
    assert_true(json_array_size(vars) >= 6);
    size_t i, j;
    json_t *v, *w;
    json_array_foreach(vars, i, v) {
        const char *id = json_string_value(json_object_get(v, "article"));
        assert_non_null(id);
        /* one variant per article, and the article is a member of the story */
        json_array_foreach(vars, j, w)
            if (j != i)
                assert_string_not_equal(id, json_string_value(json_object_get(w, "article")));
        int member = 0;
        size_t k;
        json_t *m;
        json_array_foreach(json_object_get(story, "articles"), k, m)
            member |= !strcmp(json_string_value(m), id);
        assert_true(member);
        const char *t = json_string_value(json_object_get(v, "text"));
        assert_non_null(strstr(t, "dark morning"));
        assert_int_equal(json_integer_value(json_object_get(v, "end")) > json_integer_value(json_object_get(v, "start")), 1);
    }
    /* the inquiry chair's quote in two outlets of the follow-up story */
    json_t *s3 = NULL;
    g = group_with("inspected this ramp did what they were asked", &s3);
    assert_non_null(g);
    assert_string_equal(json_string_value(json_object_get(g, "speaker")), "Amara Coldwell");
    assert_ptr_not_equal(s3, story);
    /* no group mixes two named speakers: each variant is a quote of its
     * article whose speaker is unknown or the group's (or its surname) */
    json_array_foreach(json_object_get(doc, "stories"), i, s3) {
        json_array_foreach(json_object_get(s3, "quote_groups"), j, g) {
            assert_true(json_array_size(json_object_get(g, "variants")) >= 2);
            const char *gs = json_string_value(json_object_get(g, "speaker"));
            size_t k;
            json_array_foreach(json_object_get(g, "variants"), k, v) {
                json_t *art = t_find_by(json_object_get(doc, "articles"), "id",
                                        json_string_value(json_object_get(v, "article")));
                assert_non_null(art);
                json_t *q = NULL, *x;
                size_t n;
                json_array_foreach(json_object_get(art, "quotes"), n, x)
                    if (json_integer_value(json_object_get(x, "start")) ==
                        json_integer_value(json_object_get(v, "start")))
                        q = x;
                assert_non_null(q);
                const char *qs = json_string_value(json_object_get(q, "speaker"));
                if (gs && qs)
                    assert_true(!strcmp(gs, qs) || strstr(gs, qs) || strstr(qs, gs));
            }
        }
    }
}

/* chorus_show_story / chorus_show_article write what analyze wrote. */
static void test_show_one(void **state)
{
    (void)state;
    chorus *c = chorus_new();
    assert_non_null(c);
    assert_int_equal(chorus_open_store(c, t_tmp("sv.db")), CHORUS_OK);
    json_t *s1 = json_array_get(json_object_get(doc, "stories"), 0);
    const char *sid = json_string_value(json_object_get(s1, "id"));
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(chorus_show_story(c, sid, f, CHORUS_OUT_COMPACT), CHORUS_OK);
    fclose(f);
    json_t *got = json_loads(buf, 0, NULL);
    assert_non_null(got);
    assert_true(json_equal(json_object_get(got, "articles"), json_object_get(s1, "articles")));
    assert_true(json_equal(json_object_get(got, "quote_groups"), json_object_get(s1, "quote_groups")));
    json_decref(got);
    free(buf);

    json_t *a0 = json_array_get(json_object_get(doc, "articles"), 0);
    f = open_memstream(&buf, &len);
    assert_int_equal(chorus_show_article(c, json_string_value(json_object_get(a0, "id")), f, 0), CHORUS_OK);
    fclose(f);
    got = json_loads(buf, 0, NULL);
    assert_non_null(got);
    assert_true(json_equal(json_object_get(got, "quotes"), json_object_get(a0, "quotes")));
    assert_true(json_equal(json_object_get(got, "body"), json_object_get(a0, "body")));
    json_decref(got);
    free(buf);

    f = open_memstream(&buf, &len);
    assert_int_equal(chorus_show_story(c, "s9999", f, 0), CHORUS_ERR_NOT_FOUND);
    assert_int_equal(chorus_show_story(c, "x1", f, 0), CHORUS_ERR_NOT_FOUND);
    assert_int_equal(chorus_show_article(c, "no-such-article", f, 0), CHORUS_ERR_NOT_FOUND);
    fclose(f);
    assert_int_equal(len, 0);
    free(buf);
    chorus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote_groups),
        cmocka_unit_test(test_show_one),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
