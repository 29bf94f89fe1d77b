using System.Xml.Linq;
using Harness.Charts;

namespace Harness.Tests.Charts;

public sealed class SvgCompactionTests
{
    [Fact]
    public void Geometry_IsRoundedToATenthOfAPixel_AndTextIsLeftAlone()
    {
        const string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"860\" height=\"420\">\n"
            + "\t<path stroke-opacity=\"0.098039217\" d=\"M90.9662 373.234L-0.04 43.7969\"/>\n"
            + "\t\t<rect x=\"62.972656\" y=\"43.796875\" width=\"615.85742\" height=\"329.4375\"/>\n"
            + "\t<text x=\"10.25\" y=\"20\">p99.9 at 1.23456 µs</text>\n</svg>";

        string compact = SvgCompaction.Compact(svg);

        Assert.Contains("d=\"M91 373.2L0 43.8\"", compact, StringComparison.Ordinal);
        Assert.Contains("<rect x=\"63\" y=\"43.8\" width=\"615.9\" height=\"329.4\"/>", compact, StringComparison.Ordinal);
        Assert.Contains(">p99.9 at 1.23456 µs</text>", compact, StringComparison.Ordinal);
        Assert.Contains("stroke-opacity=\"0.098039217\"", compact, StringComparison.Ordinal); // not geometry
        Assert.DoesNotContain("\t", compact, StringComparison.Ordinal);
        Assert.Equal(4, XDocument.Parse(compact).Descendants().Count());
    }

    [Fact]
    public void AChart_ComesOutCompactedAndStillValid()
    {
        string svg = SvgCharts.Categories("t", "µs", ["p50", "p99"],
            [new ChartSeries("task", [new ChartPoint(0, 1.23456, 1.1, 1.4), new ChartPoint(1, 9.87654, 9.1, 10.2)])], logY: true);

        Assert.DoesNotMatch(@"\bd=""[^""]*\d\.\d{2}", svg);
        Assert.Equal("svg", XDocument.Parse(svg).Root!.Name.LocalName);
    }
}
