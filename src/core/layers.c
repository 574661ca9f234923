/*
 * layers.c: runs the per-article layers (see layers.h) in their order: the
 * text layer first (every other layer reads its tokens and sentences), then
 * dates, quotes, and the claims stage (it reads the quotes' entities and
 * speakers).
 */
#include "core/layers.h"
#include "util/clock.h"
#include "claims/claims.h"
#include "quotes/quotes.h"
#include "time/time.h"

int cx_layers_run_timed(cx_article *a, double t[CX_LAYER_COUNT])
{
    double t0 = t ? cx_thread_cpu() : 0, t1;
#define LAP(k)                        \
    if (t) {                          \
        t1 = cx_thread_cpu();         \
        t[k] += t1 - t0;              \
        t0 = t1;                      \
    }
    if (!a->text && !(a->text = cx_text_analyze(&a->arena, a->body ? a->body : "", a->body_len)))
        return 0;
    LAP(CX_LAYER_TEXT)
    if (!a->dates_done && cx_time_supports(a->language)) { /* other languages: dates[] left out */
        if (!cx_time_analyze(&a->arena, a->text, &a->published, a->language, &a->dates, &a->n_dates))
            return 0;
        a->dates_done = 1;
    }
    LAP(CX_LAYER_DATES)
    if (!a->quotes && !(a->quotes = cx_quotes_analyze(&a->arena, a->text, a->title, a->language)))
        return 0;
    LAP(CX_LAYER_QUOTES)
    if (!a->claims && !(a->claims = cx_claims_analyze(&a->arena, a->text, a->quotes, a->outlet, a->language)))
        return 0;
    LAP(CX_LAYER_CLAIMS)
#undef LAP
    return 1;
}

int cx_layers_run(cx_article *a) { return cx_layers_run_timed(a, NULL); }

int cx_layers_stream(cx_article *a)
{
    if (!a->text && !(a->text = cx_text_analyze(&a->arena, a->body ? a->body : "", a->body_len)))
        return 0;
    if (!a->dates_done && cx_time_supports(a->language)) { /* other languages: dates[] left out */
        if (!cx_time_analyze(&a->arena, a->text, &a->published, a->language, &a->dates, &a->n_dates))
            return 0;
        a->dates_done = 1;
    }
    return 1;
}
