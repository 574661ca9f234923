/*
 * test_quotes.c: entities, quotes and speakers on sentences we invent (every
 * person, place and event here is fictional).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "quotes/quotes.h"
#include "text/text.h"

typedef struct run {
    cx_arena arena;
    const char *body;
    cx_quotes *q;
} run;

static void analyze(run *r, const char *body, const char *title)
{
    cx_arena_init(&r->arena);
    r->body = body;
    cx_text *t = cx_text_analyze(&r->arena, body, strlen(body));
    assert_non_null(t);
    r->q = cx_quotes_analyze(&r->arena, t, title, "en");
    assert_non_null(r->q);
}

static void done(run *r) { cx_arena_free(&r->arena); }

/* The quote whose first part starts with the words `start`; fails when none. */
static const cx_quote *quote_at(const run *r, const char *start)
{
    size_t n = strlen(start);
    for (size_t i = 0; i < r->q->n_quotes; i++) {
        const cx_quote *x = &r->q->quotes[i];
        if (x->n_parts && x->parts[0].end - x->parts[0].start >= n &&
            !memcmp(r->body + x->parts[0].start, start, n))
            return x;
    }
    fail_msg("no quote starting with \"%s\"", start);
    return NULL;
}

/* No quote holds the bytes of `text`. */
static void no_quote_over(const run *r, const char *text)
{
    const char *p = strstr(r->body, text);
    assert_non_null(p);
    uint32_t s = (uint32_t)(p - r->body), e = s + (uint32_t)strlen(text);
    for (size_t i = 0; i < r->q->n_quotes; i++)
        for (uint32_t k = 0; k < r->q->quotes[i].n_parts; k++) {
            const cx_span *x = &r->q->quotes[i].parts[k];
            if (x->start < e && x->end > s && x->end - x->start <= (e - s) + 4)
                fail_msg("\"%s\" was taken as a quote", text);
        }
}

static int span_is(const run *r, cx_span s, const char *text)
{
    size_t n = strlen(text);
    return s.end - s.start == n && !memcmp(r->body + s.start, text, n);
}

static void expect(const run *r, const char *start, int kind, const char *speaker, const char *mention)
{
    const cx_quote *x = quote_at(r, start);
    assert_int_equal(x->kind, kind);
    if (speaker) {
        assert_non_null(x->speaker);
        assert_string_equal(x->speaker, speaker);
    }
    if (mention && !span_is(r, x->mention, mention))
        fail_msg("speaker mention of \"%s\" is \"%.*s\", not \"%s\"", start,
                 (int)(x->mention.end - x->mention.start), r->body + x->mention.start, mention);
}

static const cx_entity *entity(const run *r, const char *name)
{
    for (size_t i = 0; i < r->q->n_entities; i++)
        if (!strcmp(r->q->entities[i].name, name))
            return &r->q->entities[i];
    fail_msg("no entity \"%s\"", name);
    return NULL;
}

static void test_direct_styles(void **state)
{
    (void)state;
    run r;
    analyze(&r,
            "Harbour talks\n\n"
            "\xE2\x80\x9CThe ferry will run again by spring,\xE2\x80\x9D said Marta Kowal, the port director.\n\n"
            "\"We owe the islanders an apology,\" Kowal told reporters.\n\n"
            "\xC2\xAB Nous allons reconstruire la rampe \xC2\xBB, said Pierre Lemaire.\n\n"
            "Kowal added: \xE2\x80\x9CNobody was hurt on the ramp itself.\xE2\x80\x9D\n\n"
            "In a statement, the Harbour Authority said, \"Repairs start Monday.\"",
            "Harbour talks");
    expect(&r, "The ferry will run", CX_QK_DIRECT, "Marta Kowal", "Marta Kowal");
    expect(&r, "We owe the islanders", CX_QK_DIRECT, "Marta Kowal", "Kowal");
    expect(&r, "Nous allons", CX_QK_DIRECT, "Pierre Lemaire", "Pierre Lemaire");
    expect(&r, "Nobody was hurt", CX_QK_DIRECT, "Marta Kowal", "Kowal");
    expect(&r, "Repairs start Monday", CX_QK_DIRECT, "Harbour Authority", NULL);
    const cx_quote *x = quote_at(&r, "The ferry will run");
    assert_true(span_is(&r, x->cue, "said"));
    /* the content is inside the marks */
    assert_true(span_is(&r, x->parts[0], "The ferry will run again by spring,"));
    assert_non_null(x->norm);
    assert_string_equal(x->norm, "the ferry will run again by spring");
    const cx_entity *e = entity(&r, "Marta Kowal");
    assert_int_equal(e->type, CX_ENT_PERSON);
    assert_non_null(e->title);
    assert_string_equal(e->title, "the port director");
    assert_true(e->n_mentions >= 3);
    done(&r);
}

