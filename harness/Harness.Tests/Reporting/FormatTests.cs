using Harness.Reporting;

namespace Harness.Tests.Reporting;

public sealed class FormatTests
{
    [Theory]
    [InlineData(17_200, "ns", "17.2 µs")]
    [InlineData(312, "ns", "0.312 µs")]
    [InlineData(1_234_567, "ns", "1235 µs")]
    [InlineData(98_738_000, "ns", "98.7 ms")]
    [InlineData(2_700_000_000, "ns", "2.70 s")]
    [InlineData(-12_000_000, "ns", "-12.0 ms")]
    [InlineData(2048, "B", "2.00 KiB")]
    [InlineData(double.NaN, "ns", "n/a")]
    [InlineData(-0.0000001, "threads", "0 threads")]
    public void Values_UseBlandysUnits(double value, string unit, string expected) =>
        Assert.Equal(expected, Format.Value(value, unit));

    [Theory]
    [InlineData(10_400_000, 9_120_000, 10_800_000, "ns", "10.4 ms (9.12 ms – 10.8 ms)")]
    [InlineData(83_000, 81_200, 84_800, "ns", "83.0 µs (81.2 µs – 84.8 µs)")]
    [InlineData(1100, 900, 1300, "B", "1.07 KiB (0.879 KiB – 1.27 KiB)")]
    [InlineData(-19_200, -21_200, -17_500, "ns", "-19.2 µs (-21.2 µs – -17.5 µs)")]
    [InlineData(5_000, double.NaN, 6_000, "ns", "5.00 µs (n/a)")]
    public void Estimate_ShowsMedianAndInterval_InOneScale(double median, double lower, double upper, string unit, string expected) =>
        Assert.Equal(expected, Format.Estimate(median, lower, upper, unit));

    [Fact]
    public void Interval_UsesTheLargerEndsScale()
    {
        Assert.Equal("9.12 ms – 10.8 ms", Format.Interval(9_120_000, 10_800_000, "ns"));
        Assert.Equal("0.500 KiB – 2.00 KiB", Format.Interval(512, 2048, "B"));
        Assert.Equal("n/a", Format.Interval(double.NaN, 1, "ns"));
    }

    [Fact]
    public void Ratio_IsNotAvailableForNonPositiveValues()
    {
        Assert.Equal("2.50×", Format.Ratio(5, 2));
        Assert.Equal("n/a", Format.Ratio(-1, 2));
        Assert.Equal("n/a", Format.Ratio(1, double.NaN));
    }
}
