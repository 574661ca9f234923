/*
 * serve.c: the HTTP server (see serve.h): routes, limits, JSON errors,
 * ingest under the writer lock, and the shared read snapshot.
 */
#include "serve/serve.h"
#include "report/html.h"
#include "util/alloc.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_MAX_BODY ((size_t)32 << 20)
#define DEFAULT_MAX_HEADER ((size_t)16 << 10)
#define MAX_DIAGS 20
#define MAX_INGESTS 64 /* POSTs waiting for the writer at once; more get 503 */

/* A snapshot shared by the requests answering from it. */
typedef struct shared {
    cx_snapshot *snap;
    uint64_t gen;
    int refs; /* under server.lock */
} shared;

struct chorus_server {
    struct MHD_Daemon *d;
    chorus_serve_options o;
    int port;
    char *page; /* the live page (no document inside) */
    size_t page_len;
    pthread_mutex_t lock; /* current, gen, refs */
    shared *current;
    uint64_t gen;         /* bumped by every ingest */
    pthread_mutex_t build_lock; /* one rebuild at a time; owns reader */
    chorus *reader;
    pthread_mutex_t write_lock; /* owns writer */
    chorus *writer;
    pthread_mutex_t search_lock; /* owns searcher */
    chorus *searcher;
    int ingests;         /* ingest threads running (under lock) */
    pthread_cond_t idle; /* signalled when ingests drops to 0 */
};

/* Per request: the body being received. */
enum { REQ_RECEIVING, REQ_INGESTING, REQ_DONE };
typedef struct req {
    char *body;
    size_t len, cap;
    int too_large;
    /* a POST being ingested (ingest_thread) */
    int state;
    chorus_format format;
    char *owned; /* the body rewritten for the engine (one JSON article as a line) */
    size_t owned_len;
    chorus_server *s;
    struct MHD_Connection *conn;
    unsigned status;
    char *reply;
} req;

/* ---- snapshot sharing ---- */

static void unref(chorus_server *s, shared *sh)
{
    if (!sh)
        return;
    pthread_mutex_lock(&s->lock);
    int last = --sh->refs == 0;
    pthread_mutex_unlock(&s->lock);
    if (last) {
        cx_snapshot_free(sh->snap);
        cx_free(sh);
    }
}

/* Rebuilds from the store; 1 on success. Called with build_lock held. */
static int rebuild(chorus_server *s)
{
    pthread_mutex_lock(&s->lock);
    uint64_t gen = s->gen;
    pthread_mutex_unlock(&s->lock);
    char *doc = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&doc, &len);
    if (!m)
        return 0;
    chorus_status st = chorus_show(s->reader, m, CHORUS_OUT_JSON | CHORUS_OUT_COMPACT);
    fclose(m);
    cx_snapshot *snap = st == CHORUS_OK ? cx_snapshot_build(doc, len) : NULL;
    free(doc);
    shared *sh = snap ? cx_calloc(1, sizeof *sh) : NULL;
    if (!sh) {
        cx_snapshot_free(snap);
        return 0;
    }
    sh->snap = snap;
    sh->gen = gen;
    sh->refs = 1; /* the server's */
    pthread_mutex_lock(&s->lock);
    shared *old = s->current;
    s->current = sh;
    pthread_mutex_unlock(&s->lock);
    unref(s, old);
    return 1;
}

/* The current snapshot, rebuilt first when an ingest made it stale; while
 * another request rebuilds, a stale one is answered from. NULL on failure. */
static shared *acquire(chorus_server *s)
{
    for (int tries = 0; tries < 2; tries++) {
        pthread_mutex_lock(&s->lock);
        shared *sh = s->current;
        int fresh = sh && sh->gen == s->gen;
        if (sh && fresh) {
            sh->refs++;
            pthread_mutex_unlock(&s->lock);
            return sh;
        }
        pthread_mutex_unlock(&s->lock);
        if (sh && pthread_mutex_trylock(&s->build_lock) != 0) {
            pthread_mutex_lock(&s->lock); /* someone rebuilds: serve the old one */
            sh = s->current;
            sh->refs++;
            pthread_mutex_unlock(&s->lock);
            return sh;
        }
        if (!sh)
            pthread_mutex_lock(&s->build_lock);
        pthread_mutex_lock(&s->lock);
        fresh = s->current && s->current->gen == s->gen;
        pthread_mutex_unlock(&s->lock);
        int ok = fresh || rebuild(s);
        pthread_mutex_unlock(&s->build_lock);
        if (!ok)
            return NULL;
    }
    return NULL;
}

