/*
 * main.c: the chorus command-line tool, a client of include/chorus.h only.
 *
 *   chorus analyze INPUT...   articles in, JSON out, the store updated
 *   chorus extract INPUT... -o DIR   clean bodies as DIR/<stem>.txt
 *   chorus show               the store as JSON
 *   chorus report, serve, stories, story, search   (view.c)
 *   chorus version
 *
 * Exit status: 0 all inputs used; 1 some input was rejected; 2 usage or a
 * fatal error (store, output).
 */
#include "chorus.h"
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


void die_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("chorus: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'chorus %s --help'.\n", cmd ? cmd : "");
    exit(EXIT_USAGE);
}

static void clear_bar(ui *u)
{
    if (u->bar_shown) {
        fputs("\r\033[K", stderr);
        u->bar_shown = 0;
    }
}

static void on_diag(void *ctx, const chorus_diag *d)
{
    ui *u = ctx;
    if (d->severity == CHORUS_WARNING && u->quiet)
        return;
    clear_bar(u);
    const char *sev = d->severity == CHORUS_WARNING ? "warning: " : "";
    if (d->line)
        fprintf(stderr, "chorus: %s:%llu: %s%s\n", d->input, (unsigned long long)d->line, sev,
                d->message);
    else if (d->has_byte)
        fprintf(stderr, "chorus: %s: byte %llu: %s%s\n", d->input, (unsigned long long)d->byte,
                sev, d->message);
    else
        fprintf(stderr, "chorus: %s: %s%s\n", d->input, sev, d->message);
}

static double elapsed(const ui *u)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - u->start.tv_sec) + (now.tv_nsec - u->start.tv_nsec) / 1e9;
}

static void on_progress(void *ctx, uint64_t done, uint64_t total, uint64_t articles)
{
    ui *u = ctx;
    double t = elapsed(u);
    if (u->quiet || !u->tty || t < 1.0)
        return; /* short runs need no bar */
    char bar[32];
    double frac = total ? (double)done / (double)total : 0;
    if (frac > 1)
        frac = 1;
    int fill = (int)(frac * 24);
    for (int i = 0; i < 24; i++)
        bar[i] = i < fill ? '=' : (i == fill ? '>' : ' ');
    bar[24] = '\0';
    if (total)
        fprintf(stderr, "\r[%s] %3.0f%%  %llu articles  %.1f MB  %.0f articles/s\033[K", bar,
                frac * 100, (unsigned long long)articles, done / 1e6, articles / t);
    else
        fprintf(stderr, "\r%llu articles  %.1f MB  %.0f articles/s\033[K",
                (unsigned long long)articles, done / 1e6, articles / t);
    u->bar_shown = 1;
}

static void on_story_progress(void *ctx, uint64_t done, uint64_t total)
{
    ui *u = ctx;
    double t = elapsed(u);
    if (u->quiet || !u->tty || t < 1.0)
        return;
    fprintf(stderr, "\rwriting the stories: %llu of %llu (brief, timeline, quotes, claims)\033[K",
            (unsigned long long)done, (unsigned long long)total);
    u->bar_shown = 1;
}

long long parse_size(const char *cmd, const char *s)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || v <= 0)
        die_usage(cmd, "not a size: '%s'", s);
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: die_usage(cmd, "not a size: '%s'", s);
    }
    if (*end && strcmp(end, "iB") && strcmp(end, "B"))
        die_usage(cmd, "not a size: '%s'", s);
    return v;
}

