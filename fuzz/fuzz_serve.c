/*
 * fuzz_serve.c: libFuzzer target for the HTTP server (chorus serve): the
 * request line, headers and body as a client sends them.
 *
 * One server runs in this process for the whole campaign (a store under
 * $TMPDIR, a small body limit); each input is written verbatim to a fresh
 * loopback connection and the reply read to the end. Every 64 inputs the
 * server must still answer GET /healthz with 200. Sanitizers watch the
 * server's threads, which run in this process.
 *
 * Determinism: a request that is not a POST is sent twice in a row and must
 * get the same status and body (a POST changes the store, so its second
 * answer may differ: "known" instead of "added").
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "chorus.h"

static chorus_server *server;
static int port;

/* Sends req verbatim; returns the reply's status (0 when none), and in
 * *body_hash (when not NULL) a hash of the reply's body (headers carry the
 * date, so they are left out). */
static int exchange(const void *req, size_t len, uint64_t *body_hash)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        abort();
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        return 0;
    }
    struct timeval tv = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const char *p = req;
    for (size_t off = 0; off < len;) {
        ssize_t w = send(fd, p + off, len - off, MSG_NOSIGNAL);
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    shutdown(fd, SHUT_WR); /* the request ends here, whatever it says */
    char buf[4096];
    int status = 0, first = 1, in_body = 0;
    uint64_t h = 1469598103934665603ull;
    char last[4] = {0};
    ssize_t r;
    while ((r = read(fd, buf, sizeof buf - 1)) > 0) {
        if (first) {
            buf[r] = '\0';
            sscanf(buf, "HTTP/1.%*d %d", &status);
            first = 0;
        }
        for (ssize_t i = 0; i < r; i++) {
            if (in_body) {
                h = (h ^ (unsigned char)buf[i]) * 1099511628211ull;
                continue;
            }
            memmove(last, last + 1, 3);
            last[3] = buf[i];
            in_body = !memcmp(last, "\r\n\r\n", 4);
        }
    }
    close(fd);
    if (body_hash)
        *body_hash = h;
    return status;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    char db[512];
    snprintf(db, sizeof db, "%s/chorus-fuzz-serve-%d.db", tmp ? tmp : "/tmp", (int)getpid());
    remove(db);
    chorus_serve_options o = {"127.0.0.1:0", 1 << 16, 0, 2, 64, 2};
    char err[512];
    if (!(server = chorus_serve_start(db, &o, err, sizeof err))) {
        fprintf(stderr, "fuzz_serve: cannot start the server: %s\n", err);
        abort();
    }
    port = chorus_serve_port(server);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned long n;
    uint64_t h1, h2;
    int s1 = exchange(data, size, &h1);
    /* determinism: a request that cannot change the store (not a POST) gets
     * the same status and body twice in a row */
    if (!(size >= 4 && !memcmp(data, "POST", 4))) {
        int s2 = exchange(data, size, &h2);
        if (s1 != s2 || (s1 && h1 != h2)) {
            fprintf(stderr, "fuzz_serve: the same request answered %d then %d\n", s1, s2);
            abort();
        }
    }
    if (++n % 64 == 0) {
        static const char health[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        if (exchange(health, sizeof health - 1, NULL) != 200) {
            fprintf(stderr, "fuzz_serve: the server stopped answering /healthz\n");
            abort();
        }
    }
    return 0;
}