/* ---- replies ---- */

typedef struct held {
    chorus_server *s;
    shared *sh;
} held;

static void release_held(void *cls)
{
    held *h = cls;
    unref(h->s, h->sh);
    cx_free(h);
}

static enum MHD_Result send_buf(struct MHD_Connection *conn, unsigned status, const char *type,
                                struct MHD_Response *r)
{
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    enum MHD_Result ret = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* Sends malloc'd text (freed by MHD when sent). */
static enum MHD_Result send_owned(struct MHD_Connection *conn, unsigned status, const char *type,
                                  char *text, size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
    if (!r)
        free(text);
    return send_buf(conn, status, type, r);
}

static enum MHD_Result send_json_obj(struct MHD_Connection *conn, unsigned status, json_t *j)
{
    char *t = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(j);
    if (!t)
        return MHD_NO;
    return send_owned(conn, status, "application/json; charset=utf-8", t, strlen(t));
}

static enum MHD_Result send_error(struct MHD_Connection *conn, unsigned status, const char *code,
                                  const char *message)
{
    return send_json_obj(conn, status,
                         json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", message));
}

/* 1 when the request's Accept-Encoding lists gzip (or x-gzip) with a
 * quality other than 0 (RFC 9110 12.5.3). */
static int accepts_gzip(struct MHD_Connection *conn)
{
    const char *v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
    while (v && *v) {
        while (*v == ' ' || *v == '\t' || *v == ',')
            v++;
        const char *tok = v;
        while (*v && *v != ',' && *v != ';' && *v != ' ' && *v != '\t')
            v++;
        size_t n = (size_t)(v - tok);
        int gz = (n == 4 && !strncasecmp(tok, "gzip", 4)) || (n == 6 && !strncasecmp(tok, "x-gzip", 6));
        double q = 1;
        while (*v && *v != ',') { /* parameters: only q matters */
            if (*v == ';') {
                v++;
                while (*v == ' ' || *v == '\t')
                    v++;
                if ((*v == 'q' || *v == 'Q') && v[1] == '=')
                    q = strtod(v + 2, NULL);
            }
            if (*v && *v != ',')
                v++;
        }
        if (gz)
            return q > 0;
    }
    return 0;
}

/* Sends a reply held in a snapshot, keeping the snapshot alive until sent;
 * gzip: the text is a gzip member. */
static enum MHD_Result send_held(chorus_server *s, struct MHD_Connection *conn, shared *sh,
                                 const char *text, size_t len, int gzip)
{
    held *h = cx_malloc(sizeof *h);
    if (!h) {
        unref(s, sh);
        return MHD_NO;
    }
    h->s = s;
    h->sh = sh;
    struct MHD_Response *r =
        MHD_create_response_from_buffer_with_free_callback_cls(len, (void *)text, release_held, h);
    if (!r) {
        release_held(h);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, MHD_HTTP_HEADER_ACCEPT_ENCODING);
    if (gzip)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
    return send_buf(conn, MHD_HTTP_OK, "application/json; charset=utf-8", r);
}

static enum MHD_Result get_api(chorus_server *s, struct MHD_Connection *conn, const char *url)
{
    shared *sh = acquire(s);
    if (!sh)
        return send_error(conn, 500, "store", "reading the store failed");
    const char *text = NULL;
    size_t len = 0;
    const char *what = "story";
    int gzip = accepts_gzip(conn);
    if (!strcmp(url, "/api/stories") || !strcmp(url, "/api/stories/"))
        text = cx_snapshot_stories(sh->snap, &gzip, &len);
    else if (!strncmp(url, "/api/stories/", 13))
        text = cx_snapshot_story(sh->snap, url + 13, &gzip, &len);
    else {
        text = cx_snapshot_article(sh->snap, url + 14, &gzip, &len);
        what = "article";
    }
    if (!text) {
        unref(s, sh);
        char msg[300];
        snprintf(msg, sizeof msg, "no %s '%.200s'", what, strrchr(url, '/') + 1);
        return send_error(conn, 404, "not_found", msg);
    }
    return send_held(s, conn, sh, text, len, gzip);
}

static enum MHD_Result get_search(chorus_server *s, struct MHD_Connection *conn)
{
    const char *q = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "q");
    const char *lim = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "limit");
    if (!q || !*q)
        return send_error(conn, 400, "bad_request", "give the words to look for: /api/search?q=WORDS");
    long limit = lim ? strtol(lim, NULL, 10) : 20;
    if (limit < 1 || limit > 1000)
        return send_error(conn, 400, "bad_request", "limit is between 1 and 1000");
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    if (!m)
        return send_error(conn, 500, "nomem", "out of memory");
    pthread_mutex_lock(&s->search_lock);
    chorus_status st = chorus_search(s->searcher, q, (size_t)limit, m, CHORUS_OUT_COMPACT);
    char msg[300];
    snprintf(msg, sizeof msg, "%s", chorus_errmsg(s->searcher));
    pthread_mutex_unlock(&s->search_lock);
    fclose(m);
    if (st != CHORUS_OK) {
        free(out);
        return send_error(conn, 500, "store", msg);
    }
    return send_owned(conn, 200, "application/json; charset=utf-8", out, len);
}

