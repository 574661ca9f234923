/*
 * test_serve.c: the HTTP server over loopback, started and stopped by the
 * tests themselves on a port the system picks: the page, every API route,
 * ingest of each input form, JSON errors, limits (body, header), readers
 * answered while an ingest runs, and a restart on the same store.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "helpers.h"

/* One HTTP/1.1 request (Connection: close). Returns the status (0 when the
 * server closed without a reply); *body gets the reply's body (malloc'd). */
static int http(int port, const char *method, const char *path, const char *ctype, const char *data,
                size_t len, const char *extra_header, char **body)
{
    *body = strdup(""); /* replaced by the reply's body when there is one */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    char head[1024];
    int n = snprintf(head, sizeof head,
                     "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n%s%s%sContent-Length: %zu\r\n",
                     method, path, ctype ? "Content-Type: " : "", ctype ? ctype : "", ctype ? "\r\n" : "", len);
    if (write(fd, head, (size_t)n) != n) {
        close(fd);
        return 0;
    }
    if (extra_header && write(fd, extra_header, strlen(extra_header)) < 0) {
        close(fd);
        return 0;
    }
    if (write(fd, "\r\n", 2) != 2) {
        close(fd);
        return 0;
    }
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fd, data + off, len - off);
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    size_t cap = 65536, got = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (got + 1 >= cap)
            buf = realloc(buf, cap *= 2);
        ssize_t r = read(fd, buf + got, cap - got - 1);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    buf[got] = '\0';
    close(fd);
    int status = 0;
    sscanf(buf, "HTTP/1.%*d %d", &status);
    char *sep = strstr(buf, "\r\n\r\n");
    free(*body);
    *body = strdup(sep ? sep + 4 : "");
    free(buf);
    return status;
}

static json_t *get_json(int port, const char *path, int want)
{
    char *body;
    int st = http(port, "GET", path, NULL, NULL, 0, NULL, &body);
    if (st != want)
        fail_msg("GET %s: %d, wanted %d: %s", path, st, want, body);
    json_error_t e;
    json_t *j = json_loads(body, 0, &e);
    if (!j)
        fail_msg("GET %s: not JSON: %s", path, body);
    free(body);
    return j;
}

static json_t *post_json(int port, const char *path, const char *ctype, const char *data, size_t len, int want)
{
    char *body;
    int st = http(port, "POST", path, ctype, data, len, NULL, &body);
    if (st != want)
        fail_msg("POST %s: %d, wanted %d: %s", path, st, want, body);
    json_t *j = json_loads(body, 0, NULL);
    if (!j)
        fail_msg("POST %s: not JSON: %s", path, body);
    free(body);
    return j;
}

/* GET path with an Accept-Encoding header (NULL: none); the reply's head
 * and body as bytes (malloc'd). Returns the status. */
static int http_raw(int port, const char *path, const char *accept, char **head, unsigned char **body, size_t *blen)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    char req[1024];
    int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n%s%s%s\r\n", path,
                     accept ? "Accept-Encoding: " : "", accept ? accept : "", accept ? "\r\n" : "");
    assert_int_equal(write(fd, req, (size_t)n), n);
    size_t cap = 65536, got = 0;
    unsigned char *buf = malloc(cap);
    for (;;) {
        if (got == cap)
            buf = realloc(buf, cap *= 2);
        ssize_t r = read(fd, buf + got, cap - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    unsigned char *sep = NULL;
    for (size_t i = 0; i + 4 <= got && !sep; i++)
        if (!memcmp(buf + i, "\r\n\r\n", 4))
            sep = buf + i;
    assert_non_null(sep);
    size_t hl = (size_t)(sep - buf);
    *head = strndup((char *)buf, hl);
    for (char *c = *head; *c; c++) /* header names and values compared in lower case */
        *c = (char)tolower((unsigned char)*c);
    *blen = got - hl - 4;
    *body = malloc(*blen + 1);
    memcpy(*body, sep + 4, *blen);
    free(buf);
    int status = 0;
    sscanf(*head, "http/1.%*d %d", &status); /* lower-cased above */
    return status;
}

/* A gzip'd story reply inflates to the identity reply; gzip;q=0 and no
 * header get the identity. */
static void check_gzip(int port)
{
    json_t *list = get_json(port, "/api/stories", 200);
    const char *sid = json_string_value(json_object_get(json_array_get(json_object_get(list, "stories"), 0), "id"));
    assert_non_null(sid);
    char path[256];
    snprintf(path, sizeof path, "/api/stories/%s", sid);
    json_decref(list);
    char *head, *plain;
    unsigned char *body;
    size_t blen;
    assert_int_equal(http(port, "GET", path, NULL, NULL, 0, NULL, &plain), 200);
    assert_int_equal(http_raw(port, path, "deflate, gzip, br", &head, &body, &blen), 200);
    assert_non_null(strstr(head, "content-encoding: gzip"));
    assert_non_null(strstr(head, "vary: accept-encoding"));
    assert_true(blen < strlen(plain) / 2);
    size_t cap = strlen(plain) + 16;
    unsigned char *out = malloc(cap);
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
    z.next_in = body;
    z.avail_in = (uInt)blen;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
    size_t outlen = cap - z.avail_out;
    inflateEnd(&z);
    assert_int_equal(outlen, strlen(plain));
    assert_memory_equal(out, plain, outlen);
    free(out);
    free(head);
    free(body);
    const char *no[] = {"gzip;q=0", "identity", NULL};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(http_raw(port, path, no[i], &head, &body, &blen), 200);
        assert_null(strstr(head, "content-encoding"));
        assert_int_equal(blen, strlen(plain));
        free(head);
        free(body);
    }
    free(plain);
}

