/*
 * reader.h: internals shared by the ingest readers (reader.c, jsonl.c, warc.c).
 */
#ifndef CX_READER_H
#define CX_READER_H
#include <jansson.h>

#include "ingest/ingest.h"
#include "ingest/stream.h"
#include "util/buf.h"

struct cx_reader {
    const cx_input *in;
    cx_ingest_opts opts;
    cx_diag *diag;
    cx_stream *stream;
    chorus_format format;
    int done;
    uint64_t skipped, rejected;
    /* whole-file inputs */
    cx_buf file;
    /* JSON Lines */
    cx_buf line;
    uint64_t lineno;
    cx_jsonl_parsed parsed; /* the current record's object, freed on the next call */
    /* WARC */
    cx_buf head;      /* header block of the current record */
    cx_buf block;     /* its content */
    cx_buf payload;   /* HTTP body after de-chunking and decompression */
    char charset[64]; /* HTTP charset of the current record */
};

/* Reports a problem of the current input and counts a rejected record. */
void cx_reader_reject(cx_reader *r, chorus_status code, uint64_t line, uint64_t byte,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Reports a gzip/I/O error of the stream; tries to resync. Returns 1 when
 * reading can go on. */
int cx_reader_stream_failed(cx_reader *r);

int cx_jsonl_next(cx_reader *r, cx_record *rec);
int cx_warc_next(cx_reader *r, cx_record *rec);

#endif
