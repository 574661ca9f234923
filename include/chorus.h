/*
 * chorus.h: the one public header of libchorus.
 *
 * chorus reads news articles (HTML pages, scraped text, JSON Lines, WARC,
 * gzip of any of these), turns each into a clean article (title, byline,
 * date, outlet, language, body) and runs the analysis stages over the
 * stream. Results follow the JSON contract in docs/schema.md (version "1")
 * and are kept in an SQLite store.
 *
 * Use:
 *     chorus *c = chorus_new();
 *     chorus_set_diag_handler(c, on_diag, ctx);      // bad inputs reported here
 *     chorus_open_store(c, "chorus.db");             // or ":memory:"
 *     chorus_set_output(c, stdout, CHORUS_OUT_JSON);
 *     chorus_add_input(c, "articles/");              // files, folders, "-" = stdin
 *     chorus_status st = chorus_run(c);
 *     chorus_free(c);
 *
 * Ownership: every pointer the library returns is owned by the library and
 * valid for the time stated beside the function; strings are NUL-terminated
 * UTF-8. Pointers passed in are copied unless stated otherwise.
 *
 * Threads: a chorus handle is used from one thread at a time. Different
 * handles may be used from different threads.
 */
#ifndef CHORUS_H
#define CHORUS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(CHORUS_BUILDING) && defined(__GNUC__)
#define CHORUS_API __attribute__((visibility("default")))
#else
#define CHORUS_API
#endif
#if defined(__GNUC__)
#define CHORUS_NODISCARD __attribute__((warn_unused_result))
#else
#define CHORUS_NODISCARD
#endif

/** Version of the JSON contract this library writes (docs/schema.md). */
#define CHORUS_SCHEMA_VERSION "1"

/** Result codes. Values are never renumbered; new codes are appended. */
typedef enum chorus_status {
    CHORUS_OK = 0,
    CHORUS_ERR_NOMEM = 1,     /* an allocation failed */
    CHORUS_ERR_IO = 2,        /* a file could not be opened, read or written */
    CHORUS_ERR_FORMAT = 3,    /* input is not what its format says (bad JSON, bad WARC header) */
    CHORUS_ERR_TOO_LARGE = 4, /* input over a configured limit */
    CHORUS_ERR_TRUNCATED = 5, /* input ends early (truncated gzip, short WARC record) */
    CHORUS_ERR_ENCODING = 6,  /* binary data or an unusable character encoding */
    CHORUS_ERR_STORE = 7,     /* the SQLite store failed */
    CHORUS_ERR_USAGE = 8,     /* a bad argument to the API */
    CHORUS_ERR_EMPTY = 9,     /* the input holds no article text */
    CHORUS_ERR_STOPPED = 10,  /* stopped at the first bad input (CHORUS_PARAM_STRICT) */
    CHORUS_ERR_NOT_FOUND = 11 /* no stored story or article of that id */
} chorus_status;

/** A short English description of a status. Static string, never NULL. */
CHORUS_API const char *chorus_strerror(chorus_status status);

/** The library version, e.g. "0.1.0". Static string. */
CHORUS_API const char *chorus_version(void);

/** The engine handle: options, inputs, the store, the output. */
typedef struct chorus chorus;

/** One article while it is being handed to an article handler. */
typedef struct chorus_article chorus_article;

/* ----------------------------------------------------------------------------
 * Diagnostics: one report per problem, naming the input and where in it.
 * -------------------------------------------------------------------------- */

typedef enum chorus_severity {
    CHORUS_WARNING = 0, /* input was used, with a repair (e.g. invalid UTF-8 replaced) */
    CHORUS_ERROR = 1    /* input (or one record of it) was rejected; the rest goes on */
} chorus_severity;

typedef struct chorus_diag {
    chorus_status code;
    chorus_severity severity;
    const char *input;   /* path as given, or "<stdin>"; never NULL */
    uint64_t line;       /* 1-based line (JSON Lines), 0 when not line-based */
    uint64_t byte;       /* byte offset in the (decompressed) input, valid when has_byte */
    int has_byte;
    const char *message; /* what is wrong, one line, no trailing newline */
} chorus_diag;

/** Called for every warning and error. The struct and its strings live until the
 *  handler returns. Without a handler, diagnostics are counted only. */
typedef void (*chorus_diag_fn)(void *ctx, const chorus_diag *diag);
CHORUS_API void chorus_set_diag_handler(chorus *c, chorus_diag_fn fn, void *ctx);

/** Progress: called at most every 100 ms during chorus_run. bytes_total is 0
 *  when unknown (stdin). */
typedef void (*chorus_progress_fn)(void *ctx, uint64_t bytes_done, uint64_t bytes_total,
                                   uint64_t articles);
