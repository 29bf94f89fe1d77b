namespace Harness.Measurement;

/// <summary>
/// The difference of one quantile between two time series (e.g. p99 latency while offended minus p99 alone), with a
/// 95% interval from a moving-block bootstrap of both series.
/// </summary>
/// <remarks>
/// Latency samples taken a millisecond apart are not independent: a stall makes a run of late samples. Resampling
/// whole blocks (length about √n) keeps those runs together, and resampling both series makes the interval carry the
/// baseline's own uncertainty as well, which an interval of the offended quantile alone does not. The point estimate is
/// the Harrell-Davis difference; resamples use the plain interpolated sample quantile, which is cheap and, at these
/// sample sizes, close to it. The random source is seeded, so the same samples give the same interval.
/// </remarks>
public static class QuantileDifference
{
    private const int Resamples = 1_000;

    /// <summary>Q(<paramref name="after"/>, p) − Q(<paramref name="before"/>, p) with its bootstrap 95% interval; both in sample order (time).</summary>
    public static (double Estimate, double Lower, double Upper) Of(IReadOnlyList<double> after, IReadOnlyList<double> before, double probability)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(before);
        if (after.Count == 0 || before.Count == 0) return (double.NaN, double.NaN, double.NaN);
        double estimate = Summary.Quantile(after, probability) - Summary.Quantile(before, probability);
        if (after.Count < 10 || before.Count < 10) return (estimate, double.NaN, double.NaN);

        var random = new Random(20_261_201);
        var differences = new double[Resamples];
        var a = new double[after.Count];
        var b = new double[before.Count];
        for (int r = 0; r < Resamples; r++)
        {
            Resample(after, a, random);
            Resample(before, b, random);
            differences[r] = SortedQuantile(a, probability) - SortedQuantile(b, probability);
        }
        Array.Sort(differences);
        return (estimate, SortedQuantile(differences, 0.025), SortedQuantile(differences, 0.975));
    }

    /// <summary>Fills <paramref name="into"/> with random blocks of <paramref name="source"/> (wrapping at the end) and sorts it.</summary>
    private static void Resample(IReadOnlyList<double> source, double[] into, Random random)
    {
        int n = source.Count;
        int block = Math.Max(1, (int)Math.Round(Math.Sqrt(n)));
        for (int filled = 0; filled < n;)
        {
            int start = random.Next(n);
            for (int i = 0; i < block && filled < n; i++) into[filled++] = source[(start + i) % n];
        }
        Array.Sort(into);
    }

    /// <summary>The linearly interpolated quantile of sorted values (Hyndman-Fan type 7).</summary>
    private static double SortedQuantile(double[] sorted, double probability)
    {
        double position = probability * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
