/* Formatting the BENCH-RESULT and BENCH-FAILURE lines of peers/PROTOCOL.md section 3. */
#include "report.h"

#include "affinity.h"

#include <errno.h>
#include <gnu/libc-version.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct series *report_add(struct report *report, const char *quantity, const char *unit)
{
    if (report->count == MAX_SERIES) fail("too many quantities in one report");
    struct series *s = &report->series[report->count++];
    memset(s, 0, sizeof *s);
    s->quantity = quantity;
    s->unit = unit;
    return s;
}

void series_add(struct series *series, double sample)
{
    if (!isfinite(sample)) fail("quantity %s measured a non-finite sample", series->quantity);
    if (series->count == series->capacity) {
        series->capacity = series->capacity ? series->capacity * 2 : 16;
        series->samples = realloc(series->samples, series->capacity * sizeof *series->samples);
        if (!series->samples) fail("out of memory for the samples of %s", series->quantity);
    }
    series->samples[series->count++] = sample;
}

void report_print(const struct report *report)
{
    char cpus[4096];
    int cpu_count = affinity_list(cpus, sizeof cpus);
    printf("BENCH-RESULT {\"series\":[");
    for (size_t i = 0; i < report->count; i++) {
        const struct series *s = &report->series[i];
        printf("%s{\"quantity\":\"%s\",\"unit\":\"%s\",\"samples\":[", i ? "," : "", s->quantity, s->unit);
        for (size_t k = 0; k < s->count; k++) printf("%s%.15g", k ? "," : "", s->samples[k]);
        printf("]");
        if (s->has_counters)
            printf(",\"counters\":{\"voluntary_switches\":%.15g,\"involuntary_switches\":%.15g}",
                   s->counters.voluntary_switches, s->counters.involuntary_switches);
        printf("}");
    }
    /* A thread model uses every CPU it may run on: the processor count is the affinity mask's. */
    printf("],\"affinity\":\"%s\",\"processor_count\":%d,\"runtime\":\"C pthreads (gcc %s, glibc %s)\"}\n",
           cpus, cpu_count, __VERSION__, gnu_get_libc_version());
    fflush(stdout);
}

_Noreturn void fail(const char *format, ...)
{
    char message[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    for (char *p = message; *p; p++)
        if (*p == '\n' || *p == '\r') *p = ' ';
    printf("BENCH-FAILURE %s\n", message);
    fflush(stdout);
    exit(3);
}

_Noreturn void fail_errno(const char *what)
{
    fail("%s: %s", what, strerror(errno));
}
