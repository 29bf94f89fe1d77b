using Harness.Measurement;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>Turns a scenario's outcome into result and sample rows, each with its identity in fields.</summary>
public static class OutcomeRows
{
    /// <summary>The rows of one launch's outcome alone (a cell measured once).</summary>
    public static IReadOnlyList<ResultRow> From(ScenarioOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return FromLaunches([outcome]);
    }

    /// <summary>
    /// Whether a scenario's rows are written per launch, as soon as it finishes, rather than once for its cell: memory,
    /// whose every launch is one point of its sweep (L readings per N; the slope is fitted over all of them).
    /// </summary>
    public static bool RowsPerLaunch(ScenarioSpec spec) => spec is ParkedSpec;

    /// <summary>
    /// The rows of one cell from the outcomes of its launches (each a fresh process): every median and its 95% interval
    /// by a hierarchical bootstrap over launches and samples, with the within- and between-launch spreads, the launches
    /// whose samples drift and the worst launch's modes. A failed launch is named in the notes and the others still
    /// count; when every launch failed the cell is one failed (or skipped) row.
    /// </summary>
    public static IReadOnlyList<ResultRow> FromLaunches(IReadOnlyList<ScenarioOutcome> launches)
    {
        ArgumentNullException.ThrowIfNull(launches);
        if (launches.Count == 0) throw new ArgumentException("a cell needs at least one launch", nameof(launches));
        if (RowsPerLaunch(launches[0].Spec)) return launches.SelectMany(PointRows).ToList();
        var measured = launches.Where(o => o.Succeeded).ToList();
        if (measured.Count == 0) return NotMeasured(launches[0], launches.Count);
        var cell = new Cell(measured);
        List<ResultRow> rows = launches[0].Spec switch
        {
            StallSpec stall => StallRows(cell, stall),
            // A series of single operations' latencies gets percentile rows below; every other one is samples of a mean.
            _ => cell.First.Series.Where(series => !Quantities.IsPerOperationLatency(series.Quantity))
                .Select(series => Distribution(cell, series.Quantity, series.Unit) with
                {
                    VoluntarySwitchesPerOp = cell.MeanCounter(series.Quantity, c => c.VoluntarySwitches),
                    InvoluntarySwitchesPerOp = cell.MeanCounter(series.Quantity, c => c.InvoluntarySwitches),
                    WorkItemsPerOp = cell.MeanCounter(series.Quantity, c => c.WorkItems),
                    LockContentionsPerOp = cell.MeanCounter(series.Quantity, c => c.LockContentions),
                }).Concat(LatencyRows(cell)).ToList(),
        };
        string failures = string.Join("; ", launches.Where(o => !o.Succeeded)
            .Select(o => $"launch {o.Spec.Launch + 1} of {launches.Count} failed ({o.Failure}); its cell stands on the others"));
        return failures.Length == 0 ? rows : rows.Select(r => r with { Note = Join(r.Note, failures) }).ToList();
    }

    /// <summary>The successful launches of one cell, their series by quantity.</summary>
    private sealed class Cell(IReadOnlyList<ScenarioOutcome> measured)
    {
        public ScenarioOutcome First => measured[0];

        public int Launches => measured.Count;

        /// <summary>Each launch's samples of a quantity (launches that lack it left out).</summary>
        public IReadOnlyList<IReadOnlyList<double>> Samples(string quantity) =>
            measured.Select(o => o.Series.SingleOrDefault(s => s.Quantity == quantity)?.Samples)
                .Where(samples => samples is { Count: > 0 }).Select(samples => samples!).ToList();

        /// <summary>Every launch's samples of a quantity in one list (percentiles and quantile differences pool them).</summary>
        public IReadOnlyList<double> Pooled(string quantity) => Samples(quantity).SelectMany(s => s).ToList();

        /// <summary>A counter per operation averaged over the launches that counted it; NaN when none did.</summary>
        public double MeanCounter(string quantity, Func<CountersPerOp, double> counter)
        {
            double[] counted = measured.Select(o => o.Series.SingleOrDefault(s => s.Quantity == quantity)?.Counters)
                .Where(c => c is not null).Select(c => counter(c!)).Where(double.IsFinite).ToArray();
            return counted.Length == 0 ? double.NaN : counted.Average();
        }
    }

    /// <summary>A failed (or skipped) cell: every launch failed, the first one's reason stands for them.</summary>
    private static IReadOnlyList<ResultRow> NotMeasured(ScenarioOutcome outcome, int launches)
    {
        ScenarioSpec spec = outcome.Spec with { Launch = 0 };
        string error = outcome.Failure ?? "failed";
        if (!string.IsNullOrWhiteSpace(outcome.StderrTail))
            error += " | stderr: " + outcome.StderrTail.ReplaceLineEndings(" / ");
        if (launches > 1 && !outcome.Skipped) error = $"all {launches} launches failed; the first: {error}";
        // The CPUs the child would have had: a failed stall row still belongs to its "one per worker" cell.
        int cpus = spec.Pinned ? 1 : Environment.ProcessorCount;
        if (outcome.Skipped)
            return [new ResultRow(new ResultIdentity(spec)) { Status = ResultRow.StatusSkipped, Note = error, ProcessorCount = cpus, Launches = launches }];
        return [new ResultRow(new ResultIdentity(spec)) { Status = ResultRow.StatusFailed, Error = error, ProcessorCount = cpus, Launches = launches }];
    }

