using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Harness.Charts;

// Charts/: drawing a report's charts as SVG text with ScottPlot 5. A chart is a list of ChartSeries (one model's
// points, each with its 95% interval), drawn by SvgCharts as lines against a size or a hold, or as bars of ratios,
// with every model in its fixed ModelStyle so a colour means the same model in every chart. What a chart shows is
// decided by the report (Reporting/); this folder only draws.

/// <summary>
/// The report's charts as SVG text (ScottPlot 5), which GitHub shows inline: lines of a quantity against a size or a
/// hold per model, with 95% interval bars, on log axes where the quantity spans decades; and bars of ratios with the 1x
/// line, where a bar above the line reads "the first model costs more". Every chart has a title, labelled axes with
/// units and a legend; styles come from <see cref="ModelStyle"/>.
/// </summary>
public static class SvgCharts
{
    public const int Width = 720, Height = 420;

    /// <summary>A value of a series on a log axis must be above zero; the rest are left out (and said so by the caller).</summary>
    public static bool Drawable(double value, bool log) => double.IsFinite(value) && (!log || value > 0);

    /// <summary>Lines with markers and interval bars, one series per model.</summary>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool logX, bool logY)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        foreach (ChartSeries one in series)
        {
            ChartPoint[] points = one.Points.Where(p => Drawable(p.X, logX) && Drawable(p.Y, logY)).OrderBy(p => p.X).ToArray();
            if (points.Length == 0) continue;
            ModelStyle style = ModelStyle.Of(one.Model);
            double[] xs = points.Select(p => Axis(p.X, logX)).ToArray();
            double[] ys = points.Select(p => Axis(p.Y, logY)).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = one.Model;
            line.Color = style.Color;
            line.MarkerShape = style.Marker;
            line.MarkerSize = 8;
            line.LinePattern = style.Line;
            line.LineWidth = style.IsPeer ? 1.5f : 2.5f;
            ChartPoint[] withInterval = points.Where(p => Drawable(p.Lower, logY) && Drawable(p.Upper, logY)).ToArray();
            if (withInterval.Length == 0) continue;
            var bars = new ScottPlot.Plottables.ErrorBar(
                withInterval.Select(p => Axis(p.X, logX)).ToArray(),
                withInterval.Select(p => Axis(p.Y, logY)).ToArray(),
                null,
                null,
                withInterval.Select(p => Axis(p.Upper, logY) - Axis(p.Y, logY)).ToArray(),
                withInterval.Select(p => Axis(p.Y, logY) - Axis(p.Lower, logY)).ToArray())
            {
                Color = style.Color,
            };
            plot.Add.Plottable(bars);
        }
        Decorate(plot, title, xLabel, yLabel, logX, logY);
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>Horizontal bars of ratios (numerator / denominator) with their intervals and the 1x line.</summary>
    public static string Ratios(string title, IReadOnlyList<(string Label, double Value, double Lower, double Upper)> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        var plot = new Plot();
        var shown = ratios.Where(r => Drawable(r.Value, log: true)).ToList();
        for (int i = 0; i < shown.Count; i++)
        {
            (string label, double value, double lower, double upper) = shown[i];
            var bar = new Bar
            {
                Position = shown.Count - i,
                Value = Math.Log10(value),
                ValueBase = 0,
                FillColor = value >= 1 ? Color.FromHex("#c0504d") : Color.FromHex("#4f81bd"),
                Label = FormatRatio(value),
                Orientation = Orientation.Horizontal,
            };
            if (Drawable(lower, log: true) && Drawable(upper, log: true))
            {
                bar.Error = (Math.Log10(upper) - Math.Log10(lower)) / 2;
                bar.Value = Math.Log10(value);
            }
            plot.Add.Bar(bar);
        }
        var one = plot.Add.VerticalLine(0);
        one.LegendText = "1× (equal cost)";
        one.Color = Colors.Black;
        one.LinePattern = LinePattern.Dashed;
        plot.Axes.Left.TickGenerator = new NumericManual(
            shown.Select((r, i) => new Tick(shown.Count - i, r.Label)).ToArray());
        Decorate(plot, title, "ratio (log scale; right of the line: the first model costs more)", "", logX: true, logY: false);
        return plot.GetSvgXml(Width, Math.Max(Height, 60 + 28 * shown.Count));
    }

    private static string FormatRatio(double value) =>
        value >= 10 ? $"{value:0}×" : value >= 1 ? $"{value:0.0}×" : $"{value:0.00}×".Replace("0.", "0.", StringComparison.Ordinal);

    private static double Axis(double value, bool log) => log ? Math.Log10(value) : value;

    private static void Decorate(Plot plot, string title, string xLabel, string yLabel, bool logX, bool logY)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (logX) plot.Axes.Bottom.TickGenerator = LogTicks();
        if (logY) plot.Axes.Left.TickGenerator = LogTicks();
        plot.ShowLegend(Alignment.UpperLeft);
    }

    /// <summary>Ticks at powers of ten with minor ticks between, labelled in the axis's own unit (1, 10, 100, 1k, ...).</summary>
    private static NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = exponent => Label(Math.Pow(10, exponent)),
    };

    private static string Label(double value) => value switch
    {
        >= 1e9 => (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G",
        >= 1e6 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (value / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
