/* The affinity mask as the protocol reports it. */
#define _GNU_SOURCE
#include "affinity.h"

#include "report.h"

#include <sched.h>
#include <stdio.h>

int affinity_list(char *out, size_t size)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) fail_errno("sched_getaffinity");
    int count = 0;
    size_t used = 0;
    out[0] = '\0';
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (!CPU_ISSET(cpu, &set)) continue;
        int n = snprintf(out + used, size - used, "%s%d", count ? "," : "", cpu);
        if (n < 0 || (size_t)n >= size - used) fail("the affinity list does not fit in %zu bytes", size);
        used += (size_t)n;
        count++;
    }
    return count;
}