/* ---- ingest ---- */

typedef struct ingest {
    json_t *articles, *stories, *diags;
    size_t rejected;
} ingest;

static int on_article(void *ctx, const chorus_article *a)
{
    ingest *in = ctx;
    int64_t n = chorus_article_story(a);
    char sid[32];
    snprintf(sid, sizeof sid, "s%lld", (long long)n);
    json_t *story = n ? json_string(sid) : json_null();
    json_array_append_new(in->articles,
                          json_pack("{s:s?, s:s?, s:O, s:b}", "id", chorus_article_get(a, CHORUS_FIELD_ID),
                                    "title", chorus_article_get(a, CHORUS_FIELD_TITLE), "story", story,
                                    "known", chorus_article_is_known(a)));
    if (n) {
        size_t i;
        json_t *v;
        int seen = 0;
        json_array_foreach(in->stories, i, v) seen |= json_equal(v, story);
        if (!seen)
            json_array_append(in->stories, story);
    }
    json_decref(story);
    return 0;
}

static void on_diag(void *ctx, const chorus_diag *d)
{
    ingest *in = ctx;
    if (d->severity == CHORUS_ERROR)
        in->rejected++;
    if (json_array_size(in->diags) < MAX_DIAGS)
        json_array_append_new(in->diags, json_pack("{s:s, s:s, s:I}", "severity",
                                                   d->severity == CHORUS_ERROR ? "error" : "warning",
                                                   "message", d->message, "line", (json_int_t)d->line));
}

static chorus_format format_of(struct MHD_Connection *conn, const char *body, size_t len, char **owned,
                               size_t *owned_len)
{
    const char *f = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "format");
    const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    char t[64] = "";
    snprintf(t, sizeof t, "%s", f ? f : ct ? ct : "");
    char *semi = strchr(t, ';');
    if (semi)
        *semi = '\0';
    if (!strcmp(t, "html") || !strcmp(t, "text/html"))
        return CHORUS_FORMAT_HTML;
    if (!strcmp(t, "text") || !strcmp(t, "text/plain"))
        return CHORUS_FORMAT_TEXT;
    if (!strcmp(t, "warc") || !strcmp(t, "application/warc"))
        return CHORUS_FORMAT_WARC;
    if (!strcmp(t, "jsonl") || !strcmp(t, "application/jsonl") || !strcmp(t, "application/x-ndjson") ||
        !strcmp(t, "application/x-jsonlines"))
        return CHORUS_FORMAT_JSONL;
    if (!strcmp(t, "json") || !strcmp(t, "application/json")) {
        /* one article object, maybe pretty-printed: made one line of JSON Lines */
        json_t *j = json_loadb(body, len, 0, NULL);
        if (json_is_object(j)) {
            char *line = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
            if (line) {
                *owned = line;
                *owned_len = strlen(line);
            }
        }
        json_decref(j);
        return CHORUS_FORMAT_JSONL;
    }
    return CHORUS_FORMAT_AUTO;
}

