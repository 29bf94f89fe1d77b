using Harness.Measurement;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>Turns a scenario's outcome into result and sample rows, each with its identity in fields.</summary>
public static class OutcomeRows
{
    public static IReadOnlyList<ResultRow> From(ScenarioOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ScenarioSpec spec = outcome.Spec;
        if (!outcome.Succeeded)
        {
            string error = outcome.Failure ?? "failed";
            if (!string.IsNullOrWhiteSpace(outcome.StderrTail))
                error += " | stderr: " + outcome.StderrTail.ReplaceLineEndings(" / ");
            // The CPUs the child would have had: a failed stall row still belongs to its "one per worker" cell.
            int cpus = spec.Pinned ? 1 : Environment.ProcessorCount;
            if (outcome.Skipped)
                return [new ResultRow(new ResultIdentity(spec)) { Status = ResultRow.StatusSkipped, Note = error, ProcessorCount = cpus }];
            return [new ResultRow(new ResultIdentity(spec)) { Status = ResultRow.StatusFailed, Error = error, ProcessorCount = cpus }];
        }
        return spec switch
        {
            StallSpec stall => StallRows(outcome, stall),
            ParkedSpec => outcome.Series.Select(series => Measured(outcome, series.Quantity, series.Unit, Statistics.Point, Statistics.SingleReading) with
            {
                Value = series.Samples[0],
                Samples = 1,
                Modes = 1,
            }).ToList(),
            _ => outcome.Series.Select(series => Distribution(outcome, series.Quantity, series.Unit, series.Samples) with
            {
                VoluntarySwitchesPerOp = series.Counters?.VoluntarySwitches ?? double.NaN,
                InvoluntarySwitchesPerOp = series.Counters?.InvoluntarySwitches ?? double.NaN,
                WorkItemsPerOp = series.Counters?.WorkItems ?? double.NaN,
                LockContentionsPerOp = series.Counters?.LockContentions ?? double.NaN,
            }).ToList(),
        };
    }

    /// <summary>A measured row of the outcome's scenario, without its value yet.</summary>
    private static ResultRow Measured(ScenarioOutcome outcome, string quantity, string unit, string statistic, string estimator, string note = "") =>
        new(new ResultIdentity(outcome.Spec, quantity))
        {
            Statistic = statistic,
            Estimator = estimator,
            Unit = unit,
            Note = note,
            Affinity = outcome.Affinity ?? "",
            ProcessorCount = outcome.ProcessorCount,
        };

    /// <summary>The median of a series with its 95% CI, range, count and modes.</summary>
    private static ResultRow Distribution(ScenarioOutcome outcome, string quantity, string unit, IReadOnlyList<double> samples, string note = "")
    {
        Summary summary = Summary.Of(samples);
        return Measured(outcome, quantity, unit, Statistics.Median, Statistics.HarrellDavisMedian, note) with
        {
            Value = summary.Median,
            CiLower = summary.CiLower,
            CiUpper = summary.CiUpper,
            Samples = summary.Count,
            Min = summary.Min,
            Max = summary.Max,
            Modes = summary.Modes,
        };
    }

    /// <summary>A single reading of the outcome (a count, a time), NaN when the child left the quantity out.</summary>
    private static ResultRow Reading(ScenarioOutcome outcome, string quantity, string unit, string note) =>
        Measured(outcome, quantity, unit, Statistics.Reading, Statistics.SingleReading, note) with
        {
            Value = outcome.Series.SingleOrDefault(s => s.Quantity == quantity)?.Samples[0] ?? double.NaN,
            Samples = 1,
            Modes = 1,
        };