static void test_split_and_multiparagraph(void **state)
{
    (void)state;
    run r;
    analyze(&r,
            "Vote on the bridge\n\n"
            "\"It is a good plan,\" she said. \"But it costs too much.\"\n\n"
            "\"We will vote no,\" said Councillor Ana Ruiz, who chairs the works committee, "
            "\"unless the province pays half.\"\n\n"
            "\"First, the span is too short. Second, the lanes are too narrow.\n\n"
            "\"Third, nobody asked the ferry riders,\" Ruiz said.",
            NULL);
    const cx_quote *a = quote_at(&r, "It is a good plan");
    assert_int_equal(a->n_parts, 2);
    assert_true(span_is(&r, a->parts[1], "But it costs too much."));
    assert_true(span_is(&r, a->mention, "she"));
    const cx_quote *b = quote_at(&r, "We will vote no");
    assert_int_equal(b->n_parts, 2);
    assert_string_equal(b->speaker, "Ana Ruiz");
    const cx_quote *c = quote_at(&r, "First, the span");
    assert_int_equal(c->n_parts, 2); /* one quote over two paragraphs */
    assert_true(span_is(&r, c->parts[1], "Third, nobody asked the ferry riders,"));
    assert_string_equal(c->speaker, "Ana Ruiz");
    assert_true(span_is(&r, c->mention, "Ruiz"));
    done(&r);
}

static void test_speakers_pronouns_descriptors(void **state)
{
    (void)state;
    run r;
    analyze(&r,
            "Budget fight\n\n"
            "Opposition Leader Dana Whitfield spoke after the vote. \"This budget is a betrayal,\" she said.\n\n"
            "\"We balanced it without cutting a single school,\" said the Ward 12 councillor, Omar Haddad.\n\n"
            "\"The numbers do not add up,\" said a spokesperson for the mayor's office.\n\n"
            "Haddad disagreed. \"Every line is public,\" the councillor said.\n\n"
            "\"Nobody has seen the audit,\" Whitfield said, \"and nobody will.\"",
            NULL);
    expect(&r, "This budget is a betrayal", CX_QK_DIRECT, "Dana Whitfield", "she");
    expect(&r, "The numbers do not add up", CX_QK_DIRECT, "a spokesperson for the mayor's office",
           "a spokesperson for the mayor's office");
    expect(&r, "Nobody has seen the audit", CX_QK_DIRECT, "Dana Whitfield", "Whitfield");
    const cx_entity *w = entity(&r, "Dana Whitfield");
    assert_non_null(w->title);
    assert_string_equal(w->title, "Opposition Leader");
    assert_int_equal(w->type, CX_ENT_PERSON);
    done(&r);
}

static void test_reported_speech(void **state)
{
    (void)state;
    run r;
    analyze(&r,
            "Transit\n\n"
            "Mayor Lena Brooks said that the tunnel would open in June.\n\n"
            "Brooks told reporters the contractor had missed two deadlines.\n\n"
            "According to the transit agency, ridership fell by a third.\n\n"
            "The line will close for a week, the agency said in an email.\n\n"
            "Brooks tweeted that the delay was \"unacceptable and avoidable.\"\n\n"
            "Brooks wrote in a statement that the city would seek damages.",
            NULL);
    expect(&r, "that the tunnel would open", CX_QK_INDIRECT, "Lena Brooks", "Mayor Lena Brooks");
    expect(&r, "the contractor had missed", CX_QK_INDIRECT, "Lena Brooks", "Brooks");
    expect(&r, "ridership fell by a third", CX_QK_INDIRECT, "the transit agency", "the transit agency");
    expect(&r, "The line will close", CX_QK_INDIRECT, "the agency", "the agency");
    expect(&r, "that the delay was", CX_QK_MIXED, "Lena Brooks", "Brooks");
    expect(&r, "that the city would seek", CX_QK_INDIRECT, "Lena Brooks", "Brooks");
    const cx_quote *x = quote_at(&r, "that the tunnel");
    assert_true(span_is(&r, x->cue, "said"));
    x = quote_at(&r, "ridership fell");
    assert_true(span_is(&r, x->cue, "According to"));
    done(&r);
}