/* The ingest itself, on a thread of its own (the connection is suspended
 * meanwhile, so the pool thread goes on answering its other connections):
 * fills r->status and r->reply, then resumes the connection. */
static void *ingest_thread(void *arg)
{
    req *r = arg;
    chorus_server *s = r->s;
    ingest in = {json_array(), json_array(), json_array(), 0};
    json_t *reply = NULL;
    if (in.articles && in.stories && in.diags) {
        pthread_mutex_lock(&s->write_lock);
        chorus_set_article_handler(s->writer, on_article, &in);
        chorus_set_diag_handler(s->writer, on_diag, &in);
        chorus_status st = chorus_add_buffer(s->writer, "<request>", r->owned ? r->owned : r->body,
                                             r->owned ? r->owned_len : r->len, r->format);
        if (st == CHORUS_OK)
            st = chorus_run(s->writer);
        char msg[300];
        snprintf(msg, sizeof msg, "%s", chorus_errmsg(s->writer));
        chorus_set_article_handler(s->writer, NULL, NULL);
        chorus_set_diag_handler(s->writer, NULL, NULL);
        if (json_array_size(in.articles)) {
            pthread_mutex_lock(&s->lock);
            s->gen++; /* readers rebuild their snapshot */
            pthread_mutex_unlock(&s->lock);
        }
        pthread_mutex_unlock(&s->write_lock);
        if (st != CHORUS_OK) {
            r->status = st == CHORUS_ERR_STORE ? 500 : 400;
            reply = json_pack("{s:{s:s, s:s}}", "error", "code", st == CHORUS_ERR_STORE ? "store" : "bad_input",
                              "message", msg);
        } else {
            r->status = json_array_size(in.articles) ? 200 : 422;
            reply = json_pack("{s:O, s:O, s:I, s:O}", "articles", in.articles, "stories", in.stories,
                              "rejected", (json_int_t)in.rejected, "diagnostics", in.diags);
            if (r->status == 422 && reply)
                json_object_set_new(reply, "error",
                                    json_pack("{s:s, s:s}", "code", "no_article", "message",
                                              "no article could be read from the body (see diagnostics)"));
        }
    }
    json_decref(in.articles), json_decref(in.stories), json_decref(in.diags);
    r->reply = reply ? json_dumps(reply, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(reply);
    if (!r->reply)
        r->status = 500;
    r->state = REQ_DONE;
    MHD_resume_connection(r->conn);
    pthread_mutex_lock(&s->lock);
    if (--s->ingests == 0)
        pthread_cond_broadcast(&s->idle);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

static void ingest_thread_failed(chorus_server *s, req *r)
{
    r->status = 503;
    r->reply = NULL;
    r->state = REQ_DONE;
    pthread_mutex_lock(&s->lock);
    if (--s->ingests == 0)
        pthread_cond_broadcast(&s->idle);
    pthread_mutex_unlock(&s->lock);
}

static enum MHD_Result post_articles(chorus_server *s, struct MHD_Connection *conn, req *r)
{
    if (r->state == REQ_DONE) { /* resumed: the ingest is over */
        char *reply = r->reply;
        r->reply = NULL;
        if (!reply)
            return send_error(conn, 500, "nomem", "out of memory");
        return send_owned(conn, r->status, "application/json; charset=utf-8", reply, strlen(reply));
    }
    if (!r->len)
        return send_error(conn, 400, "bad_request", "the request has no body (send articles: JSON, JSONL, HTML, text or WARC)");
    pthread_mutex_lock(&s->lock);
    int busy = s->ingests >= MAX_INGESTS;
    if (!busy)
        s->ingests++;
    pthread_mutex_unlock(&s->lock);
    if (busy)
        return send_error(conn, 503, "busy", "too many ingests waiting; retry later");
    r->format = format_of(conn, r->body, r->len, &r->owned, &r->owned_len);
    r->s = s;
    r->conn = conn;
    r->state = REQ_INGESTING;
    MHD_suspend_connection(conn);
    pthread_attr_t attr;
    pthread_t t;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&t, &attr, ingest_thread, r);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        ingest_thread_failed(s, r);
        MHD_resume_connection(conn);
    }
    return MHD_YES;
}

