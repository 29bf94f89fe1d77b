/*
 * spawn-join: spawn N threads that each set one flag, then join them all (total, the spawn loop, the join
 * loop, per unit); then Blandy's shape, N threads in batches of 20, each batch spawned then joined (per
 * unit); then N threads spawned one at a time back to back, each joined before the next: from just before
 * pthread_create to the thread's first instruction (first-run: the median; first-run-each: every value) and
 * to its join returning (one-at-a-time: the median); then the first-run delay of `idle_runs` threads each
 * spawned `idle_pause_us` after the previous one was joined (its median). One of each per sample, in that
 * order, as harness/Harness/Workloads/CreationWorkload.cs measures them.
 */
#include "shapes.h"

#include "clock.h"
#include "counters.h"
#include "units.h"
#include "warmup.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

/* The batch of Blandy's thread-creation benchmark, as the .NET child uses it. */
enum { BLANDY_BATCH = 20 };

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

static void *count_run(void *arg)
{
    atomic_fetch_add((atomic_long *)arg, 1);
    return NULL;
}

/* max(1, units / BLANDY_BATCH) batches of BLANDY_BATCH threads that each count themselves, each batch spawned
 * then joined before the next; nanoseconds per thread. Threads of a batch overlap: a throughput. */
static double in_batches(long units)
{
    const long batch = BLANDY_BATCH;
    long batches = units / batch > 0 ? units / batch : 1;
    pthread_t threads[BLANDY_BATCH];
    atomic_long ran;
    atomic_init(&ran, 0);
    int64_t start = now_ns();
    for (long b = 0; b < batches; b++) {
        for (long i = 0; i < batch; i++) unit_start(&threads[i], 0, count_run, &ran);
        for (long i = 0; i < batch; i++) unit_join(threads[i]);
    }
    int64_t end = now_ns();
    if (atomic_load(&ran) != batches * batch) fail("only %ld of %ld units ran", atomic_load(&ran), batches * batch);
    return (double)(end - start) / (double)(batches * batch);
}

/* `count` units spawned one at a time, each `pause_ns` after the previous one was joined: for each, the
 * nanoseconds from the spawn call to its first instruction (`first_run`) and to its join returning (`joined`). */
static void one_at_a_time(struct creation *c, long count, int64_t pause_ns, double *first_run, double *joined)
{
    for (long i = 0; i < count; i++) {
        if (pause_ns > 0) sleep_ns(pause_ns);
        pthread_t thread;
        c->ran_at = 0;
        int64_t spawn_at = now_ns();
        unit_start(&thread, 0, note_first_run, c);
        unit_join(thread);
        int64_t joined_at = now_ns();
        if (c->ran_at == 0) fail("first-run unit %ld was joined but never ran", i);
        first_run[i] = (double)(c->ran_at - spawn_at);
        joined[i] = (double)(joined_at - spawn_at);
    }
}

struct creation_warmup {
    struct creation *creation;
    struct unit_flag *flags;
    double *delays, *joined;
};

static void warm_once(void *context)
{
    struct creation_warmup *w = context;
    double total, spawn, join;
    spawn_join(w->creation, w->flags, &total, &spawn, &join);
    one_at_a_time(w->creation, w->creation->units, 0, w->delays, w->joined);
}

void run_creation(const struct spec *spec, struct report *report)
{
    long n = spec->units, most = spec->units > spec->idle_runs ? spec->units : spec->idle_runs;
    struct creation c = { .units = n };
    c.threads = calloc((size_t)n, sizeof *c.threads);
    c.ran = calloc((size_t)n, sizeof *c.ran);
    struct unit_flag *flags = calloc((size_t)n, sizeof *flags);
    double *delays = calloc((size_t)most, sizeof *delays), *joined = calloc((size_t)most, sizeof *joined);
    if (!c.threads || !c.ran || !flags || !delays || !joined) fail("out of memory for %ld units", n);
    for (long i = 0; i < n; i++) flags[i] = (struct unit_flag){ &c, i };
    int64_t idle_pause = (int64_t)spec->idle_pause_us * 1000;

    struct creation_warmup w = { &c, flags, delays, joined };
    warm_up(spec, warm_once, &w);
    one_at_a_time(&c, 2, idle_pause, delays, joined);

    struct series *total = report_add(report, "total", "ns"), *spawn = report_add(report, "spawn", "ns"),
                  *join = report_add(report, "join", "ns"), *batched = report_add(report, "batches-of-20", "ns"),
                  *single = report_add(report, "one-at-a-time", "ns"), *first = report_add(report, "first-run", "ns"),
                  *each = report_add(report, "first-run-each", "ns"), *idle = report_add(report, "first-run-idle", "ns");
    struct counter_tally tally = { 0 };
    for (long s = 0; s < spec->samples; s++) {
        double t, sp, j;
        tally_begin(&tally);
        spawn_join(&c, flags, &t, &sp, &j);
        tally_end(&tally, (double)n);
        series_add(total, t);
        series_add(spawn, sp);
        series_add(join, j);
        series_add(batched, in_batches(n));
        one_at_a_time(&c, n, 0, delays, joined);
        for (long i = 0; i < n; i++) series_add(each, delays[i]);
        series_add(single, median_of(joined, (size_t)n));
        series_add(first, median_of(delays, (size_t)n));
        one_at_a_time(&c, spec->idle_runs, idle_pause, delays, joined);
        series_add(idle, median_of(delays, (size_t)spec->idle_runs));
    }
    tally_attach(&tally, total);
    free(joined);
    free(delays);
    free(flags);
    free((void *)c.ran);
    free(c.threads);
}