CHORUS_API void chorus_set_progress_handler(chorus *c, chorus_progress_fn fn, void *ctx);

/** Progress of the story-level output at the end of a run (each story of the
 *  run with its brief, timeline, quotes and claims; then the storylines):
 *  called at most every 100 ms, and once at the end, with the stories
 *  written so far and how many there are. */
typedef void (*chorus_story_progress_fn)(void *ctx, uint64_t stories_done, uint64_t stories_total);
CHORUS_API void chorus_set_story_progress_handler(chorus *c, chorus_story_progress_fn fn, void *ctx);

/** Called once per article, in input order, after the article was analysed
 *  (and committed, when a store is open). The article is valid until the
 *  handler returns. A non-zero return stops the run (chorus_run returns
 *  CHORUS_ERR_STOPPED). */
typedef int (*chorus_article_fn)(void *ctx, const chorus_article *article);
CHORUS_API void chorus_set_article_handler(chorus *c, chorus_article_fn fn, void *ctx);

/* ----------------------------------------------------------------------------
 * Handle and parameters
 * -------------------------------------------------------------------------- */

/** A new handle with default parameters, no store and no output. NULL when out of memory. */
CHORUS_API chorus *chorus_new(void);
/** Closes the store and frees everything. NULL is a no-op. */
CHORUS_API void chorus_free(chorus *c);

typedef enum chorus_param {
    /* 1: text inputs are already clean; body = the input text, offsets point into it. Default 0. */
    CHORUS_PARAM_NO_EXTRACT = 1,
    /* 1: stop at the first rejected input. Default 0. */
    CHORUS_PARAM_STRICT = 2,
    /* Largest article (one page, one text, one record) in bytes, after decompression.
     * Default 16 MiB; bounds 1 KiB .. 1 GiB. */
    CHORUS_PARAM_MAX_ARTICLE_BYTES = 3,
    /* Articles per store transaction. Default 256; bounds 1 .. 100000. */
    CHORUS_PARAM_BATCH_SIZE = 4,
    /* 1: keep each article's raw input in the store (zlib-compressed). Default 1. */
    CHORUS_PARAM_KEEP_RAW = 5,
    /* 1: only build the clean article (ingest and extraction); skip later stages. Default 0. */
    CHORUS_PARAM_EXTRACT_ONLY = 6,
    /* How bodies are extracted: 0 auto (pages by the HTML model, texts by the text
     * model), 1 html (every input is HTML), 2 text (the text model; pages are first
     * flattened to their visible text). Default 0. */
    CHORUS_PARAM_EXTRACT_MODE = 7,
    /* Articles the copies stage keeps in memory to compare new ones against (the
     * most recent ones in the store; older ones are not compared). About 1.5 KB
     * each; default 131072; bounds 2 .. 100000000. */
    CHORUS_PARAM_COPY_WINDOW = 8,
    /* Sentences in a story's brief (summary), at most. Default 5; bounds 1 .. 100. */
    CHORUS_PARAM_BRIEF_SENTENCES = 9,
    /* Memory budget in bytes for the library's own allocations in this process
     * (arenas, indexes, buffers; not libxml2's, SQLite's or jansson's), shared by
     * every engine of the process; an allocation past it fails and the article
     * at hand is rejected ("out of memory"). 0: none (default); bounds 0, or
     * 16 MiB .. 1 TiB. */
    CHORUS_PARAM_MAX_MEMORY = 10,
    /* Threads for the per-article stages (extraction, text layer, dates, quotes,
     * claims, fingerprints). The stream stages (store, copies, stories, output)
     * stay on the calling thread and see articles in input order, so the output
     * is the same whatever the count. 0: one per online core. Default 1; bounds
     * 0 .. 256. CHORUS_PARAM_STRICT runs with one. */
    CHORUS_PARAM_JOBS = 11,
    /* 1: keep the text extraction left out of each body (navigation, teasers,
     * captions, prompts, comments...: the article's "boilerplate", at most
     * 16 KiB an article), in the store and the JSON. Default 1. */
    CHORUS_PARAM_KEEP_BOILERPLATE = 12
} chorus_param;

/** Sets a parameter; CHORUS_ERR_USAGE when unknown or out of bounds. */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_set_param(chorus *c, chorus_param p, int64_t value);
/** The bounds of a parameter; CHORUS_ERR_USAGE when unknown. */
CHORUS_API chorus_status chorus_param_bounds(chorus_param p, int64_t *min, int64_t *max);

/** Opens (creating if needed) the SQLite store at path, WAL mode. ":memory:" keeps
 *  nothing after chorus_free. Without a store nothing is remembered between runs. */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_open_store(chorus *c, const char *path);

/** The message of the last fatal error (store, output, usage); "" if none.
 *  Valid until the next call on the handle. */
