using Harness.Measurement;

namespace Harness.Reporting;

/// <summary>
/// Memory's per-unit cost, derived when a report is made: results.csv holds one point row per (scenario, quantity), the
/// reading at its N, written as soon as that scenario finished; the slope over a sweep's points is fitted here. A sweep
/// that was cut short keeps its points, and its slope is made of the N that were measured.
/// </summary>
public static class MemorySlopes
{
    /// <summary>
    /// The rows with every sweep's point rows replaced by one slope row per quantity (least squares, with its 95% CI),
    /// or a failed row when fewer than two distinct N were measured; failed points stay as they are.
    /// </summary>
    public static IReadOnlyList<ResultRow> Derive(IReadOnlyList<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var points = rows.Where(r => r.Succeeded && r.Statistic == Statistics.Point).ToList();
        var derived = rows.Except(points).ToList();
        foreach (var sweep in points.GroupBy(r => (r with { Units = 0 }).Key))
        {
            ResultRow first = sweep.First();
            var fitted = sweep.Where(r => double.IsFinite(r.Value)).Select(r => ((double)r.Units, r.Value)).ToList();
            var sizes = fitted.Select(p => p.Item1).Distinct().ToList();
            ResultRow slope = first with { Units = 0, Statistic = Statistics.Slope, Estimator = Statistics.LeastSquaresSlope, Min = double.NaN, Max = double.NaN };
            if (sizes.Count < 2)
            {
                derived.Add(slope with { Status = ResultRow.StatusFailed, Value = double.NaN, Note = "", Error = "fewer than two distinct N measured: no slope" });
                continue;
            }
            LinearFit fit = LinearFit.Of(fitted);
            derived.Add(slope with
            {
                Value = fit.Slope,
                CiLower = fit.SlopeCiLower,
                CiUpper = fit.SlopeCiUpper,
                Samples = fit.Points,
                Modes = 1, // a slope has no range: its points are in the report's chart
                Note = $"slope over N = {string.Join(", ", sizes)}; R² {fit.RSquared:F4}",
            });
        }
        return derived;
    }
}
