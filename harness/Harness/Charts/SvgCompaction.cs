using System.Globalization;
using System.Text.RegularExpressions;

namespace Harness.Charts;

/// <summary>
/// Shrinks the SVG text ScottPlot writes without changing what it draws: coordinates and sizes to one decimal (a tenth
/// of a pixel on a chart 860 pixels wide), no indentation. ScottPlot writes six significant digits and a tab per level;
/// a published run's charts were a third of its bytes in git.
/// </summary>
public static partial class SvgCompaction
{
    /// <summary>The compacted <paramref name="svg"/>; text content (titles, labels, legends) is left as it is.</summary>
    public static string Compact(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        string unindented = Indentation().Replace(svg, "");
        return GeometryAttribute().Replace(unindented, attribute =>
            attribute.Groups["name"].Value + "=\"" + LongNumber().Replace(attribute.Groups["value"].Value, Round) + "\"");
    }

    private static string Round(Match number)
    {
        double rounded = Math.Round(double.Parse(number.Value, CultureInfo.InvariantCulture), 1, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("0.#", CultureInfo.InvariantCulture); // no "-0"
    }

    [GeneratedRegex(@"^[ \t]+", RegexOptions.Multiline)]
    private static partial Regex Indentation();

    /// <summary>The attributes that hold geometry in pixels: path data, positions, sizes, radii, polyline points.</summary>
    [GeneratedRegex(@"(?<name>\b(?:d|x|y|x1|y1|x2|y2|cx|cy|r|rx|ry|width|height|points))=""(?<value>[^""]*)""")]
    private static partial Regex GeometryAttribute();

    /// <summary>A number with two or more decimals.</summary>
    [GeneratedRegex(@"-?\d+\.\d{2,}")]
    private static partial Regex LongNumber();
}
