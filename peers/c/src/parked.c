/*
 * parked, parked-touch, parked-small-stack: N threads alive and parked at once. Each counts itself started,
 * (with touch_bytes 1024) fills 1 KiB of state on its own stack that it keeps across the wait, waits on one
 * gate, checks its state and counts itself finished. Memory is read after every thread has started and
 * before the gate opens, and the counters prove it: started == N and finished == 0 at the reading,
 * finished == N after the join. A small pass of min(N, 100) threads runs first, as the .NET child does.
 *
 * spawn-alive times the creation of the N threads with all of them alive: from just before the first
 * pthread_create to the moment the last thread counted itself started (that thread reads the clock, so the
 * driver's 1 ms polling adds nothing), per unit; before any memory reading.
 */
#include "shapes.h"

#include "clock.h"
#include "gate.h"
#include "proc_memory.h"
#include "units.h"

#include <stdatomic.h>
#include <stdlib.h>

enum { TOUCH_WORDS = 1024 / sizeof(unsigned long long) };

/* How long the units get to start, as the .NET child allows. */
static const int64_t START_TIMEOUT_NS = 120LL * 1000000000;

struct parking {
    long units;
    struct gate gate;
    atomic_long started, finished;
    atomic_long corrupted;
    /* The clock when the last of the units counted itself started (0 until then). */
    _Atomic int64_t all_started_at;
};

/* Counts the calling thread started; the last one reads the clock. */
static void count_started(struct parking *p)
{
    if (atomic_fetch_add(&p->started, 1) + 1 == p->units) atomic_store(&p->all_started_at, now_ns());
}

static void *park_plain(void *arg)
{
    struct parking *p = arg;
    count_started(p);
    gate_wait(&p->gate);
    atomic_fetch_add(&p->finished, 1);
    return NULL;
}

static void *park_touching(void *arg)
{
    struct parking *p = arg;
    unsigned long long state[TOUCH_WORDS];
    for (size_t i = 0; i < TOUCH_WORDS; i++) state[i] = i * 0x0101010101010101ULL;
    /* The state must really be written to this stack and read back after the wait: tell the compiler it escapes. */
    __asm__ volatile("" : : "r"(state) : "memory");
    count_started(p);
    gate_wait(&p->gate);
    __asm__ volatile("" : : "r"(state) : "memory");
    for (size_t i = 0; i < TOUCH_WORDS; i++)
        if (state[i] != i * 0x0101010101010101ULL) atomic_fetch_add(&p->corrupted, 1);
    atomic_fetch_add(&p->finished, 1);
    return NULL;
}

/* Parks `units` threads and reads memory before and while they are all parked; returns the nanoseconds per
 * unit from the first spawn until every unit had started. */
static double park(long units, const struct spec *spec, struct proc_memory *before, struct proc_memory *parked)
{
    struct parking p = { .units = units };
    atomic_init(&p.all_started_at, 0);
    gate_init(&p.gate);
    atomic_init(&p.started, 0);
    atomic_init(&p.finished, 0);
    atomic_init(&p.corrupted, 0);
    pthread_t *threads = calloc((size_t)units, sizeof *threads);
    if (!threads) fail("out of memory for %ld units", units);
    proc_memory_read(before);
    int64_t spawn_at = now_ns();
    for (long i = 0; i < units; i++)
        unit_start(&threads[i], (size_t)spec->stack_bytes, spec->touch_bytes ? park_touching : park_plain, &p);
    int64_t deadline = now_ns() + START_TIMEOUT_NS;
    while (atomic_load(&p.started) < units) {
        if (now_ns() > deadline) fail("only %ld of %ld units started within 120 s", atomic_load(&p.started), units);
        sleep_ns(1000000);
    }
    proc_memory_read(parked);
    long started = atomic_load(&p.started), finished = atomic_load(&p.finished);
    gate_open(&p.gate);
    for (long i = 0; i < units; i++) unit_join(threads[i]);
    if (started != units || finished != 0 || atomic_load(&p.finished) != units)
        fail("units were not all parked at the reading: started %ld, finished %ld, finished after join %ld of %ld",
             started, finished, atomic_load(&p.finished), units);
    if (atomic_load(&p.corrupted) != 0) fail("a parked unit's state was corrupted");
    free(threads);
    gate_destroy(&p.gate);
    return (double)(atomic_load(&p.all_started_at) - spawn_at) / (double)units;
}

void run_parked(const struct spec *spec, struct report *report)
{
    struct proc_memory before, parked;
    park(spec->units < 100 ? spec->units : 100, spec, &before, &parked);
    double spawn_alive = park(spec->units, spec, &before, &parked);
    series_add(report_add(report, "rss", "B"), parked.rss - before.rss);
    series_add(report_add(report, "pss", "B"), parked.pss - before.pss);
    series_add(report_add(report, "page-tables", "B"), parked.page_tables - before.page_tables);
    series_add(report_add(report, "kernel", "B"), kernel_estimate(&before, &parked));
    series_add(report_add(report, "kernel-system", "B"),
               (parked.system_kernel_stack - before.system_kernel_stack) + (parked.system_page_tables - before.system_page_tables)
                   + (parked.system_slab_unreclaimable - before.system_slab_unreclaimable));
    series_add(report_add(report, "threads", "threads"), parked.threads - before.threads);
    series_add(report_add(report, "spawn-alive", "ns"), spawn_alive);
}
