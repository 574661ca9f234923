/*
 * reader.h: internals shared by the ingest readers (reader.c, jsonl.c, warc.c).
 */
#ifndef CX_READER_H
#define CX_READER_H
#include <jansson.h>

#include "ingest/ingest.h"
#include "ingest/stream.h"
#include "util/buf.h"

/* One member of a flat JSON object (values strings, numbers or literals). */
typedef struct cx_jfield {
    const char *key, *val; /* decoded, NUL-terminated (val: the literal for a non-string) */
    size_t klen, vlen;
    int is_string;
} cx_jfield;
#define CX_JFIELDS 64

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
    json_t *json;     /* the current record's object, freed on the next call */
    cx_buf strs;      /* the current record's strings when it is a flat object (jsonl.c) */
    cx_jfield jf[CX_JFIELDS];
    int n_jf;         /* fields in jf; -1: the record is in json */
    char id_num[32];  /* a numeric "id" as text */
    char *byline_join; /* authors array joined */
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