/* ---- the handler ---- */

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    chorus_server *s = cls;
    int post = !strcmp(method, "POST");
    req *cur = *con_cls;
    if (cur && cur->state == REQ_DONE)
        return post_articles(s, conn, cur);
    if (!*con_cls) {
        req *r = cx_calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        *con_cls = r;
        if (post) {
            const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
            if (cl && strtoull(cl, NULL, 10) > s->o.max_body)
                return send_error(conn, 413, "too_large", "the body is over the server's limit (--max-body)");
        }
        return MHD_YES;
    }
    req *r = *con_cls;
    if (*upload_size) {
        if (!r->too_large && r->len + *upload_size > s->o.max_body)
            r->too_large = 1;
        if (!r->too_large) {
            if (r->len + *upload_size > r->cap) {
                size_t nc = r->cap ? r->cap : 65536;
                while (nc < r->len + *upload_size)
                    nc *= 2;
                char *nb = cx_realloc(r->body, nc);
                if (!nb)
                    return MHD_NO;
                r->body = nb;
                r->cap = nc;
            }
            memcpy(r->body + r->len, upload, *upload_size);
            r->len += *upload_size;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->too_large)
        return send_error(conn, 413, "too_large", "the body is over the server's limit (--max-body)");
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    if (!strcmp(url, "/api/articles") || !strcmp(url, "/api/articles/")) {
        if (!post)
            return send_error(conn, 405, "method_not_allowed", "POST articles here; GET /api/articles/ID reads one");
        return post_articles(s, conn, r);
    }
    int known = !strcmp(url, "/") || !strcmp(url, "/index.html") || !strcmp(url, "/healthz") ||
                !strncmp(url, "/api/stories", 12) || !strncmp(url, "/api/articles/", 14) ||
                !strcmp(url, "/api/search");
    if (!known)
        return send_error(conn, 404, "not_found", "no such resource (see docs/api.md)");
    if (!get)
        return send_error(conn, 405, "method_not_allowed", "only GET here");
    if (!strcmp(url, "/") || !strcmp(url, "/index.html")) {
        struct MHD_Response *resp =
            MHD_create_response_from_buffer(s->page_len, s->page, MHD_RESPMEM_PERSISTENT);
        return send_buf(conn, 200, "text/html; charset=utf-8", resp);
    }
    if (!strcmp(url, "/healthz"))
        return send_json_obj(conn, 200, json_pack("{s:s, s:s}", "status", "ok", "version", chorus_version()));
    if (!strcmp(url, "/api/search"))
        return get_search(s, conn);
    if (!strcmp(url, "/api/stories") || !strncmp(url, "/api/stories/", 13) || !strncmp(url, "/api/articles/", 14))
        return get_api(s, conn, url);
    return send_error(conn, 404, "not_found", "no such resource (see docs/api.md)");
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode t)
{
    (void)cls, (void)conn, (void)t;
    req *r = *con_cls;
    if (r) {
        cx_free(r->body);
        free(r->owned);
        free(r->reply);
        cx_free(r);
        *con_cls = NULL;
    }
}

/* ---- start, stop ---- */

