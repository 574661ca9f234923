/*
 * ingest.h: stage 1, reading inputs.
 *
 * In:  paths (files, folders read recursively, "-" for standard input) and
 *      in-memory buffers, each .html/.htm, .txt, .jsonl/.ndjson, .warc, or a
 *      .gz of any of these (gzip is recognised from the bytes).
 * Out: records, one candidate article at a time, in input order: the raw
 *      payload (HTML or text, not yet decoded) with what its container said
 *      about it (JSON fields, WARC target URI and date, HTTP charset), and a
 *      diagnostic for everything that could not be read. A bad record is
 *      skipped and reading goes on with the next.
 */
#ifndef CX_INGEST_H
#define CX_INGEST_H
#include <stddef.h>
#include <stdint.h>

#include "chorus.h"
#include "core/diag.h"
#include "util/buf.h"

typedef enum cx_payload { CX_PAYLOAD_HTML = 1, CX_PAYLOAD_TEXT = 2 } cx_payload;

/* What a container says about its record; each NULL when not given. */
typedef struct cx_meta {
    const char *id, *url, *outlet, *published, *title, *byline, *language;
    const char *charset; /* declared by HTTP headers */
    const char *fetched; /* WARC-Date: when it was crawled */
} cx_meta;

typedef struct cx_record {
    const char *input;   /* the input's name as given */
    uint64_t line;       /* JSON Lines line, else 0 */
    uint64_t byte;       /* offset of the record in the decompressed input */
    int multi;           /* 1 when the input holds many records (JSONL, WARC) */
    cx_payload kind;
    const char *data;    /* payload, valid until the next cx_reader_next */
    size_t len;
    const char *raw;     /* the whole record for provenance (JSON line, WARC block, file) */
    size_t raw_len;
    const char *raw_format; /* "html", "text", "jsonl", "warc" */
    cx_meta meta;
    int deferred;        /* a JSON Lines line not parsed yet (cx_ingest_opts.defer_json):
                            raw holds it, data and meta are unset; cx_jsonl_record reads it */
} cx_record;

typedef struct cx_ingest_opts {
    size_t max_article_bytes;
    int defer_json; /* JSON Lines records come unparsed: the caller parses them on its
                       threads (parsing a line costs more than finding it) */
} cx_ingest_opts;

/* What a parsed JSON Lines record points into; cx_jsonl_parsed_clear frees it. */
typedef struct cx_jsonl_parsed {
    struct json_t *json;
    char id_num[32];   /* a numeric "id" as text */
    char *byline_join; /* authors array joined */
} cx_jsonl_parsed;

/* Parses one JSON Lines line (s[0..n)) into rec's payload, raw and metadata,
 * pointing into p (and s); rec's input, line and byte are left as they are.
 * 0 when the line is not an article record, with the reason in err and its
 * code in *code. Any thread. */
int cx_jsonl_record(const char *s, size_t n, size_t max_bytes, cx_jsonl_parsed *p, cx_record *rec,
                    chorus_status *code, char *err, size_t errlen);
void cx_jsonl_parsed_clear(cx_jsonl_parsed *p);

/* One queued input. */
typedef struct cx_input {
    char *path;          /* file path, "-" for stdin; NULL for a buffer */
    char *name;          /* label for messages and "input" */
    void *data;          /* buffer inputs: owned copy */
    size_t len;
    chorus_format format;
    int from_dir;        /* found by walking a folder: unknown extensions are skipped */
} cx_input;

/* Format from a file name (".gz" stripped); CHORUS_FORMAT_AUTO when unknown. */
chorus_format cx_format_from_name(const char *name);

/* Calls fn for each file under path (path itself when a file), in byte order
 * of names, skipping dot-files and not following symlinked folders. Returns
 * the number of files, or -1 after reporting why path cannot be read. */
typedef int (*cx_walk_fn)(void *ctx, const char *file, int from_dir);
long cx_walk(const char *path, cx_walk_fn fn, void *ctx, cx_diag *diag);

typedef struct cx_reader cx_reader;
/* Opens one input. NULL when it cannot be read (reported). */
cx_reader *cx_reader_open(const cx_input *in, const cx_ingest_opts *o, cx_diag *diag);
/* The next record: 1, or 0 when the input is done. Problems are reported and
 * the bad record skipped. */
int cx_reader_next(cx_reader *r, cx_record *rec);
/* Counts of records skipped as not articles (WARC requests, non-HTML
 * responses) and rejected with an error. */
uint64_t cx_reader_skipped(const cx_reader *r);
uint64_t cx_reader_rejected(const cx_reader *r);
/* Bytes read so far (decompressed). */
uint64_t cx_reader_bytes(const cx_reader *r);
void cx_reader_close(cx_reader *r);

/* The WARC and JSON Lines record parsers, on a stream the reader opened. */
typedef struct cx_stream cx_stream;

/* Charset decoding. Appends the payload as UTF-8 to out: the charset comes from
 * a BOM, the HTTP header (declared), a <meta> tag (HTML), else UTF-8 when
 * valid, else windows-1252. Invalid sequences become U+FFFD; *repairs counts
 * them and *first_bad is the payload byte of the first. Returns CHORUS_OK,
 * CHORUS_ERR_ENCODING (binary data) or CHORUS_ERR_TOO_LARGE/NOMEM. The name of
 * the charset used goes to *used (static string). */
chorus_status cx_decode(const char *data, size_t n, int is_html, const char *declared,
                        cx_buf *out, uint32_t *repairs, uint64_t *first_bad,
                        const char **used);

#endif
