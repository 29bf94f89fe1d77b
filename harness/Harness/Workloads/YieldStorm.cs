using System.Diagnostics;
using Harness.Models;

namespace Harness.Workloads;

/// <summary>
/// Yield storm: U units each yield R times (the green runtime's target workload: 200 units yielding at once, ScenarioPlan's count each),
/// all at once; time per yield. Threads call sched_yield, tasks await Task.Yield, green units await
/// GreenUnit.Yield, so every yield hands the CPU or the worker to another ready unit.
/// </summary>
public static class YieldStorm
{
    /// <summary>Yields every unit made, and how long the storm took from release to the last join.</summary>
    public readonly record struct Result(long Yields, double ElapsedNs)
    {
        public double NsPerYield => ElapsedNs / Yields;
    }

    public static Result Run(ExecutionModel model, int units, int yieldsPerUnit)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(yieldsPerUnit);
        IGate start = model.CreateGate();
        var counts = new long[units];
        int ready = 0;
        var handles = new IUnit[units];
        for (int i = 0; i < units; i++)
        {
            int index = i;
            handles[i] = model.Spawn(async () =>
            {
                Interlocked.Increment(ref ready);
                await start.WaitAsync();
                for (int y = 0; y < yieldsPerUnit; y++)
                {
                    await model.Yield();
                    counts[index]++;
                }
            });
        }
        // Every unit is spawned and parked before the clock starts, so the storm times yields, not spawns.
        SpinWait.SpinUntil(() => Volatile.Read(ref ready) == units);
        long begin = Stopwatch.GetTimestamp();
        start.Open();
        foreach (IUnit handle in handles) handle.Join();
        double elapsed = CreationWorkload.Nanoseconds(Stopwatch.GetTimestamp() - begin);
        long yields = counts.Sum();
        long expected = (long)units * yieldsPerUnit;
        return yields == expected
            ? new Result(yields, elapsed)
            : throw new InvalidOperationException($"{yields} yields counted, expected {expected}");
    }
}
