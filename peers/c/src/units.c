/* pthread_create / pthread_join with failures turned into BENCH-FAILURE lines. */
#include "units.h"

#include "report.h"

#include <errno.h>
#include <string.h>

void unit_start(pthread_t *thread, size_t stack_bytes, void *(*body)(void *), void *arg)
{
    pthread_attr_t attr, *use = NULL;
    if (stack_bytes != 0) {
        if ((errno = pthread_attr_init(&attr)) != 0) fail_errno("pthread_attr_init");
        if ((errno = pthread_attr_setstacksize(&attr, stack_bytes)) != 0) fail_errno("pthread_attr_setstacksize");
        use = &attr;
    }
    int r = pthread_create(thread, use, body, arg);
    if (use) pthread_attr_destroy(use);
    if (r != 0) { errno = r; fail_errno("pthread_create"); }
}

void unit_join(pthread_t thread)
{
    int r = pthread_join(thread, NULL);
    if (r != 0) { errno = r; fail_errno("pthread_join"); }
}
