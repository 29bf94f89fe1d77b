using CsvHelper;

namespace Harness.Legacy;

/// <summary>A row of a format-1 results.csv: the identity folded into one <c>variant</c> string.</summary>
[CsvRecord]
public sealed partial record LegacyResultRow
{
    [CsvColumn("metric")] public required string Metric { get; init; }
    [CsvColumn("model")] public required string Model { get; init; }
    [CsvColumn("variant")] public required string Variant { get; init; }
    [CsvColumn("median")] public double Median { get; init; } = double.NaN;
    [CsvColumn("ci_lower")] public double CiLower { get; init; } = double.NaN;
    [CsvColumn("ci_upper")] public double CiUpper { get; init; } = double.NaN;
    [CsvColumn("unit")] public string Unit { get; init; } = "";
    [CsvColumn("samples")] public int Samples { get; init; }
    [CsvColumn("min")] public double Min { get; init; } = double.NaN;
    [CsvColumn("max")] public double Max { get; init; } = double.NaN;
    [CsvColumn("modes")] public int Modes { get; init; }
    [CsvColumn("status")] public string Status { get; init; } = "ok";
    /// <summary>Format 1 carried notes here too, on measured rows.</summary>
    [CsvColumn("error")] public string Error { get; init; } = "";
    [CsvColumn("voluntary_switches_per_op")] public double VoluntarySwitchesPerOp { get; init; } = double.NaN;
    [CsvColumn("involuntary_switches_per_op")] public double InvoluntarySwitchesPerOp { get; init; } = double.NaN;
    [CsvColumn("work_items_per_op")] public double WorkItemsPerOp { get; init; } = double.NaN;
    [CsvColumn("lock_contentions_per_op")] public double LockContentionsPerOp { get; init; } = double.NaN;
    [CsvColumn("affinity")] public string Affinity { get; init; } = "";
    [CsvColumn("processor_count")] public int ProcessorCount { get; init; }
}

/// <summary>A row of a format-1 samples.csv.</summary>
[CsvRecord]
public sealed partial record LegacySampleRow
{
    [CsvColumn("metric")] public required string Metric { get; init; }
    [CsvColumn("model")] public required string Model { get; init; }
    [CsvColumn("variant")] public required string Variant { get; init; }
    [CsvColumn("index")] public int Index { get; init; }
    [CsvColumn("value")] public double Value { get; init; }
    [CsvColumn("unit")] public string Unit { get; init; } = "";
    [CsvColumn("units")] public int Units { get; init; }
}
