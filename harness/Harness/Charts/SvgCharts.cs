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

    /// <summary>What a legend outside the data area, on the right, takes of a chart's width.</summary>
    private const int LegendWidth = 140;

    /// <summary>A value of a series on a log axis must be above zero; the rest are left out (and said so by the caller).</summary>
    public static bool Drawable(double value, bool log) => double.IsFinite(value) && (!log || value > 0);

    /// <summary>Lines with markers and interval bars, one series per model; with a <paramref name="floorLabel"/>, a grey
    /// line at <paramref name="floor"/> in the legend says what points drawn there stand for.</summary>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool logX, bool logY,
        double floor = double.NaN, string? floorLabel = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        if (floorLabel is not null && Drawable(floor, logY))
        {
            var line = plot.Add.HorizontalLine(Axis(floor, logY));
            line.LegendText = floorLabel;
            line.Color = Colors.Gray;
            line.LinePattern = LinePattern.Dotted;
        }
        AddSeries(plot, series, logX, logY, connect: true, dodge: 0);
        Decorate(plot, title, xLabel, yLabel, logX, logY);
        return SvgCompaction.Compact(plot.GetSvgXml(Width + LegendWidth, Height));
    }

    /// <summary>
    /// Points over named categories (an operation per category), one series per model, each model's points nudged
    /// sideways so intervals do not hide each other, and not joined: a line between two operations would suggest a
    /// trend that is not there. A series' point X is its category's index.
    /// </summary>
    public static string Categories(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, bool logY)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        AddSeries(plot, series, logX: false, logY, connect: false, dodge: 0.5 / Math.Max(1, series.Count));
        Decorate(plot, title, "", yLabel, logX: false, logY);
        // Labels are never rotated (ScottPlot does not make room for a rotated label, so it is cut): a long category
        // name is given on two lines ("ping-pong\n1 CPU") and the chart grows wider with the number of categories.
        plot.Axes.Bottom.TickGenerator = new NumericManual(categories.Select((c, i) => new Tick(i, c)).ToArray());
        plot.Axes.SetLimitsX(-0.6, categories.Count - 0.4);
        bool twoLines = categories.Any(c => c.Contains('\n', StringComparison.Ordinal));
        return SvgCompaction.Compact(plot.GetSvgXml(Math.Max(Width, LegendWidth + 90 * categories.Count), Height + (twoLines ? 20 : 0)));
    }

    private static readonly MarkerShape[] s_variantMarkers = [MarkerShape.OpenCircle, MarkerShape.Cross, MarkerShape.OpenDiamond];
    private static readonly LinePattern[] s_variantLines = [LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    private static void AddSeries(Plot plot, IReadOnlyList<ChartSeries> series, bool logX, bool logY, bool connect, double dodge)
    {
        for (int index = 0; index < series.Count; index++)
        {
            ChartSeries one = series[index];
            double shift = dodge * (index - (series.Count - 1) / 2.0);
            ChartPoint[] points = one.Points.Where(p => Drawable(p.X, logX) && Drawable(p.Y, logY)).OrderBy(p => p.X).ToArray();
            if (points.Length == 0) continue;
            ModelStyle style = ModelStyle.Of(one.Model);
            double[] xs = points.Select(p => Axis(p.X, logX) + shift).ToArray();
            double[] ys = points.Select(p => Axis(p.Y, logY)).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = one.Legend;
            line.Color = style.Color;
            line.MarkerShape = one.Variant == 0 ? style.Marker : s_variantMarkers[(one.Variant - 1) % s_variantMarkers.Length];
            line.MarkerSize = 8;
            line.LinePattern = one.Variant == 0 ? style.Line : s_variantLines[(one.Variant - 1) % s_variantLines.Length];
            line.LineWidth = connect ? (style.IsPeer ? 1.5f : 2.5f) : 0;
            ChartPoint[] withInterval = points.Where(p => Drawable(p.Lower, logY) && Drawable(p.Upper, logY)).ToArray();
            if (withInterval.Length == 0) continue;
            var bars = new ScottPlot.Plottables.ErrorBar(
                withInterval.Select(p => Axis(p.X, logX) + shift).ToArray(),
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
            shown.Select((r, i) => new Tick(shown.Count - i, $"{r.Label}  {FormatRatio(r.Value)}")).ToArray());
        Decorate(plot, title, "ratio, log scale (right of 1×: the first model costs more)", "", logX: true, logY: false);
        // Room on both sides of the bars: the longest bar must not touch the frame.
        double left = Math.Min(0, shown.Select(r => Math.Log10(r.Value)).DefaultIfEmpty(0).Min());
        double right = Math.Max(0, shown.Select(r => Math.Log10(r.Value)).DefaultIfEmpty(0).Max());
        double pad = Math.Max(0.3, (right - left) * 0.08);
        plot.Axes.SetLimitsX(left - pad, right + pad);
        return SvgCompaction.Compact(plot.GetSvgXml(Width + LegendWidth, Math.Max(Height, 120 + 30 * shown.Count)));
    }

    private static string FormatRatio(double value) =>
        value.ToString(value >= 10 ? "0" : value >= 1 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + "×";

    private static double Axis(double value, bool log) => log ? Math.Log10(value) : value;

    private static void Decorate(Plot plot, string title, string xLabel, string yLabel, bool logX, bool logY)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (logX) plot.Axes.Bottom.TickGenerator = LogTicks();
        if (logY) plot.Axes.Left.TickGenerator = LogTicks();
        // Outside the data area, on the right: inside, it hides whatever lies in its corner.
        plot.ShowLegend(Edge.Right);
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
