/* getrusage(RUSAGE_SELF) deltas around measured regions. */
#include "counters.h"

static void read_usage(struct rusage *usage)
{
    if (getrusage(RUSAGE_SELF, usage) != 0) fail_errno("getrusage");
}

void tally_begin(struct counter_tally *tally)
{
    read_usage(&tally->started);
}

void tally_end(struct counter_tally *tally, double operations)
{
    struct rusage now;
    read_usage(&now);
    tally->voluntary += now.ru_nvcsw - tally->started.ru_nvcsw;
    tally->involuntary += now.ru_nivcsw - tally->started.ru_nivcsw;
    tally->operations += operations;
}

void tally_attach(const struct counter_tally *tally, struct series *series)
{
    if (tally->operations <= 0) return;
    series->has_counters = true;
    series->counters.voluntary_switches = tally->voluntary / tally->operations;
    series->counters.involuntary_switches = tally->involuntary / tally->operations;
}
