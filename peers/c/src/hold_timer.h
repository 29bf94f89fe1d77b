/*
 * Wakes waiters at precise moments from one dedicated thread, so that a `wait` offender can block on an
 * event another thread sets after exactly hold_us (as harness/Harness/Workloads/HoldTimer.cs does for .NET).
 */
#ifndef HOLD_TIMER_H
#define HOLD_TIMER_H

#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdint.h>

struct pending_wake {
    int64_t deadline_ns;
    sem_t *wake;
};

struct hold_timer {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    /* Guarded by `lock`: the waits not yet due (one per offender at most) and the stop request. */
    struct pending_wake *pending;
    long count, capacity;
    bool stopping;
};

/* Starts the timer thread for at most `waiters` waits pending at once. */
void hold_timer_start(struct hold_timer *timer, long waiters);

/* Posts `wake` when the monotonic clock reaches `deadline_ns`. */
void hold_timer_wake_at(struct hold_timer *timer, int64_t deadline_ns, sem_t *wake);

/* Stops and joins the timer thread (pending waits are posted first). */
void hold_timer_stop(struct hold_timer *timer);

#endif