static void assert_error(json_t *j, const char *code)
{
    json_t *e = json_object_get(j, "error");
    assert_non_null(e);
    assert_string_equal(json_string_value(json_object_get(e, "code")), code);
    assert_true(json_is_string(json_object_get(e, "message")));
}

static chorus_server *start(const char *db, size_t max_body, unsigned threads)
{
    chorus_serve_options o = {"127.0.0.1:0", max_body, 0, 10, 64, threads};
    char err[512];
    chorus_server *s = chorus_serve_start(db, &o, err, sizeof err);
    if (!s)
        fail_msg("cannot start the server: %s", err);
    assert_true(chorus_serve_port(s) > 0);
    return s;
}

static void test_routes_and_ingest(void **state)
{
    (void)state;
    const char *db = t_tmp("serve.db");
    remove(db);
    chorus_server *s = start(db, 0, 2);
    int port = chorus_serve_port(s);
    char *body;
    /* the page: the live report, no document inside */
    assert_int_equal(http(port, "GET", "/", NULL, NULL, 0, NULL, &body), 200);
    assert_non_null(strstr(body, "<title>chorus report</title>"));
    assert_null(strstr(body, "id=\"chorus-data\""));
    free(body);
    json_t *j = get_json(port, "/healthz", 200);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
    json_decref(j);
    j = get_json(port, "/api/stories", 200);
    assert_int_equal(json_array_size(json_object_get(j, "stories")), 0);
    json_decref(j);
    /* JSON Lines in */
    size_t n;
    char *feed = t_read(t_src("samples/feed.jsonl"), &n);
    j = post_json(port, "/api/articles", "application/x-ndjson", feed, n, 200);
    free(feed);
    json_t *arts = json_object_get(j, "articles");
    assert_true(json_array_size(arts) >= 4);
    assert_non_null(t_find_by(arts, "id", "feed-001"));
    assert_true(json_array_size(json_object_get(j, "stories")) >= 1);
    json_decref(j);
    /* a WARC (gzip) in, detected from its bytes */
    char *warc = t_read(t_src("samples/crawl.warc.gz"), &n);
    j = post_json(port, "/api/articles", NULL, warc, n, 200);
    free(warc);
    assert_true(json_array_size(json_object_get(j, "articles")) >= 2);
    json_decref(j);
    /* one JSON article, pretty-printed */
    const char *one = "{\n  \"id\": \"post-1\",\n  \"outlet\": \"Test Wire\",\n  \"published\": \"2025-03-10T12:00:00Z\",\n"
                      "  \"title\": \"Ferry ramp collapse at Port Ardent: twelve injured\",\n"
                      "  \"text\": \"A section of the passenger ramp at the Quayside Ferry Terminal in Port Ardent "
                      "collapsed on Monday morning, injuring 12 people. \\\"This is a dark morning for Port "
                      "Ardent,\\\" said Mayor Ilse Brannagh. Bluewake Ferries suspended all crossings.\"\n}";
    j = post_json(port, "/api/articles", "application/json", one, strlen(one), 200);
    json_t *a0 = json_array_get(json_object_get(j, "articles"), 0);
    assert_string_equal(json_string_value(json_object_get(a0, "id")), "post-1");
    assert_true(json_is_string(json_object_get(a0, "story")));
    char story_path[128];
    snprintf(story_path, sizeof story_path, "/api/stories/%s", json_string_value(json_object_get(a0, "story")));
    json_decref(j);
    /* HTML in */
    char *page = t_read(t_src("samples/html/channel9-quayside-walkway-collapse.html"), &n);
    j = post_json(port, "/api/articles", "text/html", page, n, 200);
    free(page);
    assert_int_equal(json_array_size(json_object_get(j, "articles")), 1);
    json_decref(j);
    /* reads see what was ingested: the story holds the posted article */
    j = get_json(port, story_path, 200);
    assert_non_null(t_find_by(json_object_get(j, "articles"), "id", "post-1"));
    assert_true(json_is_array(json_object_get(j, "copies")));
    json_decref(j);
    j = get_json(port, "/api/stories", 200);
    assert_true(json_array_size(json_object_get(j, "stories")) >= 2);
    json_decref(j);
    j = get_json(port, "/api/articles/feed-001", 200);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "article"), "outlet")),
                        "Meridian Press Agency");
    assert_true(json_array_size(json_object_get(json_object_get(j, "article"), "quotes")) > 0);
    json_decref(j);
    /* search over bodies, titles and speakers */
    j = get_json(port, "/api/search?q=Brannagh", 200);
    assert_non_null(t_find_by(json_object_get(j, "results"), "id", "post-1"));
    json_decref(j);
    j = get_json(port, "/api/search?q=%22%29%28*%20OR", 200);
    assert_true(json_is_array(json_object_get(j, "results")));
    json_decref(j);
    /* errors are JSON with a code and a message */
    j = get_json(port, "/api/search", 400);
    assert_error(j, "bad_request");
    json_decref(j);
    j = get_json(port, "/api/stories/s999", 404);
    assert_error(j, "not_found");
    json_decref(j);
    j = get_json(port, "/api/articles/nope", 404);
    assert_error(j, "not_found");
    json_decref(j);
    j = get_json(port, "/etc/passwd", 404);
    assert_error(j, "not_found");
    json_decref(j);
    j = post_json(port, "/api/stories", "application/json", "{}", 2, 405);
    assert_error(j, "method_not_allowed");
    json_decref(j);
    j = post_json(port, "/api/articles", "application/json", "", 0, 400);
    assert_error(j, "bad_request");
    json_decref(j);
    j = post_json(port, "/api/articles", "application/x-ndjson", "{\"id\": \"x\"}\n", 12, 422);
    assert_error(j, "no_article");
    json_decref(j);
    chorus_serve_stop(s);
    /* a restart on the same store serves what was stored */
    s = start(db, 0, 2);
    j = get_json(chorus_serve_port(s), "/api/articles/post-1", 200);
    json_decref(j);
    check_gzip(chorus_serve_port(s));
    chorus_serve_stop(s);
}

