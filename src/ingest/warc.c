/*
 * warc.c: WARC 1.0/1.1 records (ISO 28500), plain or one gzip member per record.
 *
 * "response" records with an HTML (or plain text) HTTP payload and "resource"
 * records of those types become articles; other records (warcinfo, request,
 * metadata, revisit) are skipped. HTTP chunked transfer coding and gzip or
 * deflate content coding are undone. A record whose Content-Length does not
 * match its data is rejected, and reading resumes at the next "WARC/1."
 * header line, so one bad record never loses the rest of the file.
 */
#include "ingest/reader.h"
#include "util/alloc.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Positions the stream at the next line that starts with "WARC/1." after a bad
 * record. Returns 1 when one was found. */
static int resync(cx_reader *r)
{
    if (!cx_stream_skip_past(r->stream, "\nWARC/1.", UINT64_MAX))
        return 0;
    return cx_stream_unread(r->stream, "WARC/1.", 7);
}

/* Header value of name in a block of "Name: value" lines already split into
 * NUL-terminated lines at lines[0..n). */
static const char *header(char **lines, size_t n, const char *name)
{
    size_t k = strlen(name);
    for (size_t i = 0; i < n; i++) {
        const char *l = lines[i];
        if (cx_ascii_ncaseeq(l, name, k) && l[k] == ':') {
            const char *v = l + k + 1;
            while (*v == ' ' || *v == '\t')
                v++;
            return v;
        }
    }
    return NULL;
}

/* Splits s[0..n) into lines in place (CRLF or LF); returns the count (max cap). */
static size_t split_lines(char *s, size_t n, char **lines, size_t cap)
{
    size_t count = 0;
    char *p = s, *end = s + n;
    while (p < end && count < cap) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        if (e > p && e[-1] == '\r')
            e[-1] = '\0';
        *e = '\0';
        if (*p == ' ' || *p == '\t') {
            /* A folded continuation line: join it to the previous one. */
            if (count) {
                char *prev = lines[count - 1];
                size_t pl = strlen(prev);
                prev[pl] = ' ';
                memmove(prev + pl + 1, p, strlen(p) + 1);
            }
        } else if (*p) {
            lines[count++] = p;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    return count;
}

/* The value of a parameter ("charset") in a Content-Type value, copied into buf. */
static const char *ct_param(const char *ct, const char *param, char *buf, size_t len)
{
    if (!ct)
        return NULL;
    const char *p = cx_memcasemem(ct, strlen(ct), param);
    if (!p)
        return NULL;
    p += strlen(param);
    while (*p == ' ')
        p++;
    if (*p != '=')
        return NULL;
    p++;
    while (*p == ' ' || *p == '"' || *p == '\'')
        p++;
    size_t i = 0;
    while (*p && *p != ';' && *p != '"' && *p != '\'' && *p != ' ' && i + 1 < len)
        buf[i++] = *p++;
    buf[i] = '\0';
    return i ? buf : NULL;
}

static int is_html_type(const char *ct)
{
    return ct && (cx_ascii_ncaseeq(ct, "text/html", 9) ||
                  cx_ascii_ncaseeq(ct, "application/xhtml", 17));
}
static int is_text_type(const char *ct) { return ct && cx_ascii_ncaseeq(ct, "text/plain", 10); }

/* Undoes chunked transfer coding of s[0..n) into out. 0 when malformed. */
static int dechunk(const char *s, size_t n, cx_buf *out)
{
    size_t i = 0;
    for (;;) {
        char *end;
        if (i >= n)
            return 0;
        unsigned long long size = strtoull(s + i, &end, 16);
        if (end == s + i)
            return 0;
        const char *nl = memchr(end, '\n', n - (size_t)(end - s));
        if (!nl)
            return 0;
        i = (size_t)(nl - s) + 1;
        if (size == 0)
            return 1;
        if (size > n - i)
            return 0;
        if (cx_buf_append(out, s + i, (size_t)size) != CX_BUF_OK)
            return 0;
        i += (size_t)size;
        if (i < n && s[i] == '\r')
            i++;
        if (i < n && s[i] == '\n')
            i++;
    }
}

/* gzip/zlib/raw deflate of s[0..n) into out (bounded by out's limit). */
static int inflate_body(const char *s, size_t n, cx_buf *out)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        z_stream z;
        memset(&z, 0, sizeof z);
        if (inflateInit2(&z, attempt == 0 ? 15 + 32 : -15) != Z_OK)
            return 0;
        cx_buf_reset(out);
        z.next_in = (Bytef *)(uintptr_t)s;
        z.avail_in = (uInt)n;
        int rc = Z_OK;
        while (rc == Z_OK) {
            int err;
            char *w = cx_buf_reserve(out, 65536, &err);
            if (!w) {
                size_t room = out->limit - out->len;
                if (err != CX_BUF_TOO_LARGE || room == 0 || !(w = cx_buf_reserve(out, room, &err))) {
                    inflateEnd(&z);
                    return 0;
                }
            }
            size_t room = out->cap - out->len - 1;
            z.next_out = (Bytef *)w;
            z.avail_out = (uInt)(room > 65536 ? 65536 : room);
            uInt before = z.avail_out;
            rc = inflate(&z, Z_NO_FLUSH);
            cx_buf_commit(out, before - z.avail_out);
            if (rc == Z_BUF_ERROR && z.avail_in == 0)
                break; /* truncated body: keep what there is */
        }
        inflateEnd(&z);
        if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && out->len))
            return 1;
    }
    return 0;
}

