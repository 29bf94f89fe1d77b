using Harness.Measurement;

namespace Harness.Tests.Measurement;

public sealed class SummaryTests
{
    [Fact]
    public void Median_LiesInsideItsConfidenceInterval()
    {
        var random = new Random(42);
        double[] samples = Enumerable.Range(0, 30).Select(_ => 100 + random.NextDouble() * 10).ToArray();

        Summary summary = Summary.Of(samples);

        Assert.InRange(summary.Median, 100, 110);
        Assert.True(summary.CiLower <= summary.Median && summary.Median <= summary.CiUpper);
        Assert.Equal(samples.Min(), summary.Min);
        Assert.Equal(samples.Max(), summary.Max);
        Assert.Equal(30, summary.Count);
        Assert.Equal(1, summary.Modes);
    }

    [Fact]
    public void OneSample_HasNoInterval()
    {
        Summary summary = Summary.Of([5.0]);

        Assert.Equal(5.0, summary.Median);
        Assert.True(double.IsNaN(summary.CiLower));
    }

    [Fact]
    public void TwoClusters_AreReportedAsBimodal()
    {
        var random = new Random(1);
        double Noise() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double[] samples = [.. Enumerable.Range(0, 20).Select(_ => 10 + Noise()), .. Enumerable.Range(0, 20).Select(_ => 50 + Noise())];

        Assert.Equal(2, Summary.Of(samples).Modes);
    }

    [Fact]
    public void NoSamples_IsAnError() => Assert.Throws<ArgumentException>(() => Summary.Of([]));
}
