/*
 * resolve.c: calendar arithmetic and TIMEX3 values for the dates stage (see
 * calendar.h). Every point keeps a representative day so that a quarter, a
 * week or a month moves by days or months the same way a day does; the
 * granularity decides what is printed.
 */
#include "time/calendar.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

void cx_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    /* Howard Hinnant's civil_from_days. */
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int cx_weekday(int64_t days)
{
    int64_t r = (days % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
    return (int)((r + 3) % 7) + 1;
}

static int known_day(const cx_tpoint *p) { return p->year > 0 && p->month > 0 && p->day > 0; }

static int64_t days_of(const cx_tpoint *p) { return cx_days_from_civil(p->year, p->month, p->day); }

cx_tpoint cx_tp_day(int y, int m, int d)
{
    cx_tpoint p;
    memset(&p, 0, sizeof p);
    p.g = CX_G_DAY;
    p.year = y;
    p.month = m;
    p.day = d;
    p.hour = p.minute = -1;
    return p;
}

static void set_days(cx_tpoint *p, int64_t days) { cx_civil_from_days(days, &p->year, &p->month, &p->day); }

static int days_in_month(int y, int m)
{
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return md[m - 1] + (m == 2 && leap);
}

cx_tpoint cx_tp_coarsen(cx_tpoint p, int g)
{
    if (g >= p.g && !(g == CX_G_WEEK || g == CX_G_WEEKEND))
        return p;
    int had_day = known_day(&p);
    switch (g) {
    case CX_G_CENTURY:
    case CX_G_DECADE:
    case CX_G_YEAR:
        if (p.month > 0)
            p.month = 1;
        if (p.day > 0)
            p.day = 1;
        break;
    case CX_G_HALF:
        if (p.month > 0)
            p.month = p.month <= 6 ? 1 : 7;
        if (p.day > 0)
            p.day = 1;
        break;
    case CX_G_QUARTER:
        if (p.month > 0)
            p.month = (p.month - 1) / 3 * 3 + 1;
        if (p.day > 0)
            p.day = 1;
        break;
    case CX_G_SEASON:
        if (p.month > 0) {
            if (p.month <= 2 && p.year > 0) {
                p.year--;
                p.month = 12;
            } else if (p.month <= 2) {
                p.month = 12;
            } else {
                p.month = (p.month - 3) / 3 * 3 + 3;
            }
        }
        if (p.day > 0)
            p.day = 1;
        break;
    case CX_G_MONTH:
        if (p.day > 0)
            p.day = 1;
        break;
    case CX_G_WEEK:
    case CX_G_WEEKEND:
        if (had_day) {
            int64_t z = days_of(&p);
            z -= cx_weekday(z) - 1; /* Monday */
            set_days(&p, z);
        }
        break;
    default:
        break;
    }
    p.g = g;
    if (g < CX_G_PART)
        p.part = 0;
    if (g < CX_G_HOUR)
        p.hour = p.minute = -1;
    return p;
}

cx_tpoint cx_tp_shift(cx_tpoint p, int n, int unit)
{
    int months = 0;
    switch (unit) {
    case CX_U_MINUTE:
    case CX_U_HOUR:
    case CX_U_DAY:
    case CX_U_WEEK:
    case CX_U_WEEKEND: {
        if (!known_day(&p))
            return p;
        int64_t z = days_of(&p);
        if (unit == CX_U_DAY)
            z += n;
        else if (unit == CX_U_WEEK || unit == CX_U_WEEKEND)
            z += 7 * (int64_t)n;
        else if (unit == CX_U_HOUR && p.hour >= 0) {
            int h = p.hour + n;
            int64_t dd = h >= 0 ? h / 24 : -((-h + 23) / 24);
            z += dd;
            p.hour = (int)(h - dd * 24);
        }
        set_days(&p, z);
        return p;
    }
    case CX_U_MONTH: months = n; break;
    case CX_U_QUARTER: months = 3 * n; break;
    case CX_U_SEASON: months = 3 * n; break;
    case CX_U_HALF: months = 6 * n; break;
    case CX_U_YEAR:
        if (p.year > 0)
            p.year += n;
        break;
    case CX_U_DECADE:
        if (p.year > 0)
            p.year += 10 * n;
        break;
    case CX_U_CENTURY:
        if (p.year > 0)
            p.year += 100 * n;
        break;
    default:
        return p;
    }
    if (months) {
        if (p.year <= 0 || p.month <= 0)
            return p;
        int idx = p.year * 12 + (p.month - 1) + months;
        p.year = idx / 12;
        p.month = idx % 12 + 1;
    }
    if (p.day > 0 && p.year > 0 && p.month > 0 && p.day > days_in_month(p.year, p.month))
        p.day = days_in_month(p.year, p.month);
    if ((p.g == CX_G_WEEK || p.g == CX_G_WEEKEND) && known_day(&p))
        p = cx_tp_coarsen(p, p.g); /* back to a Monday */
    return p;
}

cx_tpoint cx_tp_weekday(cx_tpoint anchor, int wd, int dir)
{
    int64_t z = days_of(&anchor);
    int cur = cx_weekday(z);
    int64_t t;
    switch (dir) {
    case -1: t = z - ((cur - wd + 7) % 7); break;
    case -2: t = z - ((cur - wd + 7) % 7 == 0 ? 7 : (cur - wd + 7) % 7); break;
    case 1: t = z + ((wd - cur + 7) % 7); break;
    case 2: t = z + ((wd - cur + 7) % 7 == 0 ? 7 : (wd - cur + 7) % 7); break;
    default: t = z + (wd - cur); break;
    }
    cx_tpoint p = anchor;
    set_days(&p, t);
    p.g = CX_G_DAY;
    p.part = 0;
    p.hour = p.minute = -1;
    return p;
}

int cx_tp_month_year(cx_tpoint anchor, int m, int dir)
{
    int y = anchor.year;
    if (y <= 0 || anchor.month <= 0)
        return y;
    switch (dir) {
    case -1: return m <= anchor.month ? y : y - 1;
    case -2: return m < anchor.month ? y : y - 1;
    case 1: return m >= anchor.month ? y : y + 1;
    case 2: return m > anchor.month ? y : y + 1;
    default: return y;
    }
}

/* ISO week and its year of a day number. */
static void iso_week(int64_t z, int *wy, int *wk)
{
    int64_t thu = z - (cx_weekday(z) - 1) + 3;
    int y, m, d;
    cx_civil_from_days(thu, &y, &m, &d);
    int64_t jan1 = cx_days_from_civil(y, 1, 1);
    *wy = y;
    *wk = (int)((thu - jan1) / 7) + 1;
}

static size_t put(char *out, size_t cap, size_t at, const char *fmt, int v, int width)
{
    if (at >= cap)
        return at;
    int k;
    if (v < 0) {
        char xs[8] = "XXXX";
        xs[width < 4 ? width : 4] = 0;
        k = snprintf(out + at, cap - at, fmt[0] == '-' ? "-%s" : fmt[0] == 'T' ? "T%s" : "%s", xs);
    } else {
        k = snprintf(out + at, cap - at, fmt, v);
    }
    return k > 0 ? at + (size_t)k : at;
}

static size_t lit(char *out, size_t cap, size_t at, const char *s)
{
    size_t n = strlen(s);
    if (at + n >= cap)
        return at;
    memcpy(out + at, s, n + 1);
    return at + n;
}

size_t cx_tp_format(const cx_tpoint *p, char *out, size_t cap)
{
    static const char *const seasons[4] = {"SP", "SU", "FA", "WI"};
    static const char *const parts[5] = {"", "MO", "AF", "EV", "NI"};
    size_t at = 0;
    out[0] = 0;
    if (p->g == CX_G_CENTURY)
        return put(out, cap, 0, "%02d", p->year > 0 ? p->year / 100 : -1, 2);
    if (p->g == CX_G_DECADE)
        return put(out, cap, 0, "%03d", p->year > 0 ? p->year / 10 : -1, 3);
    if ((p->g == CX_G_WEEK || p->g == CX_G_WEEKEND) && known_day(p)) {
        int wy, wk;
        iso_week(days_of(p), &wy, &wk);
        at = put(out, cap, 0, "%04d", wy, 4);
        at = put(out, cap, at, "-W%02d", wk, 2);
        return p->g == CX_G_WEEKEND ? lit(out, cap, at, "-WE") : at;
    }
    if (p->g == CX_G_DAY && p->wd && !known_day(p)) {
        at = put(out, cap, 0, "%04d", p->year, 4);
        at = put(out, cap, at, "-WXX-%d", p->wd, 1);
        return at;
    }
    at = put(out, cap, 0, "%04d", p->year, 4);
    switch (p->g) {
    case CX_G_YEAR: return at;
    case CX_G_HALF: return put(out, cap, at, "-H%d", p->month > 0 ? (p->month <= 6 ? 1 : 2) : -1, 1);
    case CX_G_QUARTER:
        if (p->month > 0)
            return put(out, cap, at, "-Q%d", (p->month - 1) / 3 + 1, 1);
        return p->quarter > 0 ? put(out, cap, at, "-Q%d", p->quarter, 1) : lit(out, cap, at, "-QX");
    case CX_G_SEASON:
        if (p->month > 0 && at + 4 < cap) {
            int s = p->month == 12 ? 3 : (p->month - 3) / 3;
            if (s < 0)
                s = 3;
            return at + (size_t)snprintf(out + at, cap - at, "-%s", seasons[s]);
        }
        return at;
    case CX_G_WEEK: return lit(out, cap, at, "-WXX");
    case CX_G_WEEKEND: return lit(out, cap, at, "-WXX-WE");
    default: break;
    }
    at = put(out, cap, at, "-%02d", p->month, 2);
    if (p->g == CX_G_MONTH)
        return at;
    at = put(out, cap, at, "-%02d", p->day, 2);
    if (p->g == CX_G_DAY)
        return at;
    if (p->g == CX_G_PART && p->part >= 1 && p->part <= 4 && at + 4 < cap)
        return at + (size_t)snprintf(out + at, cap - at, "T%s", parts[p->part]);
    if (p->g >= CX_G_HOUR && p->hour >= 0) {
        at = put(out, cap, at, "T%02d", p->hour, 2);
        if (p->g == CX_G_MINUTE)
            at = put(out, cap, at, ":%02d", p->minute < 0 ? 0 : p->minute, 2);
    }
    return at;
}

int cx_unit_gran(int unit)
{
    switch (unit) {
    case CX_U_MINUTE: return CX_G_MINUTE;
    case CX_U_HOUR: return CX_G_HOUR;
    case CX_U_DAY: return CX_G_DAY;
    case CX_U_WEEKEND: return CX_G_WEEKEND;
    case CX_U_WEEK: return CX_G_WEEK;
    case CX_U_MONTH: return CX_G_MONTH;
    case CX_U_QUARTER: return CX_G_QUARTER;
    case CX_U_SEASON: return CX_G_SEASON;
    case CX_U_HALF: return CX_G_HALF;
    case CX_U_YEAR: return CX_G_YEAR;
    case CX_U_DECADE: return CX_G_DECADE;
    case CX_U_CENTURY: return CX_G_CENTURY;
    default: return CX_G_NONE;
    }
}

const char *cx_gran_name(int g)
{
    static const char *const names[] = {"ref",     "century", "decade", "year",    "half",
                                        "quarter", "season",  "month",  "week",    "weekend",
                                        "day",     "part_of_day", "hour", "minute"};
    return g >= 0 && g <= CX_G_MINUTE ? names[g] : "ref";
}

const char *cx_unit_code(int unit, int *is_time)
{
    *is_time = 0;
    switch (unit) {
    case CX_U_SECOND: *is_time = 1; return "S";
    case CX_U_MINUTE: *is_time = 1; return "M";
    case CX_U_HOUR: *is_time = 1; return "H";
    case CX_U_DAY: return "D";
    case CX_U_WEEKEND: return "WE";
    case CX_U_WEEK: return "W";
    case CX_U_MONTH: return "M";
    case CX_U_QUARTER: return "Q";
    case CX_U_SEASON: return "M"; /* a season is three months; callers scale */
    case CX_U_HALF: return "M";
    case CX_U_YEAR: return "Y";
    case CX_U_DECADE: return "DE";
    case CX_U_CENTURY: return "CE";
    default: return "X";
    }
}
