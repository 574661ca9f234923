/*
 * vec.h: growing a malloc'd array, the one way the library does it.
 */
#ifndef CX_VEC_H
#define CX_VEC_H
#include <stddef.h>

/* Room for at least need elements of size bytes: returns arr itself when its
 * capacity *cap suffices, else a larger copy (capacity doubled from min) with
 * *cap updated. NULL when out of memory; arr is then unchanged and still owned
 * by the caller. */
void *cx_grow(void *arr, size_t *cap, size_t need, size_t size, size_t min);

#endif
