/*
 * fuzz_common.h: one libFuzzer harness shape for every input reader.
 *
 * The input is queued as a buffer of the given format and run through the
 * whole pipeline (decoding, parsing, extraction, text layer, keys, JSON);
 * every article's JSON and every diagnostic are hashed. The run is done
 * twice: different hashes mean nondeterminism, which aborts.
 */
#ifndef CHORUS_FUZZ_COMMON_H
#define CHORUS_FUZZ_COMMON_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "chorus.h"

typedef struct fuzz_state {
    XXH64_state_t *h;
} fuzz_state;

static int fuzz_on_article(void *ctx, const chorus_article *a)
{
    fuzz_state *s = ctx;
    char *j = chorus_article_json(a);
    if (j) {
        XXH64_update(s->h, j, strlen(j));
        chorus_string_free(j);
    }
    return 0;
}

static void fuzz_on_diag(void *ctx, const chorus_diag *d)
{
    fuzz_state *s = ctx;
    XXH64_update(s->h, d->message, strlen(d->message));
    XXH64_update(s->h, &d->line, sizeof d->line);
    XXH64_update(s->h, &d->byte, sizeof d->byte);
}

static uint64_t fuzz_run_once(const uint8_t *data, size_t size, chorus_format fmt, int no_extract)
{
    fuzz_state s = {XXH64_createState()};
    if (!s.h)
        abort();
    XXH64_reset(s.h, 0);
    chorus *c = chorus_new();
    if (!c)
        abort();
    chorus_set_article_handler(c, fuzz_on_article, &s);
    chorus_set_diag_handler(c, fuzz_on_diag, &s);
    if (chorus_set_param(c, CHORUS_PARAM_MAX_ARTICLE_BYTES, 1 << 20) != CHORUS_OK ||
        chorus_set_param(c, CHORUS_PARAM_NO_EXTRACT, no_extract) != CHORUS_OK)
        abort();
    if (chorus_add_buffer(c, "fuzz", data, size, fmt) == CHORUS_OK && chorus_run(c) != CHORUS_OK)
        abort(); /* without a store or output, nothing but a bug can fail the run */
    chorus_free(c);
    uint64_t h = XXH64_digest(s.h);
    XXH64_freeState(s.h);
    return h;
}

static int fuzz_check(const uint8_t *data, size_t size, chorus_format fmt, int no_extract)
{
    if (fuzz_run_once(data, size, fmt, no_extract) != fuzz_run_once(data, size, fmt, no_extract))
        abort(); /* the same input must give the same output */
    return 0;
}

#endif
