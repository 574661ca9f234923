/*
 * stream.c: buffered stream with transparent multi-member gzip (see stream.h).
 *
 * Layout: the source (fd or memory) fills `in`; for gzip, zlib inflates `in`
 * into `out`, otherwise `in` is `out`. Bytes handed back by cx_stream_unread
 * sit in `pushback` and are served first.
 */
#include "ingest/stream.h"
#include "util/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define IN_SIZE (64u * 1024u)
#define OUT_SIZE (128u * 1024u)

struct cx_stream {
    int fd, own_fd;
    const unsigned char *mem; /* memory source, when fd < 0 */
    size_t mem_len, mem_pos;
    int src_eof;

    unsigned char in[IN_SIZE];
    size_t in_len, in_pos;
    uint64_t in_base; /* source offset of in[0] */

    int sniffed, gz;
    z_stream z;
    int z_ready;      /* inflateInit2 done */
    int member_done;  /* Z_STREAM_END seen; next bytes may start a new member */

    unsigned char out[OUT_SIZE];
    size_t out_len, out_pos;

    cx_buf pushback;  /* handed-back bytes, served from pb_pos */
    size_t pb_pos;

    uint64_t pos;     /* decompressed offset of the next byte delivered */
    int eof;
    chorus_status err;
    char errmsg[200];
    uint64_t err_byte;
};

static cx_stream *stream_new(void)
{
    cx_stream *s = cx_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->fd = -1;
    cx_buf_init(&s->pushback, (size_t)1 << 31);
    return s;
}

cx_stream *cx_stream_open_file(const char *path, char *err, size_t errlen)
{
    int fd = (!path || !strcmp(path, "-")) ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return NULL;
    }
    cx_stream *s = stream_new();
    if (!s) {
        if (fd > 0)
            close(fd);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->fd = fd;
    s->own_fd = fd > 0;
    return s;
}

cx_stream *cx_stream_open_mem(const void *data, size_t n)
{
    cx_stream *s = stream_new();
    if (!s)
        return NULL;
    s->mem = data;
    s->mem_len = n;
    return s;
}

void cx_stream_close(cx_stream *s)
{
    if (!s)
        return;
    if (s->z_ready)
        inflateEnd(&s->z);
    if (s->own_fd)
        close(s->fd);
    cx_buf_free(&s->pushback);
    cx_free(s);
}

static void fail(cx_stream *s, chorus_status code, const char *msg)
{
    if (s->err)
        return;
    s->err = code;
    s->err_byte = s->pos + (s->out_len - s->out_pos);
    snprintf(s->errmsg, sizeof s->errmsg, "%s", msg);
}

/* Reads more source bytes into `in` (compacting it first). 0 at end/error. */
static size_t fill_in(cx_stream *s)
{
    if (s->in_pos > 0) {
        memmove(s->in, s->in + s->in_pos, s->in_len - s->in_pos);
        s->in_base += s->in_pos;
        s->in_len -= s->in_pos;
        s->in_pos = 0;
    }
    if (s->src_eof || s->in_len == IN_SIZE)
        return 0;
    size_t room = IN_SIZE - s->in_len, got = 0;
    if (s->fd >= 0) {
        for (;;) {
            ssize_t r = read(s->fd, s->in + s->in_len, room);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                char m[160];
                snprintf(m, sizeof m, "read error: %s", strerror(errno));
                fail(s, CHORUS_ERR_IO, m);
                s->src_eof = 1;
                return 0;
            }
            got = (size_t)r;
            break;
        }
    } else {
        got = s->mem_len - s->mem_pos < room ? s->mem_len - s->mem_pos : room;
        memcpy(s->in + s->in_len, s->mem + s->mem_pos, got);
        s->mem_pos += got;
    }
    if (got == 0)
        s->src_eof = 1;
    s->in_len += got;
    return got;
}