CHORUS_API const char *chorus_errmsg(const chorus *c);

/* ----------------------------------------------------------------------------
 * Inputs and the run
 * -------------------------------------------------------------------------- */

/** Queues a file, a folder (read recursively, in name order, dot-files skipped)
 *  or "-" for standard input. A path that cannot be read is reported through
 *  the diagnostic handler when the run reaches it. */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_add_input(chorus *c, const char *path);

/** Input formats. AUTO decides from the name, then from the content. */
typedef enum chorus_format {
    CHORUS_FORMAT_AUTO = 0,
    CHORUS_FORMAT_HTML = 1,
    CHORUS_FORMAT_TEXT = 2,
    CHORUS_FORMAT_JSONL = 3,
    CHORUS_FORMAT_WARC = 4
} chorus_format;

/** Queues an input held in memory (gzip detected from its bytes). name labels it
 *  in diagnostics and in the article's "input"; the data is copied. */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_add_buffer(chorus *c, const char *name,
                                                            const void *data, size_t len,
                                                            chorus_format format);

/** Output of chorus_run / chorus_show. */
typedef enum chorus_output_flag {
    CHORUS_OUT_NONE = 0,
    CHORUS_OUT_JSON = 1,  /* one JSON document {"chorus":"1","articles":[...],...} */
    CHORUS_OUT_JSONL = 2, /* one article object a line */
    CHORUS_OUT_COMPACT = 1 << 8 /* with CHORUS_OUT_JSON: no indentation */
} chorus_output_flag;

/** Where chorus_run writes its results. The FILE stays owned by the caller and
 *  must stay open until chorus_run returns. NULL or CHORUS_OUT_NONE: no output. */
CHORUS_API void chorus_set_output(chorus *c, FILE *out, unsigned flags);

/** Reads every queued input, analyses each article and commits each batch to the
 *  store in one transaction, in input order. Inputs that cannot be used are
 *  reported and skipped. Returns CHORUS_OK when the run completed (check
 *  chorus_get_stats for rejected inputs), or the fatal error that ended it
 *  (store or output failure, CHORUS_ERR_STOPPED). The queue is empty afterwards. */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_run(chorus *c);

/** Writes everything in the store in the output format. */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_show(chorus *c, FILE *out, unsigned flags);
/** Writes one stored story as a STORY object (docs/schema.md) with every
 *  story-level field, followed by a newline; id is "s" + number as in the
 *  output. CHORUS_ERR_NOT_FOUND when the store has no such story. flags:
 *  CHORUS_OUT_COMPACT or 0 (indented). */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_show_story(chorus *c, const char *id, FILE *out,
                                                            unsigned flags);
/** Writes one stored article as an ARTICLE object with every per-article
 *  field, followed by a newline. CHORUS_ERR_NOT_FOUND when there is none. */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_show_article(chorus *c, const char *id, FILE *out,
                                                              unsigned flags);

typedef struct chorus_stats {
    uint64_t inputs;        /* files and buffers opened */
    uint64_t records;       /* candidate articles read (files, lines, WARC records) */
    uint64_t articles;      /* articles analysed and output */
    uint64_t added;         /* articles new to the store */
    uint64_t known;         /* articles the store already had (same URL or body) */
    uint64_t skipped;       /* records that are not articles (WARC requests, non-HTML) */
    uint64_t rejected;      /* inputs or records rejected with an error */
    uint64_t warnings;      /* repairs reported as warnings */
    uint64_t bytes;         /* input bytes read (decompressed) */
} chorus_stats;

/** Counters of the runs made with this handle. */
CHORUS_API chorus_stats chorus_get_stats(const chorus *c);

/** The pipeline's stages, for their timings. */
typedef enum chorus_stage {
    CHORUS_STAGE_READ,         /* ingest: files, gzip, JSON Lines, WARC records */
    CHORUS_STAGE_EXTRACT,      /* clean body and metadata (HTML or text model), language */
    CHORUS_STAGE_TEXT,         /* text layer: tokens, sentences */
    CHORUS_STAGE_DATES,        /* temporal expressions */
    CHORUS_STAGE_QUOTES,       /* entities, quotes, speakers */
    CHORUS_STAGE_CLAIMS,       /* statements, sources, stances */
    CHORUS_STAGE_KEYS,         /* copy fingerprints and store keys */
    CHORUS_STAGE_STORE,        /* store lookups and inserts, commits */
    CHORUS_STAGE_COPIES,       /* copy candidates, alignment, edges */
    CHORUS_STAGE_STORIES,      /* story assignment */
    CHORUS_STAGE_OUTPUT,       /* per-article JSON and the article handler */
    CHORUS_STAGE_STORY_OUTPUT, /* stories[], storylines[] and their fields at the end of a run */
    CHORUS_STAGE_COUNT
} chorus_stage;

