/*
 * stream.h: a buffered byte stream over a file, standard input or memory,
 * with gzip (one or many members) decompressed transparently.
 *
 * Readers of the ingest stage pull lines or counted blocks from it. Offsets
 * are in decompressed bytes. A corrupt gzip member stops the stream with an
 * error that names the compressed byte; cx_stream_resync then looks for the
 * next member, so one bad record of a .warc.gz does not lose the rest.
 */
#ifndef CX_STREAM_H
#define CX_STREAM_H
#include <stddef.h>
#include <stdint.h>

#include "chorus.h"
#include "util/buf.h"

typedef struct cx_stream cx_stream;

/* Opens path ("-" or NULL: standard input). NULL with *err filled (errno text). */
cx_stream *cx_stream_open_file(const char *path, char *err, size_t errlen);
/* A stream over data[0..n); the data must outlive the stream. */
cx_stream *cx_stream_open_mem(const void *data, size_t n);
void cx_stream_close(cx_stream *s);

/* Makes up to n bytes (n <= 65536) available without consuming them; returns
 * how many are, fewer only at the end or on an error. */
size_t cx_stream_peek(cx_stream *s, size_t n, const unsigned char **p);
/* Reads up to n bytes; fewer only at the end of the stream or on an error. */
size_t cx_stream_read(cx_stream *s, void *dst, size_t n);
/* Appends up to n bytes to out; returns how many were appended. Stops early at
 * the end, on an error, or when out is full (*full set). */
size_t cx_stream_read_into(cx_stream *s, cx_buf *out, size_t n, int *full);
/* Reads one line (without "\n" and a "\r" before it) into line (reset first).
 * Returns 1 for a line, 0 at the end. A line longer than the buffer's limit is
 * consumed to its end and *too_long set; line then holds its first part. */
int cx_stream_getline(cx_stream *s, cx_buf *line, int *too_long);
/* Gives back bytes just read (they are read again next). */
int cx_stream_unread(cx_stream *s, const void *p, size_t n);
/* Consumes bytes until just after the first occurrence of pat (at most
 * limit bytes); returns 1 when found. */
int cx_stream_skip_past(cx_stream *s, const char *pat, uint64_t limit);
/* Decompressed offset of the next byte. */
uint64_t cx_stream_tell(const cx_stream *s);

/* 1 at the end of data (after the last byte was read). */
int cx_stream_eof(cx_stream *s);
/* The error that stopped the stream: CHORUS_OK when none. msg is static to the
 * stream; *byte is the decompressed offset where it happened. */
chorus_status cx_stream_error(const cx_stream *s, const char **msg, uint64_t *byte);
/* After a gzip error: skips to the next gzip member and clears the error.
 * Returns 1 when one was found (reading goes on), 0 otherwise. */
int cx_stream_resync(cx_stream *s);

#endif
