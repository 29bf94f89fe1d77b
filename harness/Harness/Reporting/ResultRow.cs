using System.Diagnostics.CodeAnalysis;
using CsvHelper;

namespace Harness.Reporting;

/// <summary>
/// One row of results.csv (format 3, <see cref="Storage.ResultsFormat"/>): one statistic of one quantity of one scenario, or a failed scenario. The
/// identity columns say what it is about (<see cref="ResultIdentity"/>); <see cref="Statistic"/> and
/// <see cref="Estimator"/> say what <see cref="Value"/> is.
/// </summary>
[CsvRecord]
public sealed partial record ResultRow : ResultIdentity
{
    public ResultRow()
    {
    }

    /// <summary>A row about <paramref name="identity"/>.</summary>
    [SetsRequiredMembers]
    public ResultRow(ResultIdentity identity)
        : base(identity)
    {
    }

    /// <summary>What <see cref="Value"/> is (see <see cref="Statistics"/>): median, slope, p99-added, point, ...</summary>
    [CsvColumn("statistic")] public string Statistic { get; init; } = "";
    /// <summary>How <see cref="Value"/> was estimated: an id of <see cref="Statistics.EstimatorDescriptions"/> (hd-median, ls-slope, ...).</summary>
    [CsvColumn("estimator")] public string Estimator { get; init; } = "";
    [CsvColumn("value"), CsvConverter(typeof(Storage.MissingAsEmpty))] public double Value { get; init; } = double.NaN;
    /// <summary>Lower bound of the 95% confidence interval of <see cref="Value"/>.</summary>
    [CsvColumn("ci_lower"), CsvConverter(typeof(Storage.MissingAsEmpty))] public double CiLower { get; init; } = double.NaN;
    [CsvColumn("ci_upper"), CsvConverter(typeof(Storage.MissingAsEmpty))] public double CiUpper { get; init; } = double.NaN;
    [CsvColumn("unit")] public string Unit { get; init; } = "";
    /// <summary>Number of samples (or points, for a slope) the value is made of.</summary>
    [CsvColumn("samples")] public int Samples { get; init; }
    [CsvColumn("min"), CsvConverter(typeof(Storage.MissingAsEmpty))] public double Min { get; init; } = double.NaN;
    [CsvColumn("max"), CsvConverter(typeof(Storage.MissingAsEmpty))] public double Max { get; init; } = double.NaN;
    /// <summary>Modes found by the Lowland modality detector; more than 1 means a bi-/multimodal distribution.</summary>
    [CsvColumn("modes")] public int Modes { get; init; }
    /// <summary><c>ok</c> or <c>failed</c>.</summary>
    [CsvColumn("status")] public string Status { get; init; } = "ok";
    /// <summary>What a reader needs to know about a measured value (how a difference was formed, the N of a slope).</summary>
    [CsvColumn("note")] public string Note { get; init; } = "";
    /// <summary>Why the scenario failed; empty on every measured row.</summary>
    [CsvColumn("error")] public string Error { get; init; } = "";
    /// <summary>Voluntary OS context switches per operation (getrusage), where counted.</summary>
    [CsvColumn("voluntary_switches_per_op"), CsvConverter(typeof(Storage.MissingAsEmpty))] public double VoluntarySwitchesPerOp { get; init; } = double.NaN;
    [CsvColumn("involuntary_switches_per_op"), CsvConverter(typeof(Storage.MissingAsEmpty))] public double InvoluntarySwitchesPerOp { get; init; } = double.NaN;
    /// <summary>ThreadPool work items completed per operation.</summary>
    [CsvColumn("work_items_per_op"), CsvConverter(typeof(Storage.MissingAsEmpty))] public double WorkItemsPerOp { get; init; } = double.NaN;
    [CsvColumn("lock_contentions_per_op"), CsvConverter(typeof(Storage.MissingAsEmpty))] public double LockContentionsPerOp { get; init; } = double.NaN;
    /// <summary>Fresh processes (launches) the value is made of; missing in runs made before launches existed (one).</summary>
    [CsvColumn("launches", Optional = true)] public int Launches { get; init; } = 1;
    /// <summary>Relative spread inside one launch: the median over launches of each launch's IQR over its median.</summary>
    [CsvColumn("within_launch_spread", Optional = true), CsvConverter(typeof(Storage.MissingAsEmpty))] public double WithinLaunchSpread { get; init; } = double.NaN;
    /// <summary>Relative spread between launches: the SD of the launch medians over their mean (NaN with one launch).</summary>
    [CsvColumn("between_launch_spread", Optional = true), CsvConverter(typeof(Storage.MissingAsEmpty))] public double BetweenLaunchSpread { get; init; } = double.NaN;
    /// <summary>Launches whose samples drift (first third vs last third, <see cref="Measurement.Drift"/>); the note says by how much.</summary>
    [CsvColumn("drifting_launches", Optional = true)] public int DriftingLaunches { get; init; }
    /// <summary>The CPUs the child process could run on.</summary>
    [CsvColumn("affinity")] public string Affinity { get; init; } = "";
    /// <summary>The CPUs the child's runtime used (1 when pinned with taskset).</summary>
    [CsvColumn("processor_count")] public int ProcessorCount { get; init; }

    public bool Succeeded => Status == StatusOk;

    public const string StatusOk = "ok";
    public const string StatusFailed = "failed";

    /// <summary>Not run: its peer's toolchain is not installed (the note says which); not a failure of the run.</summary>
    public const string StatusSkipped = "skipped";
}