    /// <summary>Memory: one launch's readings at its N, a point row each (or its failure).</summary>
    private static IReadOnlyList<ResultRow> PointRows(ScenarioOutcome outcome)
    {
        if (!outcome.Succeeded) return NotMeasured(outcome, 1);
        return outcome.Series.Select(series => Measured(outcome, series.Quantity, series.Unit, Statistics.Point, Statistics.SingleReading) with
        {
            Value = series.Samples[0],
            Samples = 1,
            Modes = 1,
        }).ToList();
    }

    private static string Join(string first, string second) => first.Length == 0 ? second : second.Length == 0 ? first : $"{first}; {second}";

    /// <summary>A measured row of the outcome's scenario, without its value yet.</summary>
    private static ResultRow Measured(ScenarioOutcome outcome, string quantity, string unit, string statistic, string estimator, string note = "") =>
        new(new ResultIdentity(outcome.Spec with { Launch = 0 }, quantity))
        {
            Statistic = statistic,
            Estimator = estimator,
            Unit = unit,
            Note = note,
            Affinity = outcome.Affinity ?? "",
            ProcessorCount = outcome.ProcessorCount,
        };

    /// <summary>
    /// The median of a quantity over the cell's launches with its hierarchical 95% interval, range, spreads, drift and
    /// modes. <paramref name="perOperation"/> is false for a series whose samples are not repeated measurements of one
    /// operation in time order (a stall phase's probe latencies): those get percentile rows, neither a drift test nor a
    /// modality mark (modes 0: not assessed).
    /// </summary>
    private static ResultRow Distribution(Cell cell, string quantity, string unit, string note = "", bool perOperation = true)
    {
        IReadOnlyList<IReadOnlyList<double>> launches = cell.Samples(quantity);
        LaunchEstimate estimate = HierarchicalBootstrap.Median(launches);
        var drifting = perOperation
            ? launches.Select((samples, i) => (Launch: i + 1, Result: Drift.Of(samples))).Where(d => d.Result.Flagged).ToList()
            : [];
        string drift = drifting.Count == 0 ? "" : "drifts within a launch (last third vs first third): "
            + string.Join(", ", drifting.Select(d => $"launch {d.Launch} {d.Result.Shift:+0%;-0%}"));
        return Measured(cell.First, quantity, unit, Statistics.Median, Statistics.HierarchicalMedian, Join(note, drift)) with
        {
            Value = estimate.Median,
            CiLower = estimate.CiLower,
            CiUpper = estimate.CiUpper,
            Samples = estimate.Samples,
            Min = launches.Min(l => l.Min()),
            Max = launches.Max(l => l.Max()),
            Modes = perOperation ? Modality.Worst(launches) : 0,
            Launches = estimate.Launches,
            WithinLaunchSpread = estimate.WithinSpread,
            BetweenLaunchSpread = estimate.BetweenSpread,
            DriftingLaunches = drifting.Count,
        };
    }

    /// <summary>A single reading per launch (a count, a time): the median over the launches that have it, NaN when none does.</summary>
    private static ResultRow Reading(Cell cell, string quantity, string unit, string note)
    {
        double[] readings = cell.Samples(quantity).Select(s => s[0]).Where(double.IsFinite).Order().ToArray();
        return Measured(cell.First, quantity, unit, Statistics.Reading, Statistics.SingleReading, note) with
        {
            Value = readings.Length == 0 ? double.NaN : HierarchicalBootstrap.SortedQuantile(readings, 0.5),
            Samples = readings.Length,
            Modes = 1,
            Launches = cell.Launches,
        };
    }

    private const string BaselineNote = "delay from a tick's scheduled deadline to its probe running, no offender";
    private const string OffendedNote = "delay from a tick's scheduled deadline to its probe running, offenders holding";

    /// <summary>
    /// The percentile rows of every series of the cell that holds single operations' latencies
    /// (<see cref="Quantities.IsPerOperationLatency"/>), in the order the child reported them: one piece of code for
    /// first runs, ping-pong round trips and stall probes alike.
    /// </summary>
    private static IEnumerable<ResultRow> LatencyRows(Cell cell) =>
        cell.First.Series.Where(series => Quantities.IsPerOperationLatency(series.Quantity))
            .SelectMany(series => Percentiles(cell, series.Quantity, LatencyNote(series.Quantity)));

    /// <summary>What one value of a per-operation latency series is, for its rows' note.</summary>
    private static string LatencyNote(string quantity) => quantity switch
    {
        Quantities.FirstRunEach => "each unit's delay from its spawn call to its first instruction, one unit at a time",
        Quantities.RoundTripEach => "each ping-pong round trip (two switches), timed alone in one pass after the samples",
        Quantities.LatenessBaseline => BaselineNote,
        Quantities.Lateness => OffendedNote,
        _ => throw new ArgumentException($"'{quantity}' is not a per-operation latency", nameof(quantity)),
    };

