/*
 * url.c: URL host and identity key (see url.h).
 */
#include "util/url.h"
#include "util/buf.h"
#include "util/str.h"

#include <string.h>

int cx_url_is_http(const char *s)
{
    return s && (cx_ascii_ncaseeq(s, "http://", 7) || cx_ascii_ncaseeq(s, "https://", 8));
}

/* Locates the authority's host in url; returns its start and length. */
static const char *host_span(const char *url, size_t *n)
{
    if (!cx_url_is_http(url))
        return NULL;
    const char *h = strstr(url, "://") + 3;
    const char *e = h;
    while (*e && *e != '/' && *e != '?' && *e != '#')
        e++;
    const char *at = memchr(h, '@', (size_t)(e - h)); /* drop user:pass@ */
    if (at)
        h = at + 1;
    const char *colon = memchr(h, ':', (size_t)(e - h));
    if (colon)
        e = colon;
    if (e - h >= 4 && cx_ascii_ncaseeq(h, "www.", 4))
        h += 4;
    *n = (size_t)(e - h);
    return *n ? h : NULL;
}

char *cx_url_host(cx_arena *a, const char *url)
{
    size_t n;
    const char *h = host_span(url, &n);
    if (!h)
        return NULL;
    char *out = cx_arena_strndup(a, h, n);
    if (out)
        for (char *p = out; *p; p++)
            *p = cx_lower(*p);
    return out;
}

static int tracking_param(const char *p, size_t n)
{
    static const char *names[] = {"fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid",
                                  "ref", "ito", "smid", "cid", "at_medium", "at_campaign"};
    size_t k = 0;
    while (k < n && p[k] != '=')
        k++;
    if (k >= 4 && cx_ascii_ncaseeq(p, "utm_", 4))
        return 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (cx_span_caseeq(p, k, names[i]))
            return 1;
    return 0;
}

char *cx_url_key(cx_arena *a, const char *url)
{
    size_t hn;
    const char *h = host_span(url, &hn);
    if (!h)
        return NULL;
    cx_buf b;
    cx_buf_init(&b, strlen(url) + 8);
    for (size_t i = 0; i < hn; i++)
        cx_buf_putc(&b, cx_lower(h[i]));
    const char *p = h + hn;
    if (*p == ':') /* port: keep unless default */
    {
        const char *q = p + 1;
        while (cx_is_digit(*q))
            q++;
        if (!((q - p == 3 && !strncmp(p, ":80", 3)) || (q - p == 4 && !strncmp(p, ":443", 4))))
            cx_buf_append(&b, p, (size_t)(q - p));
        p = q;
    }
    const char *path_end = p;
    while (*path_end && *path_end != '?' && *path_end != '#')
        path_end++;
    size_t plen = (size_t)(path_end - p);
    while (plen && p[plen - 1] == '/')
        plen--;
    cx_buf_append(&b, p, plen);
    if (*path_end == '?') {
        const char *q = path_end + 1;
        int first = 1;
        while (*q && *q != '#') {
            const char *e = q;
            while (*e && *e != '&' && *e != '#')
                e++;
            if (e > q && !tracking_param(q, (size_t)(e - q))) {
                cx_buf_putc(&b, first ? '?' : '&');
                cx_buf_append(&b, q, (size_t)(e - q));
                first = 0;
            }
            q = *e == '&' ? e + 1 : e;
        }
    }
    char *out = b.data ? cx_arena_strndup(a, b.data, b.len) : NULL;
    cx_buf_free(&b);
    return out;
}
