/*
 * time.h: the dates stage (temporal expressions, TIMEX3).
 *
 * In:  the article's text layer (tokens and sentences with byte offsets into
 *      the body), its publication date (may be unknown) and its language.
 * Out: the temporal expressions of the body in text order, each with its
 *      byte span, TIMEX3 type (DATE, TIME, DURATION, SET), TIMEX3 value at its
 *      own precision ("2022-09-14", "2020-04", "2018-SP", "P2Y", "XXXX-WXX-1",
 *      "PRESENT_REF"), the name of that precision and its sentence.
 *
 * Relative expressions ("Monday", "last month", "three weeks ago", "the
 * previous day") are resolved against the publication date, or against the
 * date the text last mentioned for anaphoric ones ("the next day", "a year
 * earlier"); the tense of the sentence picks the direction of a weekday or a
 * month without a year. With no publication date they keep X placeholders
 * ("XXXX-WXX-1", "XXXX-09"). English only: other languages get no dates.
 * The rules are documented in docs/time.md. Recognition is hand-written
 * matching over tokens with small word tables (timex.c); calendar arithmetic
 * and the value strings are in resolve.c.
 */
#ifndef CX_TIME_H
#define CX_TIME_H
#include <stddef.h>
#include <stdint.h>

#include "text/text.h"
#include "util/arena.h"
#include "util/date.h"

typedef enum cx_timex_type {
    CX_TIMEX_DATE = 1,
    CX_TIMEX_TIME = 2,
    CX_TIMEX_DURATION = 3,
    CX_TIMEX_SET = 4
} cx_timex_type;

typedef struct cx_timex {
    uint32_t start, end;   /* bytes into the body, end exclusive */
    uint32_t sentence;     /* index into the text layer's sentences */
    uint8_t type;          /* cx_timex_type */
    const char *value;     /* TIMEX3 value, in the arena */
    const char *precision; /* static: "year", "quarter", "month", "day", ... (see docs/time.md) */
} cx_timex;

/* Finds and normalises the temporal expressions of t's body. published may be
 * NULL or of precision CX_PREC_NONE (unknown); lang is an ISO 639 code or
 * NULL (unknown is read as English). The array goes in arena a; *n may be 0.
 * Returns 0 when out of memory. */
int cx_time_analyze(cx_arena *a, const cx_text *t, const cx_date *published, const char *lang,
                    cx_timex **out, size_t *n);

/* 1 when the stage reads lang (English, or unknown read as English); for
 * other languages it finds nothing and callers leave dates[] out. */
int cx_time_supports(const char *lang);

/* "DATE", "TIME", "DURATION" or "SET". */
const char *cx_timex_type_name(int type);

#endif
