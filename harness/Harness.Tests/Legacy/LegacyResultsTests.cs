using Harness.Legacy;
using Harness.Reporting;
using Harness.Running;
using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Legacy;

/// <summary>Format-1 result files (identity in one variant string) are converted as they are read, field by field.</summary>
public sealed class LegacyResultsTests : TempFolder
{
    [Theory]
    [InlineData("creation", "total-pool-threads", "spawn-join", "", "unpinned", "pool-threads", "median", "", 0, 0)]
    [InlineData("switch", "brigade-pipe-pinned-raw", "brigade-pipe", "pipe", "pinned", "raw", "median", "", 0, 0)]
    [InlineData("switch", "brigade-unpinned", "brigade", "socketpair", "unpinned", "net", "median", "", 0, 0)]
    [InlineData("switch", "pingpong-pinned", "pingpong", "", "pinned", "switch", "median", "", 0, 0)]
    [InlineData("memory", "rss-small-stack", "parked-small-stack", "", "unpinned", "rss", "slope", "", 0, 0)]
    [InlineData("stall", "sleep-1ms-xW-offload-p99-added", "stall-offload", "", "unpinned", "lateness", "p99-added", "sleep", 1_000, 4)]
    [InlineData("stall", "spin-100us-x2W-lateness-baseline", "stall", "", "unpinned", "lateness-baseline", "median", "spin", 100, 8)]
    [InlineData("stall", "wait-10ms-x1-detect-pool-growth", "stall-detect", "", "unpinned", "pool-growth", "reading", "wait", 10_000, 1)]
    public void EveryVariantShape_BecomesFields(string metric, string variant, string shape, string transport, string pinning,
        string quantity, string statistic, string block, int hold, int offenders)
    {
        (ResultIdentity identity, string parsedStatistic) = LegacyResults.IdentityOf(metric, "task", variant, workers: 4);

        Assert.Equal((shape, transport, pinning, quantity, block, hold, offenders),
            (identity.Shape, identity.Transport, identity.Pinning, identity.Quantity, identity.Block, identity.HoldMicroseconds, identity.Offenders));
        Assert.Equal(statistic, parsedStatistic);
    }

    [Fact]
    public void AFormat1Folder_IsReadAsFormat2_WithMemoryPointsFromItsSamples()
    {
        File.WriteAllText(Path.Combine(Folder, RunFiles.ResultsFile), """
            metric,model,variant,median,ci_lower,ci_upper,unit,samples,min,max,modes,status,error,voluntary_switches_per_op,involuntary_switches_per_op,work_items_per_op,lock_contentions_per_op,affinity,processor_count
            switch,task,pingpong-pinned,85,84,86,ns,3,80,90,1,ok,,NaN,NaN,NaN,NaN,0,1
            memory,task,rss,250,240,260,B,2,NaN,NaN,1,ok,slope over N = 1000; 2000,NaN,NaN,NaN,NaN,"0,1",2
            creation,green,total,NaN,NaN,NaN,,0,NaN,NaN,0,failed,crashed,NaN,NaN,NaN,NaN,,0
            """.Replace("            ", "", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(Folder, RunFiles.SamplesFile), """
            metric,model,variant,index,value,unit,units
            switch,task,pingpong-pinned,0,85,ns,0
            memory,task,rss,0,250000,B,1000
            memory,task,rss,0,500000,B,2000
            """.Replace("            ", "", StringComparison.Ordinal));

        IReadOnlyList<ResultRow> rows = RunFolderReader.ReadResults("test", Folder, "nothing");

        Assert.Equal(85, rows.Single(r => r is { Shape: "pingpong", Pinning: "pinned", Quantity: "switch" }).Value);
        Assert.Equal([1000, 2000], rows.Where(r => r.Statistic == Statistics.Point).Select(r => r.Units));
        Assert.Equal(250, MemorySlopes.Derive(rows).Single(r => r.Statistic == Statistics.Slope).Value, 6);
        ResultRow failed = rows.Single(r => !r.Succeeded);
        Assert.Equal(("spawn-join", "crashed", ""), (failed.Shape, failed.Error, failed.Note));
        Assert.Contains("results format 1", Assert.Throws<InvalidDataException>(
            () => RunFiles.ReadResults(Path.Combine(Folder, RunFiles.ResultsFile))).Message, StringComparison.Ordinal);
    }
}
