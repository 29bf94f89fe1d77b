using Harness.Measurement;

namespace Harness.Tests.Measurement;

public sealed class DriftTests
{
    [Fact]
    public void ARamp_IsFlagged_WithItsShift()
    {
        // 30 samples rising from 100 to about 129: the last third's median is ~25% above the first's.
        Drift.Result drift = Drift.Of(Enumerable.Range(0, 30).Select(i => 100.0 + i).ToList());
        Assert.True(drift.Flagged);
        Assert.InRange(drift.Shift, 0.18, 0.22);
    }

    [Fact]
    public void StationaryNoise_IsNotFlagged()
    {
        var random = new Random(11);
        int flagged = Enumerable.Range(0, 200)
            .Count(_ => Drift.Of(Enumerable.Range(0, 30).Select(_ => 100 + 10 * random.NextDouble()).ToList()).Flagged);
        Assert.InRange(flagged, 0, 4); // alpha 1%: about 2 of 200 by chance, and the 5% shift floor removes most
    }

    [Fact]
    public void SignificantButTinyShift_IsNotFlagged()
    {
        // A clean 1% step: significant, too small to matter.
        Drift.Result drift = Drift.Of(Enumerable.Range(0, 30).Select(i => i < 15 ? 100.0 + i * 0.001 : 101 + i * 0.001).ToList());
        Assert.True(drift.PValue < Drift.Alpha);
        Assert.False(drift.Flagged);
    }

    [Fact]
    public void TooFewSamples_AreNotTested() => Assert.False(Drift.Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]).Tested);

    [Fact]
    public void MannWhitney_OfCompletelySeparatedGroups_MatchesTheNormalApproximation()
    {
        // U = 0, mean 50, variance 175: z = 49.5 / 13.229 = 3.742, two-sided p = 1.83e-4.
        double p = Drift.MannWhitneyTwoSided(Enumerable.Range(0, 10).Select(i => (double)i).ToList(), Enumerable.Range(10, 10).Select(i => (double)i).ToList());
        Assert.InRange(p, 1.80e-4, 1.86e-4);
        Assert.Equal(1, Drift.MannWhitneyTwoSided([5, 5, 5], [5, 5, 5]));
    }
}
