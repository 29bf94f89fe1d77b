/* Discarded runs before the samples. */
#include "warmup.h"

#include "clock.h"

void warm_up(const struct spec *spec, void (*once)(void *context), void *context)
{
    int64_t until = now_ns() + (int64_t)spec->warmup_ms * 1000000;
    for (long i = 0; i < spec->warmup || now_ns() < until; i++) once(context);
}
