/*
 * vec.c: growing a malloc'd array (see vec.h).
 */
#include "util/vec.h"
#include "util/alloc.h"

#include <stdint.h>

void *cx_grow(void *arr, size_t *cap, size_t need, size_t size, size_t min)
{
    if (need <= *cap)
        return arr;
    size_t nc = *cap ? *cap : min;
    while (nc < need) {
        if (nc > SIZE_MAX / 2 / size)
            return NULL;
        nc *= 2;
    }
    void *p = cx_realloc(arr, nc * size);
    if (p)
        *cap = nc;
    return p;
}
