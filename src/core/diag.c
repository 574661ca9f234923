/*
 * diag.c: the diagnostic sink (see diag.h).
 */
#include "core/diag.h"

#include <stdarg.h>
#include <stdio.h>

void cx_report(cx_diag *d, chorus_severity sev, chorus_status code, const char *input,
               uint64_t line, uint64_t byte, const char *fmt, ...)
{
    if (sev == CHORUS_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (!d->fn)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    chorus_diag out = {
        .code = code,
        .severity = sev,
        .input = input ? input : "<input>",
        .line = line,
        .byte = byte == CX_NO_BYTE ? 0 : byte,
        .has_byte = byte != CX_NO_BYTE,
        .message = msg,
    };
    d->fn(d->ctx, &out);
}
