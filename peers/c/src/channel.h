/*
 * A bounded channel of integers between one sender thread and one receiver thread, blocking on POSIX
 * semaphores: `free` counts empty slots (a sender waits on it when the channel is full), `filled` counts
 * values (the receiver sleeps on it when the channel is empty). Capacity 1 is a blocking handoff.
 */
#ifndef CHANNEL_H
#define CHANNEL_H

#include <semaphore.h>
#include <stddef.h>

struct channel {
    long *slots;
    size_t capacity;
    /* Written only by the sender; the sem_post on `filled` publishes the slot it wrote. */
    size_t tail;
    /* Written only by the receiver; the sem_post on `free` hands the slot back. */
    size_t head;
    sem_t free, filled;
};

void channel_init(struct channel *channel, size_t capacity);
void channel_destroy(struct channel *channel);

/* Waits for a free slot, then stores `value` and wakes the receiver. */
void channel_send(struct channel *channel, long value);

/* Waits for a value and takes it. */
long channel_receive(struct channel *channel);

#endif
