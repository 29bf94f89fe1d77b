using Harness.Measurement;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// Memory's per-unit cost, derived when a report is made: results.csv holds one point row per (scenario, quantity,
/// launch), the reading at its N, written as soon as that launch finished; the slope over a sweep's points is fitted
/// here. Every model's slope covers the same N range, the one all of them reached (threads are capped by the machine
/// well below the millions of tasks a light model reaches, and a light unit's marginal cost falls with N: 812 B from 1k
/// to 10k tasks but 249 B from 100k to 1M), so a ratio of two slopes divides like with like. What happens beyond that
/// range is shown as the marginal cost per decade of N, for each model. A sweep that was cut short keeps its points,
/// and its slope is made of the N that were measured.
/// </summary>
public static class MemorySlopes
{
    /// <summary>
    /// The rows with every sweep's point rows replaced by one slope row per quantity over the common N range (least
    /// squares, with its 95% CI), or a failed row when fewer than two distinct N were measured in it, plus a
    /// <see cref="Statistics.MarginalPerDecade"/> row for each decade of N the sweep measured both ends of; failed points
    /// stay as they are, and spawn-alive points are left out (they are times per unit, not readings to fit).
    /// </summary>
    public static IReadOnlyList<ResultRow> Derive(IReadOnlyList<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // A time per unit at each N (spawn-alive) is no reading that grows with N: it has no slope, and its points are
        // drawn by the creation chart from the file's rows.
        var points = rows.Where(r => r.Succeeded && r.Statistic == Statistics.Point && double.IsFinite(r.Value) && r.Quantity != Quantities.SpawnAlive)
            .ToList();
        var derived = rows.Where(r => !(r.Succeeded && r.Statistic == Statistics.Point)).ToList();
        foreach (var comparable in points.GroupBy(r => (r with { Units = 0, Model = "" }).Key))
        {
            var sweeps = comparable.GroupBy(r => r.Model).ToList();
            // The largest N every model of this shape and quantity reached: the top of the range their slopes share.
            int commonTop = sweeps.Min(sweep => sweep.Max(r => r.Units));
            foreach (var sweep in sweeps)
            {
                derived.Add(Slope(sweep.ToList(), commonTop));
                derived.AddRange(PerDecade(sweep.ToList()));
            }
        }
        return derived;
    }

    private static ResultRow Slope(List<ResultRow> sweep, int commonTop)
    {
        ResultRow first = sweep[0];
        var fitted = sweep.Where(r => r.Units <= commonTop).Select(r => ((double)r.Units, r.Value)).ToList();
        var sizes = fitted.Select(p => p.Item1).Distinct().Order().ToList();
        var beyond = sweep.Select(r => r.Units).Where(n => n > commonTop).Distinct().Order().ToList();
        ResultRow slope = first with { Units = 0, Statistic = Statistics.Slope, Estimator = Statistics.LeastSquaresSlope, Min = double.NaN, Max = double.NaN };
        if (sizes.Count < 2)
            return slope with { Status = ResultRow.StatusFailed, Value = double.NaN, Note = "", Error = "fewer than two distinct N measured: no slope" };
        LinearFit fit = LinearFit.Of(fitted);
        string leftOut = beyond.Count == 0 ? ""
            : $"; N = {string.Join(", ", beyond)} left out, so that every model's slope covers the N range all reached (see the per-decade rows)";
        return slope with
        {
            Value = fit.Slope,
            CiLower = fit.SlopeCiLower,
            CiUpper = fit.SlopeCiUpper,
            Samples = fit.Points,
            Modes = 1, // a slope has no range: its points are in the report's chart
            Launches = sweep.Where(r => r.Units == sizes[0]).Count(),
            Note = $"slope over N = {string.Join(", ", sizes)}; R² {fit.RSquared:F4}{leftOut}",
        };
    }

    /// <summary>
    /// The cost of one more unit over each decade of N the sweep measured both ends of (N to 10 N): the difference of
    /// the mean readings at the two ends over the difference of N. Where a light unit gets cheaper as N grows, these rows
    /// show it; a single slope over the whole sweep would hide it in one number.
    /// </summary>
    private static IEnumerable<ResultRow> PerDecade(List<ResultRow> sweep)
    {
        var means = sweep.GroupBy(r => r.Units).ToDictionary(g => g.Key, g => (Mean: g.Average(r => r.Value), Count: g.Count()));
        foreach (int low in means.Keys.Order())
        {
            int high = checked(low * 10);
            if (!means.TryGetValue(high, out var top)) continue;
            yield return sweep[0] with
            {
                Units = high,
                Statistic = Statistics.MarginalPerDecade,
                Estimator = Statistics.DecadeDifference,
                Value = (top.Mean - means[low].Mean) / (high - low),
                CiLower = double.NaN,
                CiUpper = double.NaN,
                Min = double.NaN,
                Max = double.NaN,
                Samples = top.Count + means[low].Count,
                Modes = 1,
                Note = $"per unit added from N = {low} to N = {high}",
            };
        }
    }
}
