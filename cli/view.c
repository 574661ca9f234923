/*
 * view.c: the commands that look at the store rather than fill it.
 *
 *   chorus report -o DIR      the HTML report (DIR/index.html)
 *   chorus serve              the report and the JSON API over HTTP
 *   chorus stories            the stories, as a table (or --json)
 *   chorus story ID           one story: articles, copies, quotes, brief...
 *   chorus search QUERY       full-text search
 *
 * Tables are for people: columns cut to the terminal's width, colour when
 * standard output is a terminal (and NO_COLOR is unset). --json prints what
 * the API prints (docs/api.md), for programs.
 */
#include "chorus.h"
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

static int colour;
#define C(code) (colour ? "\033[" code "m" : "")
#define RESET C("0")

static const char report_help[] =
    "Usage: chorus report [OPTIONS] -o DIR\n"
    "\n"
    "Writes the HTML report of the store to DIR/index.html: one self-contained page\n"
    "(no network needed) with the stories, their timelines, quotes and the variants\n"
    "each outlet printed, copies, claims and every article with its quotes, speakers,\n"
    "sources and dates highlighted (docs/report.md). Open it in any browser.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR        where index.html goes (created if missing)\n"
    "      --db FILE           the store (default ./chorus.db)\n"
    "      --from FILE         report a saved JSON document ('chorus analyze' output)\n"
    "                          instead of the store\n"
    "  -h, --help              this help\n";

static const char serve_help[] =
    "Usage: chorus serve [OPTIONS]\n"
    "\n"
    "Serves the report's page at / and the JSON API of docs/api.md: GET /api/stories,\n"
    "/api/stories/ID, /api/articles/ID, /api/search?q=, POST /api/articles (articles\n"
    "in, analysed and stored), GET /healthz. Stops on Ctrl-C (SIGINT) or SIGTERM.\n"
    "\n"
    "Options:\n"
    "      --db FILE           the store (default ./chorus.db; created if missing)\n"
    "      --listen ADDR:PORT  where to listen (default 127.0.0.1:8080; port 0: any)\n"
    "      --max-body N        largest request body (default 32M)\n"
    "      --timeout S         seconds a connection may stay idle (default 30)\n"
    "      --max-connections N open connections at most (default 512)\n"
    "      --threads N         worker threads (default 2)\n"
    "  -h, --help              this help\n";

static const char stories_help[] =
    "Usage: chorus stories [OPTIONS]\n"
    "\n"
    "Lists the stories of the store: id, articles, outlets, dates, title.\n"
    "\n"
    "Options:\n"
    "      --db FILE           the store (default ./chorus.db)\n"
    "      --json              JSON ({\"stories\": [...]}, as GET /api/stories)\n"
    "  -h, --help              this help\n";

static const char story_help[] =
    "Usage: chorus story [OPTIONS] ID\n"
    "\n"
    "Shows one story: its articles, copies, quotes carried by several outlets,\n"
    "and the brief, timeline, claims and disagreements when the store has them.\n"
    "\n"
    "Options:\n"
    "      --db FILE           the store (default ./chorus.db)\n"
    "      --json              JSON ({\"story\", \"articles\", \"copies\"}, as GET /api/stories/ID)\n"
    "  -h, --help              this help\n";

static const char search_help[] =
    "Usage: chorus search [OPTIONS] QUERY...\n"
    "\n"
    "Full-text search of titles, bodies, quotes and speakers. Every word must\n"
    "match; a trailing '*' matches a prefix (\"inspect*\").\n"
    "\n"
    "Options:\n"
    "      --db FILE           the store (default ./chorus.db)\n"
    "      --limit N           at most N results (default 20)\n"
    "      --json              JSON ({\"query\", \"results\"}, as GET /api/search)\n"
    "  -h, --help              this help\n";

static chorus *open_store(const char *cmd, const opts *o, ui *u)
{
    const char *db = o->db ? o->db : "chorus.db";
    struct stat st;
    if (strcmp(db, ":memory:") && stat(db, &st) != 0)
        die_usage(cmd, "no store at %s (run 'chorus analyze' first, or give --db)", db);
    chorus *c = make_engine(cmd, o, u);
    if (chorus_open_store(c, db) != CHORUS_OK) {
        fprintf(stderr, "chorus: %s\n", chorus_errmsg(c));
        chorus_free(c);
        exit(EXIT_USAGE);
    }
    return c;
}

