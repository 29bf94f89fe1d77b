/*
 * stall: P probe threads wait on their channels; a ticker thread with absolute deadlines every tick_us
 * (timer slack 1 ns) sends each probe every tick, and the probe notes when it ran. Lateness is the time from
 * a tick's scheduled deadline to its probe running. The run has four phases of window_ms / 2, by deadline:
 * baseline, offended, offended, baseline (counterbalanced). In the offended phases `offenders` threads each
 * hold their CPU for hold_us at a time (sleep: nanosleep; spin: a busy loop on the clock; wait: a semaphore
 * the hold timer posts), calling sched_yield only between holds. An offender starts no hold that would end
 * after the offended phases, so no hold leaks into the second baseline.
 *
 * Every tick is observed, including ticks that queue in a probe's channel while it is held off: they count
 * with their full delay when it runs again, so a stall weighs by its length.
 */
#include "shapes.h"

#include "channel.h"
#include "clock.h"
#include "hold_timer.h"
#include "units.h"

#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

enum { STOP_TOKEN = -1, EXTRA_TICKS = 1000 };

struct stall {
    const struct spec *spec;
    int64_t hold_ns, period_ns, start_ns, offended_from_ns, offended_until_ns, end_ns;
    long capacity;
    /* deadline[k] is written by the ticker before it sends tick k; received[p][k] only by probe p. */
    int64_t *deadline;
    int64_t **received;
    struct channel *to_probe;
    /* Ticks sent; written by the ticker, read after its join. */
    long ticks;
    /* Raised by the driver at the end of the offended phases; read by offenders between holds. */
    atomic_bool stop_offenders;
    struct hold_timer timer;
    /* holds[o] and hold_count[o] are written only by offender o and read after its join. */
    double **holds;
    long *hold_count;
};

struct offender {
    struct stall *stall;
    long index;
    sem_t wake;
};

struct probe {
    struct stall *stall;
    long index;
};

static void *probe_run(void *arg)
{
    struct probe *p = arg;
    while (1) {
        long tick = channel_receive(&p->stall->to_probe[p->index]);
        if (tick == STOP_TOKEN) return NULL;
        p->stall->received[p->index][tick] = now_ns();
    }
}

static void *ticker_run(void *arg)
{
    struct stall *s = arg;
    use_precise_timers();
    int64_t next = s->start_ns + s->period_ns;
    while (next <= s->end_ns && s->ticks < s->capacity) { /* the last tick is due at the end of the window */
        sleep_until_ns(next);
        s->deadline[s->ticks] = next;
        for (long p = 0; p < s->spec->probes; p++) channel_send(&s->to_probe[p], s->ticks);
        s->ticks++;
        next += s->period_ns;
    }
    return NULL;
}

static void spin_for(int64_t duration_ns)
{
    int64_t end = now_ns() + duration_ns;
    while (now_ns() < end)
        for (int i = 0; i < 20; i++) {
#if defined(__x86_64__) || defined(__i386__)
            __builtin_ia32_pause();
#endif
        }
}

static void hold(struct offender *o)
{
    struct stall *s = o->stall;
    switch (s->spec->block) {
    case BLOCK_SLEEP: sleep_ns(s->hold_ns); break;
    case BLOCK_SPIN: spin_for(s->hold_ns); break;
    case BLOCK_WAIT:
        hold_timer_wake_at(&s->timer, now_ns() + s->hold_ns, &o->wake);
        while (sem_wait(&o->wake) != 0) { }
        break;
    }
}

static void *offender_run(void *arg)
{
    struct offender *o = arg;
    struct stall *s = o->stall;
    use_precise_timers();
    while (!atomic_load(&s->stop_offenders)) {
        int64_t before = now_ns();
        if (before + s->hold_ns > s->offended_until_ns) break;
        hold(o);
        int64_t after = now_ns();
        if (after <= s->offended_until_ns && s->hold_count[o->index] < s->capacity)
            s->holds[o->index][s->hold_count[o->index]++] = (double)(after - before);
        sched_yield();
    }
    return NULL;
}