static void test_unmarked(void **state)
{
    (void)state;
    run r;
    analyze(&r,
            "Inquiry\n\n"
            "Councillor Ivy Marsh faces an inquiry into her expenses.\n\n"
            "I did nothing wrong and I will prove it, she said in a statement. My lawyers will show it.\n\n"
            "I have always served this city, said the mayor.\n\n"
            "My record speaks for itself and I will keep working for the people of Ward 3.\n\n"
            "The inquiry begins in May.\n\n"
            "We will be cleared, we always are, said her lawyer, Tom Reyes.",
            NULL);
    expect(&r, "I did nothing wrong", CX_QK_UNMARKED, "Ivy Marsh", "she");
    expect(&r, "We will be cleared", CX_QK_UNMARKED, "Tom Reyes", "her lawyer, Tom Reyes");
    expect(&r, "I have always served", CX_QK_UNMARKED, NULL, "the mayor");
    /* stripped marks split around the attribution: one quote, two parts */
    const cx_quote *s = quote_at(&r, "I did nothing wrong");
    assert_int_equal(s->n_parts, 2);
    assert_true(span_is(&r, s->parts[1], "My lawyers will show it."));
    /* a paragraph of first-person speech with no cue continues the speaker */
    const cx_quote *c = quote_at(&r, "My record speaks");
    assert_int_equal(c->kind, CX_QK_UNMARKED);
    assert_true(span_is(&r, c->mention, "the mayor"));
    assert_null(c->cue.end);
    no_quote_over(&r, "The inquiry begins in May.");
    done(&r);
}

static void test_not_quotes(void **state)
{
    (void)state;
    run r;
    analyze(&r,
            "\"Worst deal ever,\" say critics\n\n"
            "The so-called \"experts\" were wrong again, and the film \"The Quiet Harbour\" opens "
            "on Friday at the Lyric.\n\n"
            "Residents call the pier 'the Long Step' because of its height.\n\n"
            "The council met on Tuesday.",
            "\"Worst deal ever,\" say critics");
    no_quote_over(&r, "experts");
    no_quote_over(&r, "The Quiet Harbour");
    no_quote_over(&r, "the Long Step");
    no_quote_over(&r, "Worst deal ever,"); /* the headline */
    assert_int_equal(r.q->n_quotes, 0);
    done(&r);
}

static void test_entities(void **state)
{
    (void)state;
    run r;
    analyze(&r,
            "Port story\n\n"
            "Sen. Rita Okafor met officials of the Ministry of Transport in Ottawa on Monday. "
            "Okafor later spoke to The Globe and Mail and to Reuters.\n\n"
            "The Harbour Workers Union backs her. Okafor, a former welder, said she would return "
            "to Toronto on Friday.",
            NULL);
    const cx_entity *o = entity(&r, "Rita Okafor");
    assert_int_equal(o->type, CX_ENT_PERSON);
    assert_int_equal(o->n_mentions, 3);
    assert_non_null(o->title);
    assert_string_equal(o->title, "Sen.");
    assert_int_equal(entity(&r, "Ministry of Transport")->type, CX_ENT_ORG);
    assert_int_equal(entity(&r, "Ottawa")->type, CX_ENT_PLACE);
    assert_int_equal(entity(&r, "Toronto")->type, CX_ENT_PLACE);
    assert_int_equal(entity(&r, "Reuters")->type, CX_ENT_OUTLET);
    assert_int_equal(entity(&r, "Globe and Mail")->type, CX_ENT_OUTLET);
    assert_int_equal(entity(&r, "Harbour Workers Union")->type, CX_ENT_ORG);
    for (size_t i = 0; i < r.q->n_entities; i++) {
        assert_string_not_equal(r.q->entities[i].name, "Monday");
        assert_string_not_equal(r.q->entities[i].name, "The");
    }
    done(&r);
}

static void test_empty_and_odd_input(void **state)
{
    (void)state;
    run r;
    analyze(&r, "", NULL);
    assert_int_equal(r.q->n_quotes, 0);
    assert_int_equal(r.q->n_entities, 0);
    done(&r);
    /* unbalanced marks, a lone mark, marks at the end */
    analyze(&r, "\"\n\n\xE2\x80\x9D said he \"\n\n\" \" \"\n\nHe said \"", NULL);
    for (size_t i = 0; i < r.q->n_quotes; i++)
        assert_true(r.q->quotes[i].span.end <= strlen(r.body));
    done(&r);
    assert_string_equal(cx_quote_kind_name(CX_QK_UNMARKED), "unmarked");
    assert_string_equal(cx_entity_type_name(CX_ENT_OUTLET), "outlet");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_direct_styles),
        cmocka_unit_test(test_split_and_multiparagraph),
        cmocka_unit_test(test_speakers_pronouns_descriptors),
        cmocka_unit_test(test_reported_speech),
        cmocka_unit_test(test_unmarked),
        cmocka_unit_test(test_not_quotes),
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_empty_and_odd_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