/* The whole store as a parsed document (exits on failure). */
static json_t *load_doc(chorus *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) {
        fprintf(stderr, "chorus: out of memory\n");
        exit(EXIT_USAGE);
    }
    chorus_status st = chorus_show(c, m, CHORUS_OUT_JSON | CHORUS_OUT_COMPACT);
    fclose(m);
    json_error_t je;
    json_t *doc = st == CHORUS_OK ? json_loadb(buf, len, 0, &je) : NULL;
    free(buf);
    if (!doc) {
        fprintf(stderr, "chorus: %s\n", st != CHORUS_OK ? chorus_errmsg(c) : "reading the store's JSON failed");
        exit(EXIT_USAGE);
    }
    return doc;
}

static int print_json(json_t *j)
{
    int r = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    return r == 0 && fflush(stdout) == 0 ? 0 : EXIT_USAGE;
}

static int term_width(void)
{
    struct winsize w;
    if (isatty(1) && ioctl(1, TIOCGWINSZ, &w) == 0 && w.ws_col >= 40)
        return w.ws_col;
    const char *cols = getenv("COLUMNS");
    long n = cols ? strtol(cols, NULL, 10) : 0;
    return n >= 40 && n <= 1000 ? (int)n : 100;
}

/* Prints s in a column of width characters (code points), cut with "…". */
static void cell(const char *s, int width)
{
    if (!s)
        s = "";
    int n = 0;
    const char *p = s, *cut = NULL;
    for (; *p; p++)
        if (((unsigned char)*p & 0xC0) != 0x80) {
            if (n == width - 1)
                cut = p;
            n++;
        }
    if (n > width && width > 0) {
        fwrite(s, 1, (size_t)(cut - s), stdout);
        fputs("…", stdout);
        return;
    }
    fputs(s, stdout);
    for (; n < width; n++)
        fputc(' ', stdout);
}

static const char *jstr(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static void date_range(json_t *st, char *out, size_t n)
{
    const char *a = jstr(st, "first_published"), *b = jstr(st, "last_published");
    if (!a && !b)
        snprintf(out, n, "undated");
    else if (!b || (a && !strncmp(a, b, 10)))
        snprintf(out, n, "%.10s", a ? a : b);
    else
        snprintf(out, n, "%.10s – %.10s", a ? a : "?", b);
}

static json_t *find_id(json_t *arr, const char *id)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        const char *x = jstr(v, "id");
        if (x && !strcmp(x, id))
            return v;
    }
    return NULL;
}

int cmd_report(int argc, char **argv, ui *u)
{
    opts o;
    parse("report", argc, argv, &o, "o,db,from,", report_help);
    if (o.n_inputs)
        die_usage("report", "report takes no inputs (analyse them first, or give --from FILE)");
    if (!o.output)
        die_usage("report", "where should the report go? Give -o DIR");
    chorus *c;
    chorus_status st;
    if (o.from) {
        c = make_engine("report", &o, u);
        FILE *f = fopen(o.from, "rb");
        if (!f)
            die_usage("report", "cannot read %s: %s", o.from, strerror(errno));
        char *buf = NULL;
        size_t len = 0, cap = 0, got;
        do {
            if (len == cap) {
                cap = cap ? cap * 2 : 1 << 20;
                char *nb = realloc(buf, cap);
                if (!nb)
                    die_usage("report", "out of memory");
                buf = nb;
            }
            got = fread(buf + len, 1, cap - len, f);
            len += got;
        } while (got > 0);
        fclose(f);
        st = chorus_report_document(c, buf ? buf : "", len, o.output);
        free(buf);
    } else {
        c = open_store("report", &o, u);
        st = chorus_report(c, o.output);
    }
    free(o.inputs);
    if (st != CHORUS_OK) {
        fprintf(stderr, "chorus: %s\n", chorus_errmsg(c));
        chorus_free(c);
        return EXIT_USAGE;
    }
    chorus_free(c);
    if (isatty(2))
        fprintf(stderr, "chorus: report written: open %s/index.html in a browser\n", o.output);
    return 0;
}

