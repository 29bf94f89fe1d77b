/*
 * spawn-join: spawn N threads that each set one flag, then join them all (total, the spawn loop, the join
 * loop, per unit); then the first-run delay, from just before pthread_create to the thread's first
 * instruction, for N threads spawned one at a time back to back and for `idle_runs` threads each spawned
 * `idle_pause_us` after the previous one was joined (the median of each pass is one sample).
 */
#include "shapes.h"

#include "clock.h"
#include "counters.h"
#include "units.h"
#include "warmup.h"

#include <stdbool.h>
#include <stdlib.h>

struct creation {
    long units;
    pthread_t *threads;
    volatile bool *ran;
    /* Written by the one unit alive in a first-run pass, read after its join. */
    volatile int64_t ran_at;
};

struct unit_flag {
    struct creation *creation;
    long index;
};

static void *set_flag(void *arg)
{
    struct unit_flag *flag = arg;
    flag->creation->ran[flag->index] = true;
    return NULL;
}

static void *note_first_run(void *arg)
{
    ((struct creation *)arg)->ran_at = now_ns();
    return NULL;
}

/* One batch: per-unit total, spawn and join times. */
static void spawn_join(struct creation *c, struct unit_flag *flags, double *total, double *spawn, double *join)
{
    for (long i = 0; i < c->units; i++) c->ran[i] = false;
    int64_t start = now_ns();
    for (long i = 0; i < c->units; i++) unit_start(&c->threads[i], 0, set_flag, &flags[i]);
    int64_t spawned = now_ns();
    for (long i = 0; i < c->units; i++) unit_join(c->threads[i]);
    int64_t joined = now_ns();
    for (long i = 0; i < c->units; i++)
        if (!c->ran[i]) fail("unit %ld of %ld was joined but never set its flag", i, c->units);
    *total = (double)(joined - start) / c->units;
    *spawn = (double)(spawned - start) / c->units;
    *join = (double)(joined - spawned) / c->units;
}

/* The median delay from the spawn call to the first instruction over `count` units spawned one at a time. */
static double first_run_median(struct creation *c, long count, int64_t pause_ns, double *delays)
{
    for (long i = 0; i < count; i++) {
        if (pause_ns > 0) sleep_ns(pause_ns);
        pthread_t thread;
        c->ran_at = 0;
        int64_t spawn_at = now_ns();
        unit_start(&thread, 0, note_first_run, c);
        unit_join(thread);
        if (c->ran_at == 0) fail("first-run unit %ld was joined but never ran", i);
        delays[i] = (double)(c->ran_at - spawn_at);
    }
    return median_of(delays, (size_t)count);
}

struct creation_warmup {
    struct creation *creation;
    struct unit_flag *flags;
    double *delays;
};

static void warm_once(void *context)
{
    struct creation_warmup *w = context;
    double total, spawn, join;
    spawn_join(w->creation, w->flags, &total, &spawn, &join);
    first_run_median(w->creation, w->creation->units, 0, w->delays);
}

void run_creation(const struct spec *spec, struct report *report)
{
    long n = spec->units, most = spec->units > spec->idle_runs ? spec->units : spec->idle_runs;
    struct creation c = { .units = n };
    c.threads = calloc((size_t)n, sizeof *c.threads);
    c.ran = calloc((size_t)n, sizeof *c.ran);
    struct unit_flag *flags = calloc((size_t)n, sizeof *flags);
    double *delays = calloc((size_t)most, sizeof *delays);
    if (!c.threads || !c.ran || !flags || !delays) fail("out of memory for %ld units", n);
    for (long i = 0; i < n; i++) flags[i] = (struct unit_flag){ &c, i };
    int64_t idle_pause = (int64_t)spec->idle_pause_us * 1000;

    struct creation_warmup w = { &c, flags, delays };
    warm_up(spec, warm_once, &w);
    first_run_median(&c, 2, idle_pause, delays);

    struct series *total = report_add(report, "total", "ns"), *spawn = report_add(report, "spawn", "ns"),
                  *join = report_add(report, "join", "ns"), *first = report_add(report, "first-run", "ns"),
                  *idle = report_add(report, "first-run-idle", "ns");
    struct counter_tally tally = { 0 };
    for (long s = 0; s < spec->samples; s++) {
        double t, sp, j;
        tally_begin(&tally);
        spawn_join(&c, flags, &t, &sp, &j);
        tally_end(&tally, (double)n);
        series_add(total, t);
        series_add(spawn, sp);
        series_add(join, j);
        series_add(first, first_run_median(&c, n, 0, delays));
        series_add(idle, first_run_median(&c, spec->idle_runs, idle_pause, delays));
    }
    tally_attach(&tally, total);
    free(delays);
    free(flags);
    free((void *)c.ran);
    free(c.threads);
}
