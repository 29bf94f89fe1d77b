using Pragmastat;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.QuantileEstimators;

namespace Harness.Measurement;

// Measurement/: the statistics and the machine readings behind every number. Summary (median with a Harrell-Davis
// interval, range, Modality), LatencyPercentiles, LinearFit, QuantileDifference, RatioInterval, HierarchicalBootstrap
// and LaunchEstimate summarise samples; Drift checks a launch for warm-up left over; Comparison is the Mann-Whitney
// equivalence test and the slope verdict of `compare`. OsCounters, CounterTally and ProcessMemory read the process
// while it measures; EnvironmentInfo, CgroupLimits and UnitLimits record and check the machine before it does.

/// <summary>
/// The summary of one series of samples: the Harrell-Davis estimate of the median with its 95% confidence
/// interval (kept within the sample's range), the range, and how many modes the distribution shows
/// (<see cref="Modality"/>).
/// </summary>
public sealed record Summary(double Median, double CiLower, double CiUpper, double Min, double Max, int Count, int Modes)
{
    /// <summary>Confidence level of <see cref="CiLower"/>..<see cref="CiUpper"/>.</summary>
    public const double ConfidenceLevelValue = 0.95;

    /// <summary>The Harrell-Davis estimate of quantile <paramref name="probability"/>.</summary>
    public static double Quantile(IReadOnlyList<double> samples, double probability)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return samples.Count == 1
            ? samples[0]
            : HarrellDavisQuantileEstimator.Instance.Quantile(new Sample(samples.ToArray()), new Probability(probability));
    }

    /// <summary>The Harrell-Davis estimate of a quantile with its 95% confidence interval (Maritz-Jarrett).</summary>
    public static (double Estimate, double Lower, double Upper) QuantileWithInterval(IReadOnlyList<double> samples, double probability)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count < 2) return (samples.Count == 1 ? samples[0] : double.NaN, double.NaN, double.NaN);
        ConfidenceInterval ci = HarrellDavisQuantileEstimator.Instance
            .QuantileConfidenceIntervalEstimator(new Sample(samples.ToArray()), new Probability(probability))
            .ConfidenceInterval(new ConfidenceLevel(ConfidenceLevelValue));
        return (ci.Estimation, ci.Lower, ci.Upper);
    }

    public static Summary Of(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) throw new ArgumentException("a summary needs at least one sample", nameof(samples));
        if (samples.Count == 1)
            return new Summary(samples[0], double.NaN, double.NaN, samples[0], samples[0], 1, 1);

        var sample = new Sample(samples.ToArray());
        ConfidenceInterval ci = HarrellDavisQuantileEstimator.Instance
            .QuantileConfidenceIntervalEstimator(sample, Probability.Half)
            .ConfidenceInterval(new ConfidenceLevel(ConfidenceLevelValue));
        int modes = Modality.Of(samples);
        // A median lies within the sample's range; the Maritz-Jarrett interval of a few samples can reach past it (below
        // zero for a duration), which no reader should be shown.
        double min = samples.Min(), max = samples.Max();
        return new Summary(ci.Estimation, Math.Max(ci.Lower, min), Math.Min(ci.Upper, max), min, max, samples.Count, modes);
    }
}
