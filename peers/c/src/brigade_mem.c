/*
 * brigade-mem: Blandy's in-memory brigade. U threads chained by U+1 capacity-1 channels (blocking handoffs
 * on POSIX semaphores) pass an integer counter: the driver sends it into channel 0, thread i receives from
 * channel i and sends counter+1 into channel i+1, the driver receives it from channel U and checks it grew
 * by exactly U. A round is U+1 transfers. Shutdown as in brigade.c: a relay reads the stop flag right after
 * receiving, forwards once more and returns.
 */
#include "shapes.h"

#include "channel.h"
#include "clock.h"
#include "counters.h"
#include "relay_crew.h"
#include "warmup.h"

#include <stdatomic.h>
#include <stdlib.h>

struct chain {
    long units;
    struct channel *channels;
    struct relay_crew crew;
    /* Raised by the driver before the stop round's counter; read by each relay right after it receives. */
    atomic_bool stopping;
    long next_counter, rounds_done;
};

static void *forward(void *arg)
{
    struct relay *r = arg;
    struct chain *c = r->chain;
    while (1) {
        long counter = channel_receive(&c->channels[r->index]);
        bool last = atomic_load(&c->stopping);
        channel_send(&c->channels[r->index + 1], counter + 1);
        r->forwarded++;
        if (last) return NULL;
    }
}

static void round_trip(struct chain *c)
{
    long sent = c->next_counter;
    c->next_counter += 1000000; /* each round's counter differs from the last round's */
    channel_send(&c->channels[0], sent);
    long back = channel_receive(&c->channels[c->units]);
    if (back != sent + c->units) fail("the counter came back as %ld, expected %ld: a unit skipped a hop", back, sent + c->units);
}

static double run_rounds(struct chain *c, long rounds)
{
    int64_t start = now_ns();
    for (long r = 0; r < rounds; r++) round_trip(c);
    int64_t elapsed = now_ns() - start;
    c->rounds_done += rounds;
    return (double)elapsed / ((double)(c->units + 1) * rounds);
}

struct chain_warmup {
    struct chain *chain;
    long rounds;
};

static void warm_once(void *context)
{
    struct chain_warmup *w = context;
    run_rounds(w->chain, w->rounds);
}

void run_brigade_mem(const struct spec *spec, struct report *report)
{
    struct chain c = { .units = spec->units };
    atomic_init(&c.stopping, false);
    c.channels = calloc((size_t)c.units + 1, sizeof *c.channels);
    if (!c.channels) fail("out of memory for %ld units", c.units);
    for (long l = 0; l <= c.units; l++) channel_init(&c.channels[l], 1);
    crew_start(&c.crew, c.units, &c, forward);

    struct chain_warmup w = { &c, spec->rounds };
    warm_up(spec, warm_once, &w);
    struct series *raw = report_add(report, "raw", "ns");
    struct counter_tally tally = { 0 };
    for (long s = 0; s < spec->samples; s++) {
        tally_begin(&tally);
        series_add(raw, run_rounds(&c, spec->rounds));
        tally_end(&tally, (double)(c.units + 1) * spec->rounds);
    }
    tally_attach(&tally, raw);

    atomic_store(&c.stopping, true);
    round_trip(&c);
    crew_join_checking_hops(&c.crew, c.rounds_done, "counters");
    for (long l = 0; l <= c.units; l++) channel_destroy(&c.channels[l]);
    free(c.channels);
}
