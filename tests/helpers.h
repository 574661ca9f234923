/*
 * helpers.h: shared by the cmocka tests: paths, temporary files, running the
 * chorus binary and capturing what it prints.
 */
#ifndef CHORUS_TEST_HELPERS_H
#define CHORUS_TEST_HELPERS_H
#include <stddef.h>

#include <jansson.h>

#include "chorus.h"

/* The source tree (CHORUS_SOURCE_DIR, set by ctest). */
const char *t_source_dir(void);
/* A fresh folder for this test program under the build tree. */
const char *t_tmp_dir(void);
/* t_tmp_dir()/name (static buffer rotation: up to 8 live results). */
const char *t_tmp(const char *name);
const char *t_src(const char *rel);
/* Writes data to path; aborts the test on failure. */
void t_write(const char *path, const void *data, size_t n);
/* gzip of data into path (one member). */
void t_write_gz(const char *path, const void *data, size_t n);
/* The whole file (NUL-terminated, free with free); *n its size. */
char *t_read(const char *path, size_t *n);

/* Runs the chorus binary with args (a shell fragment after "chorus"),
 * capturing stdout and stderr into malloc'd strings. Returns the exit status. */
int t_run(const char *args, char **out, char **err);

/* Runs the chorus binary with args, which must exit 0, and parses what it
 * printed as one JSON document (free with json_decref); aborts the test
 * program with chorus's messages otherwise. */
json_t *t_run_doc(const char *args);
/* The first object of array whose string member key equals value, or NULL. */
json_t *t_find_by(json_t *array, const char *key, const char *value);

/* An engine run over queued inputs collecting diagnostics and articles. */
typedef struct t_diag {
    int severity;
    int code;
    char input[256];
    unsigned long long line, byte;
    int has_byte;
    char message[512];
} t_diag;

typedef struct t_result {
    t_diag diags[64];
    int n_diags;
    char *json[64]; /* each article as JSON */
    char *titles[64];
    char *bodies[64];
    int n_articles;
    chorus_stats stats;
    chorus_status status;
} t_result;

/* A new engine with handlers that fill r (no store unless db is non-NULL). */
chorus *t_engine(t_result *r, const char *db);
void t_result_free(t_result *r);
/* Index of the first diagnostic whose message contains needle, or -1. */
int t_find_diag(const t_result *r, const char *needle);
/* Index of the first article whose title contains needle, or -1. */
int t_find_title(const t_result *r, const char *needle);

#endif
