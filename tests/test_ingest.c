/*
 * test_ingest.c: each input format, and broken input of each kind: the
 * message names the input and the line or byte, and the other inputs (and
 * the other records of the same input) come out intact.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "helpers.h"

static const char page[] =
    "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
    "<title>Bridge reopens | The Test Gazette</title>"
    "<meta property=\"og:site_name\" content=\"The Test Gazette\">"
    "<meta property=\"article:published_time\" content=\"2025-05-02T08:00:00+02:00\">"
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Bridge "
    "reopens after repairs\",\"author\":[{\"name\":\"Ida Test\"},{\"name\":\"Olu Sample\"}]}</script>"
    "<script>var junk = 'not text';</script></head><body><nav><a href=\"/\">Home</a></nav>"
    "<article><h1>Bridge reopens after repairs</h1><p>The Elm Street bridge reopened on "
    "Friday, the council said.</p><p>Repairs took <b>six</b> weeks &amp; cost "
    "&euro;2&nbsp;million.</p><figure><img src=x><figcaption>A caption</figcaption></figure>"
    "</article><footer>Copyright</footer></body></html>";

static void test_html_file(void **state)
{
    (void)state;
    t_write(t_tmp("page.html"), page, sizeof page - 1);
    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_add_input(c, t_tmp("page.html")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    assert_int_equal(r.n_articles, 1);
    assert_string_equal(r.titles[0], "Bridge reopens after repairs");
    assert_string_equal(r.bodies[0], "The Elm Street bridge reopened on Friday, the council "
                                     "said.\n\nRepairs took six weeks & cost \xE2\x82\xAC" "2 million.");
    const char *j = r.json[0];
    assert_non_null(strstr(j, "\"outlet\":\"The Test Gazette\""));
    assert_non_null(strstr(j, "\"published\":\"2025-05-02T06:00:00Z\""));
    assert_non_null(strstr(j, "\"published_precision\":\"second\""));
    assert_non_null(strstr(j, "\"language\":\"en\""));
    assert_non_null(strstr(j, "\"byline\":\"Ida Test, Olu Sample\""));
    assert_null(strstr(j, "not text"));
    assert_int_equal(r.n_diags, 0);
    t_result_free(&r);
    chorus_free(c);
}

static void test_text_file_and_gz(void **state)
{
    (void)state;
    const char txt[] = "Ferry service resumes\n\nThe ferry runs again.\nIt was\nclosed for a week.\n\n"
                       "Riders were pleased.\n";
    t_write(t_tmp("story.txt"), txt, sizeof txt - 1);
    t_write_gz(t_tmp("story2.txt.gz"), txt, sizeof txt - 1);
    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_add_input(c, t_tmp("story.txt")), CHORUS_OK);
    assert_int_equal(chorus_add_input(c, t_tmp("story2.txt.gz")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    assert_int_equal(r.n_articles, 2);
    for (int i = 0; i < 2; i++) {
        assert_string_equal(r.titles[i], "Ferry service resumes");
        /* "It was / closed..." is one soft-wrapped line; lines that end a sentence stay apart. */
        assert_string_equal(r.bodies[i], "The ferry runs again.\n\nIt was closed for a week.\n\n"
                                         "Riders were pleased.");
    }
    t_result_free(&r);
    chorus_free(c);
}

