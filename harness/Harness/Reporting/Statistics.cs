namespace Harness.Reporting;

/// <summary>The statistics a result row can hold, with the estimator that gives each (results.csv's <c>statistic</c> and
/// <c>estimator</c> columns).</summary>
public static class Statistics
{
    /// <summary>The median of a quantity's samples.</summary>
    public const string Median = "median";

    /// <summary>Memory: the reading at one N (one sample); slopes are fitted to these when a report is made.</summary>
    public const string Point = "point";

    /// <summary>Memory: bytes per unit, the slope of the readings against N.</summary>
    public const string Slope = "slope";

    /// <summary>Memory: bytes per unit added over one decade of N (N to 10 N), the row's N being the top of the decade.</summary>
    public const string MarginalPerDecade = "marginal-per-decade";

    /// <summary>A single reading (a count, a time), no distribution.</summary>
    public const string Reading = "reading";

    /// <summary>Latency percentiles (stall phases, per-operation latencies): p50, p90, p99, p99.9, max; see
    /// <see cref="Measurement.LatencyPercentiles.Reported"/>.</summary>
    public static bool IsPercentile(string statistic) => Measurement.LatencyPercentiles.Reported.Any(p => p.Name == statistic);

    /// <summary>Stall: offended minus baseline, at the 50th and 99th percentile and at the maximum.</summary>
    public const string P50Added = "p50-added", P99Added = "p99-added", MaxAdded = "max-added";

    // Estimators: results.csv's estimator column holds one of these short ids (since results format 3); the prose that
    // says what each id means lives once, in EstimatorDescriptions, rather than on every row.
    public const string HarrellDavisMedian = "hd-median";
    public const string HierarchicalMedian = "bootstrap-median";
    public const string HdrPercentile = "hdr-pooled";
    public const string LeastSquaresSlope = "ls-slope";
    public const string QuantileDifference = "hd-difference";
    public const string MaxDifference = "max-difference";
    public const string SingleReading = "single";
    public const string DecadeDifference = "decade-difference";

    /// <summary>What each estimator id means, in words (results format 2 wrote these words in the column itself).</summary>
    public static readonly IReadOnlyDictionary<string, string> EstimatorDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [HarrellDavisMedian] = "Harrell-Davis median",
        [HierarchicalMedian] = "median of all launches with a 95% CI by hierarchical bootstrap (launches then samples)",
        [HdrPercentile] = "HdrHistogram percentile (3 significant digits) of all launches pooled",
        [LeastSquaresSlope] = "least-squares slope",
        [QuantileDifference] = "Harrell-Davis quantile difference",
        [MaxDifference] = "difference of the maxima",
        [SingleReading] = "single reading",
        [DecadeDifference] = "difference of the mean readings at N and 10 N over 9 N",
    };

    /// <summary>The id of an estimator that results format 2 wrote in words; null for words no run wrote.</summary>
    public static string? EstimatorIdOf(string description) =>
        description.Length == 0 ? "" : EstimatorDescriptions.FirstOrDefault(d => d.Value == description).Key;
}
