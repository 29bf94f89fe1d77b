namespace Harness.Measurement;

/// <summary>
/// The median of a quantity measured in several launches, and its 95% interval by a two-level bootstrap: each
/// resample draws launches with replacement, then samples with replacement inside every drawn launch, and takes the
/// median of what it drew. An interval made only from the samples of one process describes that process's noise; a
/// rerun lands elsewhere when launches differ (CPU placement, memory layout, the host's load that hour). Drawing
/// launches first makes the interval as wide as that launch-to-launch spread, which is what a reader who reruns the
/// suite meets. With few launches the interval is still too narrow in theory (five launches carry little information
/// about their spread); the report says how many launches an interval rests on.
/// </summary>
public static class HierarchicalBootstrap
{
    /// <summary>Resamples per interval: enough for stable 2.5% and 97.5% percentiles.</summary>
    public const int DefaultResamples = 2_000;

    /// <summary>Confidence level of every interval here.</summary>
    public const double Level = 0.95;

    /// <summary>The median over launches with its hierarchical-bootstrap interval and the two spreads.</summary>
    /// <param name="launches">Each launch's samples, in the order taken (order does not matter here).</param>
    /// <param name="seed">Seed of the resampling, so a report regenerated from the same files gives the same interval.</param>
    public static LaunchEstimate Median(IReadOnlyList<IReadOnlyList<double>> launches, int seed = 1, int resamples = DefaultResamples)
    {
        double[][] data = Validate(launches);
        double estimate = PooledMedian(data);
        var random = new Random(seed);
        var statistics = new double[resamples];
        for (int b = 0; b < resamples; b++) statistics[b] = PooledMedian(Resample(data, random, DrawLaunches(data.Length, random)));
        Array.Sort(statistics);
        return new LaunchEstimate(
            estimate,
            SortedQuantile(statistics, (1 - Level) / 2),
            SortedQuantile(statistics, 1 - (1 - Level) / 2),
            WithinSpread(data),
            BetweenSpread(data),
            data.Length,
            data.Sum(l => l.Length));
    }

    /// <summary>Checks the launches and copies them: at least one, none empty, every sample finite.</summary>
    internal static double[][] Validate(IReadOnlyList<IReadOnlyList<double>> launches)
    {
        ArgumentNullException.ThrowIfNull(launches);
        if (launches.Count == 0) throw new ArgumentException("no launch", nameof(launches));
        var data = new double[launches.Count][];
        for (int i = 0; i < launches.Count; i++)
        {
            IReadOnlyList<double> launch = launches[i] ?? throw new ArgumentException($"launch {i} is null", nameof(launches));
            if (launch.Count == 0) throw new ArgumentException($"launch {i} has no sample", nameof(launches));
            if (launch.Any(v => !double.IsFinite(v))) throw new ArgumentException($"launch {i} has a sample that is not finite", nameof(launches));
            data[i] = [.. launch];
        }
        return data;
    }

    /// <summary>Launch indices drawn with replacement (the outer level).</summary>
    internal static int[] DrawLaunches(int count, Random random)
    {
        var drawn = new int[count];
        for (int i = 0; i < count; i++) drawn[i] = random.Next(count);
        return drawn;
    }

    /// <summary>The drawn launches, each resampled with replacement inside itself (the inner level).</summary>
    internal static double[][] Resample(double[][] data, Random random, int[] drawn)
    {
        var resampled = new double[drawn.Length][];
        for (int i = 0; i < drawn.Length; i++)
        {
            double[] launch = data[drawn[i]];
            var copy = new double[launch.Length];
            for (int j = 0; j < copy.Length; j++) copy[j] = launch[random.Next(launch.Length)];
            resampled[i] = copy;
        }
        return resampled;
    }

    /// <summary>
    /// The median of all samples with every launch weighted alike (a launch with more samples does not count more):
    /// the 50% point of the mixture of the launches' empirical distributions.
    /// </summary>
    internal static double PooledMedian(double[][] launches)
    {
        if (launches.All(l => l.Length == launches[0].Length))
        {
            double[] all = launches.SelectMany(l => l).ToArray();
            Array.Sort(all);
            return SortedQuantile(all, 0.5);
        }
        // Unequal sizes: weight each sample by 1 / (launches x its launch's size) and find the weighted median.
        var weighted = launches.SelectMany(l => l.Select(v => (Value: v, Weight: 1.0 / (launches.Length * l.Length))))
            .OrderBy(p => p.Value).ToArray();
        double cumulative = 0;
        foreach ((double value, double weight) in weighted)
        {
            cumulative += weight;
            if (cumulative >= 0.5 - 1e-12) return value;
        }
        return weighted[^1].Value;
    }

    /// <summary>Quantile of sorted values by linear interpolation (type 7, as R's default).</summary>
    internal static double SortedQuantile(double[] sorted, double probability)
    {
        if (sorted.Length == 1) return sorted[0];
        double position = probability * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double WithinSpread(double[][] launches)
    {
        double[] relative = launches.Where(l => l.Length >= 2).Select(l =>
        {
            double[] sorted = l.Order().ToArray();
            double median = SortedQuantile(sorted, 0.5);
            return median == 0 ? double.NaN : (SortedQuantile(sorted, 0.75) - SortedQuantile(sorted, 0.25)) / Math.Abs(median);
        }).Where(double.IsFinite).Order().ToArray();
        return relative.Length == 0 ? double.NaN : SortedQuantile(relative, 0.5);
    }

    private static double BetweenSpread(double[][] launches)
    {
        if (launches.Length < 2) return double.NaN;
        double[] medians = launches.Select(l => SortedQuantile(l.Order().ToArray(), 0.5)).ToArray();
        double mean = medians.Average();
        double sd = Math.Sqrt(medians.Sum(m => (m - mean) * (m - mean)) / (medians.Length - 1));
        return mean == 0 ? double.NaN : sd / Math.Abs(mean);
    }
}