int cmd_serve(int argc, char **argv, ui *u)
{
    (void)u;
    opts o;
    parse("serve", argc, argv, &o, "db,listen,serve,", serve_help);
    if (o.n_inputs)
        die_usage("serve", "serve takes no inputs (POST them to /api/articles)");
    /* the server's threads inherit this mask: the signals come to sigwait */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    chorus_serve_options so = {o.listen, (size_t)o.max_body, 0, (unsigned)o.timeout,
                               (unsigned)o.max_conn, (unsigned)o.threads};
    char err[512];
    chorus_server *s = chorus_serve_start(o.db ? o.db : "chorus.db", &so, err, sizeof err);
    free(o.inputs);
    if (!s) {
        fprintf(stderr, "chorus: %s\n", err);
        return EXIT_USAGE;
    }
    const char *listen = o.listen ? o.listen : "127.0.0.1:8080";
    char host[256];
    snprintf(host, sizeof host, "%s", listen);
    char *colon = strrchr(host, ':');
    if (colon)
        *colon = '\0';
    fprintf(stderr, "chorus: serving %s on http://%s:%d/ (Ctrl-C stops)\n", o.db ? o.db : "chorus.db",
            host, chorus_serve_port(s));
    int sig = 0;
    sigwait(&set, &sig);
    chorus_serve_stop(s);
    return 0;
}

int cmd_stories(int argc, char **argv, ui *u)
{
    opts o;
    parse("stories", argc, argv, &o, "db,json,", stories_help);
    if (o.n_inputs)
        die_usage("stories", "stories takes no arguments");
    chorus *c = open_store("stories", &o, u);
    json_t *doc = load_doc(c);
    chorus_free(c);
    free(o.inputs);
    json_t *stories = json_object_get(doc, "stories");
    int rc = 0;
    if (o.json) {
        json_t *out = json_pack("{s:O}", "stories", stories ? stories : json_array());
        rc = print_json(out);
        json_decref(out);
        json_decref(doc);
        return rc;
    }
    colour = isatty(1) && !getenv("NO_COLOR");
    int w = term_width();
    int tw = w - (6 + 2 + 8 + 2 + 25 + 2 + 23 + 2);
    if (tw < 20)
        tw = 20;
    printf("%s", C("1"));
    cell("STORY", 6), fputs("  ", stdout), cell("ARTICLES", 8), fputs("  ", stdout);
    cell("DATES", 25), fputs("  ", stdout), cell("OUTLETS", 23), fputs("  ", stdout);
    printf("TITLE%s\n", RESET);
    size_t i;
    json_t *st;
    json_array_foreach(stories, i, st) {
        char n[32], dates[64], outs[256];
        snprintf(n, sizeof n, "%zu", json_array_size(json_object_get(st, "articles")));
        date_range(st, dates, sizeof dates);
        json_t *ol = json_object_get(st, "outlets");
        size_t no = json_array_size(ol);
        snprintf(outs, sizeof outs, "%zu: %s%s", no, no ? json_string_value(json_array_get(ol, 0)) : "",
                 no > 1 ? ", …" : "");
        printf("%s", C("36"));
        cell(jstr(st, "id"), 6);
        printf("%s  ", RESET);
        cell(n, 8), fputs("  ", stdout), cell(dates, 25), fputs("  ", stdout), cell(outs, 23);
        fputs("  ", stdout);
        const char *t = jstr(st, "headline") ? jstr(st, "headline") : jstr(st, "title");
        cell(t ? t : "(untitled)", tw);
        fputc('\n', stdout);
    }
    if (!json_array_size(stories))
        printf("%s(no stories: analyse some articles first)%s\n", C("2"), RESET);
    json_decref(doc);
    return fflush(stdout) == 0 ? 0 : EXIT_USAGE;
}

/* {"story", "articles", "copies"} for one story of doc, or NULL. */
static json_t *story_view(json_t *doc, const char *id)
{
    json_t *st = find_id(json_object_get(doc, "stories"), id);
    if (!st)
        return NULL;
    json_t *arts = json_array(), *copies = json_array();
    json_t *ids = json_object_get(st, "articles");
    size_t i, k;
    json_t *v, *cp;
    json_array_foreach(ids, i, v) {
        json_t *a = find_id(json_object_get(doc, "articles"), json_string_value(v));
        if (a)
            json_array_append(arts, a);
    }
    json_array_foreach(json_object_get(doc, "copies"), i, cp) {
        const char *a = jstr(cp, "copy"), *b = jstr(cp, "origin");
        json_array_foreach(ids, k, v) {
            const char *x = json_string_value(v);
            if (x && ((a && !strcmp(a, x)) || (b && !strcmp(b, x)))) {
                json_array_append(copies, cp);
                break;
            }
        }
    }
    json_t *out = json_pack("{s:O, s:o}", "story", st, "articles", arts);
    if (json_object_get(doc, "copies"))
        json_object_set_new(out, "copies", copies);
    else
        json_decref(copies);
    return out;
}

