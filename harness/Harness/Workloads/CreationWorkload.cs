using System.Diagnostics;
using Harness.Models;

namespace Harness.Workloads;

// Workloads/: the measured work, written once against Models/ExecutionModel and run unchanged under every model:
// CreationWorkload (spawn and join), Brigade and PingPong (switches over links and handoffs), YieldStorm, ParkedUnits
// (memory of N parked units) and StallWorkload (probe lateness while offenders hold workers, by a BlockKind, timed by
// HoldTimer). TimedUnit times a loop inside one unit. A scenario (Scenarios/ScenarioRunner) runs one of them per
// sample.

/// <summary>
/// Creation: spawn N units that each do trivial work (write one flag), then join them all.
/// Reports the whole cost per unit and, separately, the spawn loop and the join loop.
/// </summary>
/// <remarks>
/// The body is the same closure under every model. The delay from a unit's spawn call to its first
/// instruction is measured in a separate pass (<see cref="MeasureFirstRunDelays"/>), one unit at a time:
/// in the batch, the median unit's delay would mostly be queueing behind the units spawned before it, and
/// reading the clock twice per unit would add ~40 ns to the headline pass, a visible share of a task's cost.
/// </remarks>
public static class CreationWorkload
{
    /// <summary>Times in nanoseconds per unit, and how many units proved they ran.</summary>
    public readonly record struct Result(int Units, int Ran, double TotalNs, double SpawnNs, double JoinNs);

    public static Result Run(ExecutionModel model, int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        var ran = new bool[units];
        var handles = new IUnit[units];

        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < units; i++)
        {
            int index = i;
            handles[i] = model.Spawn(() =>
            {
                ran[index] = true;
                return ValueTask.CompletedTask;
            });
        }
        long spawned = Stopwatch.GetTimestamp();
        foreach (IUnit handle in handles) handle.Join();
        long joined = Stopwatch.GetTimestamp();

        return new Result(
            units,
            ran.Count(r => r),
            Nanoseconds(joined - start) / units,
            Nanoseconds(spawned - start) / units,
            Nanoseconds(joined - spawned) / units);
    }

    /// <summary>
    /// For each of N units spawned one at a time (the previous one already joined), nanoseconds from just
    /// before its spawn call to its first instruction: the latency of starting a unit, without queueing behind
    /// the others. With no <paramref name="pause"/> the spawns follow each other back to back, so pool and
    /// green workers are usually still awake (spinning) from the previous unit; with a pause of a few
    /// milliseconds before each spawn they have gone to sleep, and the delay includes waking one.
    /// </summary>
    public static double[] MeasureFirstRunDelays(ExecutionModel model, int units, TimeSpan pause = default) =>
        MeasureOneAtATime(model, units, pause).FirstRun;

    /// <summary>Per unit of a one-at-a-time pass: nanoseconds from the spawn call to the first instruction, and to the
    /// unit's join returning (the latency of creating one unit and waiting for it).</summary>
    public readonly record struct OneAtATime(double[] FirstRun, double[] Joined);

    /// <summary>
    /// <see cref="MeasureFirstRunDelays"/>, also reading the clock once more after each join: a pass apart from the
    /// throughput pass (<see cref="Run"/>), so its extra clock reads cost that pass nothing.
    /// </summary>
    public static OneAtATime MeasureOneAtATime(ExecutionModel model, int units, TimeSpan pause = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        var delays = new double[units];
        var joined = new double[units];
        long ranAt = 0;
        Func<ValueTask> body = () =>
        {
            ranAt = Stopwatch.GetTimestamp();
            return ValueTask.CompletedTask;
        };
        for (int i = 0; i < units; i++)
        {
            if (pause > TimeSpan.Zero) Thread.Sleep(pause);
            ranAt = 0;
            long spawnAt = Stopwatch.GetTimestamp();
            model.Spawn(body).Join();
            long joinedAt = Stopwatch.GetTimestamp();
            if (ranAt == 0) throw new InvalidOperationException($"unit {i} was joined but never ran");
            delays[i] = Nanoseconds(ranAt - spawnAt);
            joined[i] = Nanoseconds(joinedAt - spawnAt);
        }
        return new OneAtATime(delays, joined);
    }

    /// <summary>Blandy's thread-creation benchmark (jimblandy/context-switch, thread-creation): batches of 20 threads
    /// spawned, then all joined, repeated.</summary>
    public const int BlandyBatch = 20;

    /// <summary>
    /// Throughput in Blandy's shape: <paramref name="units"/> units in batches of <paramref name="batch"/>, each batch
    /// spawned and then joined before the next; nanoseconds per unit. Units of a batch overlap (a pool runs the first
    /// while the loop spawns the next), so this is a throughput, not the latency of one unit.
    /// </summary>
    public static double RunInBatches(ExecutionModel model, int units, int batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        var handles = new IUnit[batch];
        int ran = 0;
        Func<ValueTask> body = () =>
        {
            Interlocked.Increment(ref ran);
            return ValueTask.CompletedTask;
        };
        int batches = Math.Max(1, units / batch);
        long start = Stopwatch.GetTimestamp();
        for (int b = 0; b < batches; b++)
        {
            for (int i = 0; i < batch; i++) handles[i] = model.Spawn(body);
            foreach (IUnit handle in handles) handle.Join();
        }
        long end = Stopwatch.GetTimestamp();
        if (ran != batches * batch) throw new InvalidOperationException($"only {ran} of {batches * batch} units ran");
        return Nanoseconds(end - start) / (batches * batch);
    }

    internal static double Nanoseconds(long ticks) => ticks * (1e9 / Stopwatch.Frequency);
}
