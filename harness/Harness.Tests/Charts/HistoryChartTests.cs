using System.Xml.Linq;
using Harness.Charts;

namespace Harness.Tests.Charts;

/// <summary>A history chart is valid SVG with a legend naming each model, a band per model with two runs or more, and a
/// log axis only where every value can be drawn on one.</summary>
public sealed class HistoryChartTests
{
    private static readonly double s_day = new DateTime(2026, 12, 1, 3, 17, 0, DateTimeKind.Utc).ToOADate();

    private static ChartSeries Series(string model, double centre, int runs) => new(model,
        Enumerable.Range(0, runs).Select(i => new ChartPoint(s_day + (7 * i), centre * (1 + (0.05 * i)), centre * 0.9, centre * 1.1)).ToList());

    private static (XDocument Doc, string Text) Parse(string svg)
    {
        XDocument doc = XDocument.Parse(svg); // throws on anything that is not well-formed XML
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        return (doc, string.Join("|", doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim())));
    }

    [Fact]
    public void History_IsValidSvg_WithTitleLegendDatesAndAStyledLinePerModel()
    {
        string svg = HistoryChart.Svg("creation, µs per unit", "µs", [Series("thread", 80, 3), Series("task", 0.1, 3), Series("green", 0.1, 3)]);

        (_, string text) = Parse(svg);
        Assert.Contains("creation, µs per unit", text, StringComparison.Ordinal);
        foreach (string model in new[] { "thread", "task", "green" })
        {
            Assert.Contains(model, text, StringComparison.Ordinal);
            Assert.Contains(ModelStyle.Of(model).Color.ToHex()[..7], svg, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("2026-12-", text, StringComparison.Ordinal); // dates, not OLE numbers
        Assert.Contains("log scale", text, StringComparison.Ordinal); // 0.1 µs and 80 µs: decades apart
        Assert.Contains("|100|", text, StringComparison.Ordinal); // labelled at powers of ten in the axis's unit
    }

    [Fact]
    public void TwoRunsOrMore_DrawATranslucentBand_OneRunDrawsNone()
    {
        string banded = HistoryChart.Svg("t", "µs", [Series("thread", 10, 2)]);
        string single = HistoryChart.Svg("t", "µs", [Series("thread", 10, 1)]);

        Assert.Equal(1, Bands(banded, "thread"));
        Assert.Equal(0, Bands(single, "thread"));
    }

    /// <summary>Shapes filled with the model's colour at 20% opacity: its bands.</summary>
    private static int Bands(string svg, string model)
    {
        string colour = ModelStyle.Of(model).Color.ToHex()[..7];
        return Parse(svg).Doc.Descendants().Count(e =>
            string.Equals((string?)e.Attribute("fill"), colour, StringComparison.OrdinalIgnoreCase)
            && (string?)e.Attribute("fill-opacity") is { } opacity && Math.Abs(double.Parse(opacity, System.Globalization.CultureInfo.InvariantCulture) - 0.2) < 0.01);
    }

    [Fact]
    public void AValueAtOrBelowZero_KeepsTheAxisLinear()
    {
        // A stall's added latency can be below zero for threads (a sleeping offender frees a CPU).
        var below = new ChartSeries("thread", [new ChartPoint(s_day, -19, -21, -17)]);

        (_, string text) = Parse(HistoryChart.Svg("stall p99 added", "µs", [below, Series("task", 900, 1)]));

        Assert.DoesNotContain("log scale", text, StringComparison.Ordinal);
        Assert.Contains("thread", text, StringComparison.Ordinal);
    }
}
