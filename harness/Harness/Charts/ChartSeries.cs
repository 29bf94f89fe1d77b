namespace Harness.Charts;

/// <summary>
/// One model's points of a chart: x, y and y's 95% interval (NaN bounds draw no bar). <see cref="Label"/> names the
/// series in the legend when a model has several (green's stall, offload and detect lines); <see cref="Variant"/>
/// then draws them in the model's colour with another line pattern and marker.
/// </summary>
public sealed record ChartSeries(string Model, IReadOnlyList<ChartPoint> Points, string? Label = null, int Variant = 0)
{
    /// <summary>The series' name in the legend.</summary>
    public string Legend => Label ?? Model;
}

/// <summary>A point with its interval; <see cref="Lower"/> and <see cref="Upper"/> are absolute bounds, not errors.</summary>
public readonly record struct ChartPoint(double X, double Y, double Lower = double.NaN, double Upper = double.NaN);