static void sniff(cx_stream *s)
{
    if (s->sniffed)
        return;
    while (s->in_len - s->in_pos < 2 && fill_in(s) > 0)
        ;
    s->sniffed = 1;
    s->gz = s->in_len - s->in_pos >= 2 && s->in[s->in_pos] == 0x1f && s->in[s->in_pos + 1] == 0x8b;
}

static int start_member(cx_stream *s)
{
    if (!s->z_ready) {
        memset(&s->z, 0, sizeof s->z);
        if (inflateInit2(&s->z, 15 + 16) != Z_OK) {
            fail(s, CHORUS_ERR_NOMEM, "out of memory starting gzip decoder");
            return 0;
        }
        s->z_ready = 1;
    } else if (inflateReset(&s->z) != Z_OK) {
        fail(s, CHORUS_ERR_FORMAT, "gzip decoder reset failed");
        return 0;
    }
    s->member_done = 0;
    return 1;
}

/* Produces more decompressed bytes into `out`. Returns 0 at end or error. */
static size_t fill_out(cx_stream *s)
{
    if (s->err || s->eof)
        return 0;
    if (s->out_pos == s->out_len)
        s->out_pos = s->out_len = 0;
    sniff(s);
    if (!s->gz) {
        if (s->in_pos == s->in_len && fill_in(s) == 0)
            return 0;
        size_t n = s->in_len - s->in_pos, room = OUT_SIZE - s->out_len;
        if (n > room)
            n = room;
        memcpy(s->out + s->out_len, s->in + s->in_pos, n);
        s->in_pos += n;
        s->out_len += n;
        return n;
    }
    size_t produced = 0;
    while (produced == 0) {
        if (s->in_pos == s->in_len && fill_in(s) == 0 && s->in_pos == s->in_len) {
            if (s->z_ready && !s->member_done) {
                char m[200];
                snprintf(m, sizeof m,
                         "truncated gzip data: the stream ends inside a member (compressed byte %llu)",
                         (unsigned long long)(s->in_base + s->in_pos));
                fail(s, CHORUS_ERR_TRUNCATED, m);
            }
            return 0;
        }
        if (!s->z_ready || s->member_done) {
            /* A new member must start with the gzip magic; anything else is trailing junk. */
            while (s->in_len - s->in_pos < 3 && fill_in(s) > 0)
                ;
            size_t avail = s->in_len - s->in_pos;
            if (avail == 0)
                return 0;
            if (avail < 3 || s->in[s->in_pos] != 0x1f || s->in[s->in_pos + 1] != 0x8b) {
                char m[200];
                snprintf(m, sizeof m, "data after the gzip stream is not gzip (compressed byte %llu)",
                         (unsigned long long)(s->in_base + s->in_pos));
                fail(s, CHORUS_ERR_FORMAT, m);
                return 0;
            }
            if (!start_member(s))
                return 0;
        }
        s->z.next_in = s->in + s->in_pos;
        s->z.avail_in = (uInt)(s->in_len - s->in_pos);
        s->z.next_out = s->out + s->out_len;
        s->z.avail_out = (uInt)(OUT_SIZE - s->out_len);
        int rc = inflate(&s->z, Z_NO_FLUSH);
        size_t used = (s->in_len - s->in_pos) - s->z.avail_in;
        size_t made = (OUT_SIZE - s->out_len) - s->z.avail_out;
        s->in_pos += used;
        s->out_len += made;
        produced += made;
        if (rc == Z_STREAM_END) {
            s->member_done = 1;
        } else if (rc == Z_BUF_ERROR && used == 0 && made == 0) {
            if (fill_in(s) == 0 && s->in_pos == s->in_len) {
                char m[200];
                snprintf(m, sizeof m,
                         "truncated gzip data: the stream ends inside a member (compressed byte %llu)",
                         (unsigned long long)(s->in_base + s->in_pos));
                fail(s, CHORUS_ERR_TRUNCATED, m);
                return produced;
            }
        } else if (rc != Z_OK) {
            char m[200];
            snprintf(m, sizeof m, "corrupt gzip data near compressed byte %llu: %s",
                     (unsigned long long)(s->in_base + s->in_pos),
                     s->z.msg ? s->z.msg : "inflate failed");
            fail(s, rc == Z_MEM_ERROR ? CHORUS_ERR_NOMEM : CHORUS_ERR_FORMAT, m);
            return produced;
        }
        if (s->out_len == OUT_SIZE)
            break;
    }
    return produced;
}

