using Harness.Storage;
using Harness.Tests.Fixtures;
using Harness.Running;
using Harness.Scenarios;

namespace Harness.Tests.Running;

public sealed class ReportCommandTests : TempFolder
{
    /// <summary>results.csv and samples.csv of one task creation scenario (three samples around 310 ns), nothing else.</summary>
    private void WriteCreationRun() =>
        RunFolders.WriteRowsOnly(Folder, new ScenarioOutcome(Specs.Creation(), [new Series("total", "ns", [300, 310, 320])], "0,1", 2));

    [Fact]
    public void Report_IsRegeneratedFromTheFilesOnDisk()
    {
        WriteCreationRun();

        int exit = ReportCommand.Run(new ReportOptions(Folder), TextWriter.Null);

        Assert.Equal(0, exit);
        string report = File.ReadAllText(Path.Combine(Folder, RunFiles.ReportFile));
        Assert.Contains("| Creation, throughput: spawn N, join all, per unit | 0.310 µs", report, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFolder_IsAUsageError() =>
        Assert.Contains("no such folder", Assert.Throws<UsageException>(() => ReportCommand.Run(new ReportOptions(Path.Combine(Folder, "nope")), TextWriter.Null)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("metric,model,variant\ncreation,task,total\n", "results.csv:1: missing column")]
    [InlineData("", "results.csv:1: the file is empty (not even a header line)")]
    [InlineData("metric,model,shape,transport,pinning,quantity,block,hold_us,offenders,units,statistic,estimator,value,ci_lower,ci_upper,unit,samples,min,max,modes,status,note,error,voluntary_switches_per_op,involuntary_switches_per_op,work_items_per_op,lock_contentions_per_op,affinity,processor_count\n", "results.csv has no rows: nothing to report (report.md left as it was)")]
    [InlineData("metric,model,shape,transport,pinning,quantity,block,hold_us,offenders,units,statistic,estimator,value,ci_lower,ci_upper,unit,samples,min,max,modes,status,note,error,voluntary_switches_per_op,involuntary_switches_per_op,work_items_per_op,lock_contentions_per_op,affinity,processor_count\ncreation,task,spawn-join,,unpinned,total,,0,0,0,median,,fast,1,2,ns,3,1,2,1,ok,,,0,0,0,0,0,2\n", "results.csv:2")]
    [InlineData("metric,model,shape,transport,pinning,quantity,block,hold_us,offenders,units,statistic,estimator,value,ci_lower,ci_upper,unit,samples,min,max,modes,status,note,error,voluntary_switches_per_op,involuntary_switches_per_op,work_items_per_op,lock_contentions_per_op,affinity,processor_count\ncreation,task,spawn-join,,unpinned,total,,0,0,0,median,,1,1,2,ns,3,1,2,1,ok,,,0,0,0,0,0,2\ncreation,task,spawn-join,,unpinned,spawn,,0,0,0,median,,1,1,2,n", "results.csv:3")]
    [InlineData("metric,model,shape,transport,pinning,quantity,block,hold_us,offenders,units,statistic,estimator,value,ci_lower,ci_upper,unit,samples,min,max,modes,status,note,error,voluntary_switches_per_op,involuntary_switches_per_op,work_items_per_op,lock_contentions_per_op,affinity,processor_count\ncreation,task,spawn-join,,unpinned,total,,0,0,0,median,,1,1,2,ns,3,1,2,1,ok,,,0,0,0,0,0,2\ncreation,fiber,spawn-join,,unpinned,total,,0,0,0,median,,1,1,2,ns,3,1,2,1,ok,,,0,0,0,0,0,2\n", "results.csv:3: unknown model 'fiber'; valid models: thread, task, green")]
    [InlineData("metric,model,shape,transport,pinning,quantity,block,hold_us,offenders,units,statistic,estimator,value,ci_lower,ci_upper,unit,samples,min,max,modes,status,note,error,voluntary_switches_per_op,involuntary_switches_per_op,work_items_per_op,lock_contentions_per_op,affinity,processor_count\nspeed,task,spawn-join,,unpinned,total,,0,0,0,median,,1,1,2,ns,3,1,2,1,ok,,,0,0,0,0,0,2\n", "results.csv:2: unknown metric 'speed'")]
    [InlineData("metric,model,shape,transport,pinning,quantity,block,hold_us,offenders,units,statistic,estimator,value,ci_lower,ci_upper,unit,samples,min,max,modes,status,note,error,voluntary_switches_per_op,involuntary_switches_per_op,work_items_per_op,lock_contentions_per_op,affinity,processor_count\ncreation,task,spawn-join,,unpinned,total,,0,0,0,median,,1,1,2,ns,-3,1,2,1,ok,,,0,0,0,0,0,2\n", "results.csv:2: samples is -3, below zero")]
    [InlineData("metric,model,shape,transport,pinning,quantity,block,hold_us,offenders,units,statistic,estimator,value,ci_lower,ci_upper,unit,samples,min,max,modes,status,note,error,voluntary_switches_per_op,involuntary_switches_per_op,work_items_per_op,lock_contentions_per_op,affinity,processor_count\ncreation,task,spawn-join,,unpinned,total,,0,0,0,median,,1,1,2,ns,3,1,2,1,fine,,,0,0,0,0,0,2\n", "results.csv:2: status 'fine' is neither ok nor failed")]
    public void BrokenCsv_NamesTheFileAndLine(string csv, string expected)
    {
        File.WriteAllText(Path.Combine(Folder, RunFiles.ResultsFile), csv);
        File.WriteAllText(Path.Combine(Folder, RunFiles.ReportFile), "the earlier report");

        var e = Assert.Throws<UsageException>(() => ReportCommand.Run(new ReportOptions(Folder), TextWriter.Null));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal("the earlier report", File.ReadAllText(Path.Combine(Folder, RunFiles.ReportFile)));
    }

    [Fact]
    public void AFileInsteadOfAFolder_IsNamedAsSuch()
    {
        string file = Path.Combine(Folder, "a-file");
        File.WriteAllText(file, "");

        Assert.Equal($"report: '{file}' is a file; give the folder of a run",
            Assert.Throws<UsageException>(() => ReportCommand.Run(new ReportOptions(file), TextWriter.Null)).Message);
    }

    [Fact]
    public void MissingRunAndEnvironmentFiles_AreReportedAsWarnings()
    {
        WriteCreationRun();
        var console = new StringWriter();

        Assert.Equal(0, ReportCommand.Run(new ReportOptions(Folder), console));

        Assert.Contains("warning: no run.json in", console.ToString(), StringComparison.Ordinal);
        Assert.Contains("warning: no env.json in", console.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"git_commit\": 12\n}", "env.json:2: not a valid EnvironmentInfo (at $.git_commit): ")]
    [InlineData("{ nope", "env.json:1: not a valid EnvironmentInfo")]
    public void BrokenJson_NamesTheFileAndLine_InItsOwnTerms(string json, string expected)
    {
        WriteCreationRun();
        File.WriteAllText(Path.Combine(Folder, RunFiles.EnvironmentFile), json);

        string message = Assert.Throws<UsageException>(() => ReportCommand.Run(new ReportOptions(Folder), TextWriter.Null)).Message;

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OnABrokenEnvJson_IsOneLineNamingTheFile()
    {
        string dir = RunFolders.PingPongRun(Path.Combine(Folder, "broken-env"), 1000);
        File.WriteAllText(Path.Combine(dir, RunFiles.EnvironmentFile), "{ \"cpu_model\": 3");

        var e = Assert.Throws<UsageException>(() => ReportCommand.Run(new ReportOptions(dir), TextWriter.Null));

        Assert.Contains(RunFiles.EnvironmentFile, e.Message, StringComparison.Ordinal);
    }
}
