/*
 * The hold timer's thread: it sleeps on its condition variable while the nearest deadline is more than 2 ms
 * away (until 1 ms before it), and in nanosleep slices of at most 200 µs (timer slack 1 ns) closer in; it posts
 * every due wake outside the lock.
 */
#include "hold_timer.h"

#include "clock.h"
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

enum { FAR_NS = 2000000, EARLY_NS = 1000000, SLICE_NS = 200000 };

/* Moves the due waits into `due`; returns how many, and the time to sleep (0: wait on the condition). */
static long take_due(struct hold_timer *t, sem_t **due, int64_t *sleep_for, int64_t *wait_until)
{
    int64_t now = now_ns(), nearest = INT64_MAX;
    long taken = 0;
    for (long i = 0; i < t->count;) {
        if (t->pending[i].deadline_ns <= now) {
            due[taken++] = t->pending[i].wake;
            t->pending[i] = t->pending[--t->count];
        } else {
            if (t->pending[i].deadline_ns < nearest) nearest = t->pending[i].deadline_ns;
            i++;
        }
    }
    *sleep_for = 0;
    *wait_until = 0;
    if (taken == 0 && t->count > 0) {
        if (nearest - now > FAR_NS) *wait_until = nearest - EARLY_NS;
        else *sleep_for = nearest - now < SLICE_NS ? nearest - now : SLICE_NS;
    }
    return taken;
}

static void *run(void *arg)
{
    struct hold_timer *t = arg;
    use_precise_timers();
    sem_t **due = calloc((size_t)t->capacity, sizeof *due);
    if (!due) fail("out of memory for the hold timer");
    while (1) {
        int64_t sleep_for, wait_until;
        pthread_mutex_lock(&t->lock);
        while (t->count == 0 && !t->stopping) pthread_cond_wait(&t->changed, &t->lock);
        if (t->count == 0 && t->stopping) { pthread_mutex_unlock(&t->lock); break; }
        long taken = take_due(t, due, &sleep_for, &wait_until);
        if (wait_until > 0) {
            struct timespec at = { (time_t)(wait_until / 1000000000), (long)(wait_until % 1000000000) };
            pthread_cond_timedwait(&t->changed, &t->lock, &at);
        }
        pthread_mutex_unlock(&t->lock);
        for (long i = 0; i < taken; i++)
            if (sem_post(due[i]) != 0) fail_errno("sem_post");
        if (sleep_for > 0) sleep_ns(sleep_for);
    }
    free(due);
    return NULL;
}

void hold_timer_start(struct hold_timer *t, long waiters)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&t->changed, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_init(&t->lock, NULL);
    t->pending = calloc((size_t)waiters, sizeof *t->pending);
    if (!t->pending) fail("out of memory for the hold timer");
    t->count = 0;
    t->capacity = waiters;
    t->stopping = false;
    int r = pthread_create(&t->thread, NULL, run, t);
    if (r != 0) { errno = r; fail_errno("starting the hold timer"); }
}

void hold_timer_wake_at(struct hold_timer *t, int64_t deadline_ns, sem_t *wake)
{
    pthread_mutex_lock(&t->lock);
    if (t->count == t->capacity) fail("more waits pending than the hold timer was sized for");
    t->pending[t->count++] = (struct pending_wake){ deadline_ns, wake };
    pthread_cond_signal(&t->changed);
    pthread_mutex_unlock(&t->lock);
}

void hold_timer_stop(struct hold_timer *t)
{
    pthread_mutex_lock(&t->lock);
    t->stopping = true;
    pthread_cond_signal(&t->changed);
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->thread, NULL);
    pthread_cond_destroy(&t->changed);
    pthread_mutex_destroy(&t->lock);
    free(t->pending);
}
