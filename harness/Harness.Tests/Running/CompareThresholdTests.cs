using System.Text.RegularExpressions;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Running;

/// <summary>compare's help, which says how a cell is judged, and its --threshold: a percentage written with its sign or
/// without it, anything else one clear line.</summary>
public sealed class CompareThresholdTests : TempFolder
{
    private string Run(string name, double centre) => RunFolders.PingPongRun(Path.Combine(Folder, name), centre);

    [Fact]
    public void Help_SaysHowACellIsJudged_AndHowTheThresholdIsWritten()
    {
        InProcessCommands.Result result = InProcessCommands.Run("compare", "--help");

        Text.ContainsAll(Regex.Replace(result.Stdout, @"\s+", " "),
            "Welch interval (90%)", "launch medians", "1 + threshold", "Mann-Whitney", "as 10% or 10");
    }

    [Theory]
    [InlineData("10%")]
    [InlineData("10")]
    [InlineData("2.5")]
    public void Threshold_IsAPercentage_WithOrWithoutItsSign(string threshold)
    {
        string before = Run("base", 1000), after = Run("rerun", 1000);

        InProcessCommands.Result result = InProcessCommands.Run("compare", before, after, "--threshold", threshold);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"threshold {threshold.TrimEnd('%')}%", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("10%%")]
    [InlineData("0")]
    [InlineData("150")]
    [InlineData("-5")]
    [InlineData("1e1")]
    public void Threshold_AnythingElse_IsOneClearLine(string threshold)
    {
        string before = Run("base", 1000), after = Run("rerun", 1000);

        InProcessCommands.Result result = InProcessCommands.Run("compare", before, after, $"--threshold={threshold}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--threshold must be a percentage above 0 and at most 100, such as 5% or 5, got '{threshold}'",
            Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }
}