static const char analyze_help[] =
    "Usage: chorus analyze [OPTIONS] INPUT...\n"
    "\n"
    "Reads articles and prints the analysis as JSON (docs/schema.md), adding new\n"
    "articles to the store. INPUT is a file, a folder (read recursively) or '-' for\n"
    "standard input; with no INPUT, standard input is read when it is not a terminal.\n"
    "Formats: .html/.htm, .txt (scraped text), .jsonl/.ndjson (one article a line:\n"
    "id, url, outlet, published, title, and html or text), .warc, and .gz of any.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE       write the JSON to FILE (default: standard output)\n"
    "      --db FILE           the store (default ./chorus.db; ':memory:': in memory, gone after the run)\n"
    "      --format json|jsonl one JSON document (default), or one article a line\n"
    "      --compact           json without indentation\n"
    "      --no-extract        text inputs are already clean: body = the text as given\n"
    "      --mode auto|html|text  how bodies are extracted (default auto: pages by the\n"
    "                          HTML model, texts by the text model; text on a page reads\n"
    "                          its visible text)\n"
    "      --strict            stop at the first bad input\n"
    "      --no-raw            do not keep raw inputs in the store\n"
    "      --no-boilerplate    do not keep the text extraction removed (menus, teasers,\n"
    "                          captions...; shown folded in the report)\n"
    "      --extract-only      only the clean articles: no later analysis stages\n"
    "      --max-article-bytes N  largest article read (default 16M; K, M, G suffixes)\n"
    "      --max-memory N      memory budget of the analysis (arenas, indexes; not the\n"
    "                          parsers' or SQLite's): an article that needs more is\n"
    "                          rejected as out of memory, the rest go on (default none)\n"
    "      --html DIR          also write the HTML report of the store to DIR/index.html\n"
    "      --copy-window N     recent articles the copies stage compares new ones with\n"
    "                          (default 128K; about 1.5 KB of memory each)\n"
    "      --brief-sentences N most sentences in a story's summary (default 5; 1 to 100)\n"
    "      --jobs N            threads for the per-article stages (default: one per core);\n"
    "                          the output is the same whatever N\n"
    "      --stats FILE        write counts, CPU seconds per stage, peak memory and a\n"
    "                          checkpoint every --stats-every N articles (default\n"
    "                          100000) to FILE as JSON at the end of the run\n"
    "  -q, --quiet             no progress bar, no warnings (errors still shown)\n"
    "  -h, --help              this help\n"
    "\n"
    "Exit status: 0 every input was used, 1 some input was rejected (each is named\n"
    "on standard error), 2 usage or fatal error.\n";

static const char extract_help[] =
    "Usage: chorus extract [OPTIONS] INPUT... -o DIR\n"
    "\n"
    "Writes the clean body of each article to DIR/<input stem>.txt (articles from\n"
    "JSON Lines and WARC inputs are named by their id). Nothing is stored.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR        where the .txt files go (created if missing)\n"
    "      --no-extract        text inputs are already clean\n"
    "      --mode auto|html|text  how bodies are extracted (see 'chorus analyze --help')\n"
    "      --strict            stop at the first bad input\n"
    "      --max-article-bytes N  largest article read (default 16M)\n"
    "      --max-memory N      memory budget of the analysis (default none)\n"
    "      --jobs N            threads for the per-article stages (default: one per core)\n"
    "  -q, --quiet             no progress bar, no warnings\n"
    "  -h, --help              this help\n";

static const char show_help[] =
    "Usage: chorus show [OPTIONS]\n"
    "\n"
    "Prints everything in the store as JSON, as 'chorus analyze' did.\n"
    "\n"
    "Options:\n"
    "      --db FILE           the store (default ./chorus.db)\n"
    "  -o, --output FILE       write to FILE (default: standard output)\n"
    "      --format json|jsonl one JSON document (default), or one article a line\n"
    "      --compact           json without indentation\n"
    "      --brief-sentences N most sentences in a story's summary (default 5; 1 to 100)\n"
    "  -h, --help              this help\n";

static const char main_help[] =
    "Usage: chorus COMMAND [OPTIONS]\n"
    "\n"
    "chorus reads the news the way a careful editor does: many outlets, one story.\n"
    "\n"
    "Commands:\n"
    "  analyze INPUT...        analyse articles, print JSON, update the store\n"
    "  extract INPUT... -o DIR write each article's clean body to DIR\n"
    "  show                    print the store as JSON (--redis URL: the workers' results)\n"
    "  submit --redis URL INPUT...  queue articles for workers on Redis (docs/scale.md)\n"
    "  worker --redis URL      process queued articles (any number, on any machines)\n"
    "  report -o DIR           write the HTML report of the store to DIR/index.html\n"
    "  serve                   serve the report and a JSON API over HTTP\n"
    "  stories                 list the stories in the store\n"
    "  story ID                one story: articles, copies, quotes, ...\n"
    "  search QUERY            full-text search of titles, bodies, quotes, speakers\n"
    "  version                 print the version\n"
    "\n"
    "'chorus COMMAND --help' tells more about each.\n";

