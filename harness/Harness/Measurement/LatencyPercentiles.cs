using HdrHistogram;

namespace Harness.Measurement;

/// <summary>
/// The tail of a latency distribution (first runs, ping-pong round trips, stall probes' lateness), recorded into an
/// HdrHistogram: p50, p90, p99, p99.9 and the maximum, in the unit recorded (nanoseconds here). The histogram keeps
/// three significant digits from 1 ns to one hour, so every percentile is within 0.1% of the exact sample quantile
/// while recording millions of values in constant memory; a median and its interval still come from the samples.
/// </summary>
public sealed record LatencyPercentiles(double P50, double P90, double P99, double P999, double Max, long Count)
{
    /// <summary>The largest value the histogram tracks: one hour in nanoseconds.</summary>
    public const long HighestTrackable = 3_600_000_000_000;

    /// <summary>Significant digits kept at every magnitude (0.1% resolution).</summary>
    public const int SignificantDigits = 3;

    /// <summary>The percentiles reported, as (column name, percentile).</summary>
    public static readonly IReadOnlyList<(string Name, double Percentile)> Reported =
        [("p50", 50), ("p90", 90), ("p99", 99), ("p99.9", 99.9), ("max", 100)];

    /// <summary>Records latencies (negative ones, a probe that ran before its deadline, count as 0) and reads the tail.</summary>
    public static LatencyPercentiles Of(IEnumerable<double> latencies)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        var histogram = new LongHistogram(HighestTrackable, SignificantDigits);
        foreach (double latency in latencies)
        {
            if (!double.IsFinite(latency)) throw new ArgumentException("a latency that is not finite", nameof(latencies));
            histogram.RecordValue((long)Math.Clamp(Math.Round(latency), 0, HighestTrackable));
        }
        if (histogram.TotalCount == 0) throw new ArgumentException("no latency recorded", nameof(latencies));
        return new LatencyPercentiles(
            histogram.GetValueAtPercentile(50), histogram.GetValueAtPercentile(90), histogram.GetValueAtPercentile(99),
            histogram.GetValueAtPercentile(99.9), histogram.GetMaxValue(), histogram.TotalCount);
    }

    /// <summary>The value of a reported percentile by its column name.</summary>
    public double this[string name] => name switch
    {
        "p50" => P50,
        "p90" => P90,
        "p99" => P99,
        "p99.9" => P999,
        "max" => Max,
        _ => throw new ArgumentException($"unknown percentile '{name}'", nameof(name)),
    };
}
