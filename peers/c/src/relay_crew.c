/* Starting, joining and counting the relays of a chain. */
#include "relay_crew.h"

#include "report.h"
#include "units.h"

#include <stdlib.h>

void crew_start(struct relay_crew *crew, long units, void *chain, void *(*body)(void *))
{
    crew->units = units;
    crew->threads = calloc((size_t)units, sizeof *crew->threads);
    crew->relays = calloc((size_t)units, sizeof *crew->relays);
    if (!crew->threads || !crew->relays) fail("out of memory for %ld units", units);
    for (long i = 0; i < units; i++) {
        crew->relays[i] = (struct relay){ chain, i, 0 };
        unit_start(&crew->threads[i], 0, body, &crew->relays[i]);
    }
}

void crew_join_checking_hops(struct relay_crew *crew, long rounds, const char *what)
{
    long hops = 0;
    for (long i = 0; i < crew->units; i++) {
        unit_join(crew->threads[i]);
        hops += crew->relays[i].forwarded;
    }
    long expected = (rounds + 1) * crew->units;
    if (hops != expected) fail("units forwarded %ld %s, expected %ld", hops, what, expected);
    free(crew->relays);
    free(crew->threads);
}
