/*
 * fuzz_text.c: libFuzzer target for the TEXT reader (see fuzz_common.h).
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Both text paths: taken as clean (tokenizer, splitter on raw bytes) and extracted. */
    fuzz_check(data, size, CHORUS_FORMAT_TEXT, 1);
    return fuzz_check(data, size, CHORUS_FORMAT_TEXT, 0);
}