static void test_limits(void **state)
{
    (void)state;
    const char *db = t_tmp("limits.db");
    remove(db);
    chorus_server *s = start(db, 4096, 2);
    int port = chorus_serve_port(s);
    char *big = calloc(1, 10000);
    memset(big, 'a', 9999);
    json_t *j = post_json(port, "/api/articles", "text/plain", big, 9999, 413);
    assert_error(j, "too_large");
    json_decref(j);
    /* headers over the limit (16 KiB): refused, never served */
    char *hdr = malloc(40000);
    memcpy(hdr, "X-Big: ", 7);
    memset(hdr + 7, 'b', 39000);
    memcpy(hdr + 39007, "\r\n", 3);
    char *body;
    int st = http(port, "GET", "/healthz", NULL, NULL, 0, hdr, &body);
    assert_true(st == 0 || st >= 400);
    free(body);
    free(hdr);
    free(big);
    /* still serving */
    j = get_json(port, "/healthz", 200);
    json_decref(j);
    chorus_serve_stop(s);
    char err[256];
    chorus_serve_options o = {"localhost", 0, 0, 0, 0, 0};
    assert_null(chorus_serve_start(db, &o, err, sizeof err));
    assert_non_null(strstr(err, "ADDR:PORT"));
}

/* Hostile requests (issue 11): each refused or bounded, and the server keeps
 * serving others. */
