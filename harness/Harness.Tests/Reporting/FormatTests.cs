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
    public void Values_UseBlandysUnits(double value, string unit, string expected) =>
        Assert.Equal(expected, Format.Value(value, unit));

    [Fact]
    public void Ratio_IsNotAvailableForNonPositiveValues()
    {
        Assert.Equal("2.50×", Format.Ratio(5, 2));
        Assert.Equal("n/a", Format.Ratio(-1, 2));
        Assert.Equal("n/a", Format.Ratio(1, double.NaN));
    }
}
