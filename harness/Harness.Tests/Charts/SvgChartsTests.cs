using System.Xml.Linq;
using Harness.Charts;

namespace Harness.Tests.Charts;

/// <summary>Every chart is valid SVG with a title, a legend naming each drawn model, and the expected series.</summary>
public sealed class SvgChartsTests
{
    private static XDocument Parse(string svg)
    {
        XDocument doc = XDocument.Parse(svg); // throws on anything that is not well-formed XML
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        return doc;
    }

    private static string Text(XDocument doc) => string.Join("|", doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));

    private static ChartSeries Series(string model, double scale) => new(model,
        [new(1_000, 100 * scale, 90 * scale, 110 * scale), new(10_000, 1_000 * scale, 950 * scale, 1_050 * scale), new(100_000, 10_000 * scale)]);

    [Fact]
    public void LogLogLines_AreValidSvg_WithTitleLegendAndOneSeriesPerModel()
    {
        string svg = SvgCharts.Lines("memory per parked unit", "units alive (N)", "resident bytes", [Series("thread", 20), Series("task", 0.3), Series("tokio", 0.2)], logX: true, logY: true);
        XDocument doc = Parse(svg);
        string text = Text(doc);
        Assert.Contains("memory per parked unit", text, StringComparison.Ordinal);
        foreach (string model in new[] { "thread", "task", "tokio" }) Assert.Contains(model, text, StringComparison.Ordinal);
        Assert.Contains("100k", text, StringComparison.Ordinal); // a log axis labelled in the axis's unit
        // Each model's colour is drawn: the style is the same in every chart.
        foreach (string model in new[] { "thread", "task", "tokio" })
            Assert.Contains(ModelStyle.Of(model).Color.ToHex()[..7], svg, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void PointsALogAxisCannotShow_AreLeftOut_AndAModelWithNoneIsNotInTheLegend()
    {
        var empty = new ChartSeries("green", [new(0, 5), new(10, -1), new(100, double.NaN)]);
        string svg = SvgCharts.Lines("t", "x", "y", [Series("thread", 1), empty], logX: true, logY: true);
        Assert.DoesNotContain("green", Text(Parse(svg)), StringComparison.Ordinal);
    }

    [Fact]
    public void RatioBars_HaveTheOneLine_AndEveryLabel()
    {
        string svg = SvgCharts.Ratios("cost ratios", [("thread / task", 900, 800, 1_000), ("green / task", 0.7, 0.6, 0.8), ("broken", double.NaN, 0, 0)]);
        string text = Text(Parse(svg));
        Assert.Contains("thread / task", text, StringComparison.Ordinal);
        Assert.Contains("green / task", text, StringComparison.Ordinal);
        Assert.Contains("1× (equal cost)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("broken", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Styles_AreFixedPerModel_PeersLighter()
    {
        Assert.False(ModelStyle.Of("thread").IsPeer);
        Assert.True(ModelStyle.Of("tokio").IsPeer);
        Assert.Equal(ModelStyle.Known.Count, ModelStyle.Known.Select(m => ModelStyle.Of(m).Color).Distinct().Count());
        Assert.Equal(ModelStyle.Of("go"), ModelStyle.Of("go"));
    }

    [Fact]
    public void Categories_AreValidSvg_WithEveryCategoryAndALegendEntryPerModel()
    {
        string svg = SvgCharts.Categories("switch", "µs", ["ping-pong\n1 CPU", "yield"],
            [new("thread", [new(0, 1.7, 1.6, 1.8), new(1, 1.4)]), new("go", [new(0, 0.2)]), new("task", [])], logY: true);
        string text = Text(Parse(svg));
        foreach (string expected in new[] { "switch", "yield", "1 CPU", "thread", "go" })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("task", text, StringComparison.Ordinal); // a model with no point is not in the legend
    }
}
