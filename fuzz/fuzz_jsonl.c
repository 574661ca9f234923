/*
 * fuzz_jsonl.c: libFuzzer target for the JSONL reader (see fuzz_common.h).
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* With a store: many records in one input exercise the copies stage. */
    return fuzz_check_opts(data, size, CHORUS_FORMAT_JSONL, 0, 1);
}
