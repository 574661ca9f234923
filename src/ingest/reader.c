/*
 * reader.c: opening an input, deciding its format, and reading whole-file
 * inputs (one HTML page or one text). JSON Lines and WARC are in jsonl.c and
 * warc.c.
 */
#include "ingest/reader.h"
#include "util/alloc.h"
#include "util/str.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void cx_reader_reject(cx_reader *r, chorus_status code, uint64_t line, uint64_t byte,
                      const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->rejected++;
    cx_report(r->diag, CHORUS_ERROR, code, r->in->name, line, byte, "%s", msg);
}

int cx_reader_stream_failed(cx_reader *r)
{
    const char *msg;
    uint64_t byte;
    chorus_status st = cx_stream_error(r->stream, &msg, &byte);
    if (st == CHORUS_OK)
        return 0;
    char copy[256];
    snprintf(copy, sizeof copy, "%s", msg); /* the resync clears the stream's message */
    int more = cx_stream_resync(r->stream);
    cx_reader_reject(r, st, 0, byte, "%s%s", copy,
                     more ? "; skipped to the next gzip member" : "");
    return more;
}

/* Guesses a format from the first bytes when the name does not tell. */
static chorus_format sniff_format(cx_stream *s)
{
    const unsigned char *p;
    size_t n = cx_stream_peek(s, 1024, &p);
    size_t i = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    while (i < n && cx_is_space((char)p[i]))
        i++;
    if (n - i >= 5 && !memcmp(p + i, "WARC/", 5))
        return CHORUS_FORMAT_WARC;
    if (i < n && p[i] == '{')
        return CHORUS_FORMAT_JSONL;
    if (i < n && p[i] == '<') {
        const char *c = (const char *)p + i;
        size_t m = n - i;
        if (cx_memcasemem(c, m, "<html") || cx_memcasemem(c, m, "<!doctype") ||
            cx_memcasemem(c, m, "<body") || cx_memcasemem(c, m, "<head") ||
            cx_memcasemem(c, m, "<p") || cx_memcasemem(c, m, "<div"))
            return CHORUS_FORMAT_HTML;
    }
    return CHORUS_FORMAT_TEXT;
}

cx_reader *cx_reader_open(const cx_input *in, const cx_ingest_opts *o, cx_diag *diag)
{
    chorus_format fmt = in->format;
    if (fmt == CHORUS_FORMAT_AUTO && in->path)
        fmt = cx_format_from_name(in->path);
    if (fmt == CHORUS_FORMAT_AUTO && in->from_dir)
        return NULL; /* a folder's unknown files (images, notes) are not inputs */

    cx_reader *r = cx_calloc(1, sizeof *r);
    if (!r) {
        cx_report(diag, CHORUS_ERROR, CHORUS_ERR_NOMEM, in->name, 0, CX_NO_BYTE, "out of memory");
        return NULL;
    }
    r->in = in;
    r->opts = *o;
    r->diag = diag;
    if (in->path) {
        char err[200];
        r->stream = cx_stream_open_file(in->path, err, sizeof err);
        if (!r->stream) {
            cx_report(diag, CHORUS_ERROR, CHORUS_ERR_IO, in->name, 0, CX_NO_BYTE, "%s", err);
            cx_free(r);
            return NULL;
        }
    } else if (!(r->stream = cx_stream_open_mem(in->data, in->len))) {
        cx_report(diag, CHORUS_ERROR, CHORUS_ERR_NOMEM, in->name, 0, CX_NO_BYTE, "out of memory");
        cx_free(r);
        return NULL;
    }
    if (fmt == CHORUS_FORMAT_AUTO)
        fmt = sniff_format(r->stream);
    r->format = fmt;
    cx_buf_init(&r->file, o->max_article_bytes);
    /* A JSON line carries its article escaped, so it may be longer than the article. */
    cx_buf_init(&r->line, o->max_article_bytes + o->max_article_bytes / 2 + 65536);
    cx_buf_init(&r->head, 64 * 1024);
    cx_buf_init(&r->block, o->max_article_bytes);
    cx_buf_init(&r->payload, o->max_article_bytes);
    return r;
}

static void drop_json(cx_reader *r)
{
    cx_jsonl_parsed_clear(&r->parsed);
}

void cx_reader_close(cx_reader *r)
{
    if (!r)
        return;
    drop_json(r);
    cx_stream_close(r->stream);
    cx_buf_free(&r->file);
    cx_buf_free(&r->line);
    cx_buf_free(&r->head);
    cx_buf_free(&r->block);
    cx_buf_free(&r->payload);
    cx_free(r);
}

uint64_t cx_reader_skipped(const cx_reader *r) { return r->skipped; }
uint64_t cx_reader_rejected(const cx_reader *r) { return r->rejected; }
uint64_t cx_reader_bytes(const cx_reader *r) { return cx_stream_tell(r->stream); }

static void human_size(size_t n, char *out, size_t len)
{
    if (n >= (1u << 20) && n % (1u << 20) == 0)
        snprintf(out, len, "%zu MiB", n >> 20);
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(out, len, "%zu KiB", n >> 10);
    else
        snprintf(out, len, "%zu bytes", n);
}

/* One HTML page or one text file. */
static int whole_next(cx_reader *r, cx_record *rec)
{
    if (r->done)
        return 0;
    r->done = 1;
    cx_buf_reset(&r->file);
    int full = 0;
    cx_stream_read_into(r->stream, &r->file, r->opts.max_article_bytes, &full);
    if (cx_stream_error(r->stream, NULL, NULL)) {
        cx_reader_stream_failed(r);
        return 0;
    }
    if (full || !cx_stream_eof(r->stream)) {
        char lim[32];
        human_size(r->opts.max_article_bytes, lim, sizeof lim);
        cx_reader_reject(r, CHORUS_ERR_TOO_LARGE, 0, CX_NO_BYTE,
                         "larger than the article limit of %s; skipped (raise it with "
                         "--max-article-bytes)", lim);
        return 0;
    }
    size_t n = r->file.len;
    const char *t = cx_trim(r->file.data ? r->file.data : "", &n);
    if (n == 0) {
        cx_reader_reject(r, CHORUS_ERR_EMPTY, 0, CX_NO_BYTE, "empty file: no article text");
        return 0;
    }
    (void)t;
    memset(rec, 0, sizeof *rec);
    rec->input = r->in->name;
    rec->kind = r->format == CHORUS_FORMAT_HTML ? CX_PAYLOAD_HTML : CX_PAYLOAD_TEXT;
    rec->data = rec->raw = r->file.data;
    rec->len = rec->raw_len = r->file.len;
    rec->raw_format = rec->kind == CX_PAYLOAD_HTML ? "html" : "text";
    return 1;
}

int cx_reader_next(cx_reader *r, cx_record *rec)
{
    drop_json(r);
    switch (r->format) {
    case CHORUS_FORMAT_JSONL:
        return cx_jsonl_next(r, rec);
    case CHORUS_FORMAT_WARC:
        return cx_warc_next(r, rec);
    default:
        return whole_next(r, rec);
    }
}
