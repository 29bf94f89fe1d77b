using Harness.Measurement;
using Harness.Storage;
using Harness.Tests.Fixtures;
using Harness.Reporting;
using Harness.Running;

namespace Harness.Tests.Scripts;

/// <summary>scripts/publish.sh and scripts/compare-previous.sh, the publishing steps a CI job runs, over the bench app.</summary>
public sealed class PublishScriptsTests : TempFolder
{
    /// <summary>A finished run folder whose ping-pong samples centre on <paramref name="centre"/> ns.</summary>
    private string FakeRun(string name, double centre, RunManifest? manifest = null) => RunFolders.PingPongRun(Path.Combine(Folder, name), centre, manifest);

    private static (int ExitCode, string Output) Script(string script, params string[] args) => ShellScripts.Run(script, null, args);

    [Fact]
    public void PublishThenCompare_FindsARegressionAgainstThePreviousRunOfTheSameMachine()
    {
        string results = Path.Combine(Folder, "results");
        Directory.CreateDirectory(results);

        (int first, string firstOut) = Script("publish.sh", FakeRun("run1", 1000), results);
        Assert.Equal(0, first);
        string published1 = firstOut.Trim().Split('\n')[^1];
        Assert.True(File.Exists(Path.Combine(published1, RunFiles.SeriesFile)), firstOut);
        (int alone, string aloneOut) = Script("compare-previous.sh", published1);
        Assert.Equal(0, alone);
        Assert.Contains("No earlier published quick run", aloneOut, StringComparison.Ordinal);

        (_, string secondOut) = Script("publish.sh", FakeRun("run2", 1500), results);
        string published2 = secondOut.Trim().Split('\n')[^1];
        Assert.NotEqual(published1, published2);
        (int compared, string comparison) = Script("compare-previous.sh", published2, "5%");

        Assert.Equal(CompareCommand.RegressionExitCode, compared);
        Assert.Contains("| switch/task/pingpong/unpinned/switch | **slower** |", comparison, StringComparison.Ordinal);
        string index = File.ReadAllText(Path.Combine(results, PublishCommand.IndexFile));
        Assert.Contains($"[{PublishCommand.MachineClass(EnvironmentInfo.Capture())}]({Path.GetFileName(published2)}/report.md)", index, StringComparison.Ordinal);
        string chart = $"charts/history-{PublishCommand.MachineClass(EnvironmentInfo.Capture())}-switch-pingpong-switch-pinned.svg";
        Assert.Contains($"]({chart})", index, StringComparison.Ordinal); // a history chart
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(results, chart)), StringComparison.Ordinal);
    }
}
