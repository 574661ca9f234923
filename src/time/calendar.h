/*
 * calendar.h: the dates stage's calendar points (private to src/time).
 *
 * A cx_tpoint is a point of the calendar at some granularity: a century, a
 * year, a quarter, a week, a day, a part of a day, a minute. Unknown fields
 * (no publication date to resolve against) print as X in TIMEX3 values.
 * resolve.c does the arithmetic (shift by n units, the weekday or month
 * nearest an anchor in a direction) and writes the values.
 */
#ifndef CX_TIME_CALENDAR_H
#define CX_TIME_CALENDAR_H
#include <stddef.h>
#include <stdint.h>

/* Granularities, coarse to fine; also the precision names of docs/time.md. */
typedef enum cx_gran {
    CX_G_NONE = 0,
    CX_G_CENTURY,
    CX_G_DECADE,
    CX_G_YEAR,
    CX_G_HALF,
    CX_G_QUARTER,
    CX_G_SEASON,
    CX_G_MONTH,
    CX_G_WEEK,
    CX_G_WEEKEND,
    CX_G_DAY,
    CX_G_PART, /* part of a day: MO AF EV NI */
    CX_G_HOUR,
    CX_G_MINUTE
} cx_gran;

/* Units of shifts and durations. */
typedef enum cx_unit {
    CX_U_NONE = 0,
    CX_U_SECOND,
    CX_U_MINUTE,
    CX_U_HOUR,
    CX_U_DAY,
    CX_U_WEEKEND,
    CX_U_WEEK,
    CX_U_MONTH,
    CX_U_QUARTER,
    CX_U_SEASON,
    CX_U_HALF,
    CX_U_YEAR,
    CX_U_DECADE,
    CX_U_CENTURY
} cx_unit;

typedef struct cx_tpoint {
    int g;        /* cx_gran */
    int year;     /* -1 unknown */
    int month;    /* 1..12, -1 unknown */
    int day;      /* -1 unknown */
    int part;     /* part of a day 1-4 (MO AF EV NI) for CX_G_PART */
    int hour, minute;
    int wd;       /* ISO weekday of a day whose date is unknown ("XXXX-WXX-5"), else 0 */
    int quarter;  /* quarter of a year whose months are unknown, 0 none ("1988-QX" when -1) */
} cx_tpoint;
/* Coarse points keep a representative first day: a quarter its first month,
 * a week its Monday, a season its first month (WI: December), so that
 * shifting works on days and months alike. */

/* Days since 1970-01-01 and back. */
void cx_civil_from_days(int64_t z, int *y, int *m, int *d);
/* ISO weekday 1 (Monday) .. 7 (Sunday) of a day number. */
int cx_weekday(int64_t days);

/* A day point (all fields known). */
cx_tpoint cx_tp_day(int y, int m, int d);
/* p coarsened to granularity g (a day to its week, month, quarter, year...). */
cx_tpoint cx_tp_coarsen(cx_tpoint p, int g);
/* p moved by n units; the result has the unit's granularity, or p's own when
 * p is coarser than the unit would need (a quarter moved by a year stays a quarter). */
cx_tpoint cx_tp_shift(cx_tpoint p, int n, int unit);
/* The day with ISO weekday wd nearest anchor in direction dir (-1: on or
 * before, +1: on or after, -2: strictly before, +2: strictly after, 0: the
 * one of the anchor's week). anchor must be a known day. */
cx_tpoint cx_tp_weekday(cx_tpoint anchor, int wd, int dir);
/* Month m of the year picked by dir from anchor (-1: the latest on or before
 * the anchor's month, +1: the first on or after, -2/+2 strictly, 0: the anchor's year). */
int cx_tp_month_year(cx_tpoint anchor, int m, int dir);
/* Writes p's TIMEX3 value into out (cap bytes); returns its length. */
size_t cx_tp_format(const cx_tpoint *p, char *out, size_t cap);
/* Granularity a unit names (CX_U_WEEK -> CX_G_WEEK). */
int cx_unit_gran(int unit);
/* Precision name of a granularity: "year", "quarter", "week", "part_of_day"... */
const char *cx_gran_name(int g);
/* TIMEX3 duration letter(s) of a unit: "Y", "M", "W", "D", "H", "DE", "CE", "Q"... */
const char *cx_unit_code(int unit, int *is_time);

#endif
