/*
 * report.h: the output stage.
 *
 * In:  analysed articles (later also copies, stories, storylines).
 * Out: the JSON contract of docs/schema.md, version "1": one document
 *      {"chorus": "1", "articles": [...]} streamed article by article, or one
 *      article object a line (JSON Lines). Fields a stage has not filled are
 *      null; arrays of stages not built are left out.
 */
#ifndef CX_REPORT_H
#define CX_REPORT_H
#include <jansson.h>
#include <stdio.h>

#include "chorus.h"
#include "core/article.h"

/* The article as a JSON object; NULL when out of memory. Caller decrefs. */
/* ARTICLE of docs/schema.md as text (JSON_INDENT(2) layout, nested `base`
 * levels deep, when pretty, else compact), *len its length; cx_malloc'd
 * (free with cx_free), NULL when out of memory. */
char *cx_article_text(const cx_article *a, int pretty, int base, size_t *len);
json_t *cx_article_to_json(const cx_article *a);

typedef struct cx_json_out cx_json_out;
/* Starts output on f (flags: CHORUS_OUT_JSON or _JSONL, | CHORUS_OUT_COMPACT).
 * NULL when out of memory. */
cx_json_out *cx_json_begin(FILE *f, unsigned flags);
/* Writes one article. 0 when writing failed. */
int cx_json_article(cx_json_out *o, const cx_article *a);
/* Makes an article's JSON text ahead, on any thread, for output of the given
 * flags (CHORUS_OUT_*): cx_json_article then writes it with the id and story
 * the article has by then. 0 when out of memory (a->json_text stays NULL and
 * cx_json_article makes it). */
int cx_json_article_ahead(unsigned flags, cx_article *a);
/* The document is written in its order: the articles, then "copies" (when
 * cx_json_copies is called), "stories", "storylines" (each left out when
 * nothing is written to it), each array streamed an element at a time. */
struct cx_copy_out;
struct cx_story_out;
struct cx_story_view;
/* Closes the articles and writes copies[] (JSON form only). 0 when writing
 * failed or out of memory. */
int cx_json_copies(cx_json_out *o, const struct cx_copy_out *copies, size_t n_copies);
/* Writes story_merges[]: pairs[2i] was merged into pairs[2i+1] during the
 * run (articles written before the merge carry the first id). Nothing when
 * n is 0. 0 when writing failed. */
int cx_json_story_merges(cx_json_out *o, const int64_t *pairs, size_t n);
/* Adds stories with the stories stage's fields only. 0 when out of memory. */
int cx_json_stories(cx_json_out *o, const struct cx_story_out *stories, size_t n);
/* Adds one story, with the story-level stages' results of its view (may be
 * NULL: the fields of the stories stage only). 0 when out of memory. */
int cx_json_story(cx_json_out *o, const struct cx_story_out *st, const struct cx_story_view *v);
/* The same in two steps, for threads: cx_json_dump (any thread; it reads
 * only o's flags) gives an element's text (malloc'd; NULL when out of
 * memory), cx_json_story_text writes one story's, in order. */
char *cx_json_dump(const cx_json_out *o, const json_t *j);
int cx_json_story_text(cx_json_out *o, const char *dump);
/* Adds one storyline to storylines[] (written after the stories): its id
 * (the number of its first story), title and stories in the order they
 * started, and its timeline (cx_json_timeline; NULL: left out) and the
 * members of extra (an object, e.g. "claims" and "disagreements"; NULL:
 * none); both references are taken in every case. 0 when out of memory. */
int cx_json_storyline(cx_json_out *o, int64_t id, const char *title, const int64_t *stories, size_t n,
                      json_t *timeline, json_t *extra);
/* The same in two steps, for threads: the storyline's element text (any
 * thread; malloc'd, NULL when out of memory; the references are taken),
 * then writing it in its place. */
char *cx_storyline_text(const cx_json_out *o, int64_t id, const char *title, const int64_t *stories, size_t n,
                        json_t *timeline, json_t *extra);
int cx_json_storyline_text(cx_json_out *o, const char *dump);
/* STORY of docs/schema.md as an object (json_story.c); NULL when out of memory. */
json_t *cx_story_to_json(const struct cx_story_out *st, const struct cx_story_view *v);
/* Story-level fields (docs/schema.md), each built from its stage's result over
 * the story's articles arts (the set the stage ran on). NULL when out of memory. */
struct cx_tl_event;
json_t *cx_json_timeline(const struct cx_tl_event *ev, size_t n, const cx_article *const *arts);
/* The ids of arts[idx[0..n)] as an array, and their distinct outlets in
 * first-seen order in *outlets (both new references). */
json_t *cx_json_ids_outlets(const cx_article *const *arts, const uint32_t *idx, size_t n, json_t **outlets);
struct cx_brief;
json_t *cx_json_summary(const struct cx_brief *b, const cx_article *const *arts);
json_t *cx_json_coverage(const struct cx_brief *b, const cx_article *const *arts);
/* Sets "summary", "headline" and "coverage" on the story object; 0 when out of memory. */
int cx_json_brief_to(json_t *story, const struct cx_brief *b, const cx_article *const *arts);
/* Closes the document and frees o. 0 when writing failed (o is freed anyway). */
int cx_json_end(cx_json_out *o);

/* "statements" of the claims stage, as a member of the object w is in
 * (json_claims.c). */
struct cx_jw;
void cx_jw_statements(struct cx_jw *w, const cx_article *a);
/* "claims" and "disagreements" of a story on the story object (json_claims.c).
 * 0 when out of memory. */
struct cx_story_claims;
int cx_json_story_claims(json_t *story, const struct cx_story_claims *sc);

#endif
