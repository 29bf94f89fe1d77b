/*
 * brigade and brigade-pipe: U threads chained by U+1 byte links. The driver (the main thread) writes a
 * one-byte counter into link 0; thread i reads link i, adds one and writes link i+1; the driver reads link U
 * and checks the byte grew by U. A round is U+1 transfers.
 *
 * Shutdown: the driver raises `stopping` and sends one last round. A relay reads the flag right after it
 * receives a byte (never after forwarding it, when the flag may already be up for the next round), forwards
 * the byte and returns, so every relay ends after exactly one more hop: hops == (rounds + 1) * U.
 *
 * Baseline: the same write+read pairs on U+1 links of the same kind, by the driver alone (no switch),
 * interleaved sample by sample with the raw rounds. The links are a second set: the relays are parked in
 * read() on the chain's own links, and a byte written there would wake them.
 */
#include "shapes.h"

#include "byte_link.h"
#include "clock.h"
#include "counters.h"
#include "relay_crew.h"
#include "warmup.h"

#include <stdatomic.h>
#include <stdlib.h>

struct brigade {
    long units;
    struct byte_link *links, *baseline_links;
    struct relay_crew crew;
    /* Raised by the driver before the stop round's byte; read by each relay right after it receives a byte. */
    atomic_bool stopping;
    unsigned char next_byte;
    long rounds_done;
};

static void *forward(void *arg)
{
    struct relay *r = arg;
    struct brigade *b = r->chain;
    const struct byte_link *in = &b->links[r->index], *out = &b->links[r->index + 1];
    while (1) {
        unsigned char byte = link_read(in);
        bool last = atomic_load(&b->stopping);
        link_write(out, (unsigned char)(byte + 1));
        r->forwarded++;
        if (last) return NULL;
    }
}

static void round_trip(struct brigade *b)
{
    unsigned char sent = b->next_byte++, expected = (unsigned char)(sent + b->units);
    link_write(&b->links[0], sent);
    unsigned char back = link_read(&b->links[b->units]);
    if (back != expected) fail("the byte came back as %u, expected %u: a unit skipped a hop", back, expected);
}

/* Nanoseconds per transfer over `rounds` rounds. */
static double run_rounds(struct brigade *b, long rounds)
{
    int64_t start = now_ns();
    for (long r = 0; r < rounds; r++) round_trip(b);
    int64_t elapsed = now_ns() - start;
    b->rounds_done += rounds;
    return (double)elapsed / ((double)(b->units + 1) * rounds);
}

/* Nanoseconds per write+read pair, done by the driver alone on each baseline link in turn. */
static double run_baseline(struct brigade *b, long rounds)
{
    int64_t start = now_ns();
    for (long r = 0; r < rounds; r++)
        for (long l = 0; l <= b->units; l++) {
            unsigned char sent = (unsigned char)(r + l);
            link_write(&b->baseline_links[l], sent);
            unsigned char back = link_read(&b->baseline_links[l]);
            if (back != sent) fail("baseline read %u, wrote %u", back, sent);
        }
    return (double)(now_ns() - start) / ((double)(b->units + 1) * rounds);
}

struct brigade_warmup {
    struct brigade *brigade;
    long rounds;
};

static void warm_once(void *context)
{
    struct brigade_warmup *w = context;
    run_baseline(w->brigade, w->rounds);
    run_rounds(w->brigade, w->rounds);
}

static void stop(struct brigade *b)
{
    atomic_store(&b->stopping, true);
    round_trip(b);
    crew_join_checking_hops(&b->crew, b->rounds_done, "bytes");
    for (long l = 0; l <= b->units; l++) {
        link_close(&b->links[l]);
        link_close(&b->baseline_links[l]);
    }
    free(b->baseline_links);
    free(b->links);
}

void run_brigade(const struct spec *spec, struct report *report)
{
    bool pipe = spec->shape == SHAPE_BRIGADE_PIPE;
    struct brigade b = { .units = spec->units };
    atomic_init(&b.stopping, false);
    b.links = calloc((size_t)spec->units + 1, sizeof *b.links);
    b.baseline_links = calloc((size_t)spec->units + 1, sizeof *b.baseline_links);
    if (!b.links || !b.baseline_links) fail("out of memory for %ld units", b.units);
    for (long l = 0; l <= b.units; l++) {
        link_open(&b.links[l], pipe);
        link_open(&b.baseline_links[l], pipe);
    }
    crew_start(&b.crew, b.units, &b, forward);

    struct brigade_warmup w = { &b, spec->rounds };
    warm_up(spec, warm_once, &w);
    struct series *net = report_add(report, "net", "ns"), *raw = report_add(report, "raw", "ns"),
                  *baseline = report_add(report, "baseline", "ns");
    struct counter_tally tally = { 0 };
    for (long s = 0; s < spec->samples; s++) {
        double pair = run_baseline(&b, spec->rounds);
        tally_begin(&tally);
        double per_transfer = run_rounds(&b, spec->rounds);
        tally_end(&tally, (double)(b.units + 1) * spec->rounds);
        series_add(net, per_transfer - pair);
        series_add(raw, per_transfer);
        series_add(baseline, pair);
    }
    tally_attach(&tally, net);
    stop(&b);
}
