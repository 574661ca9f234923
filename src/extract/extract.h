/*
 * extract.h: stage 2, from a record to a clean article.
 *
 * In:  a record from ingest (raw payload bytes and container metadata).
 * Out: the article's metadata (title, byline, published, outlet, url,
 *      language), each from the best source present: the container (JSON
 *      fields, WARC), then the page (JSON-LD, Open Graph and meta tags,
 *      <time>, <html lang>, canonical link), then the URL's host; and the body
 *      as clean paragraphs: NFC, white space collapsed, one blank line between
 *      paragraphs.
 *
 * This version builds the body naively: the visible block text of the page
 * (of its main <article> when there is one), leaving out scripts, navigation,
 * forms, asides, footers and captions; for scraped text, its lines or
 * blank-line blocks. Boilerplate removal proper is the extraction issue's.
 * With no_extract, text payloads are taken as already clean: the body is the
 * text exactly as given (invalid UTF-8 repaired), so offsets point into it.
 */
#ifndef CX_EXTRACT_H
#define CX_EXTRACT_H
#include "chorus.h"
#include "core/article.h"
#include "core/diag.h"
#include "ingest/ingest.h"

typedef enum cx_mode {
    CX_MODE_AUTO = 0, /* by the payload: HTML model for pages, text model for text */
    CX_MODE_HTML = 1, /* every payload is HTML */
    CX_MODE_TEXT = 2  /* text model; an HTML payload is flattened to its visible text first */
} cx_mode;

/* Language identification (lang.c); one per thread. */
typedef struct cx_langid cx_langid;
/* NULL only when out of memory; a detector without fingerprints detects nothing. */
cx_langid *cx_langid_new(void);
void cx_langid_free(cx_langid *l);
/* ISO 639 code of s[0..n) into out; its length, or 0 when unsure. */
size_t cx_langid_detect(cx_langid *l, const char *s, size_t n, char *out, size_t outlen);

typedef struct cx_extract_opts {
    int no_extract;
    cx_mode mode;
    size_t max_article_bytes;
    cx_langid *langid; /* NULL: no detection */
    int keep_removed;  /* fill the article's boilerplate: the text left out */
} cx_extract_opts;

/* Fills a (new, empty) from rec. On CHORUS_OK the article has a body (maybe
 * empty: the caller decides); warnings (repairs) are reported here. Errors
 * are returned with a message in msg (not reported). */
chorus_status cx_extract(const cx_record *rec, const cx_extract_opts *o, cx_article *a,
                         cx_diag *diag, char *msg, size_t msglen);

/* --- internals shared by the extractor's files --- */

/* Metadata found in a page; each NULL when absent. Strings live in the arena. */
typedef struct cx_page_meta {
    const char *title_ld, *title_og, *title_h1, *title_tag;
    const char *site_name, *publisher, *app_name;
    const char *published_meta, *published_ld, *published_item, *published_time;
    const char *byline_ld, *byline_meta;
    const char *canonical, *og_url, *ld_url;
    const char *lang_html, *lang_ld, *lang_og, *lang_meta;
} cx_page_meta;

/* Body paragraphs under construction. */
typedef struct cx_paras {
    cx_buf body;    /* paragraphs joined by "\n\n" */
    cx_buf cur;     /* raw text of the paragraph being built */
    cx_buf scratch;
    size_t count;
    char *first;    /* copy of the first paragraph (to drop a repeated title) */
    uint64_t *seen; /* hashes of the paragraphs added (open addressing, 0 = empty) */
    size_t seen_cap;
    /* What was left out, when keep_removed: one "kind\ttext\n" record per
     * block (cx_paras_drop), bounded by CX_REMOVED_MAX bytes. */
    int keep_removed;
    cx_buf removed;
    const char *last_kind;  /* kind of the last record (static string) */
    size_t last_start;      /* where the last record's text starts in removed */
    size_t last_item;       /* length of the last block recorded */
    size_t removed_lost;    /* blocks not kept past the bound */
} cx_paras;

/* Bytes of removed text kept per article: enough for a page's menus,
 * teasers and footers; a 200 MB page does not make a 200 MB record. */
#define CX_REMOVED_MAX (16 * 1024)

void cx_paras_init(cx_paras *p, size_t limit);
void cx_paras_free(cx_paras *p);
/* Ends the current paragraph: cleans it and appends it when not empty. 0 on failure. */
int cx_paras_flush(cx_paras *p);
/* Appends s[0..n) to body as a paragraph after cleaning, unless the same
 * paragraph is already there (a page rendering its text twice). */
int cx_paras_add(cx_paras *p, const char *s, size_t n);
/* Records s[0..n), cleaned, as text left out of the body, with kind (a
 * static string of the schema's list: "navigation", "teaser", ...). Short
 * blocks of one kind in a row join one record (a menu's items). Does nothing
 * unless keep_removed. 0 when out of memory. */
int cx_paras_drop(cx_paras *p, const char *kind, const char *s, size_t n);

/* Collapses white space (every Unicode space), removes zero-width and control
 * characters, trims, and appends the NFC result to out. */
int cx_clean_inline(const char *s, size_t n, cx_buf *out);

/* HTML: parses the page and fills meta and paragraphs. 0 when the page could
 * not be parsed at all. */
int cx_html_extract(cx_arena *a, const char *html, size_t n, cx_page_meta *meta, cx_paras *paras,
                    int visible_text_only);
/* HTML-mode content model (blocks.c), built from parser events: start and end
 * of each element (attrs: name/value pairs, NULL-terminated, values may be
 * NULL) and text. cx_model_extract appends the article's paragraphs: 1 when
 * found, 0 when the page has no text, -1 when out of memory. visible_only:
 * all visible text instead (for the text model). */
typedef struct cx_model cx_model;
cx_model *cx_model_new(void);
void cx_model_free(cx_model *m);
void cx_model_start(cx_model *m, const char *tag, const char *const *attrs);
void cx_model_end(cx_model *m, const char *tag);
void cx_model_text(cx_model *m, const char *s, size_t n);
int cx_model_extract(cx_model *m, cx_paras *paras, int visible_only);

/* 1 when s[0..n) is an interface line: a button, prompt, label or credit
 * (phrases.c). */
int cx_interface_line(const char *s, size_t n);
/* A short line that heads a list of other stories ("Related", "Top Stories")
 * or a comment thread ("Comments (12)"); 0 for any other (phrases.c). */
enum { CX_HEAD_STORIES = 1, CX_HEAD_COMMENTS = 2 };
int cx_section_head(const char *s, size_t n);

/* What the text model finds besides the body; pointers into the text. */
#define CX_MAX_CREDITS 4
typedef struct cx_text_meta {
    const char *title, *byline, *published, *outlet;
    size_t title_len, byline_len, published_len, outlet_len;
    cx_date date;
    const char *credits[CX_MAX_CREDITS];
    size_t credit_lens[CX_MAX_CREDITS];
    int n_credits;
} cx_text_meta;

/* Text-mode content model (lines.c) over s[0..n): appends the article's
 * paragraphs and fills tm. 1 found, 0 nothing found, -1 out of memory. */
int cx_text_model(cx_arena *a, const char *s, size_t n, const char *given_title,
                  cx_paras *paras, cx_text_meta *tm);

/* JSON-LD block: fills the *_ld fields of meta. */
void cx_jsonld_read(cx_arena *a, const char *json, size_t n, cx_page_meta *meta);

#endif
