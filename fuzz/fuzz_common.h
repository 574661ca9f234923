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
#include <stdio.h>
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

/* with_store: an in-memory store, so the copies stage (fingerprints, keys,
 * relations, groups) and the JSON document's "copies" run too. */
static uint64_t fuzz_run_once(const uint8_t *data, size_t size, chorus_format fmt, int no_extract,
                              int with_store)
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
    FILE *out = NULL;
    char *doc = NULL;
    size_t doc_len = 0;
    if (with_store) {
        /* a small copies window: the default sizes its key tables for
         * 131,072 articles, which costs a fuzz run far more than it tests */
        if (chorus_set_param(c, CHORUS_PARAM_COPY_WINDOW, 64) != CHORUS_OK ||
            chorus_open_store(c, ":memory:") != CHORUS_OK || !(out = open_memstream(&doc, &doc_len)))
            abort();
        chorus_set_output(c, out, CHORUS_OUT_JSON | CHORUS_OUT_COMPACT);
    }
    if (chorus_add_buffer(c, "fuzz", data, size, fmt) == CHORUS_OK && chorus_run(c) != CHORUS_OK)
        abort(); /* without a store or output, nothing but a bug can fail the run */
    chorus_free(c);
    if (out) {
        fclose(out);
        XXH64_update(s.h, doc, doc_len); /* the whole document, copies included */
        free(doc);
    }
    uint64_t h = XXH64_digest(s.h);
    XXH64_freeState(s.h);
    return h;
}

static int fuzz_check_opts(const uint8_t *data, size_t size, chorus_format fmt, int no_extract,
                           int with_store)
{
    if (fuzz_run_once(data, size, fmt, no_extract, with_store) !=
        fuzz_run_once(data, size, fmt, no_extract, with_store))
        abort(); /* the same input must give the same output */
    return 0;
}

static int fuzz_check(const uint8_t *data, size_t size, chorus_format fmt, int no_extract)
{
    return fuzz_check_opts(data, size, fmt, no_extract, 0);
}

#endif
