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
        using ExecutionModel model = ExecutionModels.Create(spec.Model);
        return spec.Shape switch
        {
            Shapes.SpawnJoin => RunCreation(model, spec),
            Shapes.Brigade => RunBrigade(model, spec),
            Shapes.PingPong => RunPingPong(model, spec),
            _ => throw new ArgumentException($"unknown shape '{spec.Shape}'", nameof(spec)),
        };
    }

    private static List<Series> RunCreation(ExecutionModel model, ScenarioSpec spec)
    {
        WarmUp(spec, () =>
        {
            CreationWorkload.Run(model, spec.Units);
            CreationWorkload.MeasureFirstRunDelays(model, spec.Units);
        });

        var tally = new CounterTally();
        var total = new List<double>();
        var spawn = new List<double>();
        var join = new List<double>();
        var firstRun = new List<double>();
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
        }
        CountersPerOp counters = tally.PerOperation();
        return
        [
            new Series("total", "ns", total, counters),
            new Series("spawn", "ns", spawn),
            new Series("first-run", "ns", firstRun),
            new Series("join", "ns", join),
        ];
    }

    private static List<Series> RunBrigade(ExecutionModel model, ScenarioSpec spec)
    {
        string? unsupported = model.WhyUnsupported(spec.Transport);
        if (unsupported is not null) throw new NotSupportedException(unsupported);

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
        string name = "brigade" + spec.PinningSuffix;
        return
        [
            new Series(name, "ns", net, tally.PerOperation()),
            new Series(name + "-raw", "ns", raw),
            new Series(name + "-baseline", "ns", baseline),
        ];
    }

    private static List<Series> RunPingPong(ExecutionModel model, ScenarioSpec spec)
    {
        var tally = new CounterTally();
        var perSwitch = new List<double>();
        using (var pingPong = new PingPong(model))
        {
            WarmUp(spec, () => pingPong.Exchange(spec.Rounds));
            for (int i = 0; i < spec.Samples; i++)
            {
                Settle();
                long before = pingPong.Switches;
                perSwitch.Add(tally.Measure(2L * spec.Rounds, () => pingPong.NsPerSwitch(spec.Rounds)));
                long crossed = pingPong.Switches - before;
                if (crossed != 2L * spec.Rounds)
                    throw new InvalidOperationException($"{crossed} tokens crossed, expected {2L * spec.Rounds}");
            }
        }
        return [new Series("pingpong" + spec.PinningSuffix, "ns", perSwitch, tally.PerOperation())];
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
