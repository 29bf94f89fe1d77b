using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>What each metric measures and how, in the words the report and README use.</summary>
public static class MetricDescriptions
{
    public static string Of(string metric) => metric switch
    {
        MetricIds.Creation =>
            "Spawn N units that each set one flag, then join them all, in one process; the time per unit is the whole "
            + "spawn loop plus the join loop divided by N. `spawn` and `join` split that time. `first-run` is measured in a "
            + "separate pass that spawns the units one at a time into an idle model (each joined before the next) and reads "
            + "the clock before the spawn call and as the unit's first instruction; it is the median unit's delay, i.e. the "
            + "latency of waking a worker or starting a thread, with no queueing. Each sample follows a full GC; warm-up "
            + "passes are discarded.",
        MetricIds.Switch =>
            "`brigade`: 500 units in a chain of AF_UNIX socketpairs pass one byte along; a driver unit writes it in and reads "
            + "it back, every unit adds one (so the driver checks every hop). Time per transfer (R × 501 transfers) minus a "
            + "baseline of the same write+read pair done by one unit with no switch. Threads use blocking read/write; tasks "
            + "use Socket async I/O (epoll). `-raw` and `-baseline` rows show both parts. `pingpong`: two units hand a token "
            + "back and forth through in-memory mailboxes (threads: POSIX semaphores; tasks: Channel<int>); time per token "
            + "crossing. `-pinned` ran the process on one CPU (taskset), `-unpinned` on all.",
        MetricIds.Memory => "Not measured yet.",
        MetricIds.Stall => "Not measured yet.",
        _ => "",
    };
}