    /// <summary>HdrHistogram percentiles of a latency over every launch's samples: p50, p90, p99, p99.9 and max rows.</summary>
    private static IEnumerable<ResultRow> Percentiles(Cell cell, string quantity, string note)
    {
        IReadOnlyList<double> pooled = cell.Pooled(quantity);
        if (pooled.Count == 0) yield break;
        LatencyPercentiles tail = LatencyPercentiles.Of(pooled);
        foreach ((string name, _) in LatencyPercentiles.Reported)
        {
            yield return Measured(cell.First, quantity, "ns", name, Statistics.HdrPercentile, note) with
            {
                Value = tail[name],
                Samples = pooled.Count,
                Modes = 0,
                Launches = cell.Launches,
            };
        }
    }

    /// <summary>
    /// Stall: the probes' lateness in each phase and the offenders' measured holds (median with CI, range, n) and the
    /// lateness percentiles of each phase; the added latency (offended minus baseline: p50 / p99 with a block-bootstrap
    /// 95% interval of the difference, and max, over the launches' samples pooled); the time until latency recovered;
    /// the holds completed; and, for the task model, the ThreadPool's thread counts. Derived rows carry no min/max: a
    /// range belongs to a distribution.
    /// </summary>
    private static List<ResultRow> StallRows(Cell cell, StallSpec spec)
    {
        IReadOnlyList<double> baseline = cell.Pooled(Quantities.LatenessBaseline);
        IReadOnlyList<double> offended = cell.Pooled(Quantities.Lateness);
        var rows = new List<ResultRow>
        {
            Distribution(cell, Quantities.LatenessBaseline, "ns", BaselineNote, perOperation: false),
            Distribution(cell, Quantities.Lateness, "ns", OffendedNote, perOperation: false),
        };
        rows.AddRange(LatencyRows(cell));
        if (cell.Samples(Quantities.Hold).Count > 0)
            rows.Add(Distribution(cell, Quantities.Hold, "ns", $"each offender hold as measured around it (asked: {Format.Hold(spec.HoldMicroseconds)})", perOperation: false));
        ScenarioOutcome outcome = cell.First;
        foreach ((string statistic, double p) in new[] { (Statistics.P50Added, 0.5), (Statistics.P99Added, 0.99) })
        {
            (double added, double lower, double upper) = QuantileDifference.Of(offended, baseline, p);
            string percentile = statistic[..3];
            rows.Add(Measured(outcome, Quantities.Lateness, "ns", statistic, Statistics.QuantileDifference,
                $"offended {percentile} {Format.Value(Summary.Quantile(offended, p), "ns")} minus baseline {percentile} {Format.Value(Summary.Quantile(baseline, p), "ns")}; "
                + "95% CI by block bootstrap of both phases") with { Value = added, CiLower = lower, CiUpper = upper, Samples = offended.Count, Modes = 1, Launches = cell.Launches });
        }
        rows.Add(Measured(outcome, Quantities.Lateness, "ns", Statistics.MaxAdded, Statistics.MaxDifference,
            $"offended max {Format.Value(offended.Max(), "ns")} minus baseline max {Format.Value(baseline.Max(), "ns")}")
            with { Value = offended.Max() - baseline.Max(), Samples = offended.Count, Modes = 1, Launches = cell.Launches });
        int recovered = cell.Samples(Quantities.Recovery).Count(s => double.IsFinite(s[0]));
        rows.Add(Reading(cell, Quantities.Recovery, "ns",
            recovered == 0 ? "did not recover within the window"
            : "start of the first 50 ms bucket from which on the median lateness stayed normal"
                + (recovered < cell.Launches ? $" (recovered in {recovered} of {cell.Launches} launches)" : "")));
        rows.Add(Reading(cell, Quantities.Holds, "holds", "holds the offenders completed in the window"));
        if (spec.Model != Models.ModelIds.Task) return rows; // the ThreadPool only matters to the task model

        rows.Add(Reading(cell, Quantities.PoolThreadsAtStart, "threads", "ThreadPool threads when the offenders started"));
        rows.Add(Reading(cell, Quantities.PoolThreads, "threads", "peak ThreadPool threads while offended"));
        int grew = cell.Samples(Quantities.PoolGrowth).Count(s => double.IsFinite(s[0]));
        rows.Add(Reading(cell, Quantities.PoolGrowth, "ns",
            grew > 0 ? "time until the ThreadPool first added a thread" : "the ThreadPool did not add threads within the window"));
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
            var identity = new ResultIdentity(outcome.Spec with { Launch = 0 }, series.Quantity);
            for (int i = 0; i < stored.Count; i++)
                yield return new SampleRow(identity) { Launch = outcome.Spec.Launch, Index = i, Value = stored[i], Unit = series.Unit };
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
