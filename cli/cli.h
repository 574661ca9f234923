/*
 * cli.h: what the chorus CLI's files share: the options, the terminal state
 * and the helpers of main.c that the commands of view.c use.
 */
#ifndef CHORUS_CLI_H
#define CHORUS_CLI_H
#include <stdio.h>
#include <time.h>

#include "chorus.h"

#define EXIT_REJECTED 1
#define EXIT_USAGE 2

typedef struct opts {
    const char *output;
    const char *db;
    unsigned format;
    int compact, no_extract, strict, no_raw, no_boilerplate, quiet, extract_only;
    long long max_bytes;
    long long copy_window;
    long long max_memory; /* the library's memory budget in bytes; 0: none */
    long long brief_sentences;
    int brief_set; /* --brief-sentences given */
    int mode; /* CHORUS_PARAM_EXTRACT_MODE value */
    const char **inputs;
    int n_inputs;
    const char *html;   /* analyze --html DIR */
    const char *from;   /* report --from FILE */
    const char *listen; /* serve --listen */
    long long limit;    /* search --limit */
    int json;           /* stories/story/search --json */
    long long max_body, timeout, max_conn, threads; /* serve limits */
    long long jobs;        /* --jobs; -1: one per core */
    const char *stats;     /* analyze --stats FILE */
    long long stats_every; /* analyze --stats-every N */
} opts;

typedef struct ui {
    int quiet;
    int tty;            /* stderr is a terminal: progress bar and summary */
    int bar_shown;
    struct timespec start;
} ui;

/* Prints "chorus: MESSAGE" and the help hint, exits 2. */
void die_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
long long parse_size(const char *cmd, const char *s);
/* Parses argv into o; options not named in allowed ("o,db,...") are errors;
 * -h/--help prints help and exits. */
void parse(const char *cmd, int argc, char **argv, opts *o, const char *allowed, const char *help);
chorus *make_engine(const char *cmd, const opts *o, ui *u);
FILE *open_output(const char *cmd, const char *path);
int close_output(FILE *f);
/* The end of show and show --redis: closes out, frees c and o's inputs,
 * reports a failure; the exit status. */
int finish_show(chorus *c, chorus_status s, FILE *out, opts *o);

/* Queues the inputs on c; returns how many were rejected. */
int add_inputs(const char *cmd, chorus *c, const opts *o);

/* scale.c: the distributed run (docs/scale.md) */
int cmd_submit(int argc, char **argv, ui *u);
int cmd_worker(int argc, char **argv, ui *u);
int cmd_show_redis(const char *cmd, int argc, char **argv, ui *u);
int has_redis_opt(int argc, char **argv);

/* view.c */
int cmd_report(int argc, char **argv, ui *u);
int cmd_serve(int argc, char **argv, ui *u);
int cmd_stories(int argc, char **argv, ui *u);
int cmd_story(int argc, char **argv, ui *u);
int cmd_search(int argc, char **argv, ui *u);

#endif
