using Perfolizer.Mathematics.Multimodality;
using Pragmastat;

namespace Harness.Measurement;

/// <summary>
/// How many modes the per-operation samples of one launch show, by Perfolizer's Lowland modality detector. Samples of
/// different launches are never pooled for this: two launches that each run steadily at different speeds are a
/// between-launch spread (reported as such), not a bimodal operation. Long series of a different kind (a stall
/// phase's thousands of probe latencies) get percentiles instead (<see cref="LatencyPercentiles"/>): a tail is not a
/// second mode.
/// </summary>
/// <remarks>
/// The detector's default precision (100 bins of its Harrell-Davis density estimate) smooths 10 to 30 samples into
/// one hill: it found a second mode in none of 50 synthetic launches of two clear normal clusters (15 samples near 50,
/// 15 near 103). At <see cref="Precision"/> (33 bins) it finds 45 of 50, and still no false mode in 100 unimodal
/// launches (normal and skewed). A cluster that is flat up to the edge of the sample has no interior peak and can
/// still escape it: a mark is evidence of two regimes, its absence no proof of one.
/// </remarks>
public static class Modality
{
    /// <summary>Fewer samples than this cannot show a second mode apart from noise.</summary>
    public const int MinSamples = 10;

    /// <summary>Width of the detector's density bins as a share of the samples (see the remarks).</summary>
    public const double Precision = 0.03;

    private static readonly LowlandModalityDetector s_detector = new(sensitivity: 0.5, precision: Precision);

    /// <summary>Modes in one launch's samples: 1 for too few samples or a single value.</summary>
    public static int Of(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count < MinSamples || samples.Max() == samples.Min()) return 1;
        return s_detector.DetectModes(new Sample(samples.ToArray())).Modality;
    }

    /// <summary>The most modes any launch shows: a cell is multimodal when one of its launches is.</summary>
    public static int Worst(IEnumerable<IReadOnlyList<double>> launches)
    {
        ArgumentNullException.ThrowIfNull(launches);
        return launches.Select(Of).DefaultIfEmpty(1).Max();
    }
}
