/*
 * cint.h: what the claims stage's files share (lex.c, claims.c, story.c);
 * other stages read claims.h.
 */
#ifndef CX_CINT_H
#define CX_CINT_H
#include "claims/claims.h"

/* Word classes of the claims lexicon (a word may have several). */
#define C_SAY      (1ull << 0)      /* attribution verb: said, told, reported, insisted */
#define C_DOCVERB  (1ull << 1)  /* what a document does: shows, found, states */
#define C_DOC      (1ull << 2)      /* document noun: report, filings, records, poll */
#define C_ANON     (1ull << 3)     /* marks an anonymous source: anonymity, familiar, briefed */
#define C_GROUP    (1ull << 4)    /* plural people noun: officials, residents, sources */
#define C_ROLE     (1ull << 5)     /* singular person noun: spokesperson, witness, official */
#define C_NUMW     (1ull << 6)     /* number word: two, dozen */
#define C_OUTLETN  (1ull << 7)  /* outlet noun: newspaper, broadcaster */
#define C_BODY     (1ull << 8)     /* body that rules: inquiry, court, review, panel */
#define C_VFALSE   (1ull << 9)   /* verdict: false, baseless, unfounded */
#define C_VTRUE    (1ull << 10)   /* verdict: true, accurate, substantiated */
#define C_NEG      (1ull << 11)     /* not, never, hasn't, cannot, unable */
#define C_AUX      (1ull << 12)     /* has, was, would, did, been, be */
#define C_CLAIMN   (1ull << 13)  /* claim noun: claim, allegation, accusation, report */
#define C_DENY     (1ull << 14)    /* denied, denies */
#define C_REJECT   (1ull << 15)  /* rejected, dismissed, disputed, refuted */
#define C_CALL     (1ull << 16)    /* called, branded, described (as) */
#define C_DECLINE  (1ull << 17) /* declined, refused */
#define C_COMMENT  (1ull << 18) /* comment, discuss, elaborate, speculate */
#define C_RESPOND  (1ull << 19) /* respond, reply, return (calls) */
#define C_REQ      (1ull << 20)     /* request, calls, messages, inquiries */
#define C_VERIFY   (1ull << 21)  /* verified, confirmed, corroborated, reviewed */
#define C_FIND     (1ull << 22)    /* found, concluded, ruled, determined, cleared */
#define C_STOP     (1ull << 23)    /* function word (not a content word) */
#define C_BOUND    (1ull << 24)   /* clause word ending a noun phrase: that, who, when, because */
#define C_PRON     (1ull << 25)    /* he, she, they, it, i, we */
#define C_ADV      (1ull << 26)     /* adverb between subject and verb: also, later, previously */
#define C_PREP     (1ull << 27)    /* preposition */
#define C_TIMEW    (1ull << 28)   /* day names, today, yesterday, morning */
#define C_CORRECT  (1ull << 29) /* corrected, misstated, misidentified, erroneously */
#define C_CONFIRM  (1ull << 30) /* confirmed, acknowledged (a confirmation) */
#define C_HURT     (1ull << 31)    /* injured, hurt, treated, wounded (one fact for disagreements) */
#define C_DEAD     (1ull << 32)    /* killed, dead, died */
#define C_PEOPLE   (1ull << 33)  /* people, persons, passengers: skipped between a number and its head */
#define C_DET      (1ull << 34)      /* a, an, the, its, his, her, their */
#define C_TRIG     (1ull << 35)      /* other words a stance or cue pattern starts from (gates the loops) */

/* Classes of the word s[0..n) (any case, typographic apostrophes read as
 * ASCII); 0 when unknown. Thread-safe. */
uint64_t cl_lex(const char *s, size_t n);
/* Value of a number word ("two" -> 2, "dozen" -> 12); -1 when none. */
int cl_numword(const char *s, size_t n);

/* Outlet names alike: case and a leading "The" aside, or the shorter the
 * longer's last word ("the Herald", "The Harbour Herald"). story.c */
int cl_outlet_eq(const char *a, const char *b);

#endif
