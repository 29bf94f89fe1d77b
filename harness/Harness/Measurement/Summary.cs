using Pragmastat;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.Multimodality;
using Perfolizer.Mathematics.QuantileEstimators;

namespace Harness.Measurement;

/// <summary>
/// The summary of one series of samples: the Harrell-Davis estimate of the median with its 95% confidence
/// interval (kept within the sample's range), the range, and how many modes the distribution shows (Lowland
/// modality detector, which needs ten samples or more and rarely sees a second mode below about twenty).
/// </summary>
public sealed record Summary(double Median, double CiLower, double CiUpper, double Min, double Max, int Count, int Modes)
{
    /// <summary>Confidence level of <see cref="CiLower"/>..<see cref="CiUpper"/>.</summary>
    public const double ConfidenceLevelValue = 0.95;

    /// <summary>Modality detection needs enough samples to tell a gap from noise.</summary>
    private const int MinSamplesForModality = 10;

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
        int modes = samples.Count >= MinSamplesForModality && samples.Max() > samples.Min()
            ? LowlandModalityDetector.Instance.DetectModes(sample).Modality
            : 1;
        // A median lies within the sample's range; the Maritz-Jarrett interval of a few samples can reach past it (below
        // zero for a duration), which no reader should be shown.
        double min = samples.Min(), max = samples.Max();
        return new Summary(ci.Estimation, Math.Max(ci.Lower, min), Math.Min(ci.Upper, max), min, max, samples.Count, modes);
    }
}
