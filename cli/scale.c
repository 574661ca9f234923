/*
 * scale.c: the commands of the distributed run (include/chorus_scale.h,
 * docs/scale.md): submit, worker, and show --redis.
 *
 * Their Redis options are taken out of argv first; the rest goes through
 * the shared option parser, so the engine options (--no-extract, --mode...)
 * mean what they mean for analyze.
 */
#include "chorus.h"
#include "chorus_scale.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char submit_help[] =
    "Usage: chorus submit --redis URL [OPTIONS] INPUT...\n"
    "\n"
    "Appends the records of the inputs (files, folders, -) to the Redis stream that\n"
    "'chorus worker' processes (docs/scale.md).\n"
    "\n"
    "  --redis URL          redis://HOST:PORT (any node of a Redis Cluster)\n"
    "  --prefix NAME        key prefix (default chorus): several runs can share a server\n"
    "  --max-stream N       wait while N records or more wait in the stream (default 10000)\n"
    "  --wait SECONDS       fail when the stream stays full this long (default 60)\n"
    "  --retry SECONDS      how long a lost Redis is waited for (default 30)\n"
    "  --max-article-bytes N, --quiet   as for analyze\n";

static const char worker_help[] =
    "Usage: chorus worker --redis URL [OPTIONS]\n"
    "\n"
    "Processes submitted records: the per-article stages of any record, and, when it\n"
    "holds the lease, the stream stages (copies, stories) in submission order. Run any\n"
    "number, on any machines; results go to Redis ('chorus show --redis URL').\n"
    "\n"
    "  --redis URL              redis://HOST:PORT (any node of a Redis Cluster)\n"
    "  --prefix NAME            key prefix (default chorus)\n"
    "  --exit-when-idle SECONDS exit after this long with nothing to do, once every\n"
    "                           submitted record is applied (default: run forever)\n"
    "  --claim SECONDS          take over records another worker left pending this long (default 30)\n"
    "  --lease SECONDS          the stream stages' lease (default 5)\n"
    "  --consumer NAME          name in the consumer group (default HOST:PID)\n"
    "  --retry SECONDS          how long a lost Redis is waited for (default 30)\n"
    "  --verbose                a summary line on exit\n"
    "  --no-extract, --mode MODE, --max-article-bytes N, --copy-window N, --no-raw,\n"
    "  --no-boilerplate                                   as for analyze\n";

static const char show_redis_help[] =
    "Usage: chorus show --redis URL [-o FILE] [--compact] [--prefix NAME]\n"
    "\n"
    "Prints the results the workers keep in Redis as the JSON 'chorus analyze' prints.\n";

static long long seconds_ms(const char *cmd, const char *v)
{
    char *end = NULL;
    double s = strtod(v, &end);
    if (!end || *end || s < 0 || s > 1e7)
        die_usage(cmd, "'%s' is not a number of seconds", v);
    return (long long)(s * 1000.0);
}