/* The measured part: probes, ticker and offenders over the four phases. */
static void stall_once(struct stall *s)
{
    const struct spec *spec = s->spec;
    pthread_t probes[64], ticker, *offenders = calloc((size_t)spec->offenders, sizeof *offenders);
    struct probe probe_args[64];
    struct offender *offender_args = calloc((size_t)spec->offenders, sizeof *offender_args);
    if (!offenders || !offender_args) fail("out of memory for %ld offenders", spec->offenders);
    s->ticks = 0;
    atomic_store(&s->stop_offenders, false);
    for (long p = 0; p < spec->probes; p++) {
        channel_init(&s->to_probe[p], (size_t)s->capacity + 1);
        for (long k = 0; k < s->capacity; k++) s->received[p][k] = 0;
        probe_args[p] = (struct probe){ s, p };
        unit_start(&probes[p], 0, probe_run, &probe_args[p]);
    }
    for (long o = 0; o < spec->offenders; o++) s->hold_count[o] = 0;
    if (spec->block == BLOCK_WAIT) hold_timer_start(&s->timer, spec->offenders);

    s->start_ns = now_ns();
    int64_t phase = (int64_t)spec->window_ms * 1000000 / 2;
    s->offended_from_ns = s->start_ns + phase;
    s->offended_until_ns = s->start_ns + 3 * phase;
    s->end_ns = s->start_ns + 4 * phase;
    unit_start(&ticker, 0, ticker_run, s);
    sleep_until_ns(s->offended_from_ns);
    for (long o = 0; o < spec->offenders; o++) {
        offender_args[o].stall = s;
        offender_args[o].index = o;
        sem_init(&offender_args[o].wake, 0, 0);
        unit_start(&offenders[o], 0, offender_run, &offender_args[o]);
    }
    sleep_until_ns(s->offended_until_ns);
    atomic_store(&s->stop_offenders, true);
    for (long o = 0; o < spec->offenders; o++) {
        unit_join(offenders[o]);
        sem_destroy(&offender_args[o].wake);
    }
    if (spec->block == BLOCK_WAIT) hold_timer_stop(&s->timer);
    unit_join(ticker);
    for (long p = 0; p < spec->probes; p++) {
        channel_send(&s->to_probe[p], STOP_TOKEN);
        unit_join(probes[p]);
        channel_destroy(&s->to_probe[p]);
    }
    free(offender_args);
    free(offenders);
}

static void collect(const struct stall *s, struct report *report)
{
    struct series *baseline = report_add(report, "lateness-baseline", "ns"), *offended = report_add(report, "lateness", "ns");
    for (long k = 0; k < s->ticks; k++) {
        int64_t at = s->deadline[k];
        for (long p = 0; p < s->spec->probes; p++) {
            if (s->received[p][k] == 0) fail("probe %ld never received tick %ld of %ld", p, k, s->ticks);
            double late = (double)(s->received[p][k] - at);
            if (at >= s->offended_from_ns && at < s->offended_until_ns) series_add(offended, late);
            else series_add(baseline, late);
        }
    }
    if (baseline->count < 10 || offended->count == 0)
        fail("too few probe observations: %zu baseline, %zu while offended", baseline->count, offended->count);
    long holds = 0;
    for (long o = 0; o < s->spec->offenders; o++) holds += s->hold_count[o];
    if (holds > 0) { /* a quantity that could not be measured is left out */
        struct series *hold_series = report_add(report, "hold", "ns");
        for (long o = 0; o < s->spec->offenders; o++)
            for (long i = 0; i < s->hold_count[o]; i++) series_add(hold_series, s->holds[o][i]);
    }
    series_add(report_add(report, "holds", "holds"), (double)holds);
}

static void allocate(struct stall *s, const struct spec *spec)
{
    s->spec = spec;
    s->period_ns = (int64_t)spec->tick_us * 1000;
    s->capacity = spec->window_ms * 2000L / spec->tick_us + EXTRA_TICKS;
    s->deadline = calloc((size_t)s->capacity, sizeof *s->deadline);
    s->received = calloc((size_t)spec->probes, sizeof *s->received);
    s->to_probe = calloc((size_t)spec->probes, sizeof *s->to_probe);
    s->holds = calloc((size_t)spec->offenders, sizeof *s->holds);
    s->hold_count = calloc((size_t)spec->offenders, sizeof *s->hold_count);
    if (!s->deadline || !s->received || !s->to_probe || !s->holds || !s->hold_count) fail("out of memory for the stall run");
    for (long p = 0; p < spec->probes; p++)
        if (!(s->received[p] = calloc((size_t)s->capacity, sizeof **s->received))) fail("out of memory for the probes");
    for (long o = 0; o < spec->offenders; o++)
        if (!(s->holds[o] = calloc((size_t)s->capacity, sizeof **s->holds))) fail("out of memory for the holds");
}

static void release(struct stall *s)
{
    for (long p = 0; p < s->spec->probes; p++) free(s->received[p]);
    for (long o = 0; o < s->spec->offenders; o++) free(s->holds[o]);
    free(s->hold_count);
    free(s->holds);
    free(s->to_probe);
    free(s->received);
    free(s->deadline);
}

/* Warm-up runs: 30 ms windows whose offenders hold for 1 µs, so code and caches warm without a real stall. */
static void warm_up_stall(const struct spec *spec)
{
    struct spec short_spec = *spec;
    short_spec.window_ms = 30;
    short_spec.hold_us = 1;
    struct stall s = { 0 };
    allocate(&s, &short_spec);
    s.hold_ns = 1000;
    int64_t until = now_ns() + (int64_t)(spec->warmup_ms < 500 ? spec->warmup_ms : 500) * 1000000;
    for (long i = 0; i < spec->warmup || now_ns() < until; i++) stall_once(&s);
    release(&s);
}

void run_stall(const struct spec *spec, struct report *report)
{
    warm_up_stall(spec);
    struct stall s = { 0 };
    allocate(&s, spec);
    s.hold_ns = (int64_t)spec->hold_us * 1000;
    stall_once(&s);
    collect(&s, report);
    release(&s);
}
