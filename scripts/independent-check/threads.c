/*
 * An independent check of the suite's `thread` column: the same workloads written in plain C on pthreads, with no
 * .NET runtime in the way, so a reader can tell what the OS (kernel, glibc, this VM) charges from what .NET adds.
 *
 *   creation-total        spawn N threads that each set a flag, then join them all; per thread
 *   pingpong-{un,}pinned  two threads hand a token back and forth on POSIX semaphores; per token crossing
 *   brigade-{un,}pinned   U threads chained by AF_UNIX socketpairs pass one byte along, R rounds; per hop, raw
 *                         (with its write+read) and minus a baseline of the same write+read done by one thread
 *
 * "pinned" runs with the whole process on one CPU (sched_setaffinity, inherited by new threads), as `taskset` does.
 * Each figure is the median of REPEATS timed runs (argument 1, default 11, odd, at most 101) after one warm-up run.
 * Output: one "name nanoseconds" line each.
 * Build: gcc -O2 -pthread threads.c -o threads   (scripts/independent-check.sh does it)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { MAX_REPEATS = 101, CREATION_UNITS = 2000, PINGPONG_TOKENS = 20000, BRIGADE_UNITS = 500, BRIGADE_ROUNDS = 20 };

static void die(const char *what)
{
    fprintf(stderr, "independent check: %s: %s\n", what, strerror(errno));
    exit(1);
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int repeats = 11;

/* One warm-up run, then the median of `repeats` runs; each run returns nanoseconds per operation. */
static double median_of(double (*run)(void))
{
    double samples[MAX_REPEATS];
    run();
    for (int i = 0; i < repeats; i++) samples[i] = run();
    qsort(samples, repeats, sizeof samples[0], compare_doubles);
    return samples[repeats / 2];
}

/* ---- creation ---- */

static volatile int flags[CREATION_UNITS];

static void *set_flag(void *arg)
{
    flags[(long)arg] = 1;
    return NULL;
}

static double creation_run(void)
{
    static pthread_t threads[CREATION_UNITS];
    double start = now_ns();
    for (long i = 0; i < CREATION_UNITS; i++)
        if ((errno = pthread_create(&threads[i], NULL, set_flag, (void *)i)) != 0) die("pthread_create");
    for (int i = 0; i < CREATION_UNITS; i++) pthread_join(threads[i], NULL);
    double elapsed = now_ns() - start;
    for (int i = 0; i < CREATION_UNITS; i++) {
        if (!flags[i]) { errno = 0; die("a created thread never ran"); }
        flags[i] = 0;
    }
    return elapsed / CREATION_UNITS;
}

/* ---- ping-pong ---- */

static sem_t ping, pong;

static void *ponger(void *arg)
{
    (void)arg;
    for (int i = 0; i < PINGPONG_TOKENS; i++) {
        sem_wait(&ping);
        sem_post(&pong);
    }
    return NULL;
}

static double pingpong_run(void)
{
    pthread_t other;
    sem_init(&ping, 0, 0);
    sem_init(&pong, 0, 0);
    if ((errno = pthread_create(&other, NULL, ponger, NULL)) != 0) die("pthread_create");
    double start = now_ns();
    for (int i = 0; i < PINGPONG_TOKENS; i++) {
        sem_post(&ping);
        sem_wait(&pong);
    }
    double elapsed = now_ns() - start;
    pthread_join(other, NULL);
    sem_destroy(&ping);
    sem_destroy(&pong);
    return elapsed / (2.0 * PINGPONG_TOKENS); /* two crossings per round trip */
}

/* ---- brigade ---- */

static int links[BRIGADE_UNITS + 1][2]; /* link i: [0] written by unit i-1 (or the driver), [1] read by unit i */

static void *relay(void *arg)
{
    long i = (long)arg;
    unsigned char byte;
    for (int r = 0; r <= BRIGADE_ROUNDS; r++) { /* one untimed round first */
        if (read(links[i][1], &byte, 1) != 1) die("brigade read");
        byte++;
        if (write(links[i + 1][0], &byte, 1) != 1) die("brigade write");
    }
    return NULL;
}

static void brigade_round(void)
{
    unsigned char byte = 0;
    if (write(links[0][0], &byte, 1) != 1) die("driver write");
    if (read(links[BRIGADE_UNITS][1], &byte, 1) != 1) die("driver read");
    if (byte != (unsigned char)BRIGADE_UNITS) { errno = 0; die("the byte missed a hop"); }
}

static double brigade_run(void)
{
    static pthread_t threads[BRIGADE_UNITS];
    for (int i = 0; i <= BRIGADE_UNITS; i++)
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, links[i]) != 0) die("socketpair");
    for (long i = 0; i < BRIGADE_UNITS; i++)
        if ((errno = pthread_create(&threads[i], NULL, relay, (void *)i)) != 0) die("pthread_create");
    brigade_round(); /* every relay has started and blocked in read once before the clock runs */
    double start = now_ns();
    for (int r = 0; r < BRIGADE_ROUNDS; r++) brigade_round();
    double elapsed = now_ns() - start;
    for (int i = 0; i < BRIGADE_UNITS; i++) pthread_join(threads[i], NULL);
    for (int i = 0; i <= BRIGADE_UNITS; i++) { close(links[i][0]); close(links[i][1]); }
    return elapsed / ((double)BRIGADE_ROUNDS * (BRIGADE_UNITS + 1)); /* U relays + the driver's own hop */
}

/* The same write+read on one socketpair by one thread: the I/O a hop costs without a switch. */
static double brigade_baseline_run(void)
{
    int pair[2];
    unsigned char byte = 0;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) die("socketpair");
    enum { OPS = 20000 };
    double start = now_ns();
    for (int i = 0; i < OPS; i++) {
        if (write(pair[0], &byte, 1) != 1) die("baseline write");
        if (read(pair[1], &byte, 1) != 1) die("baseline read");
    }
    double elapsed = now_ns() - start;
    close(pair[0]);
    close(pair[1]);
    return elapsed / OPS;
}

static void report_switches(const char *affinity)
{
    double raw = median_of(brigade_run), baseline = median_of(brigade_baseline_run);
    printf("brigade-%s-raw %.1f\n", affinity, raw);
    printf("brigade-%s %.1f\n", affinity, raw - baseline);
    printf("pingpong-%s %.1f\n", affinity, median_of(pingpong_run));
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        char *end;
        long asked = strtol(argv[1], &end, 10);
        if (*end != '\0' || asked < 1 || asked > MAX_REPEATS || asked % 2 == 0) {
            fprintf(stderr, "independent check: repeats must be an odd number from 1 to %d, not '%s'\n", MAX_REPEATS, argv[1]);
            return 2;
        }
        repeats = (int)asked;
    }
    printf("creation-total %.1f\n", median_of(creation_run));
    report_switches("unpinned");

    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu(), &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) die("sched_setaffinity");
    report_switches("pinned");
    return 0;
}
