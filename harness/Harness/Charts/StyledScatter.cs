using ScottPlot;
using ScottPlot.Plottables;

namespace Harness.Charts;

/// <summary>A model's line with markers, in its <see cref="ModelStyle"/> (colour, marker, line pattern; peers thinner), named
/// in the legend by the model.</summary>
public static class StyledScatter
{
    public static Scatter Add(Plot plot, string model, double[] xs, double[] ys, float markerSize)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ModelStyle style = ModelStyle.Of(model);
        Scatter line = plot.Add.Scatter(xs, ys);
        line.LegendText = model;
        line.Color = style.Color;
        line.MarkerShape = style.Marker;
        line.MarkerSize = markerSize;
        line.LinePattern = style.Line;
        line.LineWidth = style.IsPeer ? 1.5f : 2.5f;
        return line;
    }
}
