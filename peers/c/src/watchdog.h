/* The parent watch of peers/PROTOCOL.md: with BENCH_PARENT_PIPE=stdin, exit 125 when stdin reaches EOF. */
#ifndef WATCHDOG_H
#define WATCHDOG_H

/* Starts the watchdog thread if the environment asks for it. */
void watchdog_start_if_asked(void);

#endif
