using Harness.Charts;
using Harness.Models;
using Harness.Scenarios;
using Harness.Workloads;

namespace Harness.Reporting;

/// <summary>
/// The report's charts as SVG (<see cref="SvgCharts"/>): one per metric for the page (creation and switch operations
/// per model on a log axis, resident memory against N on log-log axes, stall added latency against the hold on log-log
/// axes), the ratios against the 1× line, and in the details the other stall setups, memory shapes and percentile
/// curves. Every chart selects its rows by field; a chart with nothing to draw is not made.
/// </summary>
public static class ReportCharts
{
    /// <summary>Added latencies at or below this (µs) are drawn at it: a log axis has no zero, and "none" must show.</summary>
    public const double StallFloorMicroseconds = 1;

    private static readonly IReadOnlyList<(string Label, RowSelector Cell)> s_creation = new[]
        {
            ("spawn", Quantities.Spawn), ("first run", Quantities.FirstRun), ("first run\nidle", Quantities.FirstRunIdle),
            ("join", Quantities.Join), ("total", Quantities.Total),
        }.Select(step => (step.Item1, new RowSelector(MetricIds.Creation, Shapes.SpawnJoin, step.Item2))).ToList();

    private static RowSelector Switch(string shape, string quantity, string pinning) =>
        new(MetricIds.Switch, shape, quantity) { Pinning = pinning };

    private static readonly IReadOnlyList<(string Label, RowSelector Cell)> s_switch =
    [
        ("brigade\n1 CPU", Switch(Shapes.Brigade, Quantities.Net, ResultIdentity.Pinned)),
        ("brigade\nall CPUs", Switch(Shapes.Brigade, Quantities.Net, ResultIdentity.Unpinned)),
        ("pipe brigade\n1 CPU", Switch(Shapes.BrigadePipe, Quantities.Net, ResultIdentity.Pinned)),
        ("channel chain\n1 CPU", Switch(Shapes.BrigadeMemory, Quantities.Raw, ResultIdentity.Pinned)),
        ("channel chain\nall CPUs", Switch(Shapes.BrigadeMemory, Quantities.Raw, ResultIdentity.Unpinned)),
        ("ping-pong\n1 CPU", Switch(Shapes.PingPong, Quantities.Switch, ResultIdentity.Pinned)),
        ("ping-pong\nall CPUs", Switch(Shapes.PingPong, Quantities.Switch, ResultIdentity.Unpinned)),
        ("yield\n1 CPU", Switch(Shapes.Yield, Quantities.Yield, ResultIdentity.Pinned)),
        ("yield\nall CPUs", Switch(Shapes.Yield, Quantities.Yield, ResultIdentity.Unpinned)),
    ];

    /// <summary>The rows the ratio chart compares, with short labels.</summary>
    private static readonly IReadOnlyList<(string Label, RowSelector Cell)> s_ratioRows =
    [
        ("creation", s_creation[^1].Cell),
        ("ping-pong 1 CPU", s_switch[5].Cell),
        ("chain 1 CPU", s_switch[3].Cell),
        ("brigade 1 CPU", s_switch[0].Cell),
        ("parked rss", new(MetricIds.Memory, Shapes.Parked, Quantities.Rss, Statistics.Slope)),
    ];

    /// <summary>The chart of <paramref name="metric"/> shown on the page, or null when it has nothing to draw.</summary>
    public static ChartFile? Page(ReportData data, string metric)
    {
        ArgumentNullException.ThrowIfNull(data);
        return metric switch
        {
            MetricIds.Creation => Operations(data, metric, "Creation: time per unit, by step (log scale)", s_creation),
            MetricIds.Switch => Operations(data, metric, "Switch: time per hop, switch or yield (log scale)", s_switch),
            MetricIds.Memory => MemorySweep(data, Shapes.Parked),
            MetricIds.Stall => Stall(data, BlockKind.Sleep),
            _ => null,
        };
    }

