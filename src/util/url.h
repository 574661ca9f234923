/*
 * url.h: the parts of URLs chorus needs: the host (an outlet of last resort)
 * and a normalised key that recognises the same article at a trivially
 * different address.
 */
#ifndef CX_URL_H
#define CX_URL_H
#include <stddef.h>

#include "util/arena.h"

/* Host of an absolute http(s) URL, lower-cased, without "www." and port;
 * NULL when the URL has none. */
char *cx_url_host(cx_arena *a, const char *url);
/* Identity key: scheme dropped, host lower-cased without "www.", default port,
 * fragment, tracking parameters (utm_*, fbclid, gclid, ...) and a trailing
 * slash removed. NULL when url is not an absolute http(s) URL. */
char *cx_url_key(cx_arena *a, const char *url);
/* 1 when s looks like an absolute http(s) URL. */
int cx_url_is_http(const char *s);

#endif
