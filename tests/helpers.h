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

/* The samples (samples/) run through the engine with a store in memory (so
 * the copies stage runs), each article rebuilt with the text and dates
 * stages for the story-level tests: arts in publication order, origin[i]
 * the index of the article arts[i] copies (-1 none), inputs[i] its input. */
struct chorus_article;
typedef struct t_sample_set {
    struct chorus_article **arts;
    int *origin;
    char **inputs;
    size_t n;
} t_sample_set;
void t_samples_load(t_sample_set *s);
/* The articles whose inputs end with one of names, in the set's order, as a
 * new set (sharing the articles; free with t_sample_subset_free). */
void t_sample_subset(const t_sample_set *all, const char *const *names, size_t n_names, t_sample_set *out);
void t_sample_subset_free(t_sample_set *s);
void t_samples_free(t_sample_set *s);
/* Index in s of the article whose input ends with name; aborts when none. */
size_t t_sample_index(const t_sample_set *s, const char *name);