/* Bytes available to read right now (pushback first), refilling when empty. */
static size_t available(cx_stream *s, const unsigned char **p)
{
    if (s->pb_pos < s->pushback.len) {
        *p = (const unsigned char *)s->pushback.data + s->pb_pos;
        return s->pushback.len - s->pb_pos;
    }
    if (s->out_pos == s->out_len && fill_out(s) == 0) {
        if (!s->err)
            s->eof = 1;
        return 0;
    }
    *p = s->out + s->out_pos;
    return s->out_len - s->out_pos;
}

static void consume(cx_stream *s, size_t n)
{
    if (s->pb_pos < s->pushback.len) {
        s->pb_pos += n;
        if (s->pb_pos == s->pushback.len) {
            s->pb_pos = 0;
            cx_buf_reset(&s->pushback);
        }
    } else {
        s->out_pos += n;
    }
    s->pos += n;
}

size_t cx_stream_peek(cx_stream *s, size_t n, const unsigned char **p)
{
    if (n > OUT_SIZE / 2)
        n = OUT_SIZE / 2;
    if (s->pb_pos < s->pushback.len) {
        /* Move what is handed back into `out` ahead of the buffered data so one
         * contiguous window can be returned. */
        size_t pb = s->pushback.len - s->pb_pos, rest = s->out_len - s->out_pos;
        if (pb + rest <= OUT_SIZE) {
            memmove(s->out + pb, s->out + s->out_pos, rest);
            memcpy(s->out, s->pushback.data + s->pb_pos, pb);
            s->out_pos = 0;
            s->out_len = pb + rest;
            s->pb_pos = 0;
            cx_buf_reset(&s->pushback);
        } else {
            *p = (const unsigned char *)s->pushback.data + s->pb_pos;
            return pb < n ? pb : n;
        }
    }
    while (s->out_len - s->out_pos < n && !s->err && !s->eof) {
        if (s->out_pos > 0) {
            memmove(s->out, s->out + s->out_pos, s->out_len - s->out_pos);
            s->out_len -= s->out_pos;
            s->out_pos = 0;
        }
        if (fill_out(s) == 0)
            break; /* the end, or an error */
    }
    *p = s->out + s->out_pos;
    size_t have = s->out_len - s->out_pos;
    return have < n ? have : n;
}

size_t cx_stream_read(cx_stream *s, void *dst, size_t n)
{
    unsigned char *d = dst;
    size_t done = 0;
    while (done < n) {
        const unsigned char *p;
        size_t k = available(s, &p);
        if (k == 0)
            break;
        if (k > n - done)
            k = n - done;
        memcpy(d + done, p, k);
        consume(s, k);
        done += k;
    }
    return done;
}

size_t cx_stream_read_into(cx_stream *s, cx_buf *out, size_t n, int *full)
{
    size_t done = 0;
    *full = 0;
    while (done < n) {
        const unsigned char *p;
        size_t k = available(s, &p);
        if (k == 0)
            break;
        if (k > n - done)
            k = n - done;
        if (out->len + k > out->limit) {
            k = out->limit - out->len;
            *full = 1;
        }
        if (k && cx_buf_append(out, p, k) != CX_BUF_OK) {
            *full = 1;
            break;
        }
        consume(s, k);
        done += k;
        if (*full)
            break;
    }
    return done;
}