static chorus *open_handle(const char *db, char *err, size_t errlen)
{
    chorus *c = chorus_new();
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (chorus_open_store(c, db) != CHORUS_OK) {
        snprintf(err, errlen, "%s", chorus_errmsg(c));
        chorus_free(c);
        return NULL;
    }
    return c;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, char *err, size_t errlen)
{
    char host[128];
    const char *colon = strrchr(listen, ':');
    if (!colon || (size_t)(colon - listen) >= sizeof host) {
        snprintf(err, errlen, "--listen wants ADDR:PORT (e.g. 127.0.0.1:8080), not '%s'", listen);
        return 0;
    }
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    if (*end || end == colon + 1 || port < 0 || port > 65535 ||
        inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sa->sin_addr) != 1) {
        snprintf(err, errlen, "--listen wants an IPv4 ADDR:PORT (e.g. 127.0.0.1:8080), not '%s'", listen);
        return 0;
    }
    return 1;
}

chorus_server *chorus_serve_start(const char *db, const chorus_serve_options *options, char *err, size_t errlen)
{
    chorus_serve_options o = {0};
    if (options)
        o = *options;
    if (!o.listen)
        o.listen = "127.0.0.1:8080";
    if (!o.max_body)
        o.max_body = DEFAULT_MAX_BODY;
    if (!o.max_header)
        o.max_header = DEFAULT_MAX_HEADER;
    if (!o.timeout)
        o.timeout = 30;
    if (!o.max_connections)
        o.max_connections = 512;
    if (!o.threads)
        o.threads = 2;
    struct sockaddr_in sa;
    if (!db || !parse_listen(o.listen, &sa, err, errlen))
        return NULL;
    chorus_server *s = cx_calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->o = o;
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->build_lock, NULL);
    pthread_mutex_init(&s->write_lock, NULL);
    pthread_mutex_init(&s->search_lock, NULL);
    pthread_cond_init(&s->idle, NULL);
    /* the writer first: it creates the store when missing */
    if (!(s->writer = open_handle(db, err, errlen)) || !(s->reader = open_handle(db, err, errlen)) ||
        !(s->searcher = open_handle(db, err, errlen))) {
        chorus_serve_stop(s);
        return NULL;
    }
    FILE *m = open_memstream(&s->page, &s->page_len);
    if (!m || !cx_html_page(m, NULL, 0) || fclose(m) != 0) {
        snprintf(err, errlen, "out of memory");
        chorus_serve_stop(s);
        return NULL;
    }
    /* the memory limit bounds a connection's buffers: the request line and
     * headers must fit in it (bodies are read in pieces); one address holds
     * at most a quarter of the connections, so a flood of idle connections
     * from one client cannot starve the others (its excess is closed at
     * accept) */
    unsigned per_ip = (unsigned)o.max_connections / 4 ? (unsigned)o.max_connections / 4 : 1;
    s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO |
                                MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC,
                            0, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                            MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o.threads, MHD_OPTION_CONNECTION_LIMIT,
                            (unsigned)o.max_connections, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o.timeout,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)o.max_header,
                            MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip, MHD_OPTION_NOTIFY_COMPLETED,
                            completed, s, MHD_OPTION_END);
    if (!s->d) {
        snprintf(err, errlen, "cannot listen on %s (address in use, or not allowed)", o.listen);
        chorus_serve_stop(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : ntohs(sa.sin_port);
    return s;
}

int chorus_serve_port(const chorus_server *s) { return s ? s->port : 0; }

void chorus_serve_stop(chorus_server *s)
{
    if (!s)
        return;
    if (s->d) {
        /* MHD stops only without suspended connections: let ingests finish */
        MHD_quiesce_daemon(s->d);
        pthread_mutex_lock(&s->lock);
        while (s->ingests > 0)
            pthread_cond_wait(&s->idle, &s->lock);
        pthread_mutex_unlock(&s->lock);
        MHD_stop_daemon(s->d);
    }
    if (s->current)
        unref(s, s->current);
    chorus_free(s->writer);
    chorus_free(s->reader);
    chorus_free(s->searcher);
    free(s->page);
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->build_lock);
    pthread_mutex_destroy(&s->write_lock);
    pthread_mutex_destroy(&s->search_lock);
    pthread_cond_destroy(&s->idle);
    cx_free(s);
}
