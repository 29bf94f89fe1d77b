using CsvHelper;

namespace Harness.Reporting;

/// <summary>One row of samples.csv: one raw sample of one metric x model x variant.</summary>
[CsvRecord]
public sealed partial record SampleRow
{
    [CsvColumn("metric")] public required string Metric { get; init; }
    [CsvColumn("model")] public required string Model { get; init; }
    [CsvColumn("variant")] public required string Variant { get; init; }
    [CsvColumn("index")] public int Index { get; init; }
    [CsvColumn("value")] public double Value { get; init; }
    [CsvColumn("unit")] public string Unit { get; init; } = "";
    /// <summary>N, the number of units alive, for sweeps over N (memory); 0 otherwise.</summary>
    [CsvColumn("units")] public int Units { get; init; }
}
