/*
 * date.h: publication dates with their precision.
 *
 * A date is kept as written down to the precision it had ("2025-03" is a
 * month, "2025-03-10T14:05" a minute) and converted to UTC when an offset was
 * given. Parsers accept ISO 8601 / RFC 3339 (with "T" or a space), RFC 2822
 * and HTTP dates ("Mon, 10 Mar 2025 14:05:00 GMT"), and plain "March 10, 2025"
 * / "10 March 2025" forms found in page metadata.
 */
#ifndef CX_DATE_H
#define CX_DATE_H
#include <stddef.h>
#include <stdint.h>

typedef enum cx_precision {
    CX_PREC_NONE = 0,
    CX_PREC_YEAR = 1,
    CX_PREC_MONTH = 2,
    CX_PREC_DAY = 3,
    CX_PREC_MINUTE = 4,
    CX_PREC_SECOND = 5
} cx_precision;

typedef struct cx_date {
    int year, month, day, hour, minute, second;
    cx_precision prec;
    int utc; /* 1: time known in UTC ("Z" written); 0: local time of unknown zone */
} cx_date;

/* Parses s[0..n) (surrounding space ignored). Returns 1 and fills *d, or 0. */
int cx_date_parse(const char *s, size_t n, cx_date *d);
/* Writes the ISO 8601 form at the date's precision into out (32 bytes room):
 * "2025", "2025-03", "2025-03-10", "2025-03-10T14:05Z", "2025-03-10T14:05:09Z".
 * Returns the length, 0 for CX_PREC_NONE. */
size_t cx_date_format(const cx_date *d, char *out);
/* Name of a precision: "year", "month", "day", "minute", "second". */
const char *cx_precision_name(cx_precision p);
/* Seconds since 1970-01-01 (missing parts taken as their first value), for ordering. */
int64_t cx_date_epoch(const cx_date *d);
/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t cx_days_from_civil(int y, int m, int d);
/* 1 if y-m-d is a real calendar date. */
int cx_date_valid(int y, int m, int d);

#endif