    /// <summary>
    /// Stall: the probes' lateness in each phase and the offenders' measured holds (median with CI, range, n); the added
    /// latency (offended minus baseline: p50 / p99 with a block-bootstrap 95% interval of the difference, and max); the
    /// time until latency recovered; the holds completed; and, for the task model, the ThreadPool's thread counts.
    /// Derived rows carry no min/max: a range belongs to a distribution.
    /// </summary>
    private static List<ResultRow> StallRows(ScenarioOutcome outcome, StallSpec spec)
    {
        IReadOnlyList<double> baseline = outcome.Series.Single(s => s.Quantity == Quantities.LatenessBaseline).Samples;
        IReadOnlyList<double> offended = outcome.Series.Single(s => s.Quantity == Quantities.Lateness).Samples;
        var rows = new List<ResultRow>
        {
            Distribution(outcome, Quantities.LatenessBaseline, "ns", baseline, "delay from a tick's scheduled deadline to its probe running, no offender"),
            Distribution(outcome, Quantities.Lateness, "ns", offended, "delay from a tick's scheduled deadline to its probe running, offenders holding"),
        };
        if (outcome.Series.SingleOrDefault(s => s.Quantity == Quantities.Hold) is { } hold)
            rows.Add(Distribution(outcome, Quantities.Hold, "ns", hold.Samples, $"each offender hold as measured around it (asked: {Format.Hold(spec.HoldMicroseconds)})"));
        foreach ((string statistic, double p) in new[] { (Statistics.P50Added, 0.5), (Statistics.P99Added, 0.99) })
        {
            (double added, double lower, double upper) = QuantileDifference.Of(offended, baseline, p);
            string percentile = statistic[..3];
            rows.Add(Measured(outcome, Quantities.Lateness, "ns", statistic, Statistics.QuantileDifference,
                $"offended {percentile} {Format.Value(Summary.Quantile(offended, p), "ns")} minus baseline {percentile} {Format.Value(Summary.Quantile(baseline, p), "ns")}; "
                + "95% CI by block bootstrap of both phases") with { Value = added, CiLower = lower, CiUpper = upper, Samples = offended.Count, Modes = 1 });
        }
        rows.Add(Measured(outcome, Quantities.Lateness, "ns", Statistics.MaxAdded, Statistics.MaxDifference,
            $"offended max {Format.Value(offended.Max(), "ns")} minus baseline max {Format.Value(baseline.Max(), "ns")}")
            with { Value = offended.Max() - baseline.Max(), Samples = offended.Count, Modes = 1 });
        bool recovered = outcome.Series.Any(s => s.Quantity == Quantities.Recovery);
        rows.Add(Reading(outcome, Quantities.Recovery, "ns",
            recovered ? "start of the first 50 ms bucket from which on the median lateness stayed normal" : "did not recover within the window"));
        rows.Add(Reading(outcome, Quantities.Holds, "holds", "holds the offenders completed in the window"));
        if (spec.Model != Models.ModelIds.Task) return rows; // the ThreadPool only matters to the task model

        rows.Add(Reading(outcome, Quantities.PoolThreadsAtStart, "threads", "ThreadPool threads when the offenders started"));
        rows.Add(Reading(outcome, Quantities.PoolThreads, "threads", "peak ThreadPool threads while offended"));
        bool grew = outcome.Series.Any(s => s.Quantity == Quantities.PoolGrowth);
        rows.Add(Reading(outcome, Quantities.PoolGrowth, "ns",
            grew ? "time until the ThreadPool first added a thread" : "the ThreadPool did not add threads within the window"));
        return rows;
    }

    /// <summary>Samples a series may keep in samples.csv before it is stored as its order statistics.</summary>
    public const int MaxStoredSamples = 200;

    /// <summary>
    /// The outcome's samples as samples.csv rows. A series longer than <see cref="MaxStoredSamples"/> (a stall phase's
    /// thousands of wake-ups, the tens of thousands of 10 µs holds) is stored as that many evenly spaced order
    /// statistics, the sample quantiles at (i + ½) / <see cref="MaxStoredSamples"/>: the same distribution, enough for a
    /// rank test in <c>compare</c>, at a size a published run can carry (all samples of a full run took 800 MB). Their
    /// index is then the rank, not the time. Result rows are always computed from every sample.
    /// </summary>
    public static IEnumerable<SampleRow> SamplesOf(ScenarioOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        foreach (Series series in outcome.Series)
        {
            IReadOnlyList<double> stored = Stored(series.Samples);
            var identity = new ResultIdentity(outcome.Spec, series.Quantity);
            // A memory reading is one sample per scenario; its index says which repeat at this N it is.
            int first = outcome.Spec is ParkedSpec parked ? parked.Repeat : 0;
            for (int i = 0; i < stored.Count; i++)
                yield return new SampleRow(identity) { Index = first + i, Value = stored[i], Unit = series.Unit };
        }
    }

    private static IReadOnlyList<double> Stored(IReadOnlyList<double> samples)
    {
        if (samples.Count <= MaxStoredSamples) return samples;
        double[] sorted = samples.Order().ToArray();
        return Enumerable.Range(0, MaxStoredSamples)
            .Select(i => sorted[Math.Min(sorted.Length - 1, (int)((i + 0.5) * sorted.Length / MaxStoredSamples))])
            .ToList();
    }
}
