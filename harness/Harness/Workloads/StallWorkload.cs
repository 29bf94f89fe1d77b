using System.Diagnostics;
using Harness.Models;
using Harness.Native;

namespace Harness.Workloads;

/// <summary>
/// Blocking-stall impact: P probe units wait on their handoff, and a dedicated ticker thread sends each of them a
/// token on a fixed schedule (every tick period, absolute deadlines); a probe records when each token reached it. Four
/// phases of equal length, counterbalanced so that a drift of the machine over the run weighs on both sides alike:
/// baseline (no offender), offended, offended (B offender units each hold their worker for D at a time, sleeping,
/// spinning or waiting, yielding only between holds), baseline.
/// </summary>
/// <remarks>
/// Lateness is measured from each tick's <b>scheduled</b> deadline, not from when the ticker actually sent it: a
/// ticker that is itself delayed (descheduled, or its CPU taken) would otherwise hide the delay it suffered
/// (coordinated omission). The probe is the same instrument under every model: a wake-up sent from outside the model
/// at a precise time (timer slack 1 ns), delivered through the model's own handoff. A per-model timer would not be:
/// Task.Delay is due on a 4 ms clock here, the green timer wheel on a 1 ms one. Every tick is observed, including
/// those that arrive while a probe is stalled (they queue in its handoff and are counted with their full delay when it
/// runs again), so a stall weighs by its length, not as one late sample. Ticks scheduled while the offenders are being
/// stopped and joined (a hold may last 100 ms) belong to no phase and are left out. Under OS threads the kernel
/// preempts offenders, so probes barely notice; on a pool or a cooperative runtime an offender keeps its worker, and
/// probes wait until a worker is free again (or until the ThreadPool injects threads, or the green runtime's blocking
/// detection hands the queue over). With offload, the offender awaits its hold on the model's blocking pool instead.
/// </remarks>
public static class StallWorkload
{
    private const int StopToken = -1;

    /// <summary>A probe's observation: when its tick was scheduled (ns after the offended phases started; negative in the
    /// first baseline phase, past the offended window in the last) and how long after that the model ran the probe (ns).</summary>
    public readonly record struct Observation(double AtNs, double LateNs);

    /// <summary>The phases' observations, the offenders' measured holds and the ThreadPool's thread counts.</summary>
    /// <param name="Baseline">Both baseline phases, the first then the last, each in tick order.</param>
    /// <param name="Offended">Both offended phases, in tick order.</param>
    /// <param name="HoldsNs">Every hold an offender completed in the offended window, as measured around it.</param>
    /// <param name="PoolThreadsAtStart">ThreadPool threads when the offenders started.</param>
    /// <param name="PoolGrewAfterNs">When the ThreadPool first had more threads than when the offenders started (its
    /// starvation response, "injection"), in ns after that start; null if it never grew during the window.</param>
    public sealed record Result(
        IReadOnlyList<Observation> Baseline, IReadOnlyList<Observation> Offended, IReadOnlyList<double> HoldsNs,
        int PoolThreadsAtStart, int MaxPoolThreads, double? PoolGrewAfterNs);

    /// <param name="Phase">The length of each of the four phases (half the measured window).</param>
    /// <param name="TickPeriod">How often the ticker wakes each probe.</param>
    public sealed record Settings(int Probes, int Offenders, BlockKind Kind, TimeSpan Hold, TimeSpan Phase, bool Offload, TimeSpan TickPeriod);

