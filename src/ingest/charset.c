/*
 * charset.c: payload bytes to UTF-8.
 *
 * The charset is taken, in order, from a byte-order mark, the HTTP header, a
 * <meta charset> / http-equiv tag or XML declaration in the first 4 KiB of
 * HTML; undeclared text is UTF-8 when it decodes as such, else windows-1252
 * (what browsers assume); UTF-8 with a few bad bytes stays UTF-8. As in the WHATWG Encoding standard, ISO-8859-1 and
 * US-ASCII labels mean windows-1252. A page declared as a Latin charset whose
 * bytes are in fact valid multi-byte UTF-8 is read as UTF-8: the mislabel is
 * far more common than Latin text that happens to form UTF-8. Conversion uses
 * the C library's iconv; what it cannot convert becomes U+FFFD and is counted.
 */
#include "ingest/ingest.h"
#include "util/str.h"
#include "util/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

/* Copies a charset label into out (lower case, at most len-1 bytes). */
static void label_copy(const char *s, size_t n, char *out, size_t len)
{
    size_t i = 0;
    while (i < n && i + 1 < len && (cx_is_alnum(s[i]) || s[i] == '-' || s[i] == '_' ||
                                    s[i] == '.' || s[i] == ':')) {
        out[i] = cx_lower(s[i]);
        i++;
    }
    out[i] = '\0';
}

/* Finds a charset declared inside the first bytes of an HTML page. */
static int sniff_meta(const char *s, size_t n, char *out, size_t len)
{
    if (n > 4096)
        n = 4096;
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *c = cx_memcasemem(p, (size_t)(end - p), "charset");
        if (!c)
            break;
        /* Only inside a tag: a '<' before it with no '>' between. */
        const char *q = c;
        while (q > s && *q != '<' && *q != '>')
            q--;
        c += 7;
        if (*q == '<') {
            while (c < end && (*c == ' ' || *c == '\t'))
                c++;
            if (c < end && *c == '=') {
                c++;
                while (c < end && (*c == ' ' || *c == '"' || *c == '\''))
                    c++;
                label_copy(c, (size_t)(end - c), out, len);
                if (*out)
                    return 1;
            }
        }
        p = c;
    }
    const char *x = cx_memcasemem(s, n, "<?xml");
    if (x) {
        const char *e = cx_memcasemem(x, (size_t)(end - x), "encoding");
        if (e && e - x < 100) {
            e += 8;
            while (e < end && (*e == ' ' || *e == '=' || *e == '"' || *e == '\''))
                e++;
            label_copy(e, (size_t)(end - e), out, len);
            return *out != '\0';
        }
    }
    return 0;
}

/* Maps a label to an iconv name; NULL means UTF-8. */
static const char *iconv_name(const char *label)
{
    static const char *latin[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii",
                                  "ascii", "windows-1252", "cp1252", "x-cp1252", "iso_8859-1",
                                  "cp819", "ibm819", "iso-ir-100", "ansi_x3.4-1968"};
    if (!*label || !strcmp(label, "utf-8") || !strcmp(label, "utf8") ||
        !strcmp(label, "unicode-1-1-utf-8"))
        return NULL;
    for (size_t i = 0; i < sizeof latin / sizeof latin[0]; i++)
        if (!strcmp(label, latin[i]))
            return "WINDOWS-1252";
    return label;
}

/* Counts multi-byte UTF-8 sequences in s (a sign the text really is UTF-8). */
static size_t count_multibyte(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = cx_utf8_decode(u + i, n - i, &cp);
        if (k) {
            count++;
            i += k;
        } else {
            i++;
        }
    }
    return count;
}

