/* The monotonic clock and precise sleeps. */
#include "clock.h"

#include "report.h"

#include <errno.h>
#include <sys/prctl.h>
#include <time.h>

int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static struct timespec to_timespec(int64_t ns)
{
    struct timespec ts = { (time_t)(ns / 1000000000), (long)(ns % 1000000000) };
    return ts;
}

void sleep_until_ns(int64_t deadline_ns)
{
    struct timespec at = to_timespec(deadline_ns);
    int r;
    while ((r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL)) == EINTR) { }
    if (r != 0) { errno = r; fail_errno("clock_nanosleep"); }
}

void sleep_ns(int64_t duration_ns)
{
    struct timespec request = to_timespec(duration_ns), remaining;
    while (nanosleep(&request, &remaining) != 0) {
        if (errno != EINTR) fail_errno("nanosleep");
        request = remaining;
    }
}

void use_precise_timers(void)
{
    if (prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL) != 0) fail_errno("prctl(PR_SET_TIMERSLACK)");
}