    public static Result Run(ExecutionModel model, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        Func<Action, ValueTask>? offload = null;
        if (settings.Offload)
            offload = model.Offload ?? throw new NotSupportedException($"the {model.Id} model has no blocking pool to offload to");

        long period = (long)(settings.TickPeriod.TotalSeconds * Stopwatch.Frequency);
        // Four phases plus the offenders' stop (up to a hold and a scheduling delay), with room to spare.
        int capacity = (int)(((4 * settings.Phase) + settings.Hold).TotalNanoseconds / settings.TickPeriod.TotalNanoseconds) + 1_000;
        var scheduledAt = new long[capacity];
        var receivedAt = new long[settings.Probes][];
        var handoffs = new IHandoff[settings.Probes];
        var probes = new IUnit[settings.Probes];
        for (int p = 0; p < settings.Probes; p++)
        {
            long[] mine = receivedAt[p] = new long[capacity];
            IHandoff handoff = handoffs[p] = model.CreateHandoff();
            probes[p] = model.Spawn(async () =>
            {
                while (true)
                {
                    int tick = await handoff.ReceiveAsync();
                    if (tick == StopToken) return;
                    mine[tick] = Stopwatch.GetTimestamp();
                }
            });
        }

        int ticks = 0, stopTicker = 0;
        var ticker = new Thread(() =>
        {
            Libc.UsePreciseTimersOnThisThread();
            long next = Stopwatch.GetTimestamp() + period;
            while (Volatile.Read(ref stopTicker) == 0 && ticks < capacity)
            {
                long wait = next - Stopwatch.GetTimestamp();
                if (wait > 0) Libc.NanoSleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                scheduledAt[ticks] = next;
                foreach (IHandoff handoff in handoffs) handoff.Send(ticks);
                Volatile.Write(ref ticks, ticks + 1);
                next += period;
            }
        })
        { IsBackground = true, Name = "stall-ticker", Priority = ThreadPriority.Highest };
        ticker.Start();

        Thread.Sleep(settings.Phase);
        long offendersStart = Stopwatch.GetTimestamp();
        int startThreads = ThreadPool.ThreadCount, maxThreads = startThreads;
        double? grewAfter = null;
        int stopOffenders = 0;
        var holds = new List<double>[settings.Offenders];
        var offenders = new IUnit[settings.Offenders];
        for (int i = 0; i < settings.Offenders; i++)
        {
            var mine = holds[i] = new List<double>(capacity: 1024);
            offenders[i] = model.Spawn(async () =>
            {
                void Hold()
                {
                    long before = Stopwatch.GetTimestamp();
                    Blocking.Block(settings.Kind, settings.Hold);
                    if (Volatile.Read(ref stopOffenders) == 0) mine.Add(CreationWorkload.Nanoseconds(Stopwatch.GetTimestamp() - before));
                }
                while (Volatile.Read(ref stopOffenders) == 0)
                {
                    if (offload is null) Hold();
                    else await offload(Hold);
                    await model.Yield();
                }
            });
        }

        TimeSpan offendedWindow = 2 * settings.Phase;
        var window = Stopwatch.StartNew();
        while (window.Elapsed < offendedWindow)
        {
            Thread.Sleep(5);
            int threads = ThreadPool.ThreadCount;
            if (threads > startThreads && grewAfter is null) grewAfter = window.Elapsed.TotalNanoseconds;
            maxThreads = Math.Max(maxThreads, threads);
        }
        Volatile.Write(ref stopOffenders, 1);
        foreach (IUnit offender in offenders) offender.Join();
        long lastBaselineStart = Stopwatch.GetTimestamp();
        Thread.Sleep(settings.Phase);
        Volatile.Write(ref stopTicker, 1);
        ticker.Join();
        foreach (IHandoff handoff in handoffs) handoff.Send(StopToken);
        foreach (IUnit probe in probes) probe.Join();
        foreach (IHandoff handoff in handoffs) handoff.Dispose();

        double offendedNs = offendedWindow.TotalNanoseconds, phaseNs = settings.Phase.TotalNanoseconds;
        double lastBaselineNs = CreationWorkload.Nanoseconds(lastBaselineStart - offendersStart);
        var baseline = new List<Observation>();
        var offended = new List<Observation>();
        for (int p = 0; p < settings.Probes; p++)
        {
            for (int k = 0; k < ticks; k++)
            {
                if (receivedAt[p][k] == 0) throw new InvalidOperationException($"probe {p} never received tick {k} of {ticks}");
                var observation = new Observation(
                    CreationWorkload.Nanoseconds(scheduledAt[k] - offendersStart), CreationWorkload.Nanoseconds(receivedAt[p][k] - scheduledAt[k]));
                // Each phase is exactly its length of scheduled ticks: a sleep of this thread that overran (a loaded
                // machine) lengthens no phase, and the ticks around the phases are left out.
                bool first = observation.AtNs >= -phaseNs && observation.AtNs < 0;
                bool last = observation.AtNs >= lastBaselineNs && observation.AtNs < lastBaselineNs + phaseNs;
                if (first || last) baseline.Add(observation);
                else if (observation.AtNs >= 0 && observation.AtNs < offendedNs) offended.Add(observation);
            }
        }
        offended.Sort((a, b) => a.AtNs.CompareTo(b.AtNs));
        baseline.Sort((a, b) => a.AtNs.CompareTo(b.AtNs));
        return new Result(baseline, offended, holds.SelectMany(h => h).ToList(), startThreads, maxThreads, grewAfter);
    }

    /// <summary>Width of the buckets in which recovery is judged.</summary>
    public static readonly TimeSpan RecoveryBucket = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The median lateness a 50 ms bucket may show and still count as recovered: twice the baseline's p99 plus 0.1 ms.
    /// Well below what a cooperative worker held for 1 ms shows (its probes wait half a hold, 0.5 ms, on average), so
    /// steady stalling never reads as recovery; well above the baseline's own jitter. (Baseline p99 + 0.5 ms, the
    /// first rule, sat right at that 0.5 ms, and a run could flap into "recovered" in its last buckets.)
    /// </summary>
    public static double RecoveryThresholdNs(double baselineP99Ns) => (2 * baselineP99Ns) + 100_000;

    /// <summary>Buckets that must stay recovered, to the end of the window, for recovery to count (else one quiet last
    /// bucket of a steadily stalled run would read as "recovered at 950 ms").</summary>
    public const int MinRecoveredBuckets = 4;

    /// <summary>
    /// When probe latency recovered: the start of the first 50 ms bucket of the offended phase from which on
    /// every bucket's median lateness stays at or below <paramref name="thresholdNs"/> (medians, so that one
    /// stray late wake-up does not count as a stall), for at least <see cref="MinRecoveredBuckets"/> buckets;
    /// null otherwise. Buckets are by the time a tick was sent, and every tick is observed, so a stalled stretch
    /// has its buckets too.
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
        if (buckets.Count - 1 - lastBad < MinRecoveredBuckets) return null;
        return lastBad < 0 ? 0 : buckets[lastBad + 1].Start;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
