/*
 * The c-thread peer: one scenario child of peers/PROTOCOL.md. Usage: c-thread-peer --spec '<JSON>'.
 * Exit codes: 0 BENCH-RESULT printed; 2 bad spec; 3 the scenario failed; 125 the parent went away.
 */
#include "affinity.h"
#include "report.h"
#include "shapes.h"
#include "spec.h"
#include "watchdog.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

static int bad_spec(const char *what)
{
    printf("BENCH-FAILURE bad spec: %s\n", what);
    fflush(stdout);
    return 2;
}

/* A brigade of 500 units holds 2,004 descriptors (its links and the baseline's) and the soft limit is often 1,024:
 * raise it to the hard limit, as the .NET and Go runtimes do at startup. */
static void raise_open_file_limit(void)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0) fail_errno("setrlimit(RLIMIT_NOFILE)");
    }
}

int main(int argc, char **argv)
{
    if (argc != 3 || strcmp(argv[1], "--spec") != 0) return bad_spec("usage: c-thread-peer --spec '<JSON>'");
    struct spec spec;
    char error[512];
    if (spec_parse(argv[2], &spec, error, sizeof error) != 0) return bad_spec(error);

    watchdog_start_if_asked();
    raise_open_file_limit();
    char cpus[4096];
    int cpu_count = affinity_list(cpus, sizeof cpus);
    if (spec.pinned && cpu_count != 1)
        fail("scenario asks to be pinned to one CPU but may run on %d (%s)", cpu_count, cpus);

    struct report report = { .count = 0 };
    switch (spec.shape) {
    case SHAPE_SPAWN_JOIN: run_creation(&spec, &report); break;
    case SHAPE_BRIGADE: case SHAPE_BRIGADE_PIPE: run_brigade(&spec, &report); break;
    case SHAPE_BRIGADE_MEM: run_brigade_mem(&spec, &report); break;
    case SHAPE_PINGPONG: run_pingpong(&spec, &report); break;
    case SHAPE_YIELD: run_yield(&spec, &report); break;
    case SHAPE_PARKED: case SHAPE_PARKED_TOUCH: case SHAPE_PARKED_SMALL_STACK: run_parked(&spec, &report); break;
    case SHAPE_STALL: run_stall(&spec, &report); break;
    }
    report_print(&report);
    return 0;
}
