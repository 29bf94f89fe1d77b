/* The monotonic clock in nanoseconds, and precise sleeps on it. */
#ifndef CLOCK_H
#define CLOCK_H

#include <stdint.h>

/* CLOCK_MONOTONIC now, in nanoseconds. */
int64_t now_ns(void);

/* Sleeps until the monotonic clock reads `deadline_ns` (absolute, so wake-ups do not drift). */
void sleep_until_ns(int64_t deadline_ns);

/* Sleeps `duration_ns` in one nanosleep (retried on EINTR). */
void sleep_ns(int64_t duration_ns);

/* Sets the calling thread's timer slack to 1 ns: by default Linux may defer a sleeper's wake-up by 50 µs. */
void use_precise_timers(void);

#endif