/* Parses the options shared by the commands; what a command does not take is an error. */
void parse(const char *cmd, int argc, char **argv, opts *o, const char *allowed,
                  const char *help)
{
    memset(o, 0, sizeof *o);
    o->format = CHORUS_OUT_JSON;
    o->jobs = -1;
    o->stats_every = 100000;
    o->inputs = calloc((size_t)argc + 1, sizeof *o->inputs);
    if (!o->inputs)
        die_usage(cmd, "out of memory");
    int only_inputs = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_inputs || a[0] != '-' || !strcmp(a, "-")) {
            o->inputs[o->n_inputs++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_inputs = 1;
            continue;
        }
        const char *val = NULL;
        char name[64];
        const char *eq = strchr(a, '=');
        if (eq && a[1] == '-') {
            snprintf(name, sizeof name, "%.*s", (int)(eq - a), a);
            val = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", a);
        }
#define TAKES_VALUE()                                                                   \
    do {                                                                                \
        if (!val) {                                                                     \
            if (i + 1 >= argc)                                                          \
                die_usage(cmd, "option '%s' needs a value", name);                     \
            val = argv[++i];                                                            \
        }                                                                               \
    } while (0)
#define ALLOWED(key) (strstr(allowed, key) != NULL)
        if (!strcmp(name, "-h") || !strcmp(name, "--help")) {
            fputs(help, stdout);
            exit(0);
        } else if ((!strcmp(name, "-o") || !strcmp(name, "--output")) && ALLOWED("o,")) {
            TAKES_VALUE();
            o->output = val;
        } else if (!strcmp(name, "--db") && ALLOWED("db,")) {
            TAKES_VALUE();
            o->db = val;
        } else if (!strcmp(name, "--format") && ALLOWED("format,")) {
            TAKES_VALUE();
            if (!strcmp(val, "json"))
                o->format = CHORUS_OUT_JSON;
            else if (!strcmp(val, "jsonl"))
                o->format = CHORUS_OUT_JSONL;
            else
                die_usage(cmd, "--format is json or jsonl, not '%s'", val);
        } else if (!strcmp(name, "--mode") && ALLOWED("mode,")) {
            TAKES_VALUE();
            if (!strcmp(val, "auto"))
                o->mode = 0;
            else if (!strcmp(val, "html"))
                o->mode = 1;
            else if (!strcmp(val, "text"))
                o->mode = 2;
            else
                die_usage(cmd, "--mode is html, text or auto, not '%s'", val);
        } else if (!strcmp(name, "--compact") && ALLOWED("compact,")) {
            o->compact = 1;
        } else if (!strcmp(name, "--no-extract") && ALLOWED("no-extract,")) {
            o->no_extract = 1;
        } else if (!strcmp(name, "--strict") && ALLOWED("strict,")) {
            o->strict = 1;
        } else if (!strcmp(name, "--extract-only") && ALLOWED("extract-only,")) {
            o->extract_only = 1;
        } else if (!strcmp(name, "--no-raw") && ALLOWED("no-raw,")) {
            o->no_raw = 1;
        } else if (!strcmp(name, "--no-boilerplate") && ALLOWED("no-raw,")) {
            o->no_boilerplate = 1;
        } else if (!strcmp(name, "--max-article-bytes") && ALLOWED("max,")) {
            TAKES_VALUE();
            o->max_bytes = parse_size(cmd, val);
        } else if (!strcmp(name, "--brief-sentences") && ALLOWED("brief,")) {
            TAKES_VALUE();
            o->brief_sentences = parse_size(cmd, val);
            o->brief_set = 1;
        } else if (!strcmp(name, "--max-memory") && ALLOWED("max,")) {
            TAKES_VALUE();
            o->max_memory = parse_size(cmd, val);
        } else if (!strcmp(name, "--copy-window") && ALLOWED("window,")) {
            TAKES_VALUE();
            o->copy_window = parse_size(cmd, val);
        } else if (!strcmp(name, "--html") && ALLOWED("html,")) {
            TAKES_VALUE();
            o->html = val;
        } else if (!strcmp(name, "--from") && ALLOWED("from,")) {
            TAKES_VALUE();
            o->from = val;
        } else if (!strcmp(name, "--listen") && ALLOWED("listen,")) {
            TAKES_VALUE();
            o->listen = val;
        } else if (!strcmp(name, "--limit") && ALLOWED("limit,")) {
            TAKES_VALUE();
            o->limit = parse_size(cmd, val);
        } else if (!strcmp(name, "--max-body") && ALLOWED("serve,")) {
            TAKES_VALUE();
            o->max_body = parse_size(cmd, val);
        } else if (!strcmp(name, "--timeout") && ALLOWED("serve,")) {
            TAKES_VALUE();
            o->timeout = parse_size(cmd, val);
        } else if (!strcmp(name, "--max-connections") && ALLOWED("serve,")) {
            TAKES_VALUE();
            o->max_conn = parse_size(cmd, val);
        } else if (!strcmp(name, "--threads") && ALLOWED("serve,")) {
            TAKES_VALUE();
            o->threads = parse_size(cmd, val);
        } else if (!strcmp(name, "--jobs") && ALLOWED("jobs,")) {
            TAKES_VALUE();
            char *end;
            errno = 0;
            o->jobs = strtoll(val, &end, 10);
            if (errno || end == val || *end || o->jobs < 0)
                die_usage(cmd, "--jobs takes a number of threads (0: one per core), not '%s'", val);
        } else if (!strcmp(name, "--stats") && ALLOWED("stats,")) {
            TAKES_VALUE();
            o->stats = val;
        } else if (!strcmp(name, "--stats-every") && ALLOWED("stats,")) {
            TAKES_VALUE();
            o->stats_every = parse_size(cmd, val);
            if (o->stats_every < 1)
                die_usage(cmd, "--stats-every must be at least 1");
        } else if (!strcmp(name, "--json") && ALLOWED("json,")) {
            o->json = 1;
        } else if ((!strcmp(name, "-q") || !strcmp(name, "--quiet")) && ALLOWED("quiet,")) {
            o->quiet = 1;
        } else {
            die_usage(cmd, "unknown option '%s'", a);
        }
    }
}

