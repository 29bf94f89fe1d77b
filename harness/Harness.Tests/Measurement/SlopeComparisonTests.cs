using Harness.Measurement;

namespace Harness.Tests.Measurement;

/// <summary>Memory slopes are judged by their intervals and the threshold together.</summary>
public sealed class SlopeComparisonTests
{
    private static LinearFit Fit(double slope, double halfWidth) => new(slope, 0, slope - halfWidth, slope + halfWidth, 0.99, 6);

    [Theory]
    [InlineData(400, 10, 500, 10, Comparison.SlopeVerdict.Larger)]
    [InlineData(400, 10, 300, 10, Comparison.SlopeVerdict.Smaller)]
    [InlineData(400, 10, 410, 10, Comparison.SlopeVerdict.Same)] // the intervals overlap
    [InlineData(400, 1, 405, 1, Comparison.SlopeVerdict.Same)] // separate, but within the 5% threshold
    public void Slopes_DifferOnlyWhenTheirIntervalsSeparateBeyondTheThreshold(double before, double beforeHalf, double after, double afterHalf, Comparison.SlopeVerdict expected) =>
        Assert.Equal(expected, Comparison.CompareSlopes(Fit(before, beforeHalf), Fit(after, afterHalf), thresholdPercent: 5));

    [Fact]
    public void ASlopeWithoutAnInterval_IsUndecided() =>
        Assert.Equal(Comparison.SlopeVerdict.Undecided,
            Comparison.CompareSlopes(new LinearFit(400, 0, double.NaN, double.NaN, 1, 2), Fit(900, 1), thresholdPercent: 5));
}
