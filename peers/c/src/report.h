/* The child's answer (peers/PROTOCOL.md section 3): quantities with their samples, or one failure line. */
#ifndef REPORT_H
#define REPORT_H

#include <stdbool.h>
#include <stddef.h>

/* OS context switches per operation over a quantity's samples, from getrusage(RUSAGE_SELF). */
struct counters {
    double voluntary_switches, involuntary_switches;
};

/* One quantity: its name, its unit and its samples (finite numbers only). */
struct series {
    const char *quantity;
    const char *unit;
    double *samples;
    size_t count, capacity;
    bool has_counters;
    struct counters counters;
};

enum { MAX_SERIES = 8 };

struct report {
    struct series series[MAX_SERIES];
    size_t count;
};

/* Adds an empty quantity to the report and returns it. */
struct series *report_add(struct report *report, const char *quantity, const char *unit);

/* Appends one sample (a non-finite one is a failure of the scenario, never sent). */
void series_add(struct series *series, double sample);

/* Prints the BENCH-RESULT line. */
void report_print(const struct report *report);

/* Prints `BENCH-FAILURE <message>` and exits 3. */
_Noreturn void fail(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* fail() with strerror(errno) appended: for a failed system call. */
_Noreturn void fail_errno(const char *what);

#endif