static chorus_status convert(const char *from, const char *s, size_t n, cx_buf *out,
                             uint32_t *repairs, uint64_t *first_bad)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return CHORUS_ERR_ENCODING;
    cx_buf tmp;
    cx_buf_init(&tmp, out->limit);
    char *in = (char *)(uintptr_t)s;
    size_t left = n;
    chorus_status st = CHORUS_OK;
    while (left > 0) {
        int err;
        size_t want = left * 2 + 16 < 65536 ? left * 2 + 16 : 65536;
        char *w = cx_buf_reserve(&tmp, want, &err);
        if (!w) {
            st = err == CX_BUF_TOO_LARGE ? CHORUS_ERR_TOO_LARGE : CHORUS_ERR_NOMEM;
            break;
        }
        char *o = w;
        size_t room = want;
        size_t rc = iconv(cd, &in, &left, &o, &room);
        cx_buf_commit(&tmp, (size_t)(o - w));
        if (rc == (size_t)-1) {
            if (errno == E2BIG)
                continue;
            /* EILSEQ or EINVAL: one bad byte becomes U+FFFD. */
            if (*repairs == 0 && first_bad)
                *first_bad = (uint64_t)(in - s);
            (*repairs)++;
            if (cx_buf_append(&tmp, "\xEF\xBF\xBD", 3) != CX_BUF_OK) {
                st = CHORUS_ERR_TOO_LARGE;
                break;
            }
            in++;
            left--;
        }
    }
    iconv_close(cd);
    if (st == CHORUS_OK) {
        /* iconv passes NUL through; the repair pass replaces it. */
        size_t fixed = cx_utf8_repair(tmp.data ? tmp.data : "", tmp.len, out);
        if (fixed == (size_t)-1)
            st = CHORUS_ERR_TOO_LARGE;
        else
            *repairs += (uint32_t)fixed;
    }
    cx_buf_free(&tmp);
    return st;
}

chorus_status cx_decode(const char *data, size_t n, int is_html, const char *declared,
                        cx_buf *out, uint32_t *repairs, uint64_t *first_bad, const char **used)
{
    *repairs = 0;
    *used = "UTF-8";
    const unsigned char *u = (const unsigned char *)data;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        *used = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        return convert(*used, data + 2, n - 2, out, repairs, first_bad);
    }
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        data += 3;
        n -= 3;
    } else if (cx_looks_binary(data, n)) {
        return CHORUS_ERR_ENCODING;
    }
    char label[48] = "";
    if (declared)
        label_copy(declared, strlen(declared), label, sizeof label);
    if (!*label && is_html)
        sniff_meta(data, n, label, sizeof label);
    const char *name = iconv_name(label);
    size_t first = 0;
    size_t invalid = cx_utf8_count_invalid(data, n, &first);
    if (name && !strcmp(name, "WINDOWS-1252") && invalid == 0 && count_multibyte(data, n) > 0)
        name = NULL; /* labelled Latin, but really UTF-8 */
    /* Undeclared: windows-1252 unless valid multi-byte UTF-8 sequences show up
     * often enough. One such sequence is rare in Latin text (it takes an accented
     * capital followed by punctuation bytes), so a few stand for many bad bytes. */
    if (!name && !*label && invalid > 0 && count_multibyte(data, n) * 8 < invalid)
        name = "WINDOWS-1252";
    if (name) {
        *used = name;
        chorus_status st = convert(name, data, n, out, repairs, first_bad);
        if (st != CHORUS_ERR_ENCODING)
            return st;
        /* An unknown label: read it as UTF-8. */
        *used = "UTF-8";
    }
    if (invalid == 0) /* valid (NUL-free) UTF-8: a plain copy */
        return cx_buf_append(out, data, n) == CX_BUF_OK ? CHORUS_OK : CHORUS_ERR_TOO_LARGE;
    if (first_bad)
        *first_bad = first;
    size_t fixed = cx_utf8_repair(data, n, out);
    if (fixed == (size_t)-1)
        return CHORUS_ERR_TOO_LARGE;
    *repairs = (uint32_t)fixed;
    return CHORUS_OK;
}
