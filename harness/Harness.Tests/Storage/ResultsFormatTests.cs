using Harness.Reporting;
using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Storage;

/// <summary>results.csv's format versions: format 3 as written and read back, format 2 converted on read, a newer one refused.</summary>
public sealed class ResultsFormatTests : TempFolder
{
    private static readonly ResultRow s_measured = new(new ResultIdentity { Metric = "switch", Model = "task", Shape = "pingpong", Pinning = "unpinned", Quantity = "switch" })
    {
        Statistic = Statistics.Median,
        Estimator = Statistics.HierarchicalMedian,
        Value = 1234.5,
        CiLower = 1200.25,
        CiUpper = 1300,
        Unit = "ns",
        Samples = 40,
        Min = 1100,
        Max = 1400,
        Modes = 1,
        WorkItemsPerOp = 0.5,
        Launches = 2,
        WithinLaunchSpread = 0.1,
        Affinity = "0,1",
        ProcessorCount = 2,
    };

    private static readonly ResultRow s_point = new(new ResultIdentity { Metric = "memory", Model = "green", Shape = "parked", Pinning = "unpinned", Quantity = "rss", Units = 1000 })
    {
        Statistic = Statistics.Point,
        Estimator = Statistics.SingleReading,
        Value = 258048,
        Unit = "B",
        Samples = 1,
        Modes = 1,
        Affinity = "0,1",
        ProcessorCount = 2,
    };

    private string ResultsPath => Path.Combine(Folder, RunFiles.ResultsFile);

    [Fact]
    public void WrittenResults_StartWithTheVersionLine_LeaveNaNOut_AndReadBackTheSameRows()
    {
        RunFiles.WriteResults(ResultsPath, [s_measured, s_point]);

        string[] lines = File.ReadAllLines(ResultsPath);
        Assert.Equal("# results format 3", lines[0]);
        Assert.DoesNotContain("NaN", File.ReadAllText(ResultsPath), StringComparison.Ordinal);
        Assert.Contains(",bootstrap-median,", lines[2], StringComparison.Ordinal);
        Assert.Equal(3, ResultsFormat.Of(ResultsPath));
        Assert.Equal([s_measured, s_point], RunFiles.ReadResults(ResultsPath));
    }

    [Fact]
    public void Format2File_ReadsWithEstimatorIds_AndNaNAsNotMeasured()
    {
        RunFiles.WriteResults(ResultsPath, [s_measured, s_point]);
        // The same rows as format 2 wrote them: no version line, estimators in words, NaN spelled out.
        string format2 = string.Join('\n', File.ReadAllLines(ResultsPath).Skip(1)) + "\n";
        format2 = format2.Replace(",bootstrap-median,", $",{Statistics.EstimatorDescriptions[Statistics.HierarchicalMedian]},", StringComparison.Ordinal)
            .Replace(",single,", ",single reading,", StringComparison.Ordinal)
            .Replace(",258048,,,B,", ",258048,NaN,NaN,B,", StringComparison.Ordinal);
        File.WriteAllText(ResultsPath, format2);

        Assert.Equal(2, ResultsFormat.Of(ResultsPath));
        Assert.Equal([s_measured, s_point], RunFiles.ReadResults(ResultsPath));
    }

    [Fact]
    public void Format2File_WithAnEstimatorNoRunWrote_IsRefused_NamingTheLine()
    {
        RunFiles.WriteResults(ResultsPath, [s_measured]);
        string format2 = string.Join('\n', File.ReadAllLines(ResultsPath).Skip(1)).Replace(",bootstrap-median,", ",a guess,", StringComparison.Ordinal);
        File.WriteAllText(ResultsPath, format2 + "\n");

        var refused = Assert.Throws<InvalidDataException>(() => RunFiles.ReadResults(ResultsPath));

        Assert.Contains("results.csv:2: unknown estimator 'a guess'", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# results format 4", "results format 4 is newer than this harness reads (formats 1 to 3)")]
    [InlineData("# results format 2", "is not a results format line")]
    [InlineData("# written by hand", "is not a results format line")]
    public void AVersionLineThisHarnessCannotRead_IsRefused_InOneLine(string firstLine, string expected)
    {
        RunFiles.WriteResults(ResultsPath, [s_measured]);
        string[] lines = File.ReadAllLines(ResultsPath);
        lines[0] = firstLine;
        File.WriteAllText(ResultsPath, string.Join('\n', lines) + "\n");

        var refused = Assert.Throws<InvalidDataException>(() => RunFiles.ReadResults(ResultsPath));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void EveryEstimatorId_IsShort_AndHasItsOwnWords()
    {
        Assert.All(Statistics.EstimatorDescriptions, d => Assert.True(d.Key.Length <= 20 && !d.Key.Contains(' ', StringComparison.Ordinal), d.Key));
        Assert.Equal(Statistics.EstimatorDescriptions.Count, Statistics.EstimatorDescriptions.Values.Distinct().Count());
    }
}