static const char *outlet_of(json_t *arts, const char *id)
{
    json_t *a = find_id(arts, id);
    const char *o = a ? jstr(a, "outlet") : NULL;
    return o ? o : id;
}

int cmd_story(int argc, char **argv, ui *u)
{
    opts o;
    parse("story", argc, argv, &o, "db,json,", story_help);
    if (o.n_inputs != 1)
        die_usage("story", "give one story id (see 'chorus stories')");
    chorus *c = open_store("story", &o, u);
    json_t *doc = load_doc(c);
    chorus_free(c);
    json_t *v = story_view(doc, o.inputs[0]);
    if (!v) {
        fprintf(stderr, "chorus: no story '%s' in the store (see 'chorus stories')\n", o.inputs[0]);
        json_decref(doc);
        free(o.inputs);
        return EXIT_USAGE;
    }
    free(o.inputs);
    int rc = 0;
    if (o.json) {
        rc = print_json(v);
        json_decref(v);
        json_decref(doc);
        return rc;
    }
    colour = isatty(1) && !getenv("NO_COLOR");
    int w = term_width();
    json_t *st = json_object_get(v, "story"), *arts = json_object_get(v, "articles");
    char dates[64];
    date_range(st, dates, sizeof dates);
    const char *title = jstr(st, "headline") ? jstr(st, "headline") : jstr(st, "title");
    printf("%s%s%s  %s%s%s\n", C("1"), title ? title : "(untitled)", RESET, C("36"), jstr(st, "id"), RESET);
    printf("%s%zu articles · %s · %zu outlets%s\n", C("2"), json_array_size(arts), dates,
           json_array_size(json_object_get(st, "outlets")), RESET);
    size_t i;
    json_t *x;
    if (json_array_size(json_object_get(st, "summary"))) {
        printf("\n%sBrief%s\n", C("1"), RESET);
        json_array_foreach(json_object_get(st, "summary"), i, x) {
            printf("  %zu. %s %s[", i + 1, jstr(x, "text"), C("2"));
            size_t k;
            json_t *o2;
            json_array_foreach(json_object_get(x, "outlets"), k, o2)
                printf("%s%s", k ? ", " : "", json_string_value(o2));
            printf("]%s\n", RESET);
        }
    }
    printf("\n%sArticles%s\n", C("1"), RESET);
    json_array_foreach(arts, i, x) {
        fputs("  ", stdout);
        cell(jstr(x, "published") ? jstr(x, "published") : "undated", 20);
        fputs("  ", stdout);
        printf("%s", C("33"));
        cell(jstr(x, "outlet") ? jstr(x, "outlet") : "?", 22);
        printf("%s  ", RESET);
        cell(jstr(x, "title"), w - 48 > 20 ? w - 48 : 20);
        fputc('\n', stdout);
    }
    json_t *tl = json_object_get(st, "timeline");
    if (json_array_size(tl)) {
        printf("\n%sTimeline%s\n", C("1"), RESET);
        json_array_foreach(tl, i, x) {
            fputs("  ", stdout);
            cell(jstr(x, "date"), 20);
            fputs("  ", stdout);
            cell(jstr(x, "kind"), 10);
            fputs("  ", stdout);
            cell(jstr(x, "text"), w - 36 > 20 ? w - 36 : 20);
            fputc('\n', stdout);
        }
    }
    json_t *copies = json_object_get(v, "copies");
    if (json_array_size(copies)) {
        printf("\n%sCopies%s\n", C("1"), RESET);
        json_array_foreach(copies, i, x) {
            fputs("  ", stdout);
            cell(outlet_of(arts, jstr(x, "copy")), 22);
            fputs(" copies ", stdout);
            cell(outlet_of(arts, jstr(x, "origin")), 22);
            printf("  %s %.3f, %lld sentences aligned\n", jstr(x, "kind"),
                   json_number_value(json_object_get(x, "similarity")),
                   (long long)json_integer_value(json_object_get(x, "aligned")));
        }
    }
    json_t *qg = json_object_get(st, "quote_groups");
    if (json_array_size(qg)) {
        printf("\n%sQuotes%s\n", C("1"), RESET);
        json_array_foreach(qg, i, x) {
            printf("  %s%s%s: “", C("32"), jstr(x, "speaker") ? jstr(x, "speaker") : "(unattributed)", RESET);
            cell(jstr(x, "text"), w - 40 > 30 ? w - 40 : 30);
            printf("” %s(%zu variants)%s\n", C("2"), json_array_size(json_object_get(x, "variants")), RESET);
        }
    }
    json_t *claims = json_object_get(st, "claims");
    if (json_array_size(claims)) {
        printf("\n%sClaims%s\n", C("1"), RESET);
        json_array_foreach(claims, i, x) {
            json_t *og = json_object_get(x, "origin");
            printf("  %s[%s]%s ", C("2"), jstr(x, "sourcing") ? jstr(x, "sourcing") : "?", RESET);
            cell(jstr(x, "text"), w - 50 > 30 ? w - 50 : 30);
            printf("  from %s, relayed by %zu, %zu denial(s), %zu ruling(s)\n",
                   og && jstr(og, "outlet") ? jstr(og, "outlet") : "?",
                   json_array_size(json_object_get(x, "relayed_by")),
                   json_array_size(json_object_get(x, "denials")),
                   json_array_size(json_object_get(x, "rulings")));
        }
    }
    json_t *dis = json_object_get(st, "disagreements");
    if (json_array_size(dis)) {
        printf("\n%sDisagreements%s\n", C("1"), RESET);
        json_array_foreach(dis, i, x) {
            printf("  %s:", jstr(x, "fact"));
            size_t k;
            json_t *val;
            json_array_foreach(json_object_get(x, "values"), k, val) {
                json_t *vv = json_object_get(val, "value");
                char num[64];
                if (json_is_number(vv))
                    snprintf(num, sizeof num, "%g", json_number_value(vv));
                printf("%s %s (%zu outlets)", k ? ";" : "", json_is_string(vv) ? json_string_value(vv) : num,
                       json_array_size(json_object_get(val, "outlets")));
            }
            fputc('\n', stdout);
        }
    }
    json_decref(v);
    json_decref(doc);
    return fflush(stdout) == 0 ? 0 : EXIT_USAGE;
}

