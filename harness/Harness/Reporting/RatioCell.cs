using Harness.Measurement;

namespace Harness.Reporting;

/// <summary>
/// The ratio of two models' medians on one row of a report, with its 95% interval from the launches both cells share:
/// launch r of each ran in round r of the same set, so the rounds are the pairs <see cref="RatioInterval"/> resamples.
/// Only medians are divided here (times, latencies): a slope's ratio has no samples to resample.
/// </summary>
public static class RatioCell
{
    /// <summary>The ratio a / b with its interval, or null when either row is not a measured median, a value is not
    /// above zero, or the samples of a paired launch are missing.</summary>
    public static RatioInterval.Ratio? Of(ResultRow? a, ResultRow? b, LaunchSamples samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (a is not { Succeeded: true, Statistic: Statistics.Median } || b is not { Succeeded: true, Statistic: Statistics.Median }) return null;
        if (!(a.Value > 0 && b.Value > 0)) return null;
        IReadOnlyDictionary<int, List<double>> top = samples.Of(a), bottom = samples.Of(b);
        int[] rounds = [.. top.Keys.Intersect(bottom.Keys).Order()];
        if (rounds.Length == 0) return null;
        return RatioInterval.Of(rounds.Select(r => (IReadOnlyList<double>)top[r]).ToList(), rounds.Select(r => (IReadOnlyList<double>)bottom[r]).ToList());
    }
}
