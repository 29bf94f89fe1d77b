using CsvHelper;

namespace Harness.Reporting;

/// <summary>One row of results.csv: the summary of one metric x model x variant, or a failed scenario.</summary>
[CsvRecord]
public sealed partial record ResultRow
{
    [CsvColumn("metric")] public required string Metric { get; init; }
    [CsvColumn("model")] public required string Model { get; init; }
    [CsvColumn("variant")] public required string Variant { get; init; }
    /// <summary>Harrell-Davis estimate of the median.</summary>
    [CsvColumn("median")] public double Median { get; init; } = double.NaN;
    /// <summary>Lower bound of the 95% confidence interval of the median.</summary>
    [CsvColumn("ci_lower")] public double CiLower { get; init; } = double.NaN;
    [CsvColumn("ci_upper")] public double CiUpper { get; init; } = double.NaN;
    [CsvColumn("unit")] public string Unit { get; init; } = "";
    /// <summary>Number of samples the summary is made of.</summary>
    [CsvColumn("samples")] public int Samples { get; init; }
    [CsvColumn("min")] public double Min { get; init; } = double.NaN;
    [CsvColumn("max")] public double Max { get; init; } = double.NaN;
    /// <summary>Modes found by the Lowland modality detector; more than 1 means a bi-/multimodal distribution.</summary>
    [CsvColumn("modes")] public int Modes { get; init; }
    /// <summary><c>ok</c> or <c>failed</c>.</summary>
    [CsvColumn("status")] public string Status { get; init; } = "ok";
    [CsvColumn("error")] public string Error { get; init; } = "";
    /// <summary>Voluntary OS context switches per operation (getrusage), where counted.</summary>
    [CsvColumn("voluntary_switches_per_op")] public double VoluntarySwitchesPerOp { get; init; } = double.NaN;
    [CsvColumn("involuntary_switches_per_op")] public double InvoluntarySwitchesPerOp { get; init; } = double.NaN;
    /// <summary>ThreadPool work items completed per operation.</summary>
    [CsvColumn("work_items_per_op")] public double WorkItemsPerOp { get; init; } = double.NaN;
    [CsvColumn("lock_contentions_per_op")] public double LockContentionsPerOp { get; init; } = double.NaN;
    /// <summary>The CPUs the child process could run on.</summary>
    [CsvColumn("affinity")] public string Affinity { get; init; } = "";
    /// <summary>Environment.ProcessorCount in the child (1 when pinned with taskset).</summary>
    [CsvColumn("processor_count")] public int ProcessorCount { get; init; }

    public bool Succeeded => Status == StatusOk;

    public const string StatusOk = "ok";
    public const string StatusFailed = "failed";
}
