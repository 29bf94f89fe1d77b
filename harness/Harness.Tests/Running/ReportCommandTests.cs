using Harness.Cli;
using Harness.Models;
using Harness.Reporting;
using Harness.Running;
using Harness.Scenarios;

namespace Harness.Tests.Running;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bench-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Report_IsRegeneratedFromTheFilesOnDisk()
    {
        var outcome = new ScenarioOutcome(
            new ScenarioSpec(MetricIds.Creation, ModelIds.Task, Shapes.SpawnJoin, false, Transport.SocketPair, 10, 1, 0, 3),
            [new Series("total", "ns", [300, 310, 320])], "0,1", 2);
        using (ResultsStore store = ResultsStore.Create(_dir)) store.Append(ResultRows.From(outcome), ResultRows.SamplesOf(outcome));

        int exit = ReportCommand.Run([_dir], TextWriter.Null);

        Assert.Equal(0, exit);
        string report = File.ReadAllText(Path.Combine(_dir, ResultsStore.ReportFile));
        Assert.Contains("| Creation: spawn + first run + join, per unit | 0.310 µs", report, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFolder_IsAUsageError() =>
        Assert.Contains("no such folder", Assert.Throws<UsageException>(() => ReportCommand.Run([Path.Combine(_dir, "nope")], TextWriter.Null)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("metric,model,variant\ncreation,task,total\n", "missing column")]
    [InlineData("metric,model,variant,median,ci_lower,ci_upper,unit,samples,min,max,modes,status,error,voluntary_switches_per_op,involuntary_switches_per_op,work_items_per_op,lock_contentions_per_op,affinity,processor_count\ncreation,task,total,fast,1,2,ns,3,1,2,1,ok,,0,0,0,0,0,2\n", "results.csv:2")]
    [InlineData("metric,model,variant,median,ci_lower,ci_upper,unit,samples,min,max,modes,status,error,voluntary_switches_per_op,involuntary_switches_per_op,work_items_per_op,lock_contentions_per_op,affinity,processor_count\ncreation,task,total,1,1,2,ns,3,1,2,1,ok,,0,0,0,0,0,2\ncreation,task,spawn,1,1,2,n", "results.csv:3")]
    public void BrokenCsv_NamesTheFileAndLine(string csv, string expected)
    {
        File.WriteAllText(Path.Combine(_dir, ResultsStore.ResultsFile), csv);

        var e = Assert.Throws<UsageException>(() => ReportCommand.Run([_dir], TextWriter.Null));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
