namespace Harness.Measurement;

/// <summary>
/// The ratio of two models' medians with a 95% interval, from launches run in paired rounds: round r measured model
/// A's launch r and model B's launch r in the same stretch of time, in a shuffled order. The bootstrap draws rounds
/// with replacement (the same rounds for both models, so a slow hour of the host stays paired), then samples inside
/// each drawn launch, and takes the ratio of the two pooled medians. Only like quantities may be divided: two
/// latencies, two throughputs, two slopes over the same N range; the caller guarantees that.
/// </summary>
public static class RatioInterval
{
    public sealed record Ratio(double Value, double CiLower, double CiUpper, int Rounds);

    public static Ratio Of(
        IReadOnlyList<IReadOnlyList<double>> numerator, IReadOnlyList<IReadOnlyList<double>> denominator,
        int seed = 1, int resamples = HierarchicalBootstrap.DefaultResamples)
    {
        double[][] top = HierarchicalBootstrap.Validate(numerator);
        double[][] bottom = HierarchicalBootstrap.Validate(denominator);
        if (top.Length != bottom.Length)
            throw new ArgumentException($"paired rounds need as many launches on each side ({top.Length} vs {bottom.Length})");
        double value = HierarchicalBootstrap.PooledMedian(top) / HierarchicalBootstrap.PooledMedian(bottom);
        var random = new Random(seed);
        var ratios = new List<double>(resamples);
        for (int b = 0; b < resamples; b++)
        {
            int[] rounds = HierarchicalBootstrap.DrawLaunches(top.Length, random);
            double below = HierarchicalBootstrap.PooledMedian(HierarchicalBootstrap.Resample(bottom, random, rounds));
            double above = HierarchicalBootstrap.PooledMedian(HierarchicalBootstrap.Resample(top, random, rounds));
            if (below != 0) ratios.Add(above / below);
        }
        if (ratios.Count == 0) return new Ratio(value, double.NaN, double.NaN, top.Length);
        double[] sorted = [.. ratios.Order()];
        double tail = (1 - HierarchicalBootstrap.Level) / 2;
        return new Ratio(value, HierarchicalBootstrap.SortedQuantile(sorted, tail), HierarchicalBootstrap.SortedQuantile(sorted, 1 - tail), top.Length);
    }
}
