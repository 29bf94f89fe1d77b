using Harness.Measurement;
using Harness.Models;
using Harness.Workloads;

namespace Harness.Scenarios;

/// <summary>
/// Runs one <see cref="ScenarioSpec"/> inside the current (child) process: warm-up runs that are thrown
/// away, then the samples, each after a full garbage collection so one sample's garbage is not collected
/// on the next one's clock.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Single-unit write+read pairs per brigade baseline sample.</summary>
    private const int BaselineOperations = 2_000;

    public static IReadOnlyList<Series> Execute(ScenarioSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var options = new ModelOptions(
            ThreadStackSize: (spec as ParkedSpec)?.StackBytes ?? 0,
            BlockingDetection: spec.Shape == Shapes.StallDetect);
        using ExecutionModel model = ExecutionModels.Create(spec.Model, options);
        List<Series> series = spec switch
        {
            ParkedSpec parked => RunMemory(model, parked),
            StallSpec stall => RunStall(model, stall),
            CreationSpec creation => RunCreation(model, creation),
            BrigadeSpec brigade => RunBrigade(model, brigade),
            PingPongSpec pingPong => RunPingPong(model, pingPong),
            YieldSpec yieldStorm => RunYield(model, yieldStorm),
            _ => throw new ArgumentException($"unknown shape '{spec.Shape}'", nameof(spec)),
        };

        // The pool sizes itself (hill climbing, starvation injection), and a pool grown past the CPU count slows a yield
        // storm or a ping-pong several times over: record where it ended, so a reader can tell that from noise.
        if (spec.Model == ModelIds.Task && spec.Metric is MetricIds.Creation or MetricIds.Switch)
            series.Add(new Series($"{series[0].Variant}-pool-threads", "threads", [ThreadPool.ThreadCount]));
        return series;
    }

    private static List<Series> RunCreation(ExecutionModel model, CreationSpec spec)
    {
        var idlePause = TimeSpan.FromMicroseconds(spec.IdlePauseMicroseconds);
        WarmUp(spec, () =>
        {
            CreationWorkload.Run(model, spec.Units);
            CreationWorkload.MeasureFirstRunDelays(model, spec.Units);
        });
        CreationWorkload.MeasureFirstRunDelays(model, 2, idlePause);

        var tally = new CounterTally();
        var total = new List<double>();
        var spawn = new List<double>();
        var join = new List<double>();
        var firstRun = new List<double>();
        var firstRunIdle = new List<double>();
        for (int i = 0; i < spec.Samples; i++)
        {
            Settle();
            CreationWorkload.Result result = tally.Measure(spec.Units, () => CreationWorkload.Run(model, spec.Units));
            if (result.Ran != spec.Units)
                throw new InvalidOperationException($"only {result.Ran} of {spec.Units} units ran");
            total.Add(result.TotalNs);
            spawn.Add(result.SpawnNs);
            join.Add(result.JoinNs);
            Settle();
            double[] delays = CreationWorkload.MeasureFirstRunDelays(model, spec.Units);
            Array.Sort(delays);
            firstRun.Add(delays[delays.Length / 2]);
            double[] idle = CreationWorkload.MeasureFirstRunDelays(model, spec.IdleRuns, idlePause);
            Array.Sort(idle);
            firstRunIdle.Add(idle[idle.Length / 2]);
        }
        CountersPerOp counters = tally.PerOperation();
        return
        [
            new Series("total", "ns", total, counters),
            new Series("spawn", "ns", spawn),
            new Series("first-run", "ns", firstRun),
            new Series("first-run-idle", "ns", firstRunIdle),
            new Series("join", "ns", join),
        ];
    }

    private static List<Series> RunBrigade(ExecutionModel model, BrigadeSpec spec)
    {
        var tally = new CounterTally();
        var raw = new List<double>();
        var baseline = new List<double>();
        var net = new List<double>();
        using (var brigade = new Brigade(model, spec.Transport, spec.Units))
        {
            WarmUp(spec, () =>
            {
                Brigade.MeasureBaseline(model, spec.Transport, BaselineOperations);
                brigade.RunRounds(spec.Rounds);
            });
            long transfers = (long)(spec.Units + 1) * spec.Rounds;
            for (int i = 0; i < spec.Samples; i++)
            {
                Settle();
                double pair = Brigade.MeasureBaseline(model, spec.Transport, BaselineOperations);
                Settle();
                double perTransfer = tally.Measure(transfers, () => brigade.NsPerTransfer(spec.Rounds));
                raw.Add(perTransfer);
                baseline.Add(pair);
                net.Add(perTransfer - pair);
            }
        }
        string name = spec.Shape + PinningSuffix(spec);
        return
        [
            new Series(name, "ns", net, tally.PerOperation()),
            new Series(name + "-raw", "ns", raw),
            new Series(name + "-baseline", "ns", baseline),
        ];
    }

    private static List<Series> RunPingPong(ExecutionModel model, PingPongSpec spec)
    {
        var tally = new CounterTally();
        var perSwitch = new List<double>();
        using (var pingPong = new PingPong(model))
        {
            WarmUp(spec, () => pingPong.Exchange(spec.RoundTrips));
            for (int i = 0; i < spec.Samples; i++)
            {
                Settle();
                long before = pingPong.Switches;
                perSwitch.Add(tally.Measure(2L * spec.RoundTrips, () => pingPong.NsPerSwitch(spec.RoundTrips)));
                long crossed = pingPong.Switches - before;
                if (crossed != 2L * spec.RoundTrips)
                    throw new InvalidOperationException($"{crossed} tokens crossed, expected {2L * spec.RoundTrips}");
            }
        }
        return [new Series("pingpong" + PinningSuffix(spec), "ns", perSwitch, tally.PerOperation())];
    }

    private static List<Series> RunMemory(ExecutionModel model, ParkedSpec spec)
    {
        if (spec.Model == ModelIds.Thread)
        {
            UnitLimits limits = UnitLimits.Read();
            if (spec.Units > limits.HardMaxNewThreads)
                throw new InvalidOperationException(
                    $"{spec.Units} threads exceed what this machine allows now ({limits.HardMaxNewThreads}, bound by {limits.ThreadBound})");
        }
        // A small warm-up pass so that code paths, pools and the GC are in their steady state before the baseline.
        ParkedUnits.Run(model, Math.Min(spec.Units, 100), spec.TouchBytes > 0, TimeSpan.FromSeconds(30));

        ParkedUnits.Result r = ParkedUnits.Run(model, spec.Units, spec.TouchBytes > 0, TimeSpan.FromMinutes(2));
        if (r.StartedAtReading != spec.Units || r.FinishedAtReading != 0 || r.FinishedAfterJoin != spec.Units)
            throw new InvalidOperationException(
                $"units were not all parked at the reading: started {r.StartedAtReading}, finished {r.FinishedAtReading}, "
                + $"finished after join {r.FinishedAfterJoin} of {spec.Units}");
        string suffix = spec.Shape switch { Shapes.ParkedTouch => "-touch", Shapes.ParkedSmallStack => "-small-stack", _ => "" };
        ProcessMemory b = r.Before, p = r.Parked;
        long kernel = (p.SystemKernelStackBytes - b.SystemKernelStackBytes) + (p.SystemPageTableBytes - b.SystemPageTableBytes)
            + (p.SystemSlabUnreclaimableBytes - b.SystemSlabUnreclaimableBytes);
        return
        [
            new Series("rss" + suffix, "B", [p.RssBytes - b.RssBytes]),
            new Series("pss" + suffix, "B", [p.PssBytes - b.PssBytes]),
            new Series("managed" + suffix, "B", [p.ManagedBytes - b.ManagedBytes]),
            new Series("page-tables" + suffix, "B", [p.PageTableBytes - b.PageTableBytes]),
            new Series("kernel" + suffix, "B", [ProcessMemory.KernelEstimate(b, p)]),
            new Series("kernel-system" + suffix, "B", [kernel]),
            new Series("threads" + suffix, "threads", [p.Threads - b.Threads]),
        ];
    }

    private static List<Series> RunYield(ExecutionModel model, YieldSpec spec)
    {
        WarmUp(spec, () => YieldStorm.Run(model, spec.Units, spec.Yields));
        var tally = new CounterTally();
        var perYield = new List<double>();
        for (int i = 0; i < spec.Samples; i++)
        {
            Settle();
            perYield.Add(tally.Measure((long)spec.Units * spec.Yields, () => YieldStorm.Run(model, spec.Units, spec.Yields)).NsPerYield);
        }
        return [new Series("yield" + PinningSuffix(spec), "ns", perYield, tally.PerOperation())];
    }

    /// <summary>Warm-up of a stall scenario: short phases whose offenders hold for only this long, so the code is jitted
    /// but the ThreadPool is never starved (a warm-up with real holds made it inject threads before the measurement).</summary>
    private static readonly TimeSpan StallWarmupHold = TimeSpan.FromMicroseconds(1);

    private static List<Series> RunStall(ExecutionModel model, StallSpec spec)
    {
        var window = TimeSpan.FromMilliseconds(spec.WindowMilliseconds);
        var settings = new StallWorkload.Settings(
            spec.Probes, spec.Offenders, spec.Block, TimeSpan.FromTicks(spec.HoldMicroseconds * 10L),
            window, window, Offload: spec.Shape == Shapes.StallOffload);
        var warmup = settings with { Hold = StallWarmupHold, BaselineWindow = TimeSpan.FromMilliseconds(30), OffendedWindow = TimeSpan.FromMilliseconds(30) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < spec.Warmup || clock.ElapsedMilliseconds < Math.Min(spec.WarmupMilliseconds, 500); i++)
            StallWorkload.Run(model, warmup);

        Settle();
        StallWorkload.Result result = StallWorkload.Run(model, settings);
        if (result.Baseline.Count < 10 || result.Offended.Count == 0)
            throw new InvalidOperationException(
                $"too few probe observations: {result.Baseline.Count} baseline, {result.Offended.Count} while offended");
        double baselineP99 = Summary.Quantile(result.Baseline.Select(o => o.LateNs).ToList(), 0.99);
        double threshold = StallWorkload.RecoveryThresholdNs(baselineP99);
        double? recovery = StallWorkload.RecoveryNs(result.Offended, threshold);
        return
        [
            new Series("lateness-baseline", "ns", result.Baseline.Select(o => o.LateNs).ToList()),
            new Series("lateness", "ns", result.Offended.Select(o => o.LateNs).ToList()),
            new Series("recovery", "ns", [recovery ?? double.NaN]),
            new Series("hold", "ns", result.HoldsNs.Count > 0 ? result.HoldsNs : [double.NaN]),
            new Series("pool-threads-at-start", "threads", [result.PoolThreadsAtStart]),
            new Series("pool-threads", "threads", [result.MaxPoolThreads]),
            new Series("pool-growth", "ns", [result.PoolGrewAfterNs ?? double.NaN]),
            new Series("holds", "holds", [result.HoldsNs.Count]),
        ];
    }

    /// <summary>Runs the workload at least <see cref="ScenarioSpec.Warmup"/> times and for at least
    /// <see cref="ScenarioSpec.WarmupMilliseconds"/>, discarding the results.</summary>
    private static void WarmUp(ScenarioSpec spec, Action once)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < spec.Warmup || clock.ElapsedMilliseconds < spec.WarmupMilliseconds; i++) once();
    }

    /// <summary>Collects garbage before a sample so the sample does not pay for its predecessor.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static string PinningSuffix(ScenarioSpec spec) => spec.Pinned ? "-pinned" : "-unpinned";
}