    /// <summary>The charts of a metric's details page besides its page chart.</summary>
    public static IReadOnlyList<ChartFile> Details(ReportData data, string metric)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Creation with N alive is measured by the memory sweep: it belongs with creation, or with memory when creation did not run.
        bool creationRan = data.Run.Metrics.Contains(MetricIds.Creation);
        IEnumerable<ChartFile?> charts = metric switch
        {
            MetricIds.Creation => [CreationWithNAlive(data)],
            MetricIds.Memory => new[] { Shapes.ParkedTouch, Shapes.ParkedSmallStack, Shapes.ParkedDefaultStack }.Select(s => MemorySweep(data, s))
                .Append(creationRan ? null : CreationWithNAlive(data)),
            MetricIds.Stall => [Stall(data, BlockKind.Spin), Stall(data, BlockKind.Wait)],
            _ => [],
        };
        return charts.OfType<ChartFile>().Concat(PercentileCurves(data, metric)).ToList();
    }

    /// <summary>Operations of one metric side by side, a point per model with its interval, in µs on a log axis.</summary>
    private static ChartFile? Operations(ReportData data, string metric, string title, IReadOnlyList<(string Label, RowSelector Cell)> operations)
    {
        var shown = operations.Where(o => data.Models.Any(m => Drawable(data.Measured(o.Cell, m)))).ToList();
        var series = data.Models
            .Select(model => new ChartSeries(model, shown
                .Select((o, i) => (Row: data.Measured(o.Cell, model), Index: i))
                .Where(p => Drawable(p.Row))
                .Select(p => new ChartPoint(p.Index, p.Row!.Value / 1000, p.Row.CiLower / 1000, p.Row.CiUpper / 1000))
                .ToList()))
            .Where(s => s.Points.Count > 0)
            .ToList();
        if (series.Count == 0) return null;
        int hidden = operations.Sum(o => data.Models.Count(m => data.Measured(o.Cell, m) is { Value: <= 0 }));
        return new ChartFile(metric, title, SvgCharts.Categories(title, "µs (log scale)", shown.Select(o => o.Label).ToList(), series, logY: true),
            hidden > 0 ? $"{hidden} median(s) at or below zero are not drawn (a log axis has no zero); the tables have them." : "");
    }

    private static bool Drawable(ResultRow? row) => row is not null && SvgCharts.Drawable(row.Value, log: true);

    /// <summary>Resident memory added against N parked units, a line per model (repeats at one N averaged).</summary>
    private static ChartFile? MemorySweep(ReportData data, string shape)
    {
        var series = data.Models
            .Select(model => new ChartSeries(model, data.FileRows
                .Where(r => r.Succeeded && r.Model == model && r.Metric == MetricIds.Memory && r.Shape == shape
                    && r.Statistic == Statistics.Point && r.Quantity == Quantities.Rss && double.IsFinite(r.Value))
                .GroupBy(r => r.Units)
                .Select(g => new ChartPoint(g.Key, g.Average(r => r.Value) / (1024 * 1024)))
                .ToList()))
            .Where(s => s.Points.Count(p => p.Y > 0) >= 2)
            .ToList();
        if (series.Count == 0) return null;
        string title = $"Memory: resident memory added by N parked units ({shape}, log-log)";
        return new ChartFile($"memory-{shape}", title,
            SvgCharts.Lines(title, "N parked units (log scale)", "resident MiB added (log scale)", series, logX: true, logY: true),
            "The slope of each line is the per-unit cost in the tables; a reading at or below zero (small N) is not drawn.");
    }

    /// <summary>The name of the chart of creation with N alive (charts/creation-n-alive.svg).</summary>
    public const string CreationWithNAliveName = "creation-n-alive";

    /// <summary>
    /// Creation with N alive against N, a line per model on log-log axes: the parked sweep's spawn-alive readings in µs per
    /// unit, the median of the launches at each N with its 95% interval where there are several. Null when no model has
    /// the readings (runs made before they existed, peers that do not report them).
    /// </summary>
    private static ChartFile? CreationWithNAlive(ReportData data)
    {
        var series = data.Models
            .Select(model => new ChartSeries(model, data.FileRows
                .Where(r => r.Succeeded && r.Model == model && r.Metric == MetricIds.Memory && r.Shape == Shapes.Parked
                    && r.Statistic == Statistics.Point && r.Quantity == Quantities.SpawnAlive && SvgCharts.Drawable(r.Value, log: true))
                .GroupBy(r => r.Units)
                .Select(g => LaunchPoint(g.Key, g.Select(r => r.Value / 1000).ToList()))
                .ToList()))
            .Where(s => s.Points.Count > 0)
            .ToList();
        if (series.Count == 0) return null;
        const string title = "Creation with N alive: µs per unit until all N had started (log-log)";
        return new ChartFile(CreationWithNAliveName, title,
            SvgCharts.Lines(title, "N units alive and parked (log scale)", "µs per unit (log scale)", series, logX: true, logY: true),
            "Creation with N alive: the time from the first spawn until all N units of the parked memory sweep had started, "
                + "over N, every unit staying alive; not spawn-join (each unit ends before the next), so not comparable with its row.");
    }

    /// <summary>One N's readings over its launches: their median, with its 95% interval when there are two or more.</summary>
    private static ChartPoint LaunchPoint(int units, IReadOnlyList<double> launches)
    {
        if (launches.Count == 1) return new ChartPoint(units, launches[0]);
        Measurement.Summary summary = Measurement.Summary.Of(launches);
        return new ChartPoint(units, summary.Median, summary.CiLower, summary.CiUpper);
    }

    /// <summary>p99 added wake-up latency against the hold, one offender per worker, a line per model and stall shape.</summary>
    private static ChartFile? Stall(ReportData data, BlockKind block)
    {
        var rows = data.Rows.Where(r => r.Succeeded && r.Metric == MetricIds.Stall && r.Block == block.Id() && r.Offenders == r.ProcessorCount
            && r.Quantity == Quantities.Lateness && r.Statistic == Statistics.P99Added && double.IsFinite(r.Value)).ToList();
        var lines = rows.GroupBy(r => (r.Model, r.Shape))
            .OrderBy(g => MarkdownReport.ModelOrder(g.Key.Model)).ThenBy(g => Shapes.All.ToList().IndexOf(g.Key.Shape))
            .Select(g => new ChartSeries(g.Key.Model, g.Select(StallPoint).ToList(), StallLabel(g.Key.Model, g.Key.Shape),
                Variant: g.Key.Shape == Shapes.Stall ? 0 : g.Key.Shape == Shapes.StallOffload ? 1 : 2))
            .Where(s => s.Points.Count >= 2)
            .ToList();
        if (lines.Count == 0) return null;
        string title = $"Stall ({block.Id()}, one offender per worker): p99 added latency vs hold";
        return new ChartFile($"stall-{block.Id()}", title,
            SvgCharts.Lines(title, "hold D (µs, log scale)", "p99 added latency (µs, log scale)", lines, logX: true, logY: true,
                StallFloorMicroseconds, $"≤ {StallFloorMicroseconds} µs: none"),
            $"Log-log axes. An added latency at or below {StallFloorMicroseconds} µs (none, or below zero: the probes woke more "
                + $"punctually beside the offenders) is drawn at {StallFloorMicroseconds} µs.");
    }

    /// <summary>A stall row as a point in µs against its hold, the value and its interval raised to the floor.</summary>
    private static ChartPoint StallPoint(ResultRow row) => new(row.HoldMicroseconds,
        Math.Max(StallFloorMicroseconds, row.Value / 1000),
        double.IsFinite(row.CiLower) ? Math.Max(StallFloorMicroseconds, row.CiLower / 1000) : double.NaN,
        double.IsFinite(row.CiUpper) ? Math.Max(StallFloorMicroseconds, row.CiUpper / 1000) : double.NaN);

    /// <summary>A stall line's name: the model, and for the green runtime's remedies which one.</summary>
    public static string StallLabel(string model, string shape) => shape switch
    {
        Shapes.StallOffload => $"{model} offload",
        Shapes.StallDetect => $"{model} detect",
        _ => model,
    };

    /// <summary>The ratios of the page's key rows for each pair of models that ran, as bars against the 1× line.</summary>
    public static ChartFile? Ratios(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var bars = (from row in s_ratioRows
                    from pair in RatioPair.Present(data.Models)
                    let ratio = Cells.Ratio(data.Measured(row.Cell, pair.Numerator), data.Measured(row.Cell, pair.Denominator))
                    where double.IsFinite(ratio)
                    select ($"{row.Label}: {pair}", ratio, double.NaN, double.NaN)).ToList();
        if (bars.Count == 0) return null;
        const string title = "Cost ratios of like operations (log scale)";
        return new ChartFile("ratios", title, SvgCharts.Ratios(title, bars),
            "Right of the 1× line the first model of the pair costs more; each bar divides two medians of one row.");
    }

    /// <summary>A percentile chart's title, short enough for the chart's width: the shape and quantity, and for a stall
    /// its block kind, hold and offenders ("Percentiles: stall lateness, sleep 1 ms, 2 offenders (µs, log scale)").</summary>
    private static string PercentileTitle(ResultRow row)
    {
        string stall = row.Block.Length == 0 ? ""
            : $", {row.Block} {Format.HoldForReader(row.HoldMicroseconds)}, {row.Offenders} offender{(row.Offenders == 1 ? "" : "s")}";
        string pinning = row.Pinning == ResultIdentity.Pinned ? ", 1 CPU" : "";
        return $"Percentiles: {row.Shape} {row.Quantity}{stall}{pinning} (µs, log scale)";
    }

    /// <summary>Percentile curves, a chart per shape that has percentile rows (<see cref="Percentiles.ChartedGroups"/>), a
    /// line per model.</summary>
    private static IEnumerable<ChartFile> PercentileCurves(ReportData data, string metric)
    {
        foreach (var group in Percentiles.ChartedGroups(data.Rows, metric))
        {
            var ranks = Percentiles.Names.Where(n => group.Any(r => r.Statistic == n)).ToList();
            var series = data.Models
                .Select(model => new ChartSeries(model, group.Where(r => r.Model == model && SvgCharts.Drawable(r.Value, log: true))
                    .Select(r => new ChartPoint(ranks.IndexOf(r.Statistic), r.Value / 1000, r.CiLower / 1000, r.CiUpper / 1000)).ToList()))
                .Where(s => s.Points.Count > 0)
                .ToList();
            if (series.Count == 0) continue;
            string title = PercentileTitle(group.First());
            string name = "percentiles-" + string.Concat(group.Key.Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '-'));
            yield return new ChartFile(name, title, SvgCharts.Categories(title, "µs (log scale)", ranks, series, logY: true));
        }
    }
}
