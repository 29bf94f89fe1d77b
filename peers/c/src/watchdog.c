/* A thread blocked in read(stdin): the parent holds the write end and never writes, so EOF means it is gone. */
#include "watchdog.h"

#include "report.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { PARENT_GONE_EXIT_CODE = 125 };

static void *watch_stdin(void *unused)
{
    (void)unused;
    char buffer[256];
    while (1) {
        ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
        if (n > 0 || (n < 0 && errno == EINTR)) continue;
        _exit(PARENT_GONE_EXIT_CODE); /* EOF or a broken stdin: nobody will read the result */
    }
    return NULL;
}

void watchdog_start_if_asked(void)
{
    const char *pipe = getenv("BENCH_PARENT_PIPE");
    if (!pipe || strcmp(pipe, "stdin") != 0) return;
    pthread_t thread;
    int r = pthread_create(&thread, NULL, watch_stdin, NULL);
    if (r != 0) { errno = r; fail_errno("starting the parent watchdog"); }
    pthread_detach(thread);
}
