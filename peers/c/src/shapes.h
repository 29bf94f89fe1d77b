/* The shapes of peers/PROTOCOL.md section 2, each adding its quantities, in the table's order, to a report. */
#ifndef SHAPES_H
#define SHAPES_H

#include "report.h"
#include "spec.h"

void run_creation(const struct spec *spec, struct report *report);
void run_brigade(const struct spec *spec, struct report *report);
void run_brigade_mem(const struct spec *spec, struct report *report);
void run_pingpong(const struct spec *spec, struct report *report);
void run_yield(const struct spec *spec, struct report *report);
void run_parked(const struct spec *spec, struct report *report);
void run_stall(const struct spec *spec, struct report *report);

/* The median of `values` (sorted in place). */
double median_of(double *values, size_t count);

#endif
