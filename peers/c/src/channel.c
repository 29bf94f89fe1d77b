/* The semaphore channel: one sender, one receiver, a ring of `capacity` slots. */
#include "channel.h"

#include "report.h"

#include <errno.h>
#include <stdlib.h>

void channel_init(struct channel *c, size_t capacity)
{
    c->slots = calloc(capacity, sizeof *c->slots);
    if (!c->slots) fail("out of memory for a channel of %zu", capacity);
    c->capacity = capacity;
    c->head = c->tail = 0;
    if (sem_init(&c->free, 0, (unsigned)capacity) != 0 || sem_init(&c->filled, 0, 0) != 0) fail_errno("sem_init");
}

void channel_destroy(struct channel *c)
{
    sem_destroy(&c->free);
    sem_destroy(&c->filled);
    free(c->slots);
}

static void wait_on(sem_t *semaphore)
{
    while (sem_wait(semaphore) != 0)
        if (errno != EINTR) fail_errno("sem_wait");
}

void channel_send(struct channel *c, long value)
{
    wait_on(&c->free);
    c->slots[c->tail] = value;
    c->tail = (c->tail + 1) % c->capacity;
    if (sem_post(&c->filled) != 0) fail_errno("sem_post");
}

long channel_receive(struct channel *c)
{
    wait_on(&c->filled);
    long value = c->slots[c->head];
    c->head = (c->head + 1) % c->capacity;
    if (sem_post(&c->free) != 0) fail_errno("sem_post");
    return value;
}
