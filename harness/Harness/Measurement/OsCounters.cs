using Harness.Native;

namespace Harness.Measurement;

/// <summary>
/// Process-wide scheduler counters: voluntary and involuntary context switches from getrusage(RUSAGE_SELF),
/// plus the ThreadPool's completed work items and the runtime's lock contentions.
/// </summary>
/// <remarks>
/// /proc/self/status also shows voluntary_ctxt_switches, but only for the main thread; getrusage sums every
/// thread of the process, including threads that have already exited, which is what a thread-per-unit
/// workload needs.
/// </remarks>
public readonly record struct OsCounters(long Voluntary, long Involuntary, long CompletedWorkItems, long LockContentions)
{
    public static OsCounters Read()
    {
        Libc.RUsage usage = Libc.GetRusageSelf();
        return new OsCounters(usage.Nvcsw, usage.Nivcsw, ThreadPool.CompletedWorkItemCount, Monitor.LockContentionCount);
    }

    public static OsCounters operator -(OsCounters after, OsCounters before) => new(
        after.Voluntary - before.Voluntary,
        after.Involuntary - before.Involuntary,
        after.CompletedWorkItems - before.CompletedWorkItems,
        after.LockContentions - before.LockContentions);
}