int cx_warc_next(cx_reader *r, cx_record *rec)
{
    for (;;) {
        /* Skip the blank lines between records. */
        const unsigned char *p;
        size_t k;
        while ((k = cx_stream_peek(r->stream, 1, &p)) == 1 && (p[0] == '\r' || p[0] == '\n'))
        {
            unsigned char c;
            cx_stream_read(r->stream, &c, 1);
        }
        if (cx_stream_error(r->stream, NULL, NULL)) {
            if (cx_reader_stream_failed(r))
                continue;
            return 0;
        }
        if (k == 0)
            return 0;
        uint64_t at = cx_stream_tell(r->stream);
        int too_long = 0;
        cx_buf_reset(&r->head);
        /* Header block: lines up to the first empty one. */
        int ok = 0, got_any = 0;
        cx_buf line;
        cx_buf_init(&line, 16 * 1024);
        while (cx_stream_getline(r->stream, &line, &too_long)) {
            got_any = 1;
            if (too_long || r->head.len + line.len + 2 > r->head.limit)
                break;
            if (line.len == 0) {
                ok = 1;
                break;
            }
            cx_buf_append(&r->head, line.data, line.len);
            cx_buf_putc(&r->head, '\n');
        }
        cx_buf_free(&line);
        if (cx_stream_error(r->stream, NULL, NULL)) {
            if (cx_reader_stream_failed(r))
                continue;
            return 0;
        }
        if (!got_any)
            return 0;
        char *lines[128];
        size_t nl = ok ? split_lines(r->head.data, r->head.len, lines, 128) : 0;
        if (!ok || nl == 0 || strncmp(lines[0], "WARC/1.", 7) != 0) {
            cx_reader_reject(r, CHORUS_ERR_FORMAT, 0, at,
                             ok ? "expected a WARC/1.0 or WARC/1.1 record header"
                                : "WARC record header not terminated by an empty line");
            if (resync(r))
                continue;
            return 0;
        }
        const char *cl = header(lines + 1, nl - 1, "Content-Length");
        char *endp = NULL;
        unsigned long long len = cl ? strtoull(cl, &endp, 10) : 0;
        if (!cl || endp == cl || *endp) {
            cx_reader_reject(r, CHORUS_ERR_FORMAT, 0, at,
                             "WARC record without a valid Content-Length");
            if (resync(r))
                continue;
            return 0;
        }
        const char *type = header(lines + 1, nl - 1, "WARC-Type");
        const char *uri = header(lines + 1, nl - 1, "WARC-Target-URI");
        const char *date = header(lines + 1, nl - 1, "WARC-Date");
        const char *wct = header(lines + 1, nl - 1, "Content-Type");
        const char *ptype = header(lines + 1, nl - 1, "WARC-Identified-Payload-Type");
        int wanted = type && (!strcmp(type, "response") || !strcmp(type, "resource"));

        /* The block. */
        cx_buf_reset(&r->block);
        if (!wanted || len > r->block.limit) {
            /* Not an article, or too large: skip it, watching for a header that
             * would show the length lies. */
            if (cx_stream_skip_past(r->stream, "\r\nWARC/1.", len)) {
                cx_stream_unread(r->stream, "WARC/1.", 7);
                cx_reader_reject(r, CHORUS_ERR_FORMAT, 0, at,
                                 "WARC Content-Length %llu runs into the next record; record skipped",
                                 len);
                continue;
            }
            if (wanted) {
                cx_reader_reject(r, CHORUS_ERR_TOO_LARGE, 0, at,
                                 "WARC record of %llu bytes is larger than the article limit; "
                                 "skipped (raise it with --max-article-bytes)", len);
            } else {
                r->skipped++;
            }
        } else {
            int full = 0;
            size_t got = cx_stream_read_into(r->stream, &r->block, (size_t)len, &full);
            if (cx_stream_error(r->stream, NULL, NULL)) {
                if (cx_reader_stream_failed(r))
                    continue;
                return 0;
            }
            if (got < len) {
                const char *b = r->block.data ? r->block.data : "";
                const char *next = cx_memcasemem(b, got, "\nWARC/1.");
                if (next) {
                    size_t off = (size_t)(next - b) + 1;
                    cx_stream_unread(r->stream, b + off, got - off);
                }
                cx_reader_reject(r, CHORUS_ERR_TRUNCATED, 0, at,
                                 "truncated WARC record: Content-Length says %llu bytes, %zu %s",
                                 len, next ? (size_t)(next - b) : got,
                                 next ? "before the next record" : "before the end of the input");
                if (next)
                    continue;
                return 0;
            }
        }
        /* The record must end with CRLF CRLF right after the block. */
        size_t tk = cx_stream_peek(r->stream, 4, &p);
        int end_ok = (tk == 4 && !memcmp(p, "\r\n\r\n", 4)) || (tk >= 2 && !memcmp(p, "\n\n", 2)) ||
                     tk == 0;
        if (!end_ok) {
            const char *b = r->block.data ? r->block.data : "";
            const char *next = r->block.len ? cx_memcasemem(b, r->block.len, "\nWARC/1.") : NULL;
            if (next) {
                size_t off = (size_t)(next - b) + 1;
                cx_stream_unread(r->stream, b + off, r->block.len - off);
                cx_reader_reject(r, CHORUS_ERR_FORMAT, 0, at,
                                 "WARC Content-Length %llu does not match the record: the next "
                                 "record starts %zu bytes into it; record skipped",
                                 len, off - 1);
                continue;
            }
            cx_reader_reject(r, CHORUS_ERR_FORMAT, 0, at,
                             "WARC Content-Length %llu does not match the record (no record end "
                             "after it); record skipped", len);
            if (resync(r))
                continue;
            return 0;
        }
        if (tk >= 4 && p[0] == '\r')
            cx_stream_skip_past(r->stream, "\r\n\r\n", 4);
        else if (tk >= 2)
            cx_stream_skip_past(r->stream, "\n\n", 2);
        if (!wanted || r->block.len == 0)
            continue;

        /* Payload: HTTP response, or the resource itself. */
        char *body = r->block.data;
        size_t blen = r->block.len;
        const char *ctype = wct;
        const char *cs = NULL;
        if (!strcmp(type, "response") && blen >= 5 && !strncmp(body, "HTTP/", 5)) {
            char *hend = NULL;
            for (size_t i = 0; i + 1 < blen; i++) {
                if (body[i] == '\n' && (body[i + 1] == '\n' ||
                                        (body[i + 1] == '\r' && i + 2 < blen && body[i + 2] == '\n'))) {
                    hend = body + i + 1;
                    break;
                }
            }
            if (!hend) {
                cx_reader_reject(r, CHORUS_ERR_FORMAT, 0, at,
                                 "HTTP response headers in the WARC record are not terminated");
                continue;
            }
            size_t hl = (size_t)(hend - body);
            char *pay = hend + (hend[0] == '\r' ? 2 : 1);
            size_t plen = blen - (size_t)(pay - body);
            char *hl_lines[128];
            size_t hn = split_lines(body, hl, hl_lines, 128);
            long status = 0;
            const char *sp = hn ? strchr(hl_lines[0], ' ') : NULL;
            if (sp)
                status = strtol(sp + 1, NULL, 10);
            if (status < 200 || status > 299) {
                r->skipped++;
                continue;
            }
            ctype = hn > 1 ? header(hl_lines + 1, hn - 1, "Content-Type") : NULL;
            if (!ctype && ptype)
                ctype = ptype;
            cs = ct_param(ctype, "charset", r->charset, sizeof r->charset);
            const char *te = hn > 1 ? header(hl_lines + 1, hn - 1, "Transfer-Encoding") : NULL;
            const char *ce = hn > 1 ? header(hl_lines + 1, hn - 1, "Content-Encoding") : NULL;
            cx_buf_reset(&r->payload);
            if (te && cx_memcasemem(te, strlen(te), "chunked")) {
                if (!dechunk(pay, plen, &r->payload)) {
                    /* Many crawlers store the payload de-chunked but keep the header. */
                    cx_buf_reset(&r->payload);
                    cx_buf_append(&r->payload, pay, plen);
                }
                pay = r->payload.data;
                plen = r->payload.len;
            }
            if (ce && (cx_ascii_ncaseeq(ce, "gzip", 4) || cx_ascii_ncaseeq(ce, "x-gzip", 6) ||
                       cx_ascii_ncaseeq(ce, "deflate", 7))) {
                if (plen >= 2 && ((unsigned char)pay[0] == 0x1f || cx_ascii_ncaseeq(ce, "deflate", 7))) {
                    cx_buf tmp;
                    cx_buf_init(&tmp, r->opts.max_article_bytes);
                    if (!inflate_body(pay, plen, &tmp)) {
                        cx_buf_free(&tmp);
                        cx_reader_reject(r, CHORUS_ERR_FORMAT, 0, at,
                                         "HTTP body says Content-Encoding %s but does not decode", ce);
                        continue;
                    }
                    cx_buf_free(&r->payload);
                    r->payload = tmp;
                    pay = r->payload.data;
                    plen = r->payload.len;
                }
            } else if (ce && !cx_ascii_ncaseeq(ce, "identity", 8)) {
                cx_reader_reject(r, CHORUS_ERR_FORMAT, 0, at,
                                 "unsupported HTTP Content-Encoding \"%s\"; record skipped", ce);
                continue;
            }
            body = pay;
            blen = plen;
        } else if (!strcmp(type, "response")) {
            /* A response that is not HTTP (e.g. DNS): not an article; but
             * one that says it holds an HTTP response is broken. */
            if (wct && cx_memcasemem(wct, strlen(wct), "application/http")) {
                cx_reader_reject(r, CHORUS_ERR_FORMAT, 0, at,
                                 "WARC record says it holds an HTTP response but does not start "
                                 "with an HTTP status line; record skipped");
                continue;
            }
            r->skipped++;
            continue;
        } else {
            cs = ct_param(ctype, "charset", r->charset, sizeof r->charset);
        }
        cx_payload kind;
        if (is_html_type(ctype))
            kind = CX_PAYLOAD_HTML;
        else if (is_text_type(ctype))
            kind = CX_PAYLOAD_TEXT;
        else if (!ctype && blen && cx_memcasemem(body, blen < 1024 ? blen : 1024, "<html"))
            kind = CX_PAYLOAD_HTML;
        else {
            r->skipped++;
            continue;
        }
        if (blen == 0) {
            r->skipped++;
            continue;
        }
        memset(rec, 0, sizeof *rec);
        rec->input = r->in->name;
        rec->byte = at;
        rec->multi = 1;
        rec->kind = kind;
        rec->data = body;
        rec->len = blen;
        rec->raw = r->block.data;
        rec->raw_len = r->block.len;
        rec->raw_format = "warc";
        if (uri && *uri == '<') { /* WARC/1.0 sometimes writes <uri> */
            char *u = (char *)uri + 1, *e = strchr(u, '>');
            if (e)
                *e = '\0';
            uri = u;
        }
        rec->meta.url = uri;
        rec->meta.fetched = date;
        rec->meta.charset = cs;
        return 1;
    }
}
