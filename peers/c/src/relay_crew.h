/*
 * The relay threads of a chain (brigade, brigade-pipe, brigade-mem): started once and parked between rounds,
 * each counting the values it forwarded, joined at the end with a check that none skipped a hop.
 */
#ifndef RELAY_CREW_H
#define RELAY_CREW_H

#include <pthread.h>

/* What one relay thread gets: its chain, its place in it and its own hop count. */
struct relay {
    void *chain;
    long index;
    /* Written only by this relay; read after its join. */
    long forwarded;
};

struct relay_crew {
    long units;
    pthread_t *threads;
    struct relay *relays;
};

/* Starts `units` threads running `body(&relays[i])` for the chain `chain`. */
void crew_start(struct relay_crew *crew, long units, void *chain, void *(*body)(void *));

/* Joins every relay (the chain has sent its stop round) and fails unless each forwarded exactly `rounds` + 1
 * values: every round of the run plus the stop round. `what` names the values in the failure. */
void crew_join_checking_hops(struct relay_crew *crew, long rounds, const char *what);

#endif
