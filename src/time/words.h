/*
 * words.h: the word tables of the dates stage (private to src/time).
 *
 * In: a lower-case ASCII word. Out: its temporal classes (a word may have
 * several: "second" is an ordinal and a unit) and a value (month 1-12,
 * ISO weekday, unit, number, ordinal, season 1-4 SP SU FA WI, part of day
 * 1-4 MO AF EV NI).
 */
#ifndef CX_TIME_WORDS_H
#define CX_TIME_WORDS_H
#include "time/calendar.h"

enum {
    TW_MONTH = 1 << 0,
    TW_WDAY = 1 << 1,
    TW_UNIT = 1 << 2,
    TW_NUM = 1 << 3,
    TW_ORD = 1 << 4,
    TW_SEASON = 1 << 5,
    TW_PART = 1 << 6,
    TW_SETADJ = 1 << 7, /* daily, weekly... (value: the unit) */
    TW_PAST = 1 << 8,   /* a past-tense verb */
    TW_FUT = 1 << 9,    /* a future cue */
    TW_PLURAL = 1 << 10,
    TW_ABBR = 1 << 11,  /* an abbreviation: needs a following day or a dot */
    TW_TENS = 1 << 12,  /* twenty, thirty...: may take a unit number after it */
    TW_MULT = 1 << 13,  /* hundred, thousand */
    TW_START = 1 << 14  /* begins expressions without being temporal: the, last, about, today... */
};

typedef struct cx_tword {
    const char *w;
    int cls;
    int val;
} cx_tword;

/* The entry for w, or NULL. "second" is both TW_ORD (2) and TW_UNIT: callers
 * read the ordinal of "second" as 2. */
const cx_tword *cx_tw_lookup(const char *w);
/* 1 when the table is in strcmp order (a test checks it). */
int cx_tw_sorted(void);

#endif
