using Pragmastat;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.SignificanceTesting;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;

namespace Harness.Measurement;

/// <summary>
/// Compares two runs' raw samples of one quantity the way dotnet/performance's ResultsComparer does: a
/// Mann-Whitney two one-sided equivalence test with a relative threshold. Every quantity here is
/// lower-is-better (time, bytes, latency), so a base that is smaller than the diff means the diff is slower.
/// </summary>
public static class Comparison
{
    /// <summary>The verdict for one quantity.</summary>
    public enum Verdict
    {
        Same,
        Faster,
        Slower,
    }

    /// <summary>Fewer samples than this on either side cannot be tested; the comparison says so.</summary>
    public const int MinSamples = 3;

    /// <summary>
    /// Whether samples of these sizes can show a difference at all: the smallest one-sided p-value an exact
    /// Mann-Whitney test can reach is 1 / C(n1 + n2, n1) (complete separation); if that is not below α, "same" would
    /// only mean "too few samples" (3 against 3 reaches 0.05, never below it).
    /// </summary>
    public static bool CanDecide(int baseline, int diff, double alpha = 0.05)
    {
        if (baseline < MinSamples || diff < MinSamples) return false;
        double combinations = 1;
        for (int k = 1; k <= Math.Min(baseline, diff); k++) combinations = combinations * (baseline + diff - Math.Min(baseline, diff) + k) / k;
        return 1 / combinations < alpha;
    }

    public static Verdict Compare(IReadOnlyList<double> baseline, IReadOnlyList<double> diff, double thresholdPercent, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(diff);
        if (baseline.Count < MinSamples || diff.Count < MinSamples)
            throw new ArgumentException($"need at least {MinSamples} samples on each side");
        var threshold = Threshold.Parse(thresholdPercent.ToString(System.Globalization.CultureInfo.InvariantCulture) + "%");
        var test = new SimpleEquivalenceTest(MannWhitneyTest.Instance);
        return test.Perform(new Sample(baseline.ToArray()), new Sample(diff.ToArray()), threshold, new SignificanceLevel(alpha)) switch
        {
            ComparisonResult.Lesser => Verdict.Slower,
            ComparisonResult.Greater => Verdict.Faster,
            _ => Verdict.Same,
        };
    }

    /// <summary>The verdict on a per-unit slope (memory), where a rank test of raw samples does not apply.</summary>
    public enum SlopeVerdict
    {
        Same,
        Smaller,
        Larger,

        /// <summary>A slope over fewer than 3 points has no interval to judge by.</summary>
        Undecided,
    }

    /// <summary>
    /// Compares two slopes: different only when their 95% intervals separate and they differ by more than the threshold.
    /// </summary>
    public static SlopeVerdict CompareSlopes(LinearFit baseline, LinearFit diff, double thresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(diff);
        if (double.IsNaN(baseline.SlopeCiLower) || double.IsNaN(diff.SlopeCiLower)) return SlopeVerdict.Undecided;
        if (diff.SlopeCiLower > baseline.SlopeCiUpper && diff.Slope > baseline.Slope * (1 + (thresholdPercent / 100))) return SlopeVerdict.Larger;
        if (diff.SlopeCiUpper < baseline.SlopeCiLower && diff.Slope < baseline.Slope * (1 - (thresholdPercent / 100))) return SlopeVerdict.Smaller;
        return SlopeVerdict.Same;
    }
}
