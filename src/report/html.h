/*
 * html.h: the HTML report (stage "report", issue 9).
 *
 * In:  a chorus JSON document (docs/schema.md), as `chorus show` writes it.
 * Out: one self-contained page: the report's HTML, CSS and JS (compiled in
 *      from src/report/assets/ by cmake/embed.cmake) with the document inside
 *      a <script type="application/json"> element; or, without a document,
 *      the same page reading the JSON API of `chorus serve` (docs/api.md).
 *      The page draws every field it finds and leaves out what is absent.
 */
#ifndef CX_HTML_H
#define CX_HTML_H
#include <stddef.h>
#include <stdio.h>

/* Writes the page to f. json (len bytes) is embedded; NULL: the live page.
 * 1 on success, 0 when writing failed. */
int cx_html_page(FILE *f, const char *json, size_t len);

/* Checks that json is a chorus document (an object with "chorus" and an
 * "articles" array). 1 when it is; 0 with why in err. */
int cx_html_check_doc(const char *json, size_t len, char *err, size_t errlen);

/* Writes dir/index.html (dir created when missing) for the document json.
 * 1 on success; 0 with the reason in err. */
int cx_html_write(const char *dir, const char *json, size_t len, char *err, size_t errlen);

#endif
