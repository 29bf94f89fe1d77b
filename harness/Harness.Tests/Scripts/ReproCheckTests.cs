using Harness.Tests.Fixtures;

namespace Harness.Tests.Scripts;

/// <summary>scripts/repro-check.sh: two quick runs compared and the comparison recorded in the first run's report, and a
/// first run that fails stops it.</summary>
public sealed class ReproCheckTests : TempFolder
{
    private string Out => Path.Combine(Folder, "repro");

    [Fact]
    public void ARunThatCannotStart_StopsTheCheck_WithItsExitCode_AndNothingIsCompared()
    {
        (int exit, string output) = ShellScripts.Run("repro-check.sh", null, Out, "10%", "--launches", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--launches must be between 1", output, StringComparison.Ordinal);
        Assert.Contains("the first quick run exited 2; not comparing", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Out, "second")));
    }

    [Fact]
    public void TwoTinyRuns_AreCompared_AndTheFirstRunsReportSaysHowWellItReproduces()
    {
        (int exit, string output) = ShellScripts.Run("repro-check.sh", new Dictionary<string, string> { ["BENCH_TINY_SIZES"] = "1" },
            Out, "10", "--shapes", "spawn-join", "--models", "task");

        Assert.True(exit is 0 or 1, output);
        Assert.Contains("compare exited", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out, "first", "rerun.json")), output);
        Assert.Contains("## How well this run reproduces", File.ReadAllText(Path.Combine(Out, "first", "report.md")), StringComparison.Ordinal);
    }
}