chorus *make_engine(const char *cmd, const opts *o, ui *u)
{
    chorus *c = chorus_new();
    if (!c) {
        fprintf(stderr, "chorus: out of memory\n");
        exit(EXIT_USAGE);
    }
    chorus_set_diag_handler(c, on_diag, u);
    chorus_set_progress_handler(c, on_progress, u);
    chorus_set_story_progress_handler(c, on_story_progress, u);
    if (chorus_set_param(c, CHORUS_PARAM_NO_EXTRACT, o->no_extract) ||
        chorus_set_param(c, CHORUS_PARAM_STRICT, o->strict) ||
        chorus_set_param(c, CHORUS_PARAM_KEEP_RAW, !o->no_raw) ||
        chorus_set_param(c, CHORUS_PARAM_KEEP_BOILERPLATE, !o->no_boilerplate) ||
        chorus_set_param(c, CHORUS_PARAM_EXTRACT_MODE, o->mode) ||
        (o->extract_only && chorus_set_param(c, CHORUS_PARAM_EXTRACT_ONLY, 1)))
        die_usage(cmd, "%s", chorus_errmsg(c));
    if (o->max_bytes) {
        int64_t lo, hi;
        chorus_param_bounds(CHORUS_PARAM_MAX_ARTICLE_BYTES, &lo, &hi);
        if (chorus_set_param(c, CHORUS_PARAM_MAX_ARTICLE_BYTES, o->max_bytes))
            die_usage(cmd, "--max-article-bytes must be between %lld and %lld", (long long)lo,
                      (long long)hi);
    }
    if (o->brief_set) {
        int64_t lo, hi;
        chorus_param_bounds(CHORUS_PARAM_BRIEF_SENTENCES, &lo, &hi);
        if (chorus_set_param(c, CHORUS_PARAM_BRIEF_SENTENCES, o->brief_sentences))
            die_usage(cmd, "--brief-sentences must be between %lld and %lld", (long long)lo, (long long)hi);
    }
    if (chorus_set_param(c, CHORUS_PARAM_JOBS, o->jobs < 0 ? 0 : o->jobs)) {
        int64_t lo, hi;
        chorus_param_bounds(CHORUS_PARAM_JOBS, &lo, &hi);
        die_usage(cmd, "--jobs must be between %lld (one per core) and %lld", (long long)lo, (long long)hi);
    }
    if (o->max_memory && chorus_set_param(c, CHORUS_PARAM_MAX_MEMORY, o->max_memory))
        die_usage(cmd, "--max-memory: %s", chorus_errmsg(c));
    if (o->copy_window) {
        int64_t lo, hi;
        chorus_param_bounds(CHORUS_PARAM_COPY_WINDOW, &lo, &hi);
        if (chorus_set_param(c, CHORUS_PARAM_COPY_WINDOW, o->copy_window))
            die_usage(cmd, "--copy-window must be between %lld and %lld", (long long)lo, (long long)hi);
    }
    return c;
}

