/*
 * test_text.c: tokenizer, sentence splitter, paragraphs, normalisation, stemming.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "text/text.h"

/* Tokens of s as "kind:text" joined by '|'; quotes as "Q+" (open) "Q-" (close) "Q?" (ambiguous). */
static void toks(const char *s, char *out, size_t cap)
{
    cx_arena a;
    cx_arena_init(&a);
    cx_token *t;
    size_t n;
    assert_true(cx_tokenize(&a, s, strlen(s), &t, &n));
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *kind = t[i].kind == CX_TOK_WORD     ? "W"
                         : t[i].kind == CX_TOK_NUMBER   ? "N"
                         : t[i].kind == CX_TOK_PUNCT    ? "P"
                         : t[i].kind == CX_TOK_SYMBOL   ? "S"
                         : t[i].quote == CX_Q_OPEN      ? "Q+"
                         : t[i].quote == CX_Q_CLOSE     ? "Q-"
                                                        : "Q?";
        k += (size_t)snprintf(out + k, cap - k, "%s%s:%.*s", i ? "|" : "", kind,
                              (int)(t[i].end - t[i].start), s + t[i].start);
        assert_true(k < cap);
    }
    cx_arena_free(&a);
}

static void test_tokens_words_numbers(void **state)
{
    (void)state;
    char out[2048];
    toks("O’Brien's well-known U.S. plan cost $1,200.50 on the 21st, at 9:30 a.m.", out, sizeof out);
    assert_string_equal(out, "W:O’Brien's|W:well-known|W:U.S.|W:plan|W:cost|S:$|N:1,200.50|W:on|"
                             "W:the|N:21st|P:,|W:at|N:9:30|W:a.m.");
    toks("COVID-19 hit in the ’90s... Really -- yes", out, sizeof out);
    assert_string_equal(out, "W:COVID-19|W:hit|W:in|W:the|N:’90s|P:...|W:Really|P:--|W:yes");
}

static void test_tokens_quote_styles(void **state)
{
    (void)state;
    char out[2048];
    toks("“Yes,” she said.", out, sizeof out);
    assert_string_equal(out, "Q+:“|W:Yes|P:,|Q-:”|W:she|W:said|P:.");
    toks("\"No\" and 'maybe'", out, sizeof out);
    assert_string_equal(out, "Q+:\"|W:No|Q-:\"|W:and|Q+:'|W:maybe|Q-:'");
    toks("«Oui» ‹non› „ja“ ‘one’", out, sizeof out);
    assert_string_equal(out, "Q+:«|W:Oui|Q-:»|Q+:‹|W:non|Q-:›|Q+:„|W:ja|Q-:“|Q+:‘|W:one|Q-:’");
    toks("``Hello,'' he said", out, sizeof out);
    assert_string_equal(out, "Q+:``|W:Hello|P:,|Q-:''|W:he|W:said");
    /* A closing single mark after a plural is flagged as a possible apostrophe. */
    cx_arena a;
    cx_arena_init(&a);
    cx_token *t;
    size_t n;
    const char *s = "the players’ union";
    assert_true(cx_tokenize(&a, s, strlen(s), &t, &n));
    assert_int_equal(n, 4);
    assert_int_equal(t[2].kind, CX_TOK_QUOTE);
    assert_true(t[2].flags & CX_TF_APOS);
    cx_arena_free(&a);
}

static void test_token_offsets_and_flags(void **state)
{
    (void)state;
    cx_arena a;
    cx_arena_init(&a);
    const char *s = "Émile  NASA\nsaid";
    cx_token *t;
    size_t n;
    assert_true(cx_tokenize(&a, s, strlen(s), &t, &n));
    assert_int_equal(n, 3);
    assert_int_equal(t[0].start, 0);
    assert_int_equal(t[0].end, 6); /* É is two bytes */
    assert_true(t[0].flags & CX_TF_CAP);
    assert_true(t[1].flags & CX_TF_UPPER);
    assert_int_equal(t[1].start, 8);
    assert_true(t[2].flags & CX_TF_LINE_START);
    assert_true(t[2].flags & CX_TF_LOWER);
    cx_arena_free(&a);
}

/* Sentences of s joined by " || ". */
static void sents(const char *s, char *out, size_t cap)
{
    cx_arena a;
    cx_arena_init(&a);
    cx_text *t = cx_text_analyze(&a, s, strlen(s));
    assert_non_null(t);
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < t->n_sents; i++) {
        k += (size_t)snprintf(out + k, cap - k, "%s%.*s", i ? " || " : "",
                              (int)(t->sents[i].end - t->sents[i].start), s + t->sents[i].start);
        assert_true(k < cap);
    }
    cx_arena_free(&a);
}