int cx_stream_getline(cx_stream *s, cx_buf *line, int *too_long)
{
    cx_buf_reset(line);
    *too_long = 0;
    int any = 0;
    for (;;) {
        const unsigned char *p;
        size_t k = available(s, &p);
        if (k == 0)
            break;
        any = 1;
        const unsigned char *nl = memchr(p, '\n', k);
        size_t take = nl ? (size_t)(nl - p) : k;
        if (!*too_long) {
            size_t room = line->limit - line->len;
            size_t put = take < room ? take : room;
            if (put < take)
                *too_long = 1;
            if (put && cx_buf_append(line, p, put) != CX_BUF_OK)
                *too_long = 1;
        }
        consume(s, take + (nl ? 1 : 0));
        if (nl)
            break;
    }
    if (line->len && line->data[line->len - 1] == '\r')
        line->data[--line->len] = '\0';
    return any;
}

int cx_stream_unread(cx_stream *s, const void *p, size_t n)
{
    if (n == 0)
        return 1;
    /* Keep what is still unread in the pushback after the returned bytes. */
    cx_buf tmp;
    cx_buf_init(&tmp, s->pushback.limit);
    if (cx_buf_append(&tmp, p, n) != CX_BUF_OK ||
        cx_buf_append(&tmp, s->pushback.data ? s->pushback.data + s->pb_pos : "",
                      s->pushback.len - s->pb_pos) != CX_BUF_OK) {
        cx_buf_free(&tmp);
        return 0;
    }
    cx_buf_free(&s->pushback);
    s->pushback = tmp;
    s->pb_pos = 0;
    s->pos -= n;
    s->eof = 0;
    return 1;
}

int cx_stream_skip_past(cx_stream *s, const char *pat, uint64_t limit)
{
    size_t m = strlen(pat), matched = 0;
    uint64_t seen = 0;
    while (seen < limit) {
        const unsigned char *p;
        size_t k = available(s, &p);
        if (k == 0)
            return 0;
        size_t i = 0;
        for (; i < k && seen < limit; i++, seen++) {
            if (p[i] == (unsigned char)pat[matched]) {
                if (++matched == m) {
                    consume(s, i + 1);
                    return 1;
                }
            } else {
                matched = p[i] == (unsigned char)pat[0] ? 1 : 0;
            }
        }
        consume(s, i);
    }
    return 0;
}

uint64_t cx_stream_tell(const cx_stream *s) { return s->pos; }

int cx_stream_eof(cx_stream *s)
{
    const unsigned char *p;
    return !s->err && available(s, &p) == 0;
}

chorus_status cx_stream_error(const cx_stream *s, const char **msg, uint64_t *byte)
{
    if (msg)
        *msg = s->errmsg;
    if (byte)
        *byte = s->err_byte;
    return s->err;
}

int cx_stream_resync(cx_stream *s)
{
    if (!s->gz || s->err == CHORUS_ERR_IO || s->err == CHORUS_ERR_NOMEM)
        return 0;
    /* Drop what was decoded of the bad member and look for the next gzip header
     * (1f 8b 08) after the point of failure. */
    s->out_pos = s->out_len = 0;
    s->pb_pos = 0;
    cx_buf_reset(&s->pushback);
    if (s->in_pos < s->in_len)
        s->in_pos++;
    for (;;) {
        while (s->in_len - s->in_pos >= 3) {
            unsigned char *q = memchr(s->in + s->in_pos, 0x1f, s->in_len - s->in_pos - 2);
            if (!q) {
                s->in_pos = s->in_len - 2;
                break;
            }
            s->in_pos = (size_t)(q - s->in);
            if (q[1] == 0x8b && q[2] == 0x08) {
                s->err = CHORUS_OK;
                s->errmsg[0] = '\0';
                s->eof = 0;
                s->member_done = 1; /* next fill starts a new member here */
                return 1;
            }
            s->in_pos++;
        }
        if (fill_in(s) == 0)
            return 0;
    }
}
