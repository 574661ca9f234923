/*
 * article.h: the article model every stage reads and fills.
 *
 * An article owns one arena; every string and array hanging off it lives
 * there and dies with cx_article_free. Offsets (paragraphs, tokens,
 * sentences, and later quotes and dates) are UTF-8 byte offsets into body.
 */
#ifndef CX_ARTICLE_H
#define CX_ARTICLE_H
#include <stddef.h>
#include <stdint.h>

#include "text/text.h"
#include "time/time.h"
#include "util/arena.h"
#include "util/date.h"

struct chorus_article {
    cx_arena arena;        /* owns everything below */
    char *id;
    char *input;           /* "path", "path:LINE" or "path@BYTE" */
    char *outlet;          /* NULL when unknown */
    char *url;
    cx_date published;     /* prec CX_PREC_NONE when unknown */
    char published_iso[32];
    char *language;        /* primary subtag, lower case ("en") */
    char *title;
    char *byline;
    char *body;            /* clean text, paragraphs separated by "\n\n" */
    size_t body_len;
    const char *raw_format; /* "html", "text", "jsonl", "warc" */
    const char *raw;       /* raw input for provenance (in the arena), may be NULL */
    size_t raw_len;
    unsigned char *raw_z;  /* raw compressed ahead for the store (in the arena), may be NULL */
    size_t raw_zlen;
    uint32_t repairs;      /* invalid UTF-8 sequences replaced */
    char *credits[4];      /* "With files from ..." lines moved out of the body */
    int n_credits;
    /* the text extraction left out, in page order: "kind\ttext\n" records
     * (kinds in docs/schema.md); NULL when none or not kept */
    char *boilerplate;
    size_t boilerplate_len;
    char *url_key;         /* identity keys for "already stored" */
    uint8_t body_key[16];
    cx_text *text;         /* text layer; NULL when not run */
    struct cx_fingerprint *fp; /* copies stage's fingerprint; NULL when not run */
    cx_timex *dates;       /* dates stage: temporal expressions in text order */
    size_t n_dates;
    int dates_done;        /* the dates stage ran (dates[] is output, even empty) */
    struct cx_quotes *quotes;  /* entities and quotes (src/quotes); NULL when not run */
    struct cx_claims_article *claims; /* statements and stances (src/claims); NULL when not run */
    int64_t seq;           /* row in the store, 0 when not stored */
    int64_t copy_of;       /* copies stage: row of the first article it copies, 0 when none */
    int64_t story;         /* stories stage: the story it joined, 0 when not run */
    int known;             /* the store had it before this run */
    /* its JSON text made ahead on a job's thread (cx_json_article_ahead),
     * without "story" and with the id it had then: malloc'd, freed with it */
    char *json_text;
    char *json_id;         /* that id (in the arena) */
    size_t json_id_end;    /* where the id's value ends in json_text */
};
typedef struct chorus_article cx_article;

/* A new, empty article; NULL when out of memory. */
cx_article *cx_article_new(void);
void cx_article_free(cx_article *a);
/* Sets a string field to a copy of s[0..n) trimmed and with inner runs of
 * white space collapsed; an empty result leaves NULL. Returns 0 when out of memory. */
int cx_article_set(cx_article *a, char **field, const char *s, size_t n);
/* Computes url_key, body_key (when with_body_key, or when the id needs it) and
 * the id when unset. */
int cx_article_finish_keys(cx_article *a, int with_body_key);

#endif