static void test_no_extract_keeps_text(void **state)
{
    (void)state;
    const char txt[] = "  Headline line\nBody   with  odd spacing.\r\n\n\"Quote,\" he said.\n";
    t_write(t_tmp("clean.txt"), txt, sizeof txt - 1);
    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_set_param(c, CHORUS_PARAM_NO_EXTRACT, 1), CHORUS_OK);
    assert_int_equal(chorus_add_input(c, t_tmp("clean.txt")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    assert_int_equal(r.n_articles, 1);
    assert_string_equal(r.bodies[0], txt); /* byte for byte: offsets point into it */
    assert_string_equal(r.titles[0], "Headline line");
    t_result_free(&r);
    chorus_free(c);
}

static void test_jsonl_with_bad_lines(void **state)
{
    (void)state;
    const char feed[] =
        "{\"id\":\"f1\",\"url\":\"https://a.example/1\",\"outlet\":\"A\",\"published\":\"2025-01-02\","
        "\"title\":\"One\",\"text\":\"First story text.\"}\n"
        "{\"id\":\"f2\",\"title\":\"Broken\",\"text\":\"unterminated}\n"
        "\n"
        "[1,2,3]\n"
        "{\"id\":\"f4\",\"title\":\"No body\"}\n"
        "{\"id\":\"f6\",\"title\":\"Headline only\",\"text\":\"Headline only\"}\n"
        "{\"id\":5,\"url\":\"https://b.example/5\",\"source\":\"B\",\"date\":\"2025-01-03 10:00:00\","
        "\"title\":\"Five\",\"html\":\"<p>Fifth <i>story</i>.</p>\",\"lang\":\"fr\",\"authors\":[\"X Y\"]}\n";
    t_write(t_tmp("feed.jsonl"), feed, sizeof feed - 1);
    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_add_input(c, t_tmp("feed.jsonl")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    assert_int_equal(r.n_articles, 3);
    assert_string_equal(r.titles[0], "One");
    assert_string_equal(r.bodies[1], "Headline only"); /* a body that is all headline stays */
    assert_string_equal(r.bodies[0], "First story text.");
    assert_non_null(strstr(r.json[0], "\"id\":\"f1\""));
    assert_non_null(strstr(r.json[0], "\"input\":\""));
    assert_non_null(strstr(r.json[0], "feed.jsonl:1\""));
    assert_non_null(strstr(r.json[2], "\"id\":\"5\""));
    assert_non_null(strstr(r.json[2], "\"outlet\":\"B\""));
    assert_non_null(strstr(r.json[2], "\"language\":\"fr\""));
    assert_non_null(strstr(r.json[2], "\"byline\":\"X Y\""));
    assert_non_null(strstr(r.json[2], "\"published\":\"2025-01-03T10:00:00\""));
    assert_string_equal(r.bodies[2], "Fifth story.");
    int d = t_find_diag(&r, "malformed JSON");
    assert_true(d >= 0);
    assert_int_equal(r.diags[d].line, 2);
    assert_int_equal(r.diags[d].severity, CHORUS_ERROR);
    assert_non_null(strstr(r.diags[d].input, "feed.jsonl"));
    d = t_find_diag(&r, "one JSON object per line");
    assert_true(d >= 0);
    assert_int_equal(r.diags[d].line, 4);
    d = t_find_diag(&r, "no \"html\" or \"text\"");
    assert_true(d >= 0);
    assert_int_equal(r.diags[d].line, 5);
    chorus_stats s = chorus_get_stats(c);
    assert_int_equal(s.rejected, 3);
    assert_int_equal(s.articles, 3);
    t_result_free(&r);
    chorus_free(c);
}

/* A WARC record with a correct Content-Length. */
static size_t warc_record(char *out, size_t cap, const char *type, const char *uri,
                          const char *block, long declared_len)
{
    size_t bl = strlen(block);
    int n = snprintf(out, cap,
                     "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:0000>\r\n"
                     "WARC-Date: 2025-06-01T10:00:00Z\r\n%s%s%s"
                     "Content-Type: application/http;msgtype=response\r\n"
                     "Content-Length: %ld\r\n\r\n%s\r\n\r\n",
                     type, uri ? "WARC-Target-URI: " : "", uri ? uri : "", uri ? "\r\n" : "",
                     declared_len >= 0 ? declared_len : (long)bl, block);
    assert_true(n > 0 && (size_t)n < cap);
    return (size_t)n;
}

static const char http_ok[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=%s\r\n\r\n%s";

static char *http(const char *charset, const char *body)
{
    static char bufs[8][4096];
    static int k;
    char *b = bufs[k++ & 7];
    snprintf(b, 4096, http_ok, charset, body);
    return b;
}

static void test_warc(void **state)
{
    (void)state;
    static char w[32768];
    size_t n = 0;
    n += warc_record(w + n, sizeof w - n, "warcinfo", NULL, "software: test\r\n", -1);
    n += warc_record(w + n, sizeof w - n, "request", "https://n.example/a",
                     "GET /a HTTP/1.1\r\nHost: n.example\r\n\r\n", -1);
    n += warc_record(w + n, sizeof w - n, "response", "https://n.example/a",
                     http("utf-8", "<html><head><title>Alpha story</title></head><body><p>Alpha "
                                   "body text.</p></body></html>"), -1);
    n += warc_record(w + n, sizeof w - n, "response", "https://n.example/missing",
                     "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>", -1);
    /* windows-1252 declared in the HTTP header only: 0xE9 is é. */
    n += warc_record(w + n, sizeof w - n, "response", "<https://n.example/b>",
                     http("windows-1252", "<html><body><h1>Beta</h1><p>Caf\xE9 reopens.</p></body></html>"),
                     -1);
    t_write(t_tmp("crawl.warc"), w, n);
    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_add_input(c, t_tmp("crawl.warc")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    assert_int_equal(r.n_articles, 2);
    assert_string_equal(r.titles[0], "Alpha story");
    assert_non_null(strstr(r.json[0], "\"url\":\"https://n.example/a\""));
    assert_non_null(strstr(r.json[0], "\"outlet\":\"n.example\""));
    /* With no date in the page, the crawl date is the best there is. */
    assert_non_null(strstr(r.json[0], "\"published\":\"2025-06-01T10:00:00Z\""));
    assert_string_equal(r.bodies[1], "Caf\xC3\xA9 reopens.");
    assert_non_null(strstr(r.json[1], "\"url\":\"https://n.example/b\""));
    chorus_stats s = chorus_get_stats(c);
    assert_int_equal(s.skipped, 3); /* warcinfo, request, 404 */
    assert_int_equal(s.rejected, 0);
    t_result_free(&r);
    chorus_free(c);
}

static void test_warc_chunked_gzip_payload(void **state)
{
    (void)state;
    const char html[] = "<html><body><p>Chunked and compressed body.</p></body></html>";
    unsigned char z[512];
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    zs.next_in = (Bytef *)html;
    zs.avail_in = sizeof html - 1;
    zs.next_out = z;
    zs.avail_out = sizeof z;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    size_t zl = zs.total_out;
    deflateEnd(&zs);
    static char block[4096], w[8192];
    int h = snprintf(block, sizeof block,
                     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                     "Content-Encoding: gzip\r\n\r\n%zx\r\n", zl);
    memcpy(block + h, z, zl);
    memcpy(block + h + zl, "\r\n0\r\n\r\n", 7);
    size_t bl = (size_t)h + zl + 7;
    int n = snprintf(w, sizeof w, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: "
                                  "https://c.example/z\r\nContent-Length: %zu\r\n\r\n", bl);
    memcpy(w + n, block, bl);
    memcpy(w + n + bl, "\r\n\r\n", 4);
    t_write(t_tmp("chunked.warc"), w, (size_t)n + bl + 4);
    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_add_input(c, t_tmp("chunked.warc")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    assert_int_equal(r.n_articles, 1);
    assert_string_equal(r.bodies[0], "Chunked and compressed body.");
    t_result_free(&r);
    chorus_free(c);
}

static void test_warc_wrong_content_length(void **state)
{
    (void)state;
    static char w[32768];
    const char *b1 = http("utf-8", "<p>Record one survives.</p>");
    const char *b2 = http("utf-8", "<p>Record two lies about its length.</p>");
    const char *b3 = http("utf-8", "<p>Record three survives.</p>");
    const char *b4 = http("utf-8", "<p>Record four says it is shorter.</p>");
    const char *b5 = http("utf-8", "<p>Record five survives.</p>");
    size_t n = 0;
    n += warc_record(w + n, sizeof w - n, "response", "https://w.example/1", b1, -1);
    size_t at2 = n;
    n += warc_record(w + n, sizeof w - n, "response", "https://w.example/2", b2,
                     (long)strlen(b2) + 400); /* longer than it is: runs into record 3 */
    n += warc_record(w + n, sizeof w - n, "response", "https://w.example/3", b3, -1);
    size_t at4 = n;
    n += warc_record(w + n, sizeof w - n, "response", "https://w.example/4", b4,
                     (long)strlen(b4) - 20); /* shorter than it is */
    n += warc_record(w + n, sizeof w - n, "response", "https://w.example/5", b5, -1);
    t_write(t_tmp("lying.warc"), w, n);
    t_write_gz(t_tmp("lying.warc.gz"), w, n);
    for (int gz = 0; gz < 2; gz++) {
        t_result r;
        chorus *c = t_engine(&r, NULL);
        assert_int_equal(chorus_add_input(c, t_tmp(gz ? "lying.warc.gz" : "lying.warc")), CHORUS_OK);
        assert_int_equal(chorus_run(c), CHORUS_OK);
        assert_int_equal(r.n_articles, 3);
        assert_string_equal(r.bodies[0], "Record one survives.");
        assert_string_equal(r.bodies[1], "Record three survives.");
        assert_string_equal(r.bodies[2], "Record five survives.");
        int d = t_find_diag(&r, "Content-Length");
        assert_true(d >= 0);
        assert_true(r.diags[d].has_byte);
        assert_int_equal(r.diags[d].byte, at2);
        int d2 = -1;
        for (int i = d + 1; i < r.n_diags; i++)
            if (strstr(r.diags[i].message, "Content-Length"))
                d2 = i;
        assert_true(d2 >= 0);
        assert_int_equal(r.diags[d2].byte, at4);
        assert_int_equal(chorus_get_stats(c).rejected, 2);
        t_result_free(&r);
        chorus_free(c);
    }
}

static void test_truncated_warc(void **state)
{
    (void)state;
    static char w[8192];
    size_t n = warc_record(w, sizeof w, "response", "https://t.example/1",
                           http("utf-8", "<p>Complete record.</p>"), -1);
    size_t at = n;
    n += warc_record(w + n, sizeof w - n, "response", "https://t.example/2",
                     http("utf-8", "<p>This record is cut off in the middle of its body.</p>"), -1);
    t_write(t_tmp("cut.warc"), w, n - 30);
    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_add_input(c, t_tmp("cut.warc")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    assert_int_equal(r.n_articles, 1);
    int d = t_find_diag(&r, "truncated WARC record");
    assert_true(d >= 0);
    assert_int_equal(r.diags[d].byte, at);
    t_result_free(&r);
    chorus_free(c);
}

static size_t gzip_member(const char *in, size_t n, unsigned char *out, size_t cap)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    zs.next_in = (Bytef *)in;
    zs.avail_in = (uInt)n;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    size_t k = zs.total_out;
    deflateEnd(&zs);
    return k;
}

static void test_truncated_and_corrupt_gzip(void **state)
{
    (void)state;
    /* A .jsonl.gz cut short: the lines before the cut survive. */
    static char feed[65536];
    size_t n = 0;
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(feed + n, sizeof feed - n,
                              "{\"id\":\"g%d\",\"title\":\"T%d\",\"text\":\"Story number %d is here "
                              "with some words %d.\"}\n", i, i, i, i * 7919);
    static unsigned char z[65536];
    size_t zl = gzip_member(feed, n, z, sizeof z);
    t_write(t_tmp("cut.jsonl.gz"), z, zl / 2);
    /* A .warc.gz of one member per record with the middle member corrupted. */
    static char rec[3][4096];
    static unsigned char wz[16384];
    size_t wl = 0, mid = 0;
    for (int i = 0; i < 3; i++) {
        char body[256];
        snprintf(body, sizeof body, "<p>Member %d body text is long enough to matter.</p>", i);
        size_t rl = warc_record(rec[i], sizeof rec[i], "response", "https://z.example/m",
                                http("utf-8", body), -1);
        if (i == 1)
            mid = wl;
        wl += gzip_member(rec[i], rl, wz + wl, sizeof wz - wl);
    }
    for (size_t k = mid + 12; k < mid + 40; k++)
        wz[k] ^= 0x5A;
    t_write(t_tmp("bad-member.warc.gz"), wz, wl);

    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_add_input(c, t_tmp("cut.jsonl.gz")), CHORUS_OK);
    assert_int_equal(chorus_add_input(c, t_tmp("bad-member.warc.gz")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    int d = t_find_diag(&r, "truncated gzip");
    assert_true(d >= 0);
    assert_non_null(strstr(r.diags[d].input, "cut.jsonl.gz"));
    int warc_articles = 0, jsonl_articles = 0;
    for (int i = 0; i < r.n_articles; i++) {
        if (strstr(r.bodies[i], "Member"))
            warc_articles++;
        else
            jsonl_articles++;
    }
    /* About half the compressed feed decodes: many complete lines, not all. */
    assert_true(chorus_get_stats(c).articles > 20);
    assert_true(jsonl_articles >= 20 || chorus_get_stats(c).articles > 64);
    assert_true(chorus_get_stats(c).articles < 200 + 3);
    d = t_find_diag(&r, "corrupt gzip data");
    assert_true(d >= 0);
    assert_non_null(strstr(r.diags[d].message, "skipped to the next gzip member"));
    t_result_free(&r);
    /* Count the WARC articles directly: members 0 and 2 must both survive. */
    chorus_free(c);
    c = t_engine(&r, NULL);
    assert_int_equal(chorus_add_input(c, t_tmp("bad-member.warc.gz")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    assert_int_equal(r.n_articles, 2);
    assert_non_null(strstr(r.bodies[0], "Member 0"));
    assert_non_null(strstr(r.bodies[1], "Member 2"));
    (void)warc_articles;
    t_result_free(&r);
    chorus_free(c);
}

static void test_invalid_utf8_empty_binary(void **state)
{
    (void)state;
    const char bad[] = "Title here\n\nCaf\xC3\xA9 and \xFF\xFE bad bytes \xC0\xAF here.\n";
    t_write(t_tmp("bad-utf8.txt"), bad, sizeof bad - 1);
    t_write(t_tmp("empty.txt"), "", 0);
    t_write(t_tmp("blank.html"), "  \n\t\n", 5);
    static char junk[8192];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)((i * 2654435761u) >> 13);
    t_write(t_tmp("junk.html"), junk, sizeof junk);
    t_write(t_tmp("good.txt"), "Good one\n\nThis survives.", 24);
    t_result r;
    chorus *c = t_engine(&r, NULL);
    const char *files[] = {"bad-utf8.txt", "empty.txt", "blank.html", "junk.html", "good.txt"};
    for (int i = 0; i < 5; i++)
        assert_int_equal(chorus_add_input(c, t_tmp(files[i])), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    assert_int_equal(r.n_articles, 2);
    assert_string_equal(r.bodies[0], "Caf\xC3\xA9 and \xEF\xBF\xBD\xEF\xBF\xBD bad bytes "
                                     "\xEF\xBF\xBD\xEF\xBF\xBD here.");
    assert_non_null(strstr(r.json[0], "\"repairs\":4"));
    assert_string_equal(r.bodies[1], "This survives.");
    int d = t_find_diag(&r, "replaced with U+FFFD");
    assert_true(d >= 0);
    assert_int_equal(r.diags[d].severity, CHORUS_WARNING);
    assert_true(r.diags[d].has_byte);
    assert_int_equal(r.diags[d].byte, 22);
    d = t_find_diag(&r, "empty file");
    assert_true(d >= 0);
    assert_non_null(strstr(r.diags[d].input, "empty.txt"));
    assert_true(t_find_diag(&r, "binary data") >= 0);
    assert_int_equal(chorus_get_stats(c).rejected, 3);
    t_result_free(&r);
    chorus_free(c);
}

static void test_large_page(void **state)
{
    (void)state;
    /* 50 MB page: over the default 16 MiB limit, it is rejected without reading it all;
     * raised, it is read. The small input after it survives either way. */
    size_t n = 50u << 20;
    char *big = malloc(n);
    assert_non_null(big);
    const char head[] = "<html><body><p>";
    memcpy(big, head, sizeof head - 1);
    for (size_t i = sizeof head - 1; i < n - 20; i++)
        big[i] = (i % 80 == 79) ? ' ' : (char)('a' + i % 26);
    memcpy(big + n - 20, "</p></body></html>\n\n", 20);
    t_write(t_tmp("big.html"), big, n);
    free(big);
    t_write(t_tmp("after.txt"), "After\n\nStill here.", 18);
    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_add_input(c, t_tmp("big.html")), CHORUS_OK);
    assert_int_equal(chorus_add_input(c, t_tmp("after.txt")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    assert_int_equal(r.n_articles, 1);
    assert_string_equal(r.bodies[0], "Still here.");
    int d = t_find_diag(&r, "larger than the article limit of 16 MiB");
    assert_true(d >= 0);
    assert_non_null(strstr(r.diags[d].message, "--max-article-bytes"));
    t_result_free(&r);
    chorus_free(c);

    c = t_engine(&r, NULL);
    assert_int_equal(chorus_set_param(c, CHORUS_PARAM_MAX_ARTICLE_BYTES, 64 << 20), CHORUS_OK);
    assert_int_equal(chorus_add_input(c, t_tmp("big.html")), CHORUS_OK);
    assert_int_equal(chorus_add_input(c, t_tmp("after.txt")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    assert_int_equal(r.n_articles, 2);
    assert_true(strlen(r.bodies[0]) > (40u << 20));
    t_result_free(&r);
    chorus_free(c);
    remove(t_tmp("big.html"));
}

static void test_folder_walk_and_buffers(void **state)
{
    (void)state;
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/tree/b/deeper' '%s/tree/.hidden'", t_tmp_dir(), t_tmp_dir());
    assert_int_equal(system(cmd), 0);
    t_write(t_tmp("tree/b/deeper/z.txt"), "Zed\n\nDeep text.", 15);
    t_write(t_tmp("tree/a.txt"), "Aye\n\nFirst text.", 16);
    t_write(t_tmp("tree/notes.md"), "# not an input", 14);
    t_write(t_tmp("tree/photo.jpg"), "\xFF\xD8\xFF", 3);
    t_write(t_tmp("tree/.hidden/h.txt"), "Hidden\n\nNo.", 11);
    t_write(t_tmp("tree/.dot.txt"), "Dot\n\nNo.", 8);
    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_add_input(c, t_tmp("tree")), CHORUS_OK);
    const char buf[] = "{\"id\":\"m1\",\"title\":\"Mem\",\"text\":\"From memory.\"}\n";
    assert_int_equal(chorus_add_buffer(c, "memory.jsonl", buf, sizeof buf - 1, CHORUS_FORMAT_JSONL),
                     CHORUS_OK);
    assert_int_equal(chorus_add_input(c, t_tmp("does-not-exist.txt")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    assert_int_equal(r.n_articles, 3);
    assert_string_equal(r.titles[0], "Aye"); /* name order: a.txt before b/ */
    assert_string_equal(r.titles[1], "Zed");
    assert_string_equal(r.titles[2], "Mem");
    int d = t_find_diag(&r, "cannot open");
    assert_true(d >= 0);
    assert_non_null(strstr(r.diags[d].input, "does-not-exist.txt"));
    assert_int_equal(chorus_get_stats(c).rejected, 1);
    t_result_free(&r);
    chorus_free(c);
}

static void test_strict_stops(void **state)
{
    (void)state;
    const char s1[] = "{\"text\":\"ok one\"}\nnot json\n{\"text\":\"ok two\"}\n";
    t_write(t_tmp("s1.jsonl"), s1, sizeof s1 - 1);
    t_write(t_tmp("s2.txt"), "Later\n\nNever read.", 18);
    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_set_param(c, CHORUS_PARAM_STRICT, 1), CHORUS_OK);
    assert_int_equal(chorus_add_input(c, t_tmp("s1.jsonl")), CHORUS_OK);
    assert_int_equal(chorus_add_input(c, t_tmp("s2.txt")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_ERR_STOPPED);
    assert_int_equal(r.n_articles, 1);
    t_result_free(&r);
    chorus_free(c);
}

static void test_params(void **state)
{
    (void)state;
    chorus *c = chorus_new();
    int64_t lo, hi;
    assert_int_equal(chorus_param_bounds(CHORUS_PARAM_MAX_ARTICLE_BYTES, &lo, &hi), CHORUS_OK);
    assert_int_equal(lo, 1024);
    assert_int_equal(chorus_set_param(c, CHORUS_PARAM_MAX_ARTICLE_BYTES, 10), CHORUS_ERR_USAGE);
    assert_non_null(strstr(chorus_errmsg(c), "outside"));
    assert_int_equal(chorus_set_param(c, (chorus_param)999, 1), CHORUS_ERR_USAGE);
    assert_int_equal(chorus_add_input(c, ""), CHORUS_ERR_USAGE);
    assert_string_equal(chorus_strerror(CHORUS_ERR_TRUNCATED), "truncated input");
    chorus_free(c);
    chorus_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_file),
        cmocka_unit_test(test_text_file_and_gz),
        cmocka_unit_test(test_no_extract_keeps_text),
        cmocka_unit_test(test_jsonl_with_bad_lines),
        cmocka_unit_test(test_warc),
        cmocka_unit_test(test_warc_chunked_gzip_payload),
        cmocka_unit_test(test_warc_wrong_content_length),
        cmocka_unit_test(test_truncated_warc),
        cmocka_unit_test(test_truncated_and_corrupt_gzip),
        cmocka_unit_test(test_invalid_utf8_empty_binary),
        cmocka_unit_test(test_large_page),
        cmocka_unit_test(test_folder_walk_and_buffers),
        cmocka_unit_test(test_strict_stops),
        cmocka_unit_test(test_params),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
