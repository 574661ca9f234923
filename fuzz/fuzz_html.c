/*
 * fuzz_html.c: libFuzzer target for the HTML reader (see fuzz_common.h).
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_check(data, size, CHORUS_FORMAT_HTML, 0);
}