int add_inputs(const char *cmd, chorus *c, const opts *o)
{
    if (o->n_inputs == 0) {
        if (isatty(0))
            die_usage(cmd, "no input given (files, folders, or '-' for standard input)");
        if (chorus_add_input(c, "-") != CHORUS_OK)
            die_usage(cmd, "%s", chorus_errmsg(c));
        return 1;
    }
    for (int i = 0; i < o->n_inputs; i++)
        if (chorus_add_input(c, o->inputs[i]) != CHORUS_OK)
            die_usage(cmd, "%s", chorus_errmsg(c));
    return 1;
}

static int finish(chorus *c, ui *u, chorus_status st, const char *db)
{
    clear_bar(u);
    chorus_stats s = chorus_get_stats(c);
    if (st != CHORUS_OK && st != CHORUS_ERR_STOPPED) {
        fprintf(stderr, "chorus: %s\n", chorus_errmsg(c));
        chorus_free(c);
        return EXIT_USAGE;
    }
    if (st == CHORUS_ERR_STOPPED)
        fprintf(stderr, "chorus: %s\n", chorus_errmsg(c));
    if (u->tty && !u->quiet) {
        fprintf(stderr, "chorus: %llu article%s", (unsigned long long)s.articles,
                s.articles == 1 ? "" : "s");
        if (db)
            fprintf(stderr, " (%llu new, %llu already stored in %s)", (unsigned long long)s.added,
                    (unsigned long long)s.known, db);
        fprintf(stderr, ", %llu rejected, %llu warning%s, %.1f s\n",
                (unsigned long long)s.rejected, (unsigned long long)s.warnings,
                s.warnings == 1 ? "" : "s", elapsed(u));
    }
    chorus_free(c);
    if (st == CHORUS_ERR_STOPPED)
        return EXIT_REJECTED;
    return s.rejected ? EXIT_REJECTED : 0;
}

FILE *open_output(const char *cmd, const char *path)
{
    if (!path || !strcmp(path, "-"))
        return stdout;
    FILE *f = fopen(path, "w");
    if (!f)
        die_usage(cmd, "cannot write %s: %s", path, strerror(errno));
    return f;
}

int close_output(FILE *f)
{
    if (f == stdout)
        return fflush(f) == 0;
    return fclose(f) == 0;
}

/* --stats: what the run cost, for bench/pipeline.sh and for users sizing a
 * machine. Checkpoints come from the article handler, in output order. */
