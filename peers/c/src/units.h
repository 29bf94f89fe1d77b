/* Starting and joining the units of the c-thread model: one pthread each. */
#ifndef UNITS_H
#define UNITS_H

#include <pthread.h>
#include <stddef.h>

/* Starts a thread running `body(arg)` with a stack of `stack_bytes` (0: the default, 8 MiB here). */
void unit_start(pthread_t *thread, size_t stack_bytes, void *(*body)(void *), void *arg);

/* Joins a unit's thread. */
void unit_join(pthread_t thread);

#endif
