using System.Diagnostics.CodeAnalysis;
using CsvHelper;

namespace Harness.Reporting;

/// <summary>
/// One row of a published run's series.csv.gz: every sample of one quantity that one launch took, in one row
/// (<see cref="Storage.SampleSeries"/> packs and unpacks them). The same samples as samples.csv, a row per series rather
/// than a row per sample: the identity is written once, and gzip then sees a column of numbers rather than a number
/// between two copies of the identity, which is what made a published run's samples three times bigger.
/// </summary>
[CsvRecord]
public sealed partial record SeriesRow : ResultIdentity
{
    public SeriesRow()
    {
    }

    /// <summary>A row about <paramref name="identity"/>.</summary>
    [SetsRequiredMembers]
    public SeriesRow(ResultIdentity identity)
        : base(identity)
    {
    }

    /// <summary>Which launch (fresh process) of its cell took the samples, from 0.</summary>
    [CsvColumn("launch")] public int Launch { get; init; }
    [CsvColumn("unit")] public string Unit { get; init; } = "";
    /// <summary>How <see cref="Values"/> is written (<see cref="Storage.SampleSeries.Plain"/> or
    /// <see cref="Storage.SampleSeries.Delta"/>).</summary>
    [CsvColumn("coding")] public string Coding { get; init; } = "";
    /// <summary>The samples in index order, separated by spaces, written as <see cref="Coding"/> says.</summary>
    [CsvColumn("values")] public string Values { get; init; } = "";
}
