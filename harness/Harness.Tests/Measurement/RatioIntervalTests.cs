using Harness.Measurement;

namespace Harness.Tests.Measurement;

public sealed class RatioIntervalTests
{
    /// <summary>Rounds in which the host's speed varies by 20% (both models alike), model A costing twice model B.</summary>
    private static (List<IReadOnlyList<double>> A, List<IReadOnlyList<double>> B) PairedRounds(int seed, double ratio)
    {
        var random = new Random(seed);
        var a = new List<IReadOnlyList<double>>();
        var b = new List<IReadOnlyList<double>>();
        for (int round = 0; round < 5; round++)
        {
            double host = 0.8 + 0.4 * random.NextDouble();
            a.Add(Enumerable.Range(0, 20).Select(_ => ratio * 100 * host * (0.98 + 0.04 * random.NextDouble())).ToList());
            b.Add(Enumerable.Range(0, 20).Select(_ => 100 * host * (0.98 + 0.04 * random.NextDouble())).ToList());
        }
        return (a, b);
    }

    [Fact]
    public void KnownRatio_IsInsideItsInterval_AndOneIsNot()
    {
        (var a, var b) = PairedRounds(1, ratio: 2);
        RatioInterval.Ratio r = RatioInterval.Of(a, b);
        Assert.InRange(r.Value, 1.95, 2.05);
        Assert.InRange(2.0, r.CiLower, r.CiUpper);
        Assert.True(r.CiLower > 1.5, $"interval {r.CiLower}..{r.CiUpper} should exclude 1 by far");
        Assert.Equal(5, r.Rounds);
    }

    [Fact]
    public void Pairing_KeepsTheIntervalNarrowerThanTheHostsSpread()
    {
        (var a, var b) = PairedRounds(2, ratio: 1);
        RatioInterval.Ratio paired = RatioInterval.Of(a, b);
        // Unpaired: round order scrambled on one side, so a slow round of A meets a fast one of B.
        RatioInterval.Ratio unpaired = RatioInterval.Of(a, [b[3], b[0], b[4], b[1], b[2]]);
        Assert.InRange(1.0, paired.CiLower, paired.CiUpper);
        Assert.True(paired.CiUpper - paired.CiLower < (unpaired.CiUpper - unpaired.CiLower) / 2,
            $"paired {paired.CiLower}..{paired.CiUpper}, unpaired {unpaired.CiLower}..{unpaired.CiUpper}");
    }

    [Fact]
    public void UnequalRounds_AreRefused() =>
        Assert.Throws<ArgumentException>(() => RatioInterval.Of([[1, 2]], [[1, 2], [3, 4]]));
}
