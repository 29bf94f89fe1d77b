using System.Text.Json;
using Harness.Measurement;
using Harness.Reporting;
using Harness.Running;
using Harness.Scenarios;
using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Running;

/// <summary>
/// <c>compare BASE OTHER --record</c>: what it writes to BASE's rerun.json (the other run's identity, the verdict counts,
/// the coverage of BASE's intervals and the per-metric ratios), and the runs it refuses to record.
/// </summary>
public sealed class CompareRecordTests : TempFolder
{
    private string Run(string name, double centre, string size = "quick") =>
        RunFolders.PingPongRun(Path.Combine(Folder, name), centre, RunFolders.PingPongManifest(size: size));

    private static void SetCommit(string run, string commit)
    {
        string path = Path.Combine(run, RunFiles.EnvironmentFile);
        EnvironmentInfo environment = RunFiles.ReadEnvironment(run)! with { GitCommit = commit };
        File.WriteAllText(path, JsonSerializer.Serialize(environment, RunFiles.Json));
    }

    [Fact]
    public void Record_OfASlowerRerun_CountsItsVerdicts_ItsCoverage_AndItsRatioPerMetric()
    {
        string before = Run("base", 1000), after = Run("rerun", 1500);
        var output = new StringWriter();

        int exit = CompareCommand.Run(new CompareOptions(after, before) { Record = true, ThresholdPercent = 10 }, output);
        RerunRecord record = RunFiles.ReadRerun(before)!;

        Assert.Equal(CompareCommand.RegressionExitCode, exit);
        Assert.Equal(("rerun", "quick", 10.0), (record.Run, record.Size, record.ThresholdPercent));
        Assert.Equal(RunFiles.ReadEnvironment(after)!.GitCommit, record.Commit);
        Assert.Equal((0, 0, 2, 2), (record.Same, record.Faster, record.Slower, record.Judged));
        Assert.Equal((0, 2), (record.Inside, record.Covered));
        RerunRecord.MetricShift shift = Assert.Single(record.Metrics);
        Assert.Equal((MetricIds.Switch, 2), (shift.Metric, shift.Cells));
        Assert.InRange(shift.Median, 1.45, 1.55);
        Assert.InRange(shift.P10, 1.45, shift.Median);
        Assert.Equal(2, record.All!.Cells);
        Assert.Contains($"Recorded in {Path.Combine(before, RunFiles.RerunFile)}", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(after, RunFiles.RerunFile)));
    }

    [Fact]
    public void Record_OfAnEqualRerun_CountsEveryCellTheSame()
    {
        string before = Run("base", 1000), after = Run("rerun", 1000);

        Assert.Equal(0, CompareCommand.Run(new CompareOptions(after, before) { Record = true, ThresholdPercent = 10 }, TextWriter.Null));
        RerunRecord record = RunFiles.ReadRerun(before)!;

        Assert.Equal((2, 0, 0, 2), (record.Same, record.Faster, record.Slower, record.Judged));
        Assert.InRange(record.Metrics[0].Median, 0.97, 1.03);
    }

    [Fact]
    public void Record_RefusesARunOfAnotherCommit_InOneLine_AndWritesNothing()
    {
        string before = Run("base", 1000), after = Run("rerun", 1000);
        SetCommit(after, "0123456789abcdef0123456789abcdef01234567");

        InProcessCommands.Result result = InProcessCommands.Run("compare", before, after, "--record");

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.StderrLines);
        Assert.Contains("is commit 0123456", line, StringComparison.Ordinal);
        Assert.Contains("a rerun must be of the same commit", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(before, RunFiles.RerunFile)));
        Assert.Equal(0, InProcessCommands.Run("compare", before, after).ExitCode); // without --record, a change is what compare is for
    }

    [Fact]
    public void Record_RefusesARunOfAnotherSize_InOneLine()
    {
        string before = Run("base", 1000), after = Run("rerun", 1000, size: "full");

        InProcessCommands.Result result = InProcessCommands.Run("compare", before, after, "--record");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a full run, ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Contains("a rerun must be of the same size", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(before, RunFiles.RerunFile)));
    }

    [Fact]
    public void Record_RefusesTheBaseRunItself_OrACopyOfIt()
    {
        string before = Run("base", 1000);
        string copy = Path.Combine(Folder, "copy");
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.EnumerateFiles(before)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));

        InProcessCommands.Result itself = InProcessCommands.Run("compare", before, before + "/", "--record");
        InProcessCommands.Result copied = InProcessCommands.Run("compare", before, copy, "--record");

        Assert.Equal((2, 2), (itself.ExitCode, copied.ExitCode));
        Assert.Contains("is the base run itself, not a rerun of it", Assert.Single(itself.StderrLines), StringComparison.Ordinal);
        Assert.Contains("a copy of the base run, not a rerun of it", Assert.Single(copied.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordedRerun_IsShownByTheReport_AndDroppedByANewRunInItsFolder()
    {
        string before = Run("base", 1000), after = Run("rerun", 1000);
        CompareCommand.Run(new CompareOptions(after, before) { Record = true }, TextWriter.Null);

        Assert.Equal(0, InProcessCommands.Run("report", before).ExitCode);
        Assert.Contains(ReproductionSection.Title, File.ReadAllText(Path.Combine(before, RunFiles.ReportFile)), StringComparison.Ordinal);

        RunWriter.Create(before).Dispose();
        Assert.False(File.Exists(Path.Combine(before, RunFiles.RerunFile)));
    }
}
