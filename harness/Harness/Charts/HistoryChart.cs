using System.Globalization;
using ScottPlot;

namespace Harness.Charts;

/// <summary>
/// One quantity's history across published runs as SVG text (ScottPlot 5): a line per model over the runs' capture
/// dates, with its 95% interval as a translucent band (a bar where a model has a single run, since a band needs two),
/// a legend, and a log y axis when every value is above zero (models differ by decades: creating a thread costs
/// hundreds of times a task). Styles come from <see cref="ModelStyle"/>, so a model looks the same as in the reports.
/// </summary>
public static class HistoryChart
{
    public const int Width = 720, Height = 360;

    /// <summary>The chart; a point's X is its run's capture time as an OLE Automation date (<see cref="DateTime.ToOADate"/>).</summary>
    public static string Svg(string title, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var drawn = series
            .Select(s => s with { Points = s.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToList() })
            .Where(s => s.Points.Count > 0)
            .ToList();
        bool log = drawn.Count > 0 && drawn.All(s => s.Points.All(p => p.Y > 0 && !(p.Lower <= 0)));
        double Axis(double value) => log ? Math.Log10(value) : value;

        var plot = new Plot();
        foreach (ChartSeries one in drawn)
        {
            ModelStyle style = ModelStyle.Of(one.Model);
            double[] xs = one.Points.Select(p => p.X).ToArray();
            double[] ys = one.Points.Select(p => Axis(p.Y)).ToArray();
            var banded = one.Points.Where(p => double.IsFinite(p.Lower) && double.IsFinite(p.Upper)).ToList();
            if (banded.Count >= 2)
            {
                var band = plot.Add.FillY(banded.Select(p => p.X).ToArray(), banded.Select(p => Axis(p.Lower)).ToArray(),
                    banded.Select(p => Axis(p.Upper)).ToArray());
                band.FillStyle.Color = style.Color.WithAlpha(0.2);
                band.LineStyle.Width = 0;
            }
            else if (banded.Count == 1)
            {
                ChartPoint p = banded[0];
                plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar([p.X], [Axis(p.Y)], null, null, [Axis(p.Upper) - Axis(p.Y)],
                    [Axis(p.Y) - Axis(p.Lower)]) { Color = style.Color });
            }
            StyledScatter.Add(plot, one.Model, xs, ys, markerSize: 7);
        }
        plot.Title(title);
        plot.YLabel(log ? $"{yLabel} (log scale)" : yLabel);
        // The date axis replaces the bottom axis, label and all: label it after.
        var dates = (ScottPlot.TickGenerators.DateTimeAutomatic)plot.Axes.DateTimeTicksBottom().TickGenerator;
        dates.LabelFormatter = date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        plot.XLabel("run captured (UTC); bands and bars: 95% intervals");
        if (log && drawn.Count > 0) plot.Axes.Left.TickGenerator = DecadeTicks(drawn);
        if (drawn.Select(s => s.Points.Select(p => p.X)).SelectMany(x => x).Distinct().Count() == 1)
        {
            // A single run: give the date axis a week either side, or the point sits on a zero-width axis.
            double x = drawn[0].Points[0].X;
            plot.Axes.SetLimitsX(x - 7, x + 7);
        }
        plot.ShowLegend(Alignment.UpperLeft);
        return SvgCompaction.Compact(plot.GetSvgXml(Width, Height));
    }

    /// <summary>A tick at each power of ten the values span (and one either side), labelled in the axis's unit.</summary>
    private static ScottPlot.TickGenerators.NumericManual DecadeTicks(IReadOnlyList<ChartSeries> series)
    {
        var values = series.SelectMany(s => s.Points).SelectMany(p => new[] { p.Y, p.Lower, p.Upper }).Where(v => v > 0 && double.IsFinite(v)).ToList();
        int low = (int)Math.Floor(Math.Log10(values.Min())) - 1, high = (int)Math.Ceiling(Math.Log10(values.Max())) + 1;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int exponent = low; exponent <= high; exponent++)
            ticks.AddMajor(exponent, Math.Pow(10, exponent).ToString("#,0.###", CultureInfo.InvariantCulture));
        return ticks;
    }
}