typedef struct checkpoint {
    unsigned long long articles;
    double wall, cpu;
} checkpoint;

typedef struct run_stats {
    long long every;
    unsigned long long n;
    struct timespec start;
    checkpoint *v;
    size_t n_v, cap_v;
} run_stats;

static double since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) * 1e-9;
}

static double process_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int count_article(void *ctx, const chorus_article *a)
{
    (void)a;
    run_stats *s = ctx;
    if (++s->n % (unsigned long long)s->every)
        return 0;
    if (s->n_v == s->cap_v) {
        size_t cap = s->cap_v ? s->cap_v * 2 : 64;
        checkpoint *g = realloc(s->v, cap * sizeof *g);
        if (!g)
            return 0; /* a checkpoint less; the run goes on */
        s->v = g;
        s->cap_v = cap;
    }
    s->v[s->n_v++] = (checkpoint){s->n, since(&s->start), process_cpu()};
    return 0;
}

static int write_stats(const char *path, chorus *c, const run_stats *s, long long jobs)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 0;
    chorus_stats st = chorus_get_stats(c);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    fprintf(f, "{\"articles\":%llu,\"records\":%llu,\"rejected\":%llu,\"bytes\":%llu,",
            (unsigned long long)st.articles, (unsigned long long)st.records,
            (unsigned long long)st.rejected, (unsigned long long)st.bytes);
    fprintf(f, "\"jobs\":%lld,\"wall_s\":%.3f,\"cpu_s\":%.3f,\"peak_rss_kb\":%ld,\"stages\":{",
            jobs > 0 ? jobs : (cores > 0 ? cores : 1), since(&s->start), process_cpu(), ru.ru_maxrss);
    for (int k = 0; k < CHORUS_STAGE_COUNT; k++)
        fprintf(f, "%s\"%s\":%.3f", k ? "," : "", chorus_stage_name((chorus_stage)k),
                chorus_stage_seconds(c, (chorus_stage)k));
    fprintf(f, "},\"checkpoints\":[");
    for (size_t i = 0; i < s->n_v; i++)
        fprintf(f, "%s{\"articles\":%llu,\"wall_s\":%.3f,\"cpu_s\":%.3f}", i ? "," : "",
                s->v[i].articles, s->v[i].wall, s->v[i].cpu);
    fprintf(f, "]}\n");
    return fclose(f) == 0;
}

static int cmd_analyze(int argc, char **argv, ui *u)
{
    if (has_redis_opt(argc, argv))
        return cmd_show_redis("analyze", argc, argv, u); /* the results of the workers */
    opts o;
    parse("analyze", argc, argv, &o,
          "o,db,format,compact,no-extract,mode,extract-only,strict,no-raw,max,window,brief,quiet,html,jobs,stats,",
          analyze_help);
    u->quiet = o.quiet;
    chorus *c = make_engine("analyze", &o, u);
    const char *db = o.db ? o.db : "chorus.db";
    if (chorus_open_store(c, db) != CHORUS_OK) {
        fprintf(stderr, "chorus: %s\n", chorus_errmsg(c));
        chorus_free(c);
        free(o.inputs);
        return EXIT_USAGE;
    }
    add_inputs("analyze", c, &o);
    FILE *out = open_output("analyze", o.output);
    chorus_set_output(c, out, o.format | (o.compact ? CHORUS_OUT_COMPACT : 0));
    run_stats run = {.every = o.stats_every};
    clock_gettime(CLOCK_MONOTONIC, &run.start);
    if (o.stats)
        chorus_set_article_handler(c, count_article, &run);
    chorus_status st = chorus_run(c);
    if (o.stats && !write_stats(o.stats, c, &run, o.jobs))
        fprintf(stderr, "chorus: writing the stats to %s failed: %s\n", o.stats, strerror(errno));
    free(run.v);
    if (!close_output(out) && st == CHORUS_OK) {
        fprintf(stderr, "chorus: writing %s failed: %s\n", o.output ? o.output : "the output",
                strerror(errno));
        chorus_free(c);
        free(o.inputs);
        return EXIT_USAGE;
    }
    free(o.inputs);
    if (o.html && (st == CHORUS_OK || st == CHORUS_ERR_STOPPED)) {
        chorus_status rs = chorus_report(c, o.html);
        if (rs != CHORUS_OK) {
            fprintf(stderr, "chorus: the report: %s\n", chorus_errmsg(c));
            chorus_free(c);
            return EXIT_USAGE;
        }
        if (!o.quiet)
            fprintf(stderr, "chorus: report written: %s/index.html\n", o.html);
    }
    return finish(c, u, st, strcmp(db, ":memory:") ? db : NULL);
}

