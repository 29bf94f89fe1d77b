using System.Diagnostics;
using Harness.Models;

namespace Harness.Workloads;

/// <summary>
/// Blocking-stall impact: P probe units each sleep 1 ms on the model's timer, over and over, and record how
/// late they wake. First alone (the baseline phase), then while B offender units each hold their worker for
/// D at a time (sleeping, spinning or waiting) without yielding, yielding only between holds.
/// </summary>
/// <remarks>
/// Under OS threads the kernel preempts offenders, so probes barely notice; on a pool or a cooperative
/// runtime an offender keeps its worker, and probes wait until a worker is free again (or until the
/// ThreadPool injects threads, or the green runtime's blocking detection hands the queue over).
/// With offload, the offender awaits its hold on the model's blocking pool instead of holding a worker.
/// </remarks>
public static class StallWorkload
{
    /// <summary>What the probes sleep each time.</summary>
    public static readonly TimeSpan ProbePeriod = TimeSpan.FromMilliseconds(1);

    /// <summary>A probe's observation: when it woke (ns after the offended phase started; negative in the baseline) and how late (ns).</summary>
    public readonly record struct Observation(double AtNs, double LateNs);

    /// <summary>The two phases' observations, and the most pool threads seen during the offended phase.</summary>
    /// <param name="PoolGrewAfterNs">When the ThreadPool first had more threads than when the offenders started (its
    /// starvation response, "injection"), in ns after that start; null if it never grew during the window.</param>
    public sealed record Result(
        IReadOnlyList<Observation> Baseline, IReadOnlyList<Observation> Offended, int MaxPoolThreads, long OffenderHolds, double? PoolGrewAfterNs);

    public sealed record Settings(int Probes, int Offenders, string Kind, TimeSpan Hold, TimeSpan BaselineWindow, TimeSpan OffendedWindow, bool Offload);

    public static Result Run(ExecutionModel model, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        Func<Action, ValueTask>? offload = null;
        if (settings.Offload)
            offload = model.Offload ?? throw new NotSupportedException($"the {model.Id} model has no blocking pool to offload to");

        var observations = new List<Observation>[settings.Probes];
        long offendersStart = long.MaxValue; // set once the offenders are released
        int stopProbes = 0, stopOffenders = 0;
        long holds = 0;

        var probes = new IUnit[settings.Probes];
        for (int i = 0; i < settings.Probes; i++)
        {
            var mine = observations[i] = new List<Observation>(capacity: 4096);
            probes[i] = model.Spawn(async () =>
            {
                while (Volatile.Read(ref stopProbes) == 0)
                {
                    long before = Stopwatch.GetTimestamp();
                    await model.DelayAsync(ProbePeriod);
                    long after = Stopwatch.GetTimestamp();
                    double late = CreationWorkload.Nanoseconds(after - before) - ProbePeriod.TotalNanoseconds;
                    mine.Add(new Observation(CreationWorkload.Nanoseconds(after - Volatile.Read(ref offendersStart)), late));
                }
            });
        }

        Thread.Sleep(settings.BaselineWindow);
        Volatile.Write(ref offendersStart, Stopwatch.GetTimestamp());
        int startThreads = ThreadPool.ThreadCount, maxThreads = startThreads;
        double? grewAfter = null;
        var offenders = new IUnit[settings.Offenders];
        for (int i = 0; i < settings.Offenders; i++)
        {
            offenders[i] = model.Spawn(async () =>
            {
                while (Volatile.Read(ref stopOffenders) == 0)
                {
                    if (offload is null) BlockKind.Block(settings.Kind, settings.Hold);
                    else await offload(() => BlockKind.Block(settings.Kind, settings.Hold));
                    Interlocked.Increment(ref holds);
                    await model.Yield();
                }
            });
        }

        var window = Stopwatch.StartNew();
        while (window.Elapsed < settings.OffendedWindow)
        {
            Thread.Sleep(5);
            int threads = ThreadPool.ThreadCount;
            if (threads > startThreads && grewAfter is null) grewAfter = window.Elapsed.TotalNanoseconds;
            maxThreads = Math.Max(maxThreads, threads);
        }
        Volatile.Write(ref stopOffenders, 1);
        foreach (IUnit offender in offenders) offender.Join();
        Volatile.Write(ref stopProbes, 1);
        foreach (IUnit probe in probes) probe.Join();

        // Observations made before the offenders started form the baseline; those after, the offended phase.
        var all = observations.SelectMany(o => o).ToList();
        var baseline = all.Where(o => o.AtNs < 0).ToList();
        var offended = all.Where(o => o.AtNs >= 0 && o.AtNs <= settings.OffendedWindow.TotalNanoseconds).OrderBy(o => o.AtNs).ToList();
        return new Result(baseline, offended, maxThreads, Interlocked.Read(ref holds), grewAfter);
    }

    /// <summary>Width of the buckets in which recovery is judged.</summary>
    public static readonly TimeSpan RecoveryBucket = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// When probe latency recovered: the start of the first 50 ms bucket of the offended phase from which on
    /// every bucket's median lateness stays at or below <paramref name="thresholdNs"/> (medians, so that one
    /// stray late wake-up does not count as a stall); null if the last bucket is still above it.
    /// </summary>
    public static double? RecoveryNs(IReadOnlyList<Observation> offended, double thresholdNs)
    {
        ArgumentNullException.ThrowIfNull(offended);
        if (offended.Count == 0) return null;
        double width = RecoveryBucket.TotalNanoseconds;
        var buckets = offended
            .GroupBy(o => (long)(o.AtNs / width))
            .OrderBy(g => g.Key)
            .Select(g => (Start: g.Key * width, Median: Median(g.Select(o => o.LateNs))))
            .ToList();
        int lastBad = buckets.FindLastIndex(b => b.Median > thresholdNs);
        if (lastBad == buckets.Count - 1) return null;
        return lastBad < 0 ? 0 : buckets[lastBad + 1].Start;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
