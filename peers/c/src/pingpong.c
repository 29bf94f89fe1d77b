/*
 * pingpong: two threads hand a token back and forth over two capacity-1 semaphore channels; each receive
 * finds its channel empty and sleeps, so every crossing is one switch. The pong thread is started once and
 * answers until it receives STOP_TOKEN; the driver (main thread) is ping and sends the tokens 0, 1, 2, ...
 * of one running sequence. Pong checks it receives them in order, ping that each comes back, and each
 * sample checks 2 * round_trips crossings were counted. After the samples one more pass times every round trip
 * alone (round-trip-each).
 */
#include "shapes.h"

#include "channel.h"
#include "clock.h"
#include "counters.h"
#include "units.h"
#include "warmup.h"

#include <stdatomic.h>

enum { STOP_TOKEN = -1 };

struct pingpong {
    struct channel to_pong, to_ping;
    long next_token;
    /* Written only by pong; read by the driver after a sample, ordered by the channel's semaphores. */
    atomic_long pong_received;
    long ping_received;
};

static void *answer(void *arg)
{
    struct pingpong *p = arg;
    long expected = 0;
    while (1) {
        long token = channel_receive(&p->to_pong);
        if (token == STOP_TOKEN) return NULL;
        if (token != expected) fail("pong received token %ld, expected %ld", token, expected);
        expected++;
        atomic_fetch_add_explicit(&p->pong_received, 1, memory_order_relaxed);
        channel_send(&p->to_ping, token);
    }
}

/* Nanoseconds per crossing over `round_trips` round trips; with `each` non-NULL it also adds every round trip's
 * nanoseconds to it (a separate pass: the two clock reads per trip stay out of the samples). */
static double exchange(struct pingpong *p, long round_trips, struct series *each)
{
    int64_t start = now_ns();
    for (long i = 0; i < round_trips; i++) {
        int64_t trip_start = each ? now_ns() : 0;
        long sent = p->next_token++;
        channel_send(&p->to_pong, sent);
        long back = channel_receive(&p->to_ping);
        if (each) series_add(each, (double)(now_ns() - trip_start));
        if (back != sent) fail("ping got token %ld back, sent %ld", back, sent);
        p->ping_received++;
    }
    return (double)(now_ns() - start) / (2.0 * round_trips);
}

struct pingpong_warmup {
    struct pingpong *pingpong;
    long round_trips;
};

static void warm_once(void *context)
{
    struct pingpong_warmup *w = context;
    exchange(w->pingpong, w->round_trips, NULL);
}

void run_pingpong(const struct spec *spec, struct report *report)
{
    struct pingpong p = { .next_token = 0, .ping_received = 0 };
    atomic_init(&p.pong_received, 0);
    channel_init(&p.to_pong, 1);
    channel_init(&p.to_ping, 1);
    pthread_t pong;
    unit_start(&pong, 0, answer, &p);

    struct pingpong_warmup w = { &p, spec->round_trips };
    warm_up(spec, warm_once, &w);
    struct series *per_switch = report_add(report, "switch", "ns");
    struct counter_tally tally = { 0 };
    for (long s = 0; s < spec->samples; s++) {
        long before = p.ping_received + atomic_load(&p.pong_received);
        tally_begin(&tally);
        double ns = exchange(&p, spec->round_trips, NULL);
        tally_end(&tally, 2.0 * spec->round_trips);
        long crossed = p.ping_received + atomic_load(&p.pong_received) - before;
        if (crossed != 2 * spec->round_trips) fail("%ld tokens crossed, expected %ld", crossed, 2 * spec->round_trips);
        series_add(per_switch, ns);
    }
    tally_attach(&tally, per_switch);
    /* After the samples, so their clock is not read per trip: one pass that times every round trip. */
    exchange(&p, spec->round_trips, report_add(report, "round-trip-each", "ns"));
    channel_send(&p.to_pong, STOP_TOKEN);
    unit_join(pong);
    channel_destroy(&p.to_pong);
    channel_destroy(&p.to_ping);
}