int cmd_search(int argc, char **argv, ui *u)
{
    opts o;
    parse("search", argc, argv, &o, "db,json,limit,", search_help);
    if (!o.n_inputs)
        die_usage("search", "search what? Give words to look for");
    char q[2048];
    size_t k = 0;
    q[0] = '\0';
    for (int i = 0; i < o.n_inputs; i++)
        k += (size_t)snprintf(q + k, sizeof q - (k < sizeof q ? k : sizeof q), "%s%s", i ? " " : "",
                              o.inputs[i]);
    if (k >= sizeof q)
        die_usage("search", "query too long");
    chorus *c = open_store("search", &o, u);
    size_t limit = o.limit ? (size_t)o.limit : 20;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    chorus_status st = m ? chorus_search(c, q, limit, m, CHORUS_OUT_COMPACT) : CHORUS_ERR_NOMEM;
    if (m)
        fclose(m);
    free(o.inputs);
    if (st != CHORUS_OK) {
        fprintf(stderr, "chorus: %s\n", chorus_errmsg(c));
        chorus_free(c);
        free(buf);
        return EXIT_USAGE;
    }
    chorus_free(c);
    json_error_t je;
    json_t *res = json_loadb(buf, len, 0, &je);
    free(buf);
    if (!res)
        return EXIT_USAGE;
    int rc = 0;
    if (o.json) {
        rc = print_json(res);
        json_decref(res);
        return rc;
    }
    colour = isatty(1) && !getenv("NO_COLOR");
    int w = term_width();
    json_t *hits = json_object_get(res, "results");
    size_t i;
    json_t *x;
    json_array_foreach(hits, i, x) {
        printf("%s", C("36"));
        cell(jstr(x, "story") ? jstr(x, "story") : "-", 5);
        printf("%s  ", RESET);
        cell(jstr(x, "published") ? jstr(x, "published") : "undated", 16);
        fputs("  ", stdout);
        printf("%s", C("33"));
        cell(jstr(x, "outlet") ? jstr(x, "outlet") : "?", 20);
        printf("%s  %s", RESET, C("1"));
        cell(jstr(x, "title") ? jstr(x, "title") : jstr(x, "id"), w - 47 > 20 ? w - 47 : 20);
        printf("%s\n       %s", RESET, C("2"));
        cell(jstr(x, "snippet"), w - 8 > 20 ? w - 8 : 20);
        printf("%s\n", RESET);
    }
    if (!json_array_size(hits))
        printf("no article matches '%s'\n", q);
    json_decref(res);
    return fflush(stdout) == 0 ? 0 : EXIT_USAGE;
}