static void test_abuse(void **state)
{
    (void)state;
    const char *db = t_tmp("abuse.db");
    remove(db);
    chorus_serve_options o = {"127.0.0.1:0", 1 << 20, 0, 1, 64, 2}; /* 1 s idle timeout */
    char err[512];
    chorus_server *s = chorus_serve_start(db, &o, err, sizeof err);
    if (!s)
        fail_msg("cannot start the server: %s", err);
    int port = chorus_serve_port(s);
    json_t *j = post_json(port, "/api/articles", "application/x-ndjson",
                          "{\"id\":\"ab1\",\"title\":\"Quay closes\",\"text\":\"The quay closed on Monday "
                          "for repairs, the harbour master said.\"}\n",
                          strlen("{\"id\":\"ab1\",\"title\":\"Quay closes\",\"text\":\"The quay closed on Monday "
                                 "for repairs, the harbour master said.\"}\n"),
                          200);
    json_decref(j);
    /* path traversal: no file outside the routes is ever read */
    static const char *const paths[] = {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                        "/api/../../etc/passwd", "/api/articles/..%2f..%2fetc%2fpasswd",
                                        "/index.html/../../../etc/passwd", "//etc/passwd"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        char *body;
        int st = http(port, "GET", paths[i], NULL, NULL, 0, NULL, &body);
        assert_true(st == 404 || st == 400);
        assert_null(strstr(body, "root:"));
        free(body);
    }
    /* FTS5 syntax in a query is read as words, never as syntax */
    static const char *const queries[] = {"%22unterminated", "quay%20OR%20*", "NEAR(quay%20closed)",
                                          "title:quay", "%5E%5E%5E", "quay%22%20AND%20%22x", "-quay",
                                          "%2A%2A%2A", "%00quay"};
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "/api/search?q=%s", queries[i]);
        char *body;
        int st = http(port, "GET", path, NULL, NULL, 0, NULL, &body);
        if (st != 200 && st != 400)
            fail_msg("%s: %d %s", path, st, body);
        json_t *r = json_loads(body, 0, NULL);
        assert_non_null(r);
        json_decref(r);
        free(body);
    }
    /* malformed JSON bodies: a JSON error naming the problem */
    static const char *const bad[] = {"{", "{\"text\": ", "[1,2,3]", "\x01\x02\x03", "{\"text\": 5}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *body;
        int st = http(port, "POST", "/api/articles", "application/json", bad[i], strlen(bad[i]), NULL, &body);
        assert_true(st >= 400 && st < 500);
        json_t *r = json_loads(body, 0, NULL);
        assert_non_null(r);
        assert_non_null(json_object_get(r, "error"));
        json_decref(r);
        free(body);
    }
    /* slow clients: 100 connections that send half a request line and wait;
     * the server answers others meanwhile and closes them after the idle
     * timeout */
    int fds[100];
    for (int i = 0; i < 100; i++) {
        fds[i] = socket(AF_INET, SOCK_STREAM, 0);
        assert_true(fds[i] >= 0);
        struct sockaddr_in from = {0};
        from.sin_family = AF_INET;
        from.sin_addr.s_addr = htonl(0x7f000003); /* the slow clients come from 127.0.0.3 */
        assert_int_equal(bind(fds[i], (struct sockaddr *)&from, sizeof from), 0);
        struct sockaddr_in sa = {0};
        sa.sin_family = AF_INET;
        sa.sin_port = htons((uint16_t)port);
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fds[i], (struct sockaddr *)&sa, sizeof sa) == 0)
            assert_int_equal(write(fds[i], "GET /api/sto", 12), 12);
    }
    j = get_json(port, "/healthz", 200);
    json_decref(j);
    j = get_json(port, "/api/articles/ab1", 200);
    json_decref(j);
    sleep(3); /* past the idle timeout: the slow ones are closed */
    int closed = 0;
    for (int pass = 0; pass < 10 && closed < 100; pass++) { /* up to 10 s more */
        for (int i = 0; i < 100; i++) {
            if (fds[i] < 0)
                continue;
            char c;
            struct timeval tv = {0, 10000};
            setsockopt(fds[i], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            ssize_t r = read(fds[i], &c, 1);
            if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
                closed++;
                close(fds[i]);
                fds[i] = -1;
            }
        }
        if (closed < 100)
            sleep(1);
    }
    for (int i = 0; i < 100; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    /* libmicrohttpd holds at most 16 of them (a quarter of max_connections
     * per address): the others were closed at once, which reads as closed too */
    assert_int_equal(closed, 100);
    j = get_json(port, "/healthz", 200);
    json_decref(j);

    /* thousands of idle connections at once from one address: it holds a
     * quarter of the connection limit, the rest are closed at accept, and a
     * client from another address is answered at once; memory stays
     * bounded */
    struct rlimit nofile;
    getrlimit(RLIMIT_NOFILE, &nofile);
    int want = 3000;
    if (nofile.rlim_cur < (rlim_t)want + 64 && nofile.rlim_max >= (rlim_t)want + 64) {
        nofile.rlim_cur = (rlim_t)want + 64;
        setrlimit(RLIMIT_NOFILE, &nofile);
    }
    getrlimit(RLIMIT_NOFILE, &nofile);
    if (nofile.rlim_cur < (rlim_t)want + 64)
        want = (int)nofile.rlim_cur - 64;
    int *many = calloc((size_t)want, sizeof *many);
    assert_non_null(many);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    long rss_before = ru.ru_maxrss;
    int opened = 0;
    for (int i = 0; i < want; i++) {
        many[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0); /* a full backlog must not stall us */
        if (many[i] < 0)
            break;
        struct sockaddr_in from = {0}, sa = {0};
        from.sin_family = AF_INET;
        from.sin_addr.s_addr = htonl(0x7f000002); /* the flood comes from 127.0.0.2 */
        assert_int_equal(bind(many[i], (struct sockaddr *)&from, sizeof from), 0);
        sa.sin_family = AF_INET;
        sa.sin_port = htons((uint16_t)port);
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(many[i], (struct sockaddr *)&sa, sizeof sa) == 0 || errno == EINPROGRESS)
            opened++;
    }
    print_message("%d of %d connections opened or under way\n", opened, want);
    assert_true(want >= 1000);
    time_t t0 = time(NULL);
    j = get_json(port, "/healthz", 200);
    json_decref(j);
    print_message("a new request from another address answered after %ld s\n", (long)(time(NULL) - t0));
    assert_true(time(NULL) - t0 <= 3);
    getrusage(RUSAGE_SELF, &ru);
    assert_true(ru.ru_maxrss - rss_before < 200 * 1024); /* KB: under 200 MB more */
    for (int i = 0; i < want; i++)
        if (many[i] >= 0)
            close(many[i]);
    free(many);
    j = get_json(port, "/healthz", 200);
    json_decref(j);
    chorus_serve_stop(s);
}

