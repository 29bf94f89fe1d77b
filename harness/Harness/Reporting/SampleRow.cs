using System.Diagnostics.CodeAnalysis;
using CsvHelper;

namespace Harness.Reporting;

/// <summary>One row of samples.csv (format 2): one raw sample of one quantity of one scenario.</summary>
[CsvRecord]
public sealed partial record SampleRow : ResultIdentity
{
    public SampleRow()
    {
    }

    /// <summary>A row about <paramref name="identity"/>.</summary>
    [SetsRequiredMembers]
    public SampleRow(ResultIdentity identity)
        : base(identity)
    {
    }

    /// <summary>Which launch (fresh process) of its cell took the sample, from 0; missing in runs made before launches (0).</summary>
    [CsvColumn("launch", Optional = true)] public int Launch { get; init; }
    /// <summary>The sample's position within its launch (its rank for a series stored as order statistics).</summary>
    [CsvColumn("index")] public int Index { get; init; }
    [CsvColumn("value")] public double Value { get; init; }
    [CsvColumn("unit")] public string Unit { get; init; } = "";
}
