using Harness.Measurement;

namespace Harness.Tests.Measurement;

public sealed class LinearFitTests
{
    [Fact]
    public void ExactLine_HasItsSlopeAndATightInterval()
    {
        LinearFit fit = LinearFit.Of([(1000, 5_000_000 + 20_000_000), (10_000, 5_000_000 + 200_000_000), (100_000, 5_000_000 + 2_000_000_000)]);

        Assert.Equal(20_000, fit.Slope, 6);
        Assert.Equal(5_000_000, fit.Intercept, 0);
        Assert.Equal(1.0, fit.RSquared, 9);
        Assert.Equal(20_000, fit.SlopeCiLower, 3);
        Assert.Equal(20_000, fit.SlopeCiUpper, 3);
    }

    [Fact]
    public void NoisyLine_HasAnIntervalAroundTheSlope()
    {
        var random = new Random(3);
        var points = Enumerable.Range(1, 20).Select(i => ((double)i * 1000, i * 1000 * 400.0 + random.Next(-50_000, 50_000))).ToList();

        LinearFit fit = LinearFit.Of(points);

        Assert.InRange(fit.Slope, 390, 410);
        Assert.True(fit.SlopeCiLower < fit.Slope && fit.Slope < fit.SlopeCiUpper);
        Assert.InRange(fit.SlopeCiLower, 370, 400);
    }

    [Fact]
    public void TwoPoints_HaveASlopeButNoInterval()
    {
        LinearFit fit = LinearFit.Of([(1, 10), (2, 30)]);

        Assert.Equal(20, fit.Slope, 9);
        Assert.True(double.IsNaN(fit.SlopeCiLower));
    }

    [Fact]
    public void SameX_IsRejected() => Assert.Throws<ArgumentException>(() => LinearFit.Of([(1, 10), (1, 30)]));
}
