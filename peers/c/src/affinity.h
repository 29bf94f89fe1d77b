/* The CPUs this process may run on (sched_getaffinity). */
#ifndef AFFINITY_H
#define AFFINITY_H

#include <stddef.h>

/* Writes the CPUs as "0,1,3" into `out` and returns how many there are. */
int affinity_list(char *out, size_t size);

#endif
