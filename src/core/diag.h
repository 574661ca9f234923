/*
 * diag.h: where stages report what is wrong with an input.
 *
 * Every stage reports through one cx_diag: the input's name, the line or byte,
 * a one-line message. The sink counts and forwards to the handler the library
 * user set (the CLI prints "chorus: FILE:LINE: message").
 */
#ifndef CX_DIAG_H
#define CX_DIAG_H
#include <stdint.h>

#include "chorus.h"

typedef struct cx_diag {
    chorus_diag_fn fn; /* may be NULL: count only */
    void *ctx;
    uint64_t errors;
    uint64_t warnings;
} cx_diag;

#define CX_NO_LINE 0
#define CX_NO_BYTE ((uint64_t)-1)

/* Reports one problem. line 0 = not line-based; byte CX_NO_BYTE = no offset. */
void cx_report(cx_diag *d, chorus_severity sev, chorus_status code, const char *input,
               uint64_t line, uint64_t byte, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

#endif
