/* A gate many threads wait on until it is opened once (mutex + condition variable, no spinning). */
#ifndef GATE_H
#define GATE_H

#include <pthread.h>
#include <stdbool.h>

struct gate {
    pthread_mutex_t lock;
    pthread_cond_t opened;
    /* Guarded by `lock`. */
    bool open;
};

void gate_init(struct gate *gate);
void gate_destroy(struct gate *gate);
void gate_wait(struct gate *gate);
void gate_open(struct gate *gate);

#endif
