using Pragmastat;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;
using Perfolizer.Mathematics.SignificanceTesting;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;

namespace Harness.Measurement;

/// <summary>
/// Compares two runs' raw samples of one quantity the way dotnet/performance's ResultsComparer does: a
/// Mann-Whitney two one-sided equivalence test with a relative threshold; runs measured in several launches by a
/// Welch interval on their launch medians instead (<see cref="CompareLaunches"/>). Every quantity here is
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

    /// <summary>A verdict on two runs measured in launches, with the ratio of their levels (diff / base) and its interval;
    /// the ratio is NaN for a quantity with a launch median at or below zero (judged on the difference instead).</summary>
    public sealed record LaunchVerdict(Verdict Verdict, double Ratio, double CiLower, double CiUpper);

    /// <summary>Launches a run needs on each side for <see cref="CompareLaunches"/>: with one, its spread is unknown.</summary>
    public const int MinLaunches = 2;

    /// <summary>
    /// Compares two runs whose samples come from several launches (fresh processes). Pooling the samples of all launches
    /// into one rank test, as <see cref="Compare"/> does, treats a rerun's shift as a real change: with a hundred samples
    /// a side it calls a 5% launch-to-launch wobble "slower". Here the launch is the unit of evidence: each launch gives
    /// its median, and Welch's t interval (1 - 2α) on the difference of the two runs' mean log launch medians gives the
    /// ratio of their geometric means and its interval; the two one-sided tests of the equivalence test above are read
    /// off it: slower when the whole interval lies above 1 + threshold, faster when it lies below 1 - threshold, and
    /// otherwise the same (not shown to differ by more than the threshold). Two launches a side give a wide interval
    /// (few degrees of freedom), as they should. A quantity that can reach zero or below (a baseline-subtracted time)
    /// is judged the same way on the plain difference, against the threshold times the base's level.
    /// </summary>
    public static LaunchVerdict CompareLaunches(
        IReadOnlyList<IReadOnlyList<double>> baseline, IReadOnlyList<IReadOnlyList<double>> diff, double thresholdPercent, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(diff);
        if (baseline.Count < MinLaunches || diff.Count < MinLaunches)
            throw new ArgumentException($"need at least {MinLaunches} launches on each side");
        double[] before = LaunchMedians(baseline), after = LaunchMedians(diff);
        double threshold = thresholdPercent / 100;
        if (before.Concat(after).All(m => m > 0))
        {
            (double logRatio, double logHalfWidth) = WelchInterval(before.Select(m => Math.Log(m)).ToArray(), after.Select(m => Math.Log(m)).ToArray(), alpha);
            double lower = Math.Exp(logRatio - logHalfWidth), upper = Math.Exp(logRatio + logHalfWidth);
            Verdict verdict = lower > 1 + threshold ? Verdict.Slower : upper < 1 - threshold ? Verdict.Faster : Verdict.Same;
            return new LaunchVerdict(verdict, Math.Exp(logRatio), lower, upper);
        }

        (double difference, double halfWidth) = WelchInterval(before, after, alpha);
        double margin = threshold * Math.Abs(before.Average());
        Verdict plain = difference - halfWidth > margin ? Verdict.Slower : difference + halfWidth < -margin ? Verdict.Faster : Verdict.Same;
        return new LaunchVerdict(plain, double.NaN, double.NaN, double.NaN);
    }

    private static double[] LaunchMedians(IReadOnlyList<IReadOnlyList<double>> launches) =>
        launches.Select(launch => launch.Count > 0 ? Summary.Quantile(launch, 0.5) : throw new ArgumentException("a launch without samples")).ToArray();

    /// <summary>The difference of means (after minus before) and the half-width of its two-sided 1 - 2α interval by Welch's
    /// t (Welch-Satterthwaite degrees of freedom); zero width when neither side varies.</summary>
    private static (double Difference, double HalfWidth) WelchInterval(double[] before, double[] after, double alpha)
    {
        double VarianceOfMean(double[] x)
        {
            double mean = x.Average();
            return x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1) / x.Length;
        }

        double a = VarianceOfMean(before), b = VarianceOfMean(after);
        double difference = after.Average() - before.Average();
        if (a + b <= 0) return (difference, 0);
        double freedom = (a + b) * (a + b) / ((a * a / (before.Length - 1)) + (b * b / (after.Length - 1)));
        return (difference, new StudentDistribution(freedom).Quantile(new Probability(1 - alpha)) * Math.Sqrt(a + b));
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
