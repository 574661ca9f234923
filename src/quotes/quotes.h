/*
 * quotes.h: who is named in an article, and who said what.
 *
 * In:  the article's text layer (tokens with quote roles, sentences,
 *      paragraphs, byte offsets into the body), its title and language.
 * Out: entities (people, organisations, places, outlets) resolved within the
 *      article, each with its canonical name, type, title or role and every
 *      mention; and quotes, each with the byte spans of its quoted content
 *      (one part, or several for a quote split around its attribution), its
 *      kind (direct, indirect, mixed, unmarked), the span of its cue, the
 *      speaker (canonical name, organisation, or the descriptor of an unnamed
 *      person) and the words that name the speaker in the text.
 *
 * Everything is matched on tokens against a compiled-in gazetteer
 * (gazetteer.c); no regular expressions, no model file. Cue words are
 * English: other languages get their marked quotes with the speakers an
 * English cue would find, which is usually none.
 *
 * All arrays and strings live in the arena given to cx_quotes_analyze.
 */
#ifndef CX_QUOTES_H
#define CX_QUOTES_H
#include <stddef.h>
#include <stdint.h>

#include "text/text.h"
#include "util/arena.h"

typedef enum cx_entity_type {
    CX_ENT_PERSON = 1,
    CX_ENT_ORG = 2,
    CX_ENT_PLACE = 3,
    CX_ENT_OUTLET = 4
} cx_entity_type;

typedef enum cx_quote_kind {
    CX_QK_DIRECT = 1,   /* between quotation marks */
    CX_QK_INDIRECT = 2, /* reported speech: "X said that ..." */
    CX_QK_MIXED = 3,    /* reported speech holding a partial quote */
    CX_QK_UNMARKED = 4  /* first-person speech without its marks */
} cx_quote_kind;

typedef struct cx_span {
    uint32_t start, end; /* bytes into the body, end exclusive; start == end: none */
} cx_span;

typedef struct cx_entity {
    const char *name;  /* canonical: the fullest form, without title */
    const char *title; /* title or role ("Opposition Leader", "a spokesperson for ..."); NULL */
    uint8_t type;      /* cx_entity_type */
    cx_span *mentions; /* in text order */
    uint32_t n_mentions;
} cx_entity;

typedef struct cx_quote {
    cx_span span;     /* from the first part's start to the last part's end */
    cx_span *parts;   /* the quoted content (without the marks of a direct quote) */
    uint32_t n_parts;
    uint8_t kind;     /* cx_quote_kind */
    cx_span cue;      /* the reporting verb or phrase; empty when none */
    const char *speaker; /* canonical name, organisation or descriptor; NULL when unknown */
    cx_span mention;  /* the words naming the speaker; empty when unknown */
    int32_t entity;   /* index into the entities, -1 when none */
    const char *norm; /* the content's words, case-folded, one space apart (for alignment) */
} cx_quote;

typedef struct cx_quotes {
    cx_entity *entities;
    size_t n_entities;
    cx_quote *quotes;
    size_t n_quotes;
} cx_quotes;

/* Analyses one article. title and lang may be NULL. Returns NULL when out of
 * memory; an article with nothing found gets empty arrays. */
cx_quotes *cx_quotes_analyze(cx_arena *a, const cx_text *t, const char *title, const char *lang);

const char *cx_entity_type_name(int type);

/* ---- across the articles of a story (groups.c) ---- */

struct cx_story_view;
typedef struct cx_quote_variant {
    uint32_t member; /* index into the view's members */
    uint32_t quote;  /* index into that article's quotes */
} cx_quote_variant;
typedef struct cx_quote_group {
    const char *speaker;      /* the canonical name most variants give; NULL when none */
    uint32_t text_variant;    /* the variant whose wording most share */
    cx_quote_variant *variants; /* one per article, in the view's order */
    uint32_t n_variants;
} cx_quote_group;
typedef struct cx_quote_groups {
    cx_quote_group *groups; /* in order of their first variant */
    size_t n;
} cx_quote_groups;
/* The utterances quoted by two articles or more of the story (in ar). NULL
 * when out of memory. */
cx_quote_groups *cx_quote_groups_build(cx_arena *ar, const struct cx_story_view *v);
/* A quote's content: its parts joined by one space (in ar). NULL when out of memory. */
char *cx_quote_text(cx_arena *ar, const char *body, const cx_quote *q);
const char *cx_quote_kind_name(int kind);

/* ---- shared by entities.c, quotes.c and gazetteer.c ---- */

/* Word classes of the compiled-in lexicon (a word may have several). */
enum {
    LX_SAY = 1u << 0,      /* reporting verb taking a clause: said, says, added, wrote */
    LX_TELL = 1u << 1,     /* reporting verb taking a hearer first: told, asked */
    LX_THINK = 1u << 2,    /* weaker attribution verbs: believes, argued, reported */
    LX_PRON = 1u << 3,     /* subject pronoun: he, she, they, it, we, i */
    LX_FIRST = 1u << 4,    /* first person: i, me, my, we, us, our */
    LX_DET = 1u << 5,      /* determiner or possessive opening a noun phrase */
    LX_TITLE = 1u << 6,    /* honorific or office before a name: mr, sen, mayor */
    LX_ROLE = 1u << 7,     /* noun naming a person by role: spokesperson, councillor */
    LX_ORGHEAD = 1u << 8,  /* last word of an organisation's name: party, ministry */
    LX_PLACEHEAD = 1u << 9,/* last word of a place name: street, county, river */
    LX_STOP = 1u << 10,    /* function word: never part of a name when capitalised first */
    LX_CONNECT = 1u << 11, /* may join the words of a name: of, de, van */
    LX_TIME = 1u << 12,    /* month and day names, today, yesterday */
    LX_FIRSTNAME = 1u << 13, /* common given name */
    LX_ADV = 1u << 14,     /* adverb allowed between subject and verb: also, later */
    LX_PREP = 1u << 15,    /* preposition opening an adjunct: in, on, at, during */
    LX_AUX = 1u << 16,     /* auxiliary or copula: is, was, has, would */
    LX_CONJ = 1u << 17,    /* clause connective: and, but, because, who, which */
    LX_DEMONYM = 1u << 18, /* adjective of a people: american, french */
    LX_MALE = 1u << 19,    /* he, him, his, mr */
    LX_FEMALE = 1u << 20,  /* she, her, ms, mrs */
    LX_PLURAL = 1u << 21,  /* they, them, their */
    LX_GROUP = 1u << 22    /* people named as a group: officials, sources, police */
};

/* Classes of the word s[0..n) (any case); 0 when unknown. Thread-safe. */
uint32_t cx_lex(const char *s, size_t n);
/* Type (cx_entity_type) of a known name, given case-folded with single
 * spaces ("new york times"); 0 when the gazetteer does not know it. */
int cx_gazetteer(const char *s, size_t n);

#endif