static void test_sentences_abbreviations(void **state)
{
    (void)state;
    char out[4096];
    sents("The vote is on Oct. 14 in Ottawa, Ont. The mayor agreed.", out, sizeof out);
    assert_string_equal(out, "The vote is on Oct. 14 in Ottawa, Ont. || The mayor agreed.");
    sents("Mr. Smith met Dr. Jones. They spoke.", out, sizeof out);
    assert_string_equal(out, "Mr. Smith met Dr. Jones. || They spoke.");
    sents("The U.S. Senate voted. Then it left for the U.S. The next day it rained.", out, sizeof out);
    assert_string_equal(out, "The U.S. Senate voted. || Then it left for the U.S. || The next day it rained.");
    sents("Martin Luther King Jr. spoke. John F. Kennedy listened.", out, sizeof out);
    assert_string_equal(out, "Martin Luther King Jr. spoke. || John F. Kennedy listened.");
    sents("He lives at No. 10 Downing Street. No. He does not.", out, sizeof out);
    assert_string_equal(out, "He lives at No. 10 Downing Street. || No. || He does not.");
    sents("It ended at 5 p.m. on Monday. Police left.", out, sizeof out);
    assert_string_equal(out, "It ended at 5 p.m. on Monday. || Police left.");
    sents("Sen. Ana Ruiz, D-Calif., said no. Gov. Lee agreed.", out, sizeof out);
    assert_string_equal(out, "Sen. Ana Ruiz, D-Calif., said no. || Gov. Lee agreed.");
}

static void test_sentences_quotes(void **state)
{
    (void)state;
    char out[4096];
    sents("“We will rebuild.” The council met. “Why?” he asked. “Because.”", out, sizeof out);
    assert_string_equal(out, "“We will rebuild.” || The council met. || “Why?” he asked. || “Because.”");
    sents("She said \"It is over.\" Then she left!", out, sizeof out);
    assert_string_equal(out, "She said \"It is over.\" || Then she left!");
    sents("Wait... what happened? Nobody knows.", out, sizeof out);
    assert_string_equal(out, "Wait... what happened? || Nobody knows.");
}

static void test_paragraphs(void **state)
{
    (void)state;
    cx_arena a;
    cx_arena_init(&a);
    const char *s = "First para. Two sentences.\n\nSecond\nline wrapped.\n \nThird.";
    cx_text *t = cx_text_analyze(&a, s, strlen(s));
    assert_non_null(t);
    assert_int_equal(t->n_paras, 3);
    assert_int_equal(t->paras[1].start, 28);
    assert_memory_equal(s + t->paras[1].start, "Second\nline wrapped.", 20);
    assert_int_equal(t->n_sents, 4);
    assert_int_equal(t->sents[2].para, 1);
    /* No blank line anywhere: each line is a paragraph. */
    const char *lines = "1. Home\n2. World\nThe story starts here.";
    t = cx_text_analyze(&a, lines, strlen(lines));
    assert_int_equal(t->n_paras, 3);
    assert_int_equal(t->n_sents, 3); /* "1." is a list marker, not a sentence end */
    cx_arena_free(&a);
}

static void test_normalisation(void **state)
{
    (void)state;
    cx_buf b;
    cx_buf_init(&b, 1024);
    /* e + combining acute -> é (NFC) */
    assert_true(cx_nfc("Cafe\xCC\x81", 6, &b));
    assert_string_equal(b.data, "Caf\xC3\xA9");
    cx_buf_reset(&b);
    assert_true(cx_fold("ÉCOLE Straße", strlen("ÉCOLE Straße"), &b));
    assert_string_equal(b.data, "école strasse");
    cx_buf_reset(&b);
    assert_true(cx_fold("ＡＢＣ", strlen("ＡＢＣ"), &b)); /* NFKC: fullwidth to ASCII */
    assert_string_equal(b.data, "abc");
    cx_buf_free(&b);
}

static void test_stemming(void **state)
{
    (void)state;
    cx_stemmer *en = cx_stemmer_new("en");
    assert_non_null(en);
    size_t n;
    const char *s = cx_stem(en, "Collapsed", 9, &n);
    assert_int_equal(n, 7);
    assert_memory_equal(s, "collaps", 7);
    s = cx_stem(en, "inspections", 11, &n);
    assert_memory_equal(s, "inspect", n);
    cx_stemmer *fr = cx_stemmer_new("fr-FR");
    s = cx_stem(fr, "effondrements", strlen("effondrements"), &n);
    assert_memory_equal(s, "effondr", n);
    cx_stemmer *unknown = cx_stemmer_new("xx");
    assert_non_null(unknown); /* falls back to English */
    cx_stemmer_free(en);
    cx_stemmer_free(fr);
    cx_stemmer_free(unknown);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens_words_numbers), cmocka_unit_test(test_tokens_quote_styles),
        cmocka_unit_test(test_token_offsets_and_flags), cmocka_unit_test(test_sentences_abbreviations),
        cmocka_unit_test(test_sentences_quotes),     cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_normalisation),        cmocka_unit_test(test_stemming),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
