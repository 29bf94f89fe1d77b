/* The scenario spec of peers/PROTOCOL.md, checked: every key known, present, of its type and in range. */
#ifndef SPEC_H
#define SPEC_H

#include <stdbool.h>
#include <stddef.h>

enum shape {
    SHAPE_SPAWN_JOIN, SHAPE_BRIGADE, SHAPE_BRIGADE_PIPE, SHAPE_BRIGADE_MEM, SHAPE_PINGPONG, SHAPE_YIELD,
    SHAPE_PARKED, SHAPE_PARKED_TOUCH, SHAPE_PARKED_SMALL_STACK, SHAPE_STALL,
};

enum block_kind { BLOCK_SLEEP, BLOCK_SPIN, BLOCK_WAIT };

/* The model this peer runs. */
#define MODEL_ID "c-thread"

struct spec {
    enum shape shape;
    const char *shape_name;
    bool pinned;
    long warmup, warmup_ms, samples;
    /* Shape fields; those the shape does not list stay 0. */
    long units, rounds, idle_runs, idle_pause_us, round_trips, yields, touch_bytes, stack_bytes;
    long probes, offenders, hold_us, window_ms, tick_us;
    enum block_kind block;
};

/* Parses and checks `json`. Returns 0, or -1 with one line of what is wrong in `error`. */
int spec_parse(const char *json, struct spec *out, char *error, size_t error_size);

#endif
