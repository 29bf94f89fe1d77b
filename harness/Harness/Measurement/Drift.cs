namespace Harness.Measurement;

/// <summary>
/// Whether the samples of one launch drift: the first third against the last third, by a two-sided Mann-Whitney test
/// (normal approximation with the tie correction) and the relative shift of their medians. A launch whose process
/// warms up, whose CPU changes frequency or whose pool grows while it measures shows two regimes, and its median sits
/// between them, describing neither: the report marks such cells. A drift is flagged only when it is both significant
/// (p below <see cref="Alpha"/>) and large enough to matter (at least <see cref="MinShift"/>); thirds of fewer than
/// <see cref="MinPerThird"/> samples are not tested at all.
/// </summary>
public static class Drift
{
    /// <summary>Significance level of the test (strict: every cell of a run is tested).</summary>
    public const double Alpha = 0.01;

    /// <summary>The smallest relative shift of the medians worth a mark.</summary>
    public const double MinShift = 0.05;

    /// <summary>Samples per third below which the normal approximation says nothing useful.</summary>
    public const int MinPerThird = 5;

    /// <param name="Shift">Median of the last third over median of the first, minus one (+0.2: 20% higher at the end).</param>
    /// <param name="PValue">Two-sided p-value of the Mann-Whitney test; NaN when not tested.</param>
    public sealed record Result(double Shift, double PValue, bool Flagged, bool Tested);

    public static Result Of(IReadOnlyList<double> samplesInOrder)
    {
        ArgumentNullException.ThrowIfNull(samplesInOrder);
        int third = samplesInOrder.Count / 3;
        if (third < MinPerThird) return new Result(double.NaN, double.NaN, Flagged: false, Tested: false);
        double[] first = samplesInOrder.Take(third).ToArray();
        double[] last = samplesInOrder.Skip(samplesInOrder.Count - third).ToArray();
        double firstMedian = Median(first), lastMedian = Median(last);
        double shift = firstMedian == 0 ? double.NaN : lastMedian / firstMedian - 1;
        double p = MannWhitneyTwoSided(first, last);
        bool flagged = p < Alpha && Math.Abs(shift) >= MinShift;
        return new Result(shift, p, flagged, Tested: true);
    }

    /// <summary>Two-sided p-value of the Mann-Whitney U test, normal approximation with continuity and tie corrections.</summary>
    internal static double MannWhitneyTwoSided(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        int n1 = a.Count, n2 = b.Count, n = n1 + n2;
        var all = a.Select(v => (Value: v, FromA: true)).Concat(b.Select(v => (Value: v, FromA: false))).OrderBy(p => p.Value).ToArray();
        double rankSumA = 0, tieTerm = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && all[j].Value == all[i].Value) j++;
            double rank = (i + 1 + j) / 2.0; // average rank of the tie group i..j-1 (1-based)
            for (int k = i; k < j; k++) if (all[k].FromA) rankSumA += rank;
            int t = j - i;
            tieTerm += (double)t * t * t - t;
            i = j;
        }
        double u = rankSumA - n1 * (n1 + 1) / 2.0;
        double mean = n1 * n2 / 2.0;
        double variance = n1 * n2 / 12.0 * (n + 1 - tieTerm / ((double)n * (n - 1)));
        if (variance <= 0) return 1; // every value equal: nothing moved
        double z = (Math.Abs(u - mean) - 0.5) / Math.Sqrt(variance);
        return Math.Min(1, 2 * (1 - StandardNormalCdf(Math.Max(0, z))));
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        return HierarchicalBootstrap.SortedQuantile(sorted, 0.5);
    }

    /// <summary>Φ(x) through the complementary error function (Abramowitz and Stegun 7.1.26 would be too coarse in the tail).</summary>
    internal static double StandardNormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>erfc by its continued-fraction-free Chebyshev fit (Numerical Recipes' erfcc, relative error below 1.2e-7).</summary>
    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
