using System.Text.Json.Serialization;

namespace Harness.Reporting;

/// <summary>
/// rerun.json: how a second run of the same commit and size (OTHER) compared with this run (BASE), as
/// <c>compare BASE OTHER --record</c> measured it. The report reads it to say how far this run's intervals can be
/// trusted across runs: an interval holds the spread between launches of one run on one machine, and a rerun on another
/// machine of the same class moves medians by more than that.
/// </summary>
public sealed record RerunRecord
{
    /// <summary>The other run's identity: its folder name, commit, size, when it started and on what machine.</summary>
    public required string Run { get; init; }
    public required string Commit { get; init; }
    public required string Size { get; init; }
    public required DateTimeOffset Date { get; init; }
    public required string Machine { get; init; }

    /// <summary>The threshold (percent) the verdicts were judged at.</summary>
    public required double ThresholdPercent { get; init; }

    /// <summary>Verdicts of the other run against this one. Memory's "smaller"/"larger" slope counts as faster/slower;
    /// <see cref="Judged"/> also holds the undecided, failed and skipped cells, so the four need not add up.</summary>
    public required int Same { get; init; }
    public required int Faster { get; init; }
    public required int Slower { get; init; }
    public required int Judged { get; init; }

    /// <summary>How many of this run's 95% median intervals (timed quantities) hold the other run's median, of how many.</summary>
    public required int Inside { get; init; }
    public required int Covered { get; init; }

    /// <summary>Per metric, the spread of OTHER median / BASE median over its timed quantities.</summary>
    public required IReadOnlyList<MetricShift> Metrics { get; init; }

    /// <summary>The same over every timed quantity of every metric (<see cref="MetricShift.Metric"/> "all"); null when none
    /// had a ratio.</summary>
    public MetricShift? All { get; init; }

    /// <summary>One metric's ratios: their median and 10th and 90th percentiles over <see cref="Cells"/> quantities.</summary>
    public sealed record MetricShift(string Metric, int Cells, double Median, double P10, double P90);

    /// <summary>The cells judged neither same, faster nor slower: undecided (too few samples), failed or skipped.</summary>
    [JsonIgnore]
    public int Other => Judged - Same - Faster - Slower;

    /// <summary>The name of <see cref="All"/>'s metric.</summary>
    public const string AllMetrics = "all";

    /// <summary>The per-metric shifts of a set of ratios grouped by metric, in the order given; a ratio that is not finite
    /// and positive (a baseline-subtracted time at or below zero) is left out, and so is a metric left without one.</summary>
    public static IReadOnlyList<MetricShift> ShiftsOf(IEnumerable<(string Metric, double Ratio)> ratios, IReadOnlyList<string> order)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        ArgumentNullException.ThrowIfNull(order);
        return Usable(ratios).GroupBy(r => r.Metric, StringComparer.Ordinal)
            .OrderBy(g => order.Contains(g.Key) ? order.ToList().IndexOf(g.Key) : int.MaxValue).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ShiftOf(g.Key, g.Select(r => r.Ratio))).ToList();
    }

    /// <summary>The shift over all usable ratios together, or null when there is none.</summary>
    public static MetricShift? ShiftOfAll(IEnumerable<(string Metric, double Ratio)> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        var usable = Usable(ratios).Select(r => r.Ratio).ToList();
        return usable.Count == 0 ? null : ShiftOf(AllMetrics, usable);
    }

    private static IEnumerable<(string Metric, double Ratio)> Usable(IEnumerable<(string Metric, double Ratio)> ratios) =>
        ratios.Where(r => double.IsFinite(r.Ratio) && r.Ratio > 0);

    private static MetricShift ShiftOf(string metric, IEnumerable<double> ratios)
    {
        double[] sorted = ratios.Order().ToArray();
        return new MetricShift(metric, sorted.Length, Quantile(sorted, 0.5), Quantile(sorted, 0.1), Quantile(sorted, 0.9));
    }

    /// <summary>The q-quantile of sorted values, linear between neighbours (type 7, as R and numpy by default).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
