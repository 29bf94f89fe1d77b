using Harness.Tests.Fixtures;

namespace Harness.Tests.Scripts;

/// <summary>scripts/independent-check.sh: the C peer's (peers/c) pthread figures printed beside a run's thread medians.</summary>
public sealed class IndependentCheckTests : TempFolder
{
    private static readonly Dictionary<string, string> s_oneRepeat = new() { ["CHECK_REPEATS"] = "1" };

    private void WriteResults(params string[] rows) =>
        File.WriteAllLines(Path.Combine(Folder, "results.csv"), ["metric,model,shape,transport,pinning,quantity,block,hold_us,offenders,units,statistic,estimator,value,ci_lower,ci_upper,unit,status", .. rows]);

    [Fact]
    public void PrintsEveryCheckBesideTheRunsThreadMedians()
    {
        WriteResults(
            "creation,thread,spawn-join,,unpinned,total,,0,0,0,median,Harrell-Davis median,50000,49000,51000,ns,ok",
            "creation,task,spawn-join,,unpinned,total,,0,0,0,median,Harrell-Davis median,90,80,100,ns,ok",
            "switch,thread,pingpong,,pinned,switch,,0,0,0,median,Harrell-Davis median,1760,1700,1800,ns,ok");

        (int exit, string output) = ShellScripts.Run("independent-check.sh", s_oneRepeat, Folder);

        if (output.Contains("needs gcc and make", StringComparison.Ordinal))
        {
            Assert.Equal(2, exit); // a machine without a C compiler gets one clear line, not a broken table
            return;
        }
        Assert.True(exit == 0, output);
        string[] rows = output.Split('\n').Where(line => line.StartsWith("| creation/", StringComparison.Ordinal) || line.StartsWith("| switch/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(7, rows.Length);
        string creation = Assert.Single(rows, row => row.StartsWith("| creation/total |", StringComparison.Ordinal));
        Assert.Contains("| 50.0 µs |", creation, StringComparison.Ordinal); // the thread row, not the task one
        Assert.Contains("| 1.76 µs |", Assert.Single(rows, row => row.StartsWith("| switch/pingpong-pinned |", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("| not run | n/a |", Assert.Single(rows, row => row.StartsWith("| switch/brigade-unpinned |", StringComparison.Ordinal)), StringComparison.Ordinal);
        foreach (string row in rows)
        {
            string measured = row.Split('|')[2].Trim();
            Assert.EndsWith(" µs", measured, StringComparison.Ordinal);
            double us = double.Parse(measured[..^3], System.Globalization.CultureInfo.InvariantCulture);
            // A baseline-subtracted brigade hop is a difference of two noisy times and may come out below zero on a
            // busy machine; every other figure is a measured time.
            bool isDifference = row.StartsWith("| switch/brigade-", StringComparison.Ordinal) && !row.Contains("-raw |", StringComparison.Ordinal);
            Assert.True(isDifference || us > 0, row);
        }
    }

    [Fact]
    public void AFolderWithoutResults_IsRefusedInOneLine()
    {
        (int exit, string output) = ShellScripts.Run("independent-check.sh", s_oneRepeat, Path.Combine(Folder, "missing"));

        Assert.Equal(2, exit);
        Assert.Equal($"independent-check: no results.csv in '{Path.Combine(Folder, "missing")}'", output.Trim());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("many")]
    public void BadRepeats_AreRefusedInOneLine(string repeats)
    {
        WriteResults("creation,thread,total,50000,49000,51000,ns");

        (int exit, string output) = ShellScripts.Run("independent-check.sh", new Dictionary<string, string> { ["CHECK_REPEATS"] = repeats }, Folder);

        Assert.Equal(2, exit);
        Assert.Equal($"independent-check: CHECK_REPEATS must be an odd number from 1 to 101, not '{repeats}'", output.Trim());
    }
}