typedef struct extract_ctx {
    const char *dir;
    char **used; /* stems written so far */
    size_t n_used, cap_used;
    int failed;
} extract_ctx;

/* "a/b/page.html.gz" -> "page"; records of multi-article inputs use their id. */
static void stem_of(const chorus_article *a, char *out, size_t len)
{
    const char *input = chorus_article_get(a, CHORUS_FIELD_INPUT);
    const char *id = chorus_article_get(a, CHORUS_FIELD_ID);
    const char *slash = strrchr(input, '/');
    const char *base = slash ? slash + 1 : input;
    const char *tail = strpbrk(base, ":@");
    if (tail && (tail[1] >= '0' && tail[1] <= '9')) {
        base = id;
        snprintf(out, len, "%s", base);
    } else {
        snprintf(out, len, "%s", base);
        char *dot;
        if ((dot = strrchr(out, '.')) && !strcmp(dot, ".gz"))
            *dot = '\0';
        if ((dot = strrchr(out, '.')) && dot != out)
            *dot = '\0';
    }
    for (char *p = out; *p; p++)
        if (*p == '/' || *p == '\\')
            *p = '_';
    if (!*out || !strcmp(out, ".") || !strcmp(out, ".."))
        snprintf(out, len, "%s", id);
}

static int write_body(void *ctx, const chorus_article *a)
{
    extract_ctx *x = ctx;
    char stem[512], name[600], path[4200];
    stem_of(a, stem, sizeof stem);
    snprintf(name, sizeof name, "%s", stem);
    for (int k = 2;; k++) { /* two inputs with one stem: page.txt, page-2.txt */
        int clash = 0;
        for (size_t i = 0; i < x->n_used; i++)
            if (!strcmp(x->used[i], name))
                clash = 1;
        if (!clash)
            break;
        snprintf(name, sizeof name, "%s-%d", stem, k);
    }
    if (x->n_used == x->cap_used) {
        size_t nc = x->cap_used ? x->cap_used * 2 : 64;
        char **nu = realloc(x->used, nc * sizeof *nu);
        if (!nu)
            return 1;
        x->used = nu;
        x->cap_used = nc;
    }
    x->used[x->n_used++] = strdup(name);
    snprintf(path, sizeof path, "%s/%s.txt", x->dir, name);
    FILE *f = fopen(path, "w");
    const char *body = chorus_article_get(a, CHORUS_FIELD_BODY);
    if (!f || fputs(body ? body : "", f) < 0 || fputc('\n', f) == EOF) {
        fprintf(stderr, "chorus: cannot write %s: %s\n", path, strerror(errno));
        if (f)
            fclose(f);
        x->failed = 1;
        return 1;
    }
    if (fclose(f) != 0) {
        x->failed = 1;
        return 1;
    }
    return 0;
}

