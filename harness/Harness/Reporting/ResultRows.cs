using Harness.Measurement;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>Turns a scenario's outcome into result and sample rows.</summary>
public static class ResultRows
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
            return
            [
                new ResultRow
                {
                    Metric = spec.Metric,
                    Model = spec.Model,
                    Variant = FailedVariant(spec),
                    Status = ResultRow.StatusFailed,
                    Error = error,
                },
            ];
        }

        if (spec.Metric == MetricIds.Stall) return StallRows(outcome);
        return outcome.Series.Select(series =>
        {
            Summary summary = Summary.Of(series.Samples);
            CountersPerOp? c = series.Counters;
            return new ResultRow
            {
                Metric = spec.Metric,
                Model = spec.Model,
                Variant = VariantOf(spec, series.Quantity),
                Median = summary.Median,
                CiLower = summary.CiLower,
                CiUpper = summary.CiUpper,
                Unit = series.Unit,
                Samples = summary.Count,
                Min = summary.Min,
                Max = summary.Max,
                Modes = summary.Modes,
                VoluntarySwitchesPerOp = c?.VoluntarySwitches ?? double.NaN,
                InvoluntarySwitchesPerOp = c?.InvoluntarySwitches ?? double.NaN,
                WorkItemsPerOp = c?.WorkItems ?? double.NaN,
                LockContentionsPerOp = c?.LockContentions ?? double.NaN,
                Affinity = outcome.Affinity ?? "",
                ProcessorCount = outcome.ProcessorCount,
            };
        }).ToList();
    }

    /// <summary>
    /// Stall: the probes' raw lateness in each phase and the offenders' measured holds (median with CI, range, n);
    /// the added latency (offended phase minus baseline: p50 / p99 with a block-bootstrap 95% interval of the
    /// difference, and max); the time until latency recovered; the holds completed; and, for the task model, the
    /// ThreadPool's thread counts. Derived rows carry no min/max: a range belongs to a distribution.
    /// </summary>
    private static List<ResultRow> StallRows(ScenarioOutcome outcome)
    {
        ScenarioSpec spec = outcome.Spec;
        IReadOnlyList<double> baseline = outcome.Series.Single(s => s.Quantity == "lateness-baseline").Samples;
        IReadOnlyList<double> offended = outcome.Series.Single(s => s.Quantity == "lateness").Samples;
        string prefix = StallVariant((StallSpec)spec);
        ResultRow Row(string stat, double value, double lower, double upper, string unit, int n, string note = "") => new()
        {
            Metric = spec.Metric,
            Model = spec.Model,
            Variant = $"{prefix}-{stat}",
            Median = value,
            CiLower = lower,
            CiUpper = upper,
            Unit = unit,
            Samples = n,
            Modes = 1,
            Affinity = outcome.Affinity ?? "",
            ProcessorCount = outcome.ProcessorCount,
            Error = note,
        };
        ResultRow Distribution(string stat, IReadOnlyList<double> samples, string note)
        {
            Summary summary = Summary.Of(samples);
            return Row(stat, summary.Median, summary.CiLower, summary.CiUpper, "ns", summary.Count, note) with
            {
                Min = summary.Min,
                Max = summary.Max,
                Modes = summary.Modes,
            };
        }

        var rows = new List<ResultRow>
        {
            Distribution("lateness-baseline", baseline, "delay from a tick's send to its probe running, no offender"),
            Distribution("lateness", offended, "delay from a tick's send to its probe running, offenders holding"),
        };
        if (outcome.Series.SingleOrDefault(s => s.Quantity == "hold") is { } hold && !double.IsNaN(hold.Samples[0]))
            rows.Add(Distribution("hold", hold.Samples, $"each offender hold as measured around it (asked: {HoldLabel(((StallSpec)spec).HoldMicroseconds)})"));
        foreach ((string stat, double p) in new[] { ("p50", 0.5), ("p99", 0.99) })
        {
            (double added, double lower, double upper) = QuantileDifference.Of(offended, baseline, p);
            rows.Add(Row($"{stat}-added", added, lower, upper, "ns", offended.Count,
                $"offended {stat} {Format.Value(Summary.Quantile(offended, p), "ns")} minus baseline {stat} {Format.Value(Summary.Quantile(baseline, p), "ns")}; "
                + "95% CI by block bootstrap of both phases"));
        }
        rows.Add(Row("max-added", offended.Max() - baseline.Max(), double.NaN, double.NaN, "ns", offended.Count,
            $"offended max {Format.Value(offended.Max(), "ns")} minus baseline max {Format.Value(baseline.Max(), "ns")}"));
        double recovery = Scalar(outcome, "recovery");
        rows.Add(Row("recovery", recovery, double.NaN, double.NaN, "ns", 1,
            double.IsNaN(recovery) ? "did not recover within the window" : "start of the first 50 ms bucket from which on the median lateness stayed normal"));
        if (outcome.Series.Any(s => s.Quantity == "holds"))
            rows.Add(Row("holds", Scalar(outcome, "holds"), double.NaN, double.NaN, "holds", 1, "holds the offenders completed in the window"));
        if (spec.Model != Models.ModelIds.Task) return rows; // the ThreadPool only matters to the task model

        if (outcome.Series.Any(s => s.Quantity == "pool-threads-at-start"))
            rows.Add(Row("pool-threads-at-start", Scalar(outcome, "pool-threads-at-start"), double.NaN, double.NaN, "threads", 1, "ThreadPool threads when the offenders started"));
        rows.Add(Row("pool-threads", Scalar(outcome, "pool-threads"), double.NaN, double.NaN, "threads", 1, "peak ThreadPool threads while offended"));
        if (outcome.Series.Any(s => s.Quantity == "pool-growth"))
        {
            double grew = Scalar(outcome, "pool-growth");
            rows.Add(Row("pool-growth", grew, double.NaN, double.NaN, "ns", 1,
                double.IsNaN(grew) ? "the ThreadPool did not add threads within the window" : "time until the ThreadPool first added a thread"));
        }
        return rows;
    }

    private static double Scalar(ScenarioOutcome outcome, string quantity) =>
        outcome.Series.SingleOrDefault(s => s.Quantity == quantity)?.Samples[0] ?? double.NaN;

    /// <summary>The v1 variant name of a quantity (until results get typed identity columns).</summary>
    private static string VariantOf(ScenarioSpec spec, string quantity)
    {
        string pinning = spec.Pinned ? "-pinned" : "-unpinned";
        return spec switch
        {
            CreationSpec => quantity == Quantities.PoolThreads ? "total-pool-threads" : quantity,
            ParkedSpec => quantity + spec.Shape switch { Shapes.ParkedTouch => "-touch", Shapes.ParkedSmallStack => "-small-stack", _ => "" },
            StallSpec => quantity,
            _ => spec.Shape + pinning + (quantity is Quantities.Net or Quantities.Switch or Quantities.Yield ? "" : "-" + quantity),
        };
    }

    /// <summary>The rows of a finished group: per outcome, or for a memory sweep, one slope per quantity.</summary>
    public static IReadOnlyList<ResultRow> FromGroup(ScenarioGroup group, IReadOnlyList<ScenarioOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(outcomes);
        return group.Metric == MetricIds.Memory ? MemorySlopes(group, outcomes) : outcomes.SelectMany(From).ToList();
    }

    /// <summary>
    /// Per quantity, the slope of the reading against N over the sweep's successful points, with its 95% CI;
    /// a failed point becomes a failed row of its own, and the slope is made of the others.
    /// </summary>
    private static List<ResultRow> MemorySlopes(ScenarioGroup group, IReadOnlyList<ScenarioOutcome> outcomes)
    {
        var rows = new List<ResultRow>();
        foreach (ScenarioOutcome failed in outcomes.Where(o => !o.Succeeded))
        {
            rows.Add(From(failed)[0] with { Variant = $"{group.Shape}@{UnitsOf(failed.Spec)}" });
        }
        var measured = outcomes.Where(o => o.Succeeded).ToList();
        var variants = measured.SelectMany(o => o.Series.Select(s => (Variant: VariantOf(o.Spec, s.Quantity), s.Unit))).Distinct().ToList();
        foreach ((string variant, string unit) in variants)
        {
            var points = measured
                .SelectMany(o => o.Series.Where(s => VariantOf(o.Spec, s.Quantity) == variant).Select(s => ((double)UnitsOf(o.Spec), s.Samples[0])))
                .ToList();
            if (points.Select(p => p.Item1).Distinct().Count() < 2)
            {
                rows.Add(new ResultRow
                {
                    Metric = group.Metric,
                    Model = group.Model,
                    Variant = variant,
                    Status = ResultRow.StatusFailed,
                    Error = "fewer than two distinct N measured: no slope",
                });
                continue;
            }
            LinearFit fit = LinearFit.Of(points);
            rows.Add(new ResultRow
            {
                Metric = group.Metric,
                Model = group.Model,
                Variant = variant,
                Median = fit.Slope,
                CiLower = fit.SlopeCiLower,
                CiUpper = fit.SlopeCiUpper,
                Unit = unit,
                Samples = fit.Points,
                Modes = 1, // a slope has no range: the points it is fitted to are in samples.csv and the report's chart
                Affinity = measured[0].Affinity ?? "",
                ProcessorCount = measured[0].ProcessorCount,
                Error = $"slope over N = {string.Join(", ", points.Select(p => p.Item1).Distinct())}; R² {fit.RSquared:F4}",
            });
        }
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
            for (int i = 0; i < stored.Count; i++)
            {
                yield return new SampleRow
                {
                    Metric = outcome.Spec.Metric,
                    Model = outcome.Spec.Model,
                    // Stall series are named within their scenario ("lateness"); the rows carry the scenario's prefix.
                    Variant = outcome.Spec is StallSpec stall ? $"{StallVariant(stall)}-{series.Quantity}" : VariantOf(outcome.Spec, series.Quantity),
                    Index = i,
                    Value = stored[i],
                    Unit = series.Unit,
                    Units = UnitsOf(outcome.Spec),
                };
            }
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

    /// <summary>Stall: the variant prefix, e.g. <c>sleep-1ms-xW-offload</c> (xW: one offender per worker).</summary>
    private static string StallVariant(StallSpec spec)
    {
        int workers = Environment.ProcessorCount;
        string offenders = spec.Offenders == 1 ? "x1" : spec.Offenders == workers ? "xW" : spec.Offenders == 2 * workers ? "x2W" : $"x{spec.Offenders}";
        string suffix = spec.Shape switch { Shapes.StallOffload => "-offload", Shapes.StallDetect => "-detect", _ => "" };
        return $"{spec.Block}-{HoldLabel(spec.HoldMicroseconds)}-{offenders}{suffix}";
    }

    public static string HoldLabel(int microseconds) =>
        microseconds % 1000 == 0 ? $"{microseconds / 1000}ms" : $"{microseconds}us";

    private static int UnitsOf(ScenarioSpec spec) => (spec as ParkedSpec)?.Units ?? 0;

    /// <summary>The headline variant a failed scenario would have produced, so the report shows it in the right row.</summary>
    public static string FailedVariant(ScenarioSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Shape switch
        {
            Shapes.SpawnJoin => "total",
            _ when spec is StallSpec stall => StallVariant(stall) + "-p99-added",
            _ when spec.Metric == MetricIds.Memory => $"{spec.Shape}@{UnitsOf(spec)}",
            _ => spec.Shape + (spec.Pinned ? "-pinned" : "-unpinned"),
        };
    }
}