typedef struct poster {
    int port;
    char *data;
    size_t len;
    volatile int done;
    int status;
} poster;

static void *post_thread(void *arg)
{
    poster *p = arg;
    char *body;
    p->status = http(p->port, "POST", "/api/articles", "application/x-ndjson", p->data, p->len, NULL, &body);
    free(body);
    p->done = 1;
    return NULL;
}

static void test_readers_during_ingest(void **state)
{
    (void)state;
    const char *db = t_tmp("busy.db");
    remove(db);
    /* one thread: the ingest must not hold it (it runs suspended, aside) */
    chorus_server *s = start(db, 0, 1);
    int port = chorus_serve_port(s);
    size_t n;
    char *feed = t_read(t_src("samples/feed.jsonl"), &n);
    json_t *j = post_json(port, "/api/articles", "application/x-ndjson", feed, n, 200);
    json_decref(j);
    free(feed);
    j = get_json(port, "/api/stories", 200); /* the snapshot is built */
    json_decref(j);
    /* a long ingest: distinct invented articles */
    size_t cap = 4 << 20, len = 0;
    char *data = malloc(cap);
    for (int i = 0; i < 1500 && len + 2048 < cap; i++)
        len += (size_t)snprintf(data + len, cap - len,
                                "{\"id\":\"gen-%d\",\"outlet\":\"Outlet %d\",\"title\":\"Council vote %d on harbour levy\","
                                "\"text\":\"The council of district %d voted %d to %d on the harbour levy on Tuesday. "
                                "Councillor Ama Quist said the levy of %d crowns would fund %d new berths. "
                                "Opponents said the vote number %d was rushed.\"}\n",
                                i, i % 37, i, i, i % 11, i % 7, i * 3, i % 5, i);
    poster p = {port, data, len, 0, 0};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, post_thread, &p), 0);
    int during = 0, reads = 0;
    struct timespec pause = {0, 2000000};
    while (!p.done) {
        j = get_json(port, "/api/stories/s1", 200);
        json_decref(j);
        reads++;
        if (!p.done)
            during++;
        nanosleep(&pause, NULL);
    }
    pthread_join(t, NULL);
    assert_int_equal(p.status, 200);
    assert_true(during > 0); /* readers were answered while the writer worked */
    j = get_json(port, "/api/articles/gen-1499", 200);
    json_decref(j);
    free(data);
    chorus_serve_stop(s);
    print_message("%d reads, %d of them during the ingest\n", reads, during);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_routes_and_ingest),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_abuse),
        cmocka_unit_test(test_readers_during_ingest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
