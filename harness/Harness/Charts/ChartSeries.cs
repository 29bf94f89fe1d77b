namespace Harness.Charts;

/// <summary>One model's points of a chart: x, y and y's 95% interval (NaN bounds draw no bar).</summary>
public sealed record ChartSeries(string Model, IReadOnlyList<ChartPoint> Points);

/// <summary>A point with its interval; <see cref="Lower"/> and <see cref="Upper"/> are absolute bounds, not errors.</summary>
public readonly record struct ChartPoint(double X, double Y, double Lower = double.NaN, double Upper = double.NaN);
