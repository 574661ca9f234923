/*
 * walk.c: expanding inputs into files, and naming formats.
 */
#include "ingest/ingest.h"
#include "util/alloc.h"
#include "util/str.h"
#include "util/vec.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

chorus_format cx_format_from_name(const char *name)
{
    size_t n = strlen(name);
    if (cx_span_endswith(name, n, ".gz"))
        n -= 3;
    static const struct {
        const char *ext;
        chorus_format f;
    } map[] = {
        {".html", CHORUS_FORMAT_HTML}, {".htm", CHORUS_FORMAT_HTML},
        {".xhtml", CHORUS_FORMAT_HTML}, {".shtml", CHORUS_FORMAT_HTML},
        {".txt", CHORUS_FORMAT_TEXT}, {".text", CHORUS_FORMAT_TEXT},
        {".jsonl", CHORUS_FORMAT_JSONL}, {".ndjson", CHORUS_FORMAT_JSONL},
        {".json", CHORUS_FORMAT_JSONL}, {".warc", CHORUS_FORMAT_WARC},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (cx_span_endswith(name, n, map[i].ext))
            return map[i].f;
    return CHORUS_FORMAT_AUTO;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Depth limit: deeper folder trees are reported, not followed. */
#define WALK_MAX_DEPTH 64

static long walk_dir(const char *dir, int depth, cx_walk_fn fn, void *ctx, cx_diag *diag)
{
    if (depth > WALK_MAX_DEPTH) {
        cx_report(diag, CHORUS_ERROR, CHORUS_ERR_IO, dir, 0, CX_NO_BYTE,
                  "folders nested deeper than %d levels; not read", WALK_MAX_DEPTH);
        return 0;
    }
    DIR *d = opendir(dir);
    if (!d) {
        cx_report(diag, CHORUS_ERROR, CHORUS_ERR_IO, dir, 0, CX_NO_BYTE, "cannot read folder: %s",
                  strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char **grown = cx_grow(names, &cap, n + 1, sizeof *grown, 32);
        if (!grown)
            break;
        names = grown;
        if (!(names[n] = cx_strdup(e->d_name)))
            break;
        n++;
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    long count = 0;
    size_t dl = strlen(dir);
    for (size_t i = 0; i < n; i++) {
        size_t len = dl + 1 + strlen(names[i]) + 1;
        char *p = cx_malloc(len);
        if (p) {
            memcpy(p, dir, dl);
            size_t k = dl;
            if (k == 0 || p[k - 1] != '/')
                p[k++] = '/';
            memcpy(p + k, names[i], strlen(names[i]) + 1);
            struct stat st;
            if (lstat(p, &st) == 0) {
                if (S_ISDIR(st.st_mode)) {
                    long c = walk_dir(p, depth + 1, fn, ctx, diag);
                    if (c > 0)
                        count += c;
                } else if (S_ISREG(st.st_mode) ||
                           (S_ISLNK(st.st_mode) && stat(p, &st) == 0 && S_ISREG(st.st_mode))) {
                    if (fn(ctx, p, 1) == 0)
                        count++;
                }
            }
            cx_free(p);
        }
        cx_free(names[i]);
    }
    cx_free(names);
    return count;
}

long cx_walk(const char *path, cx_walk_fn fn, void *ctx, cx_diag *diag)
{
    if (!strcmp(path, "-"))
        return fn(ctx, path, 0) == 0 ? 1 : 0;
    struct stat st;
    if (stat(path, &st) != 0) {
        cx_report(diag, CHORUS_ERROR, CHORUS_ERR_IO, path, 0, CX_NO_BYTE, "cannot open: %s",
                  strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode))
        return walk_dir(path, 0, fn, ctx, diag);
    return fn(ctx, path, 0) == 0 ? 1 : 0;
}
