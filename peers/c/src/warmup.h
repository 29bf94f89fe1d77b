/* The warm-up of peers/PROTOCOL.md: at least `warmup` discarded runs and for at least `warmup_ms`. */
#ifndef WARMUP_H
#define WARMUP_H

#include "spec.h"

/* Calls `once(context)` until both the run count and the time of the spec's warm-up are reached. */
void warm_up(const struct spec *spec, void (*once)(void *context), void *context);

#endif
