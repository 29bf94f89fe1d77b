/*
 * yield: U threads each call sched_yield `yields` times, all at once. Every thread is started and has
 * counted itself ready (it then waits on a gate) before the clock starts; the clock runs from opening the
 * gate to the last join, and the yields counted must be U * yields.
 */
#include "shapes.h"

#include "clock.h"
#include "counters.h"
#include "gate.h"
#include "units.h"
#include "warmup.h"

#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

struct storm {
    long units, yields;
    struct gate start;
    atomic_long ready;
    /* counts[i] is written only by unit i and read after its join. */
    long *counts;
    pthread_t *threads;
};

struct yielder {
    struct storm *storm;
    long index;
};

static void *yield_many(void *arg)
{
    struct yielder *y = arg;
    struct storm *s = y->storm;
    atomic_fetch_add(&s->ready, 1);
    gate_wait(&s->start);
    for (long i = 0; i < s->yields; i++) {
        sched_yield();
        s->counts[y->index]++;
    }
    return NULL;
}

/* Nanoseconds per yield of one storm. */
static double storm_once(struct storm *s, struct yielder *yielders)
{
    gate_init(&s->start);
    atomic_store(&s->ready, 0);
    for (long i = 0; i < s->units; i++) {
        s->counts[i] = 0;
        unit_start(&s->threads[i], 0, yield_many, &yielders[i]);
    }
    while (atomic_load(&s->ready) < s->units) sched_yield();
    int64_t begin = now_ns();
    gate_open(&s->start);
    long yields = 0;
    for (long i = 0; i < s->units; i++) {
        unit_join(s->threads[i]);
        yields += s->counts[i];
    }
    int64_t elapsed = now_ns() - begin;
    gate_destroy(&s->start);
    if (yields != s->units * s->yields) fail("%ld yields counted, expected %ld", yields, s->units * s->yields);
    return (double)elapsed / (double)yields;
}

struct storm_warmup {
    struct storm *storm;
    struct yielder *yielders;
};

static void warm_once(void *context)
{
    struct storm_warmup *w = context;
    storm_once(w->storm, w->yielders);
}

void run_yield(const struct spec *spec, struct report *report)
{
    struct storm s = { .units = spec->units, .yields = spec->yields };
    s.counts = calloc((size_t)s.units, sizeof *s.counts);
    s.threads = calloc((size_t)s.units, sizeof *s.threads);
    struct yielder *yielders = calloc((size_t)s.units, sizeof *yielders);
    if (!s.counts || !s.threads || !yielders) fail("out of memory for %ld units", s.units);
    for (long i = 0; i < s.units; i++) yielders[i] = (struct yielder){ &s, i };

    struct storm_warmup w = { &s, yielders };
    warm_up(spec, warm_once, &w);
    struct series *per_yield = report_add(report, "yield", "ns");
    struct counter_tally tally = { 0 };
    for (long i = 0; i < spec->samples; i++) {
        tally_begin(&tally);
        series_add(per_yield, storm_once(&s, yielders));
        tally_end(&tally, (double)s.units * s.yields);
    }
    tally_attach(&tally, per_yield);
    free(yielders);
    free(s.threads);
    free(s.counts);
}
