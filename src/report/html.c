/*
 * html.c: the HTML report page (see html.h).
 *
 * The page is the template src/report/assets/report.html with the CSS and JS
 * put in place of its @@CSS@@ and @@JS@@ markers and the document (or
 * nothing, for the live page) in place of @@DATA@@. All drawing happens in
 * the browser (report.js), so the static report and the served page are one
 * renderer. The document is embedded with every '<' written as \u003c: '<'
 * occurs only inside JSON strings, where the escape means the same, and the
 * HTML parser then never sees "</script>" or "<!--" inside the data.
 */
#include "report/html.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern const unsigned char cx_asset_html[], cx_asset_css[], cx_asset_js[];
extern const size_t cx_asset_html_len, cx_asset_css_len, cx_asset_js_len;

static int put(FILE *f, const void *p, size_t n) { return n == 0 || fwrite(p, 1, n, f) == n; }

static int put_data(FILE *f, const char *json, size_t len)
{
    if (!json)
        return 1;
    if (fputs("<script id=\"chorus-data\" type=\"application/json\">", f) < 0)
        return 0;
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        if (json[i] != '<')
            continue;
        if (!put(f, json + from, i - from) || !put(f, "\\u003c", 6))
            return 0;
        from = i + 1;
    }
    return put(f, json + from, len - from) && fputs("</script>", f) >= 0;
}

int cx_html_page(FILE *f, const char *json, size_t len)
{
    const char *t = (const char *)cx_asset_html, *end = t + cx_asset_html_len;
    while (t < end) {
        const char *m = strstr(t, "@@"); /* the template is NUL-terminated */
        if (!m)
            return put(f, t, (size_t)(end - t));
        if (!put(f, t, (size_t)(m - t)))
            return 0;
        int ok;
        if (!strncmp(m, "@@CSS@@", 7))
            ok = put(f, cx_asset_css, cx_asset_css_len), t = m + 7;
        else if (!strncmp(m, "@@JS@@", 6))
            ok = put(f, cx_asset_js, cx_asset_js_len), t = m + 6;
        else if (!strncmp(m, "@@DATA@@", 8))
            ok = put_data(f, json, len), t = m + 8;
        else
            ok = put(f, "@@", 2), t = m + 2; /* not a marker: kept */
        if (!ok)
            return 0;
    }
    return 1;
}

int cx_html_check_doc(const char *json, size_t len, char *err, size_t errlen)
{
    json_error_t je;
    json_t *doc = json_loadb(json, len, 0, &je);
    if (!doc) {
        snprintf(err, errlen, "not JSON: %s (line %d)", je.text, je.line);
        return 0;
    }
    int ok = json_is_object(doc) && json_object_get(doc, "chorus") &&
             json_is_array(json_object_get(doc, "articles"));
    json_decref(doc);
    if (!ok)
        snprintf(err, errlen, "not a chorus document (no \"chorus\" version or \"articles\" array)");
    return ok;
}

int cx_html_write(const char *dir, const char *json, size_t len, char *err, size_t errlen)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
        return 0;
    }
    char path[4096], tmp[4200];
    if ((size_t)snprintf(path, sizeof path, "%s/index.html", dir) >= sizeof path) {
        snprintf(err, errlen, "folder name too long");
        return 0;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
        return 0;
    }
    int ok = cx_html_page(f, json, len);
    ok = (fclose(f) == 0) && ok;
    /* written whole, then renamed: a reader never sees half a page */
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, errlen, "writing %s failed: %s", path, strerror(errno));
        unlink(tmp);
        return 0;
    }
    return 1;
}