static int cmd_extract(int argc, char **argv, ui *u)
{
    opts o;
    parse("extract", argc, argv, &o, "o,no-extract,mode,strict,max,quiet,jobs,", extract_help);
    u->quiet = o.quiet;
    if (!o.output)
        die_usage("extract", "where should the bodies go? Give -o DIR");
    if (mkdir(o.output, 0777) != 0 && errno != EEXIST)
        die_usage("extract", "cannot create %s: %s", o.output, strerror(errno));
    chorus *c = make_engine("extract", &o, u);
    /* only bodies are written: the removed text would be made for nothing */
    if (chorus_set_param(c, CHORUS_PARAM_EXTRACT_ONLY, 1) != CHORUS_OK ||
        chorus_set_param(c, CHORUS_PARAM_KEEP_BOILERPLATE, 0) != CHORUS_OK)
        die_usage("extract", "%s", chorus_errmsg(c));
    add_inputs("extract", c, &o);
    extract_ctx x = {o.output, NULL, 0, 0, 0};
    chorus_set_article_handler(c, write_body, &x);
    chorus_status st = chorus_run(c);
    for (size_t i = 0; i < x.n_used; i++)
        free(x.used[i]);
    free(x.used);
    free(o.inputs);
    if (x.failed) {
        chorus_free(c);
        return EXIT_USAGE;
    }
    return finish(c, u, st, NULL);
}

static int cmd_show(int argc, char **argv, ui *u)
{
    if (has_redis_opt(argc, argv))
        return cmd_show_redis("show", argc, argv, u);
    opts o;
    parse("show", argc, argv, &o, "o,db,format,compact,brief,", show_help);
    if (o.n_inputs)
        die_usage("show", "show takes no inputs (did you mean 'chorus analyze'?)");
    const char *db = o.db ? o.db : "chorus.db";
    struct stat st;
    if (strcmp(db, ":memory:") && stat(db, &st) != 0)
        die_usage("show", "no store at %s (run 'chorus analyze' first, or give --db)", db);
    chorus *c = make_engine("show", &o, u);
    if (chorus_open_store(c, db) != CHORUS_OK) {
        fprintf(stderr, "chorus: %s\n", chorus_errmsg(c));
        chorus_free(c);
        free(o.inputs);
        return EXIT_USAGE;
    }
    FILE *out = open_output("show", o.output);
    chorus_status s = chorus_show(c, out, o.format | (o.compact ? CHORUS_OUT_COMPACT : 0));
    return finish_show(c, s, out, &o);
}

int finish_show(chorus *c, chorus_status s, FILE *out, opts *o)
{
    int ok = close_output(out);
    free(o->inputs);
    if (s != CHORUS_OK || !ok) {
        fprintf(stderr, "chorus: %s\n", s != CHORUS_OK ? chorus_errmsg(c) : "writing failed");
        chorus_free(c);
        return EXIT_USAGE;
    }
    chorus_free(c);
    return 0;
}

int main(int argc, char **argv)
{
    ui u;
    memset(&u, 0, sizeof u);
    u.tty = isatty(2);
    clock_gettime(CLOCK_MONOTONIC, &u.start);
    if (argc < 2) {
        fputs(main_help, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "analyze"))
        return cmd_analyze(argc - 2, argv + 2, &u);
    if (!strcmp(cmd, "submit"))
        return cmd_submit(argc - 2, argv + 2, &u);
    if (!strcmp(cmd, "worker"))
        return cmd_worker(argc - 2, argv + 2, &u);
    if (!strcmp(cmd, "extract"))
        return cmd_extract(argc - 2, argv + 2, &u);
    if (!strcmp(cmd, "show"))
        return cmd_show(argc - 2, argv + 2, &u);
    if (!strcmp(cmd, "report"))
        return cmd_report(argc - 2, argv + 2, &u);
    if (!strcmp(cmd, "serve"))
        return cmd_serve(argc - 2, argv + 2, &u);
    if (!strcmp(cmd, "stories"))
        return cmd_stories(argc - 2, argv + 2, &u);
    if (!strcmp(cmd, "story"))
        return cmd_story(argc - 2, argv + 2, &u);
    if (!strcmp(cmd, "search"))
        return cmd_search(argc - 2, argv + 2, &u);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("chorus %s (JSON schema %s)\n", chorus_version(), CHORUS_SCHEMA_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        fputs(main_help, stdout);
        return 0;
    }
    fprintf(stderr, "chorus: unknown command '%s'\n\n%s", cmd, main_help);
    return EXIT_USAGE;
}
