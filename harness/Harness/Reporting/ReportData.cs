using Harness.Measurement;

namespace Harness.Reporting;

/// <summary>
/// Everything a report is made of: the run's rows as results.csv holds them and with memory slopes derived, its
/// environment and what run.json says about it. Sections, charts and findings read from this, never from files.
/// </summary>
public sealed class ReportData
{
    public ReportData(IReadOnlyList<ResultRow> fileRows, EnvironmentInfo? environment, MarkdownReport.RunInfo run, LaunchSamples? samples = null,
        RerunRecord? rerun = null)
    {
        ArgumentNullException.ThrowIfNull(fileRows);
        ArgumentNullException.ThrowIfNull(run);
        FileRows = fileRows;
        Rows = MemorySlopes.Derive(fileRows);
        Environment = environment;
        Run = run;
        Samples = samples ?? LaunchSamples.None;
        Rerun = rerun;
        Models = Harness.Models.ModelIds.All.Where(run.Models.Contains).ToList();
    }

    /// <summary>The rows as the file holds them (memory: a point per N).</summary>
    public IReadOnlyList<ResultRow> FileRows { get; }

    /// <summary>The rows with every memory sweep's points replaced by its slope.</summary>
    public IReadOnlyList<ResultRow> Rows { get; }

    public EnvironmentInfo? Environment { get; }

    /// <summary>The run's samples by launch, which give the ratios their intervals (none: ratios without them).</summary>
    public LaunchSamples Samples { get; }

    public MarkdownReport.RunInfo Run { get; }

    /// <summary>How a recorded rerun of the same commit compared with this run (rerun.json), or null when none was recorded.</summary>
    public RerunRecord? Rerun { get; }

    /// <summary>The run's models in column order.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>The measured row of <paramref name="model"/> that <paramref name="cell"/> names, or null.</summary>
    public ResultRow? Measured(RowSelector cell, string model)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Find(Rows, model) is { Succeeded: true } row ? row : null;
    }
}
