/*
 * claims.h: on whose word each statement rests, and what stance it takes
 * (issue 7, docs/claims.md).
 *
 * Per article (cx_claims_analyze):
 *   In:  the text layer, the quotes stage's entities and quotes, the
 *        article's own outlet name (to know "Channel 9 has not verified" is
 *        the article speaking of itself; may be NULL).
 *   Out: statements, one per sentence that rests on a source or takes a
 *        stance: its byte span, the source (name or description, its type,
 *        the span of its mention, how many for anonymous sources), whether
 *        the source was carried from an earlier sentence, the stance (claim,
 *        disclaimer, denial, no_comment, confirmation, ruling, correction),
 *        its cue words and, for rulings, the verdict.
 *
 * Per story (cx_claims_story, story.c):
 *   In:  the story's analysed articles (each with its statements), in
 *        publication order, and for each the index of the article it copies
 *        (-1 when none).
 *   Out: claims (the same claim grouped across articles, with its sourcing,
 *        origin, relays, disclaimers, denials, no-comments and rulings) and
 *        disagreements (one fact, several values: "12 injured" / "14").
 *
 * Everything is matched on tokens against a compiled-in word list (lex.c);
 * English only: other languages get no statements. All arrays and strings
 * live in the arena passed in.
 */
#ifndef CX_CLAIMS_H
#define CX_CLAIMS_H
#include <stddef.h>
#include <stdint.h>

#include "quotes/quotes.h"
#include "text/text.h"
#include "util/arena.h"

typedef enum cx_source_type {
    CX_SRC_NONE = 0, /* unsourced */
    CX_SRC_PERSON = 1,
    CX_SRC_ORG = 2,
    CX_SRC_DOCUMENT = 3,
    CX_SRC_OUTLET = 4,
    CX_SRC_ANONYMOUS = 5,
    CX_SRC_UNNAMED_PERSON = 6,
    CX_SRC_UNNAMED_GROUP = 7
} cx_source_type;

typedef enum cx_stance {
    CX_ST_NONE = 0,
    CX_ST_CLAIM = 1,
    CX_ST_DISCLAIMER = 2,
    CX_ST_DENIAL = 3,
    CX_ST_NO_COMMENT = 4,
    CX_ST_CONFIRMATION = 5,
    CX_ST_RULING = 6,
    CX_ST_CORRECTION = 7
} cx_stance;

typedef struct cx_statement {
    cx_span span;        /* the sentence (bytes into the body) */
    uint32_t sentence;   /* index into the text layer's sentences */
    const char *source;  /* canonical name or description; NULL when unsourced */
    uint8_t source_type; /* cx_source_type */
    uint8_t stance;      /* cx_stance */
    uint8_t inherited;   /* source carried from an earlier sentence */
    uint8_t self;        /* the source is the article's own outlet ("Channel 9 has not verified") */
    cx_span source_span; /* the words naming the source here; empty when none */
    int32_t count;       /* anonymous sources: how many; -1 when not said */
    int32_t entity;      /* quotes-stage entity of the source, -1 */
    const char *cue;     /* the cue words as written ("reported", "declined to comment"); NULL */
    const char *verdict; /* rulings and corrections: "unfounded", "false", "true", ...; NULL */
    const char *via;     /* outlet relays: whom the outlet cites ("two senior officials ..."); NULL */
} cx_statement;

typedef struct cx_claims_article {
    cx_statement *st;
    size_t n;
} cx_claims_article;

/* Statements of one article. q may be NULL (no speakers to borrow); outlet
 * and lang may be NULL (lang NULL is read as English). NULL when out of
 * memory; other languages and empty bodies get an empty array. */
cx_claims_article *cx_claims_analyze(cx_arena *a, const cx_text *t, const cx_quotes *q,
                                     const char *outlet, const char *lang);

const char *cx_source_type_name(int type); /* "named_person", ...; NULL for none */
const char *cx_stance_name(int stance);    /* "claim", "denial", ...; NULL for none */

/* ---- story level (story.c) ---- */

struct chorus_article;

typedef struct cx_claim_ref {  /* one article's part in a claim */
    uint32_t article;          /* index into the story's articles */
    int32_t statement;         /* index into that article's statements; -1 */
    const char *who;           /* source or speaker; NULL */
    const char *text;          /* the sentence */
    const char *verdict;       /* rulings */
} cx_claim_ref;

typedef struct cx_claim {
    const char *text;          /* the origin's (or first) wording */
    const char *sourcing;      /* "named", "anonymous", "outlet", "document", "unsourced" */
    cx_claim_ref *sources;     /* who the claim rests on in each article */
    size_t n_sources;
    int32_t origin;            /* article index; -1 when none in the story */
    const char *origin_outlet; /* named by the relays even when not in the story; NULL */
    cx_claim_ref *relays, *disclaimers, *denials, *no_comment, *rulings;
    size_t n_relays, n_disclaimers, n_denials, n_no_comment, n_rulings;
    uint32_t *articles;        /* every article stating, relaying or answering it */
    size_t n_articles;
} cx_claim;

typedef struct cx_dis_value {
    const char *value;         /* "12", "7:42 a.m.", "1998" */
    const char *text;          /* the first sentence giving it */
    uint32_t *articles;
    size_t n_articles;
} cx_dis_value;

typedef struct cx_disagreement {
    const char *fact;          /* "injured", "time of the collapse", "founded" */
    cx_dis_value *values;
    size_t n_values;
} cx_disagreement;

typedef struct cx_story_claims {
    struct chorus_article *const *arts; /* the articles the indices refer to (the caller's) */
    size_t n_arts;
    cx_claim *claims;
    size_t n_claims;
    cx_disagreement *dis;
    size_t n_dis;
} cx_story_claims;

/* Claims and disagreements of a story's articles (publication order; each
 * with quotes and claims analysed: articles without are skipped). copy_of[i]
 * is the index of the article i copies, -1 when none (may be NULL). NULL
 * when out of memory. */
cx_story_claims *cx_claims_story(cx_arena *a, struct chorus_article *const *arts, size_t n,
                                 const int32_t *copy_of);

#endif
