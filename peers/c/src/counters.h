/* Sums OS context switches (getrusage) over the measured regions of a quantity, and their operations. */
#ifndef COUNTERS_H
#define COUNTERS_H

#include "report.h"

#include <sys/resource.h>

struct counter_tally {
    long voluntary, involuntary;
    double operations;
    struct rusage started;
};

/* Marks the start of a measured region. */
void tally_begin(struct counter_tally *tally);

/* Ends the region begun last, which did `operations` operations. */
void tally_end(struct counter_tally *tally, double operations);

/* Attaches the switches per operation to `series`. */
void tally_attach(const struct counter_tally *tally, struct series *series);

#endif
