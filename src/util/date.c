/*
 * date.c: publication date parsing and formatting (see date.h).
 */
#include "util/date.h"
#include "util/str.h"

#include <stdio.h>
#include <string.h>

int64_t cx_days_from_civil(int y, int m, int d)
{
    /* Howard Hinnant's days_from_civil. */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int cx_date_valid(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

int64_t cx_date_epoch(const cx_date *d)
{
    int m = d->prec >= CX_PREC_MONTH ? d->month : 1;
    int day = d->prec >= CX_PREC_DAY ? d->day : 1;
    int64_t t = cx_days_from_civil(d->year, m, day) * 86400;
    if (d->prec >= CX_PREC_MINUTE)
        t += d->hour * 3600 + d->minute * 60 + (d->prec >= CX_PREC_SECOND ? d->second : 0);
    return t;
}

/* Reads exactly k digits at *p (bounded by end). */
static int digits(const char **p, const char *end, int k, int *out)
{
    int v = 0;
    for (int i = 0; i < k; i++) {
        if (*p >= end || !cx_is_digit(**p))
            return 0;
        v = v * 10 + (**p - '0');
        (*p)++;
    }
    *out = v;
    return 1;
}

/* Applies a UTC offset in minutes (local = UTC + off) to a minute/second-precision date. */
static void to_utc(cx_date *d, int off_min)
{
    int64_t mins = cx_days_from_civil(d->year, d->month, d->day) * 1440 + d->hour * 60 + d->minute;
    mins -= off_min;
    int64_t days = mins >= 0 ? mins / 1440 : -((-mins + 1439) / 1440);
    int64_t rem = mins - days * 1440;
    civil_from_days(days, &d->year, &d->month, &d->day);
    d->hour = (int)(rem / 60);
    d->minute = (int)(rem % 60);
    d->utc = 1;
}

/* Zone designator at *p: "Z", "+hh:mm", "+hhmm", "+hh", " GMT", " UTC", "-0500". */
static int parse_zone(const char **p, const char *end, int *off, int *has)
{
    const char *s = *p;
    while (s < end && *s == ' ')
        s++;
    *has = 0;
    if (s >= end)
        return 1;
    if (*s == 'Z' || *s == 'z') {
        *has = 1; *off = 0; *p = s + 1;
        return 1;
    }
    if (end - s >= 3 && (cx_ascii_ncaseeq(s, "GMT", 3) || cx_ascii_ncaseeq(s, "UTC", 3))) {
        s += 3;
        *has = 1; *off = 0;
        if (s >= end || (*s != '+' && *s != '-')) {
            *p = s;
            return 1;
        }
    }
    if (*s == '+' || *s == '-') {
        int sign = *s == '-' ? -1 : 1, hh, mm = 0;
        s++;
        if (!digits(&s, end, 2, &hh))
            return 0;
        if (s < end && *s == ':')
            s++;
        if (s < end && cx_is_digit(*s) && !digits(&s, end, 2, &mm))
            return 0;
        if (hh > 23 || mm > 59)
            return 0;
        *has = 1;
        *off = sign * (hh * 60 + mm);
        *p = s;
        return 1;
    }
    return 1; /* unknown trailing text: no zone */
}

static int parse_iso(const char *s, const char *end, cx_date *d)
{
    memset(d, 0, sizeof *d);
    if (!digits(&s, end, 4, &d->year))
        return 0;
    d->prec = CX_PREC_YEAR;
    if (s == end)
        return d->year >= 1;
    if (*s != '-')
        return 0;
    s++;
    if (!digits(&s, end, 2, &d->month) || d->month < 1 || d->month > 12)
        return 0;
    d->prec = CX_PREC_MONTH;
    if (s == end)
        return 1;
    if (*s != '-')
        return 0;
    s++;
    if (!digits(&s, end, 2, &d->day) || !cx_date_valid(d->year, d->month, d->day))
        return 0;
    d->prec = CX_PREC_DAY;
    if (s == end)
        return 1;
    if (*s != 'T' && *s != 't' && *s != ' ')
        return 0;
    s++;
    if (!digits(&s, end, 2, &d->hour) || s >= end || *s != ':')
        return 0;
    s++;
    if (!digits(&s, end, 2, &d->minute) || d->hour > 24 || d->minute > 59)
        return 0;
    d->prec = CX_PREC_MINUTE;
    if (s < end && *s == ':') {
        s++;
        if (!digits(&s, end, 2, &d->second) || d->second > 60)
            return 0;
        if (d->second == 60)
            d->second = 59; /* leap second: keep the minute */
        d->prec = CX_PREC_SECOND;
        if (s < end && (*s == '.' || *s == ','))
            for (s++; s < end && cx_is_digit(*s); s++)
                ;
    }
    if (d->hour == 24) {
        if (d->minute || d->second)
            return 0;
        d->hour = 23; d->minute = 59; d->second = 59;
    }
    int off = 0, has = 0;
    if (!parse_zone(&s, end, &off, &has))
        return 0;
    if (has)
        to_utc(d, off);
    return 1;
}

static int month_from_name(const char *s, size_t n)
{
    static const char *names[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++)
        if (cx_ascii_ncaseeq(s, names[i], 3))
            return i + 1;
    return 0;
}

/* "Mon, 10 Mar 2025 14:05:00 GMT", "10 March 2025", "March 10, 2025 2:05 PM". */
static int parse_words(const char *s, const char *end, cx_date *d)
{
    memset(d, 0, sizeof *d);
    int day = 0, month = 0, year = 0, hour = -1, minute = 0, second = -1, pm = -1;
    int zone_has = 0, zone_off = 0;
    while (s < end) {
        while (s < end && (*s == ' ' || *s == ',' || *s == '.'))
            s++;
        if (s >= end)
            break;
        const char *w = s;
        if (cx_is_alpha(*s)) {
            while (s < end && cx_is_alpha(*s))
                s++;
            size_t n = (size_t)(s - w);
            int m = month_from_name(w, n);
            if (m && !month && n <= 9)
                month = m;
            else if (n == 2 && (cx_ascii_ncaseeq(w, "am", 2) || cx_ascii_ncaseeq(w, "pm", 2)))
                pm = (w[0] == 'p' || w[0] == 'P');
            else if (n == 3 && (cx_ascii_ncaseeq(w, "GMT", 3) || cx_ascii_ncaseeq(w, "UTC", 3))) {
                const char *z = w;
                if (!parse_zone(&z, end, &zone_off, &zone_has))
                    return 0;
                s = z;
            }
            continue;
        }
        if (*s == '+' || *s == '-') {
            const char *z = s;
            if (!parse_zone(&z, end, &zone_off, &zone_has) || !zone_has)
                return 0;
            s = z;
            continue;
        }
        if (!cx_is_digit(*s))
            return 0;
        int v = 0, nd = 0;
        while (s < end && cx_is_digit(*s) && nd < 5) {
            v = v * 10 + (*s - '0');
            s++;
            nd++;
        }
        if (s < end && *s == ':') { /* a time */
            hour = v;
            s++;
            if (!digits(&s, end, 2, &minute))
                return 0;
            if (s < end && *s == ':') {
                s++;
                if (!digits(&s, end, 2, &second))
                    return 0;
            }
            continue;
        }
        if (s < end && cx_is_alpha(*s) && (end - s) >= 2 &&
            (cx_ascii_ncaseeq(s, "st", 2) || cx_ascii_ncaseeq(s, "nd", 2) ||
             cx_ascii_ncaseeq(s, "rd", 2) || cx_ascii_ncaseeq(s, "th", 2)))
            s += 2;
        if (nd == 4 && !year)
            year = v;
        else if (nd <= 2 && !day)
            day = v;
        else
            return 0;
    }
    if (!year || !month)
        return 0;
    d->year = year;
    d->month = month;
    d->prec = CX_PREC_MONTH;
    if (!day)
        return 1;
    if (!cx_date_valid(year, month, day))
        return 0;
    d->day = day;
    d->prec = CX_PREC_DAY;
    if (hour < 0)
        return 1;
    if (pm == 1 && hour < 12)
        hour += 12;
    if (pm == 0 && hour == 12)
        hour = 0;
    if (hour > 23 || minute > 59 || second > 59)
        return 0;
    d->hour = hour;
    d->minute = minute;
    d->prec = CX_PREC_MINUTE;
    if (second >= 0) {
        d->second = second;
        d->prec = CX_PREC_SECOND;
    }
    if (zone_has)
        to_utc(d, zone_off);
    return 1;
}

int cx_date_parse(const char *s, size_t n, cx_date *d)
{
    const char *end = s + n;
    while (s < end && cx_is_space(*s))
        s++;
    while (end > s && cx_is_space(end[-1]))
        end--;
    if (s >= end || end - s > 64)
        return 0;
    if (end - s >= 4 && cx_is_digit(s[0]) && cx_is_digit(s[1]) && cx_is_digit(s[2]) &&
        cx_is_digit(s[3]) && parse_iso(s, end, d))
        return 1;
    return parse_words(s, end, d);
}

size_t cx_date_format(const cx_date *d, char *out)
{
    int n = 0;
    switch (d->prec) {
    case CX_PREC_NONE:
        out[0] = '\0';
        return 0;
    case CX_PREC_YEAR:
        n = snprintf(out, 32, "%04d", d->year);
        break;
    case CX_PREC_MONTH:
        n = snprintf(out, 32, "%04d-%02d", d->year, d->month);
        break;
    case CX_PREC_DAY:
        n = snprintf(out, 32, "%04d-%02d-%02d", d->year, d->month, d->day);
        break;
    case CX_PREC_MINUTE:
        n = snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d%s", d->year, d->month, d->day, d->hour,
                     d->minute, d->utc ? "Z" : "");
        break;
    case CX_PREC_SECOND:
        n = snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d%s", d->year, d->month, d->day,
                     d->hour, d->minute, d->second, d->utc ? "Z" : "");
        break;
    }
    return n > 0 ? (size_t)n : 0;
}

const char *cx_precision_name(cx_precision p)
{
    static const char *names[] = {NULL, "year", "month", "day", "minute", "second"};
    return (unsigned)p <= CX_PREC_SECOND ? names[p] : NULL;
}