/* Takes the Redis options out of argv (compacting it); returns the new argc. */
static int take_redis_opts(const char *cmd, int argc, char **argv, chorus_redis_opts *ro)
{
    int k = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *names[] = {"--redis", "--prefix", "--max-stream", "--wait", "--retry", "--exit-when-idle",
                               "--claim", "--lease", "--consumer"};
        int hit = -1;
        const char *val = NULL;
        for (int n = 0; n < (int)(sizeof names / sizeof names[0]); n++) {
            size_t l = strlen(names[n]);
            if (!strncmp(a, names[n], l) && (a[l] == '\0' || a[l] == '=')) {
                hit = n;
                val = a[l] == '=' ? a + l + 1 : NULL;
                break;
            }
        }
        if (!strcmp(a, "--verbose")) {
            ro->verbose = 1;
            continue;
        }
        if (hit < 0) {
            argv[k++] = argv[i];
            continue;
        }
        if (!val) {
            if (i + 1 >= argc)
                die_usage(cmd, "option '%s' needs a value", a);
            val = argv[++i];
        }
        switch (hit) {
        case 0: ro->url = val; break;
        case 1: ro->prefix = val; break;
        case 2: ro->max_stream = parse_size(cmd, val); break;
        case 3: ro->wait_ms = seconds_ms(cmd, val); break;
        case 4: ro->retry_ms = seconds_ms(cmd, val); break;
        case 5: ro->idle_exit_ms = seconds_ms(cmd, val); break;
        case 6: ro->claim_ms = seconds_ms(cmd, val); break;
        case 7: ro->lease_ms = seconds_ms(cmd, val); break;
        case 8: ro->consumer = val; break;
        }
    }
    int help = 0;
    for (int i = 0; i < k; i++)
        help |= !strcmp(argv[i], "-h") || !strcmp(argv[i], "--help");
    if (!ro->url && !help) /* with --help, the parser prints the help */
        die_usage(cmd, "--redis URL is needed");
    if (ro->max_stream < 1 || ro->lease_ms < 100 || ro->claim_ms < 100)
        die_usage(cmd, "--max-stream must be at least 1, --lease and --claim at least 0.1 s");
    return k;
}

int cmd_submit(int argc, char **argv, ui *u)
{
    chorus_redis_opts ro;
    chorus_redis_opts_init(&ro);
    argc = take_redis_opts("submit", argc, argv, &ro);
    opts o;
    parse("submit", argc, argv, &o, "no-extract,mode,max,quiet,", submit_help);
    u->quiet = o.quiet;
    if (!o.n_inputs)
        die_usage("submit", "no inputs");
    chorus *c = make_engine("submit", &o, u);
    add_inputs("submit", c, &o);
    uint64_t n = 0, rejected = 0;
    chorus_status st = chorus_redis_submit(c, &ro, &n, &rejected);
    free(o.inputs);
    if (st != CHORUS_OK) {
        fprintf(stderr, "chorus: %s\n", chorus_errmsg(c));
        chorus_free(c);
        return EXIT_USAGE;
    }
    if (!o.quiet)
        fprintf(stderr, "chorus: %llu records submitted\n", (unsigned long long)n);
    chorus_free(c);
    return rejected ? EXIT_REJECTED : 0;
}

int cmd_worker(int argc, char **argv, ui *u)
{
    chorus_redis_opts ro;
    chorus_redis_opts_init(&ro);
    argc = take_redis_opts("worker", argc, argv, &ro);
    opts o;
    parse("worker", argc, argv, &o, "no-extract,mode,no-raw,max,window,quiet,", worker_help);
    u->quiet = o.quiet;
    if (o.n_inputs)
        die_usage("worker", "a worker takes no inputs (submit them with 'chorus submit')");
    chorus *c = make_engine("worker", &o, u);
    chorus_status st = chorus_redis_worker(c, &ro);
    free(o.inputs);
    if (st != CHORUS_OK) {
        fprintf(stderr, "chorus: worker: %s\n", chorus_errmsg(c));
        chorus_free(c);
        return EXIT_USAGE;
    }
    chorus_free(c);
    return 0;
}

int cmd_show_redis(const char *cmd, int argc, char **argv, ui *u)
{
    chorus_redis_opts ro;
    chorus_redis_opts_init(&ro);
    argc = take_redis_opts(cmd, argc, argv, &ro);
    opts o;
    parse(cmd, argc, argv, &o, "o,format,compact,brief,quiet,", show_redis_help);
    if (o.n_inputs)
        die_usage(cmd, "with --redis, %s takes no inputs (submit them with 'chorus submit')", cmd);
    chorus *c = make_engine(cmd, &o, u);
    FILE *out = open_output(cmd, o.output);
    chorus_status s = chorus_redis_show(c, &ro, out, o.format | (o.compact ? CHORUS_OUT_COMPACT : 0));
    return finish_show(c, s, out, &o);
}

int has_redis_opt(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (!strncmp(argv[i], "--redis", 7) && (argv[i][7] == '\0' || argv[i][7] == '='))
            return 1;
    return 0;
}