/** CPU seconds spent in a stage by the runs made with this handle, summed over
 * threads; 0 for an unknown stage. */
CHORUS_API double chorus_stage_seconds(const chorus *c, chorus_stage s);
/** The stage's name ("read", "extract", ...); NULL for an unknown stage. */
CHORUS_API const char *chorus_stage_name(chorus_stage s);

/* ----------------------------------------------------------------------------
 * Articles (valid inside the article handler only)
 * -------------------------------------------------------------------------- */

typedef enum chorus_field {
    CHORUS_FIELD_ID = 0,
    CHORUS_FIELD_INPUT = 1,     /* "path", "path:LINE" or "path@BYTE" */
    CHORUS_FIELD_OUTLET = 2,
    CHORUS_FIELD_URL = 3,
    CHORUS_FIELD_PUBLISHED = 4, /* ISO 8601 at its precision */
    CHORUS_FIELD_LANGUAGE = 5,
    CHORUS_FIELD_TITLE = 6,
    CHORUS_FIELD_BYLINE = 7,
    CHORUS_FIELD_BODY = 8,      /* paragraphs separated by one blank line */
    CHORUS_FIELD_BOILERPLATE = 9 /* the text left out of the body, in page order: one
                                  * "kind<TAB>text" line a block (docs/schema.md) */
} chorus_field;

/** A field's value, or NULL when unknown. Valid while the article is. */
CHORUS_API const char *chorus_article_get(const chorus_article *a, chorus_field field);
/** 1 when the store already had this article before the run. */
CHORUS_API int chorus_article_is_known(const chorus_article *a);
/** Number of sentences and words the text layer found in the body. */
CHORUS_API size_t chorus_article_sentences(const chorus_article *a);
CHORUS_API size_t chorus_article_words(const chorus_article *a);
/** The story the article joined: its id is "s" followed by this number; 0
 *  when the stories stage did not run. */
CHORUS_API int64_t chorus_article_story(const chorus_article *a);
/** The article as a JSON object (docs/schema.md). The caller frees it with
 *  chorus_string_free. NULL when out of memory. */
CHORUS_API char *chorus_article_json(const chorus_article *a);
CHORUS_API void chorus_string_free(char *s);

/* ----------------------------------------------------------------------------
 * Report, search and the HTTP server (docs/report.md, docs/api.md)
 * -------------------------------------------------------------------------- */

/** Writes a static HTML report of everything in the store to dir/index.html
 *  (dir is created when missing): one self-contained page (no network) that
 *  draws the document chorus_show writes. */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_report(chorus *c, const char *dir);
/** The same report for a chorus JSON document held in memory (len bytes),
 *  e.g. a saved `chorus analyze` output; no store needed.
 *  CHORUS_ERR_FORMAT when json is not a chorus document. */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_report_document(chorus *c, const char *json,
                                                                 size_t len, const char *dir);

/** Full-text search of the store's titles, bodies, quotes and speakers
 *  (free text: every word must match; a trailing '*' matches a prefix).
 *  Writes {"query", "results": [{"id", "title", "outlet", "published",
 *  "story", "snippet", "score"}]} best first, at most limit results
 *  (flags: CHORUS_OUT_COMPACT or 0). */
CHORUS_API CHORUS_NODISCARD chorus_status chorus_search(chorus *c, const char *query, size_t limit,
                                                        FILE *out, unsigned flags);

/** The HTTP server of `chorus serve`: the report's page and the JSON API of
 *  docs/api.md, on its own threads. */
typedef struct chorus_server chorus_server;
typedef struct chorus_serve_options {
    const char *listen;       /* "ADDR:PORT" (IPv4); NULL: "127.0.0.1:8080"; port 0: any free port */
    size_t max_body;          /* largest request body in bytes; 0: 32 MiB */
    size_t max_header;        /* bytes of request line + headers; 0: 16 KiB */
    unsigned timeout;         /* seconds a connection may be idle; 0: 30 */
    unsigned max_connections; /* open connections; 0: 512 */
    unsigned threads;         /* worker threads; 0: 2 */
} chorus_serve_options;
/** Opens the store at db (created when missing) and starts serving. NULL on
 *  failure with the reason in err. options may be NULL. */
CHORUS_API chorus_server *chorus_serve_start(const char *db, const chorus_serve_options *options,
                                             char *err, size_t errlen);
/** The port the server listens on (the chosen one when asked for port 0). */
CHORUS_API int chorus_serve_port(const chorus_server *s);
/** Stops serving (waits for requests under way) and frees everything. NULL is a no-op. */
CHORUS_API void chorus_serve_stop(chorus_server *s);

#ifdef __cplusplus
}
#endif
#endif /* CHORUS_H */
