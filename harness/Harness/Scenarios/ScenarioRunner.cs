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
            series.Add(new Series(Quantities.PoolThreads, "threads", [ThreadPool.ThreadCount]));
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
        var firstRunEach = new List<double>();
        var oneAtATime = new List<double>();
        var batched = new List<double>();
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
            batched.Add(CreationWorkload.RunInBatches(model, spec.Units, CreationWorkload.BlandyBatch));
            Settle();
            CreationWorkload.OneAtATime single = CreationWorkload.MeasureOneAtATime(model, spec.Units);
            firstRunEach.AddRange(single.FirstRun);
            oneAtATime.Add(Median(single.Joined));
            firstRun.Add(Median(single.FirstRun));
            firstRunIdle.Add(Median(CreationWorkload.MeasureFirstRunDelays(model, spec.IdleRuns, idlePause)));
        }
        CountersPerOp counters = tally.PerOperation();
        return
        [
            new Series(Quantities.Total, "ns", total, counters),
            new Series(Quantities.Spawn, "ns", spawn),
            new Series(Quantities.Join, "ns", join),
            new Series(Quantities.Batched, "ns", batched),
            new Series(Quantities.OneAtATime, "ns", oneAtATime),
            new Series(Quantities.FirstRun, "ns", firstRun),
            new Series(Quantities.FirstRunEach, "ns", firstRunEach),
            new Series(Quantities.FirstRunIdle, "ns", firstRunIdle),
        ];
    }

    /// <summary>The middle value (upper median) of the values, which it sorts in place.</summary>
    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }

    /// <summary>
    /// The chain's samples, each paired with a baseline sample taken just before it over links of the same kind by one
    /// unit alone (Blandy's baseline, interleaved sample by sample); the in-memory chain has no I/O to subtract.
    /// </summary>
    private static List<Series> RunBrigade(ExecutionModel model, BrigadeSpec spec)
    {
        bool withBaseline = spec.Transport != Transport.Memory;
        var tally = new CounterTally();
        var raw = new List<double>();
        var baseline = new List<double>();
        var net = new List<double>();
        using (var brigade = new Brigade(model, spec.Transport, spec.Units, withBaseline))
        {
            WarmUp(spec, () =>
            {
                if (withBaseline) brigade.BaselineNsPerTransfer(spec.Rounds);
                brigade.RunRounds(spec.Rounds);
            });
            long transfers = (long)(spec.Units + 1) * spec.Rounds;
            for (int i = 0; i < spec.Samples; i++)
            {
                Settle();
                double pair = withBaseline ? brigade.BaselineNsPerTransfer(spec.Rounds) : 0;
                Settle();
                double perTransfer = tally.Measure(transfers, () => brigade.NsPerTransfer(spec.Rounds));
                raw.Add(perTransfer);
                baseline.Add(pair);
                net.Add(perTransfer - pair);
            }
        }
        CountersPerOp counters = tally.PerOperation();
        return withBaseline
            ? [new Series(Quantities.Net, "ns", net, counters), new Series(Quantities.Raw, "ns", raw), new Series(Quantities.Baseline, "ns", baseline)]
            : [new Series(Quantities.Raw, "ns", raw, counters)];
    }

    private static List<Series> RunPingPong(ExecutionModel model, PingPongSpec spec)
    {
        var tally = new CounterTally();
        var perSwitch = new List<double>();
        double[] roundTripEach;
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
            // After the samples, so their clock is not read per trip: one pass that times every round trip.
            Settle();
            roundTripEach = pingPong.TimeEachRoundTrip(spec.RoundTrips);
        }
        return
        [
            new Series(Quantities.Switch, "ns", perSwitch, tally.PerOperation()),
            new Series(Quantities.RoundTripEach, "ns", roundTripEach),
        ];
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
        ProcessMemory b = r.Before, p = r.Parked;
        long kernel = (p.SystemKernelStackBytes - b.SystemKernelStackBytes) + (p.SystemPageTableBytes - b.SystemPageTableBytes)
            + (p.SystemSlabUnreclaimableBytes - b.SystemSlabUnreclaimableBytes);
        return
        [
            new Series(Quantities.Rss, "B", [p.RssBytes - b.RssBytes]),
            new Series(Quantities.Pss, "B", [p.PssBytes - b.PssBytes]),
            new Series(Quantities.PageTables, "B", [p.PageTableBytes - b.PageTableBytes]),
            new Series(Quantities.Kernel, "B", [ProcessMemory.KernelEstimate(b, p)]),
            new Series(Quantities.KernelSystem, "B", [kernel]),
            new Series(Quantities.Threads, "threads", [p.Threads - b.Threads]),
            new Series(Quantities.Managed, "B", [p.ManagedBytes - b.ManagedBytes]),
            new Series(Quantities.SpawnAlive, "ns", [r.StartedAllNsPerUnit]),
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
        return [new Series(Quantities.Yield, "ns", perYield, tally.PerOperation())];
    }

    /// <summary>Warm-up of a stall scenario: short phases whose offenders hold for only this long, so the code is jitted
    /// but the ThreadPool is never starved (a warm-up with real holds made it inject threads before the measurement).</summary>
    private static readonly TimeSpan StallWarmupHold = TimeSpan.FromMicroseconds(1);

    /// <summary>
    /// The four counterbalanced phases (baseline, offended, offended, baseline) of half the window each. Quantities
    /// that may be absent are left out, never sent as NaN (the protocol): recovery when latency did not recover, the
    /// pool's growth when it did not grow.
    /// </summary>
    private static List<Series> RunStall(ExecutionModel model, StallSpec spec)
    {
        var settings = new StallWorkload.Settings(
            spec.Probes, spec.Offenders, spec.Block, TimeSpan.FromMicroseconds(spec.HoldMicroseconds),
            TimeSpan.FromMilliseconds(spec.WindowMilliseconds / 2.0), Offload: spec.Shape == Shapes.StallOffload,
            TimeSpan.FromMicroseconds(spec.TickMicroseconds));
        var warmup = settings with { Hold = StallWarmupHold, Phase = TimeSpan.FromMilliseconds(15) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < spec.Warmup || clock.ElapsedMilliseconds < Math.Min(spec.WarmupMilliseconds, 500); i++)
            StallWorkload.Run(model, warmup);

        Settle();
        StallWorkload.Result result = StallWorkload.Run(model, settings);
        if (result.Baseline.Count < 10 || result.Offended.Count == 0)
            throw new InvalidOperationException(
                $"too few probe observations: {result.Baseline.Count} baseline, {result.Offended.Count} while offended");
        double baselineP99 = Summary.Quantile(result.Baseline.Select(o => o.LateNs).ToList(), 0.99);
        double? recovery = StallWorkload.RecoveryNs(result.Offended, StallWorkload.RecoveryThresholdNs(baselineP99));
        var series = new List<Series>
        {
            new(Quantities.LatenessBaseline, "ns", result.Baseline.Select(o => o.LateNs).ToList()),
            new(Quantities.Lateness, "ns", result.Offended.Select(o => o.LateNs).ToList()),
        };
        if (result.HoldsNs.Count > 0) series.Add(new(Quantities.Hold, "ns", result.HoldsNs));
        series.Add(new(Quantities.Holds, "holds", [result.HoldsNs.Count]));
        if (recovery is double recovered) series.Add(new(Quantities.Recovery, "ns", [recovered]));
        if (spec.Model != ModelIds.Task) return series; // the ThreadPool only matters to the task model
        series.Add(new(Quantities.PoolThreadsAtStart, "threads", [result.PoolThreadsAtStart]));
        series.Add(new(Quantities.PoolThreads, "threads", [result.MaxPoolThreads]));
        if (result.PoolGrewAfterNs is double grew) series.Add(new(Quantities.PoolGrowth, "ns", [grew]));
        return series;
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
}
