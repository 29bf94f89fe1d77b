using Harness.Measurement;

namespace Harness.Tests.Measurement;

public sealed class LatencyPercentilesTests
{
    [Fact]
    public void Uniform1To10000_GivesItsKnownPercentiles_Within0Point1Percent()
    {
        LatencyPercentiles p = LatencyPercentiles.Of(Enumerable.Range(1, 10_000).Select(i => (double)i));
        foreach ((double actual, double expected) in new[] { (p.P50, 5_000.0), (p.P90, 9_000.0), (p.P99, 9_900.0), (p.P999, 9_990.0), (p.Max, 10_000.0) })
            Assert.InRange(actual, expected * 0.999, expected * 1.001);
        Assert.Equal(10_000, p.Count);
        Assert.Equal(p.P99, p["p99"]);
    }

    [Fact]
    public void ATail_ShowsInTheHighPercentilesOnly()
    {
        // 999 fast wake-ups at 50 µs and one stall of 100 ms: the median does not see it, p99.9 and max do.
        LatencyPercentiles p = LatencyPercentiles.Of(Enumerable.Repeat(50_000.0, 999).Append(100_000_000));
        Assert.InRange(p.P50, 49_950, 50_050);
        Assert.InRange(p.P99, 49_950, 50_050);
        Assert.InRange(p.Max, 99_900_000, 100_100_000);
    }

    [Fact]
    public void EarlyProbes_CountAsZero_AndBadInputIsRefused()
    {
        Assert.Equal(0, LatencyPercentiles.Of([-5, -1, -3]).P50);
        Assert.Throws<ArgumentException>(() => LatencyPercentiles.Of([]));
        Assert.Throws<ArgumentException>(() => LatencyPercentiles.Of([1, double.NaN]));
    }
}
