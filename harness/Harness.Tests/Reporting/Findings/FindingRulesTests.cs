using Harness.Reporting;
using Harness.Reporting.Findings;
using Harness.Scenarios;
using static Harness.Tests.Reporting.ReportRows;

namespace Harness.Tests.Reporting.Findings;

/// <summary>Each "What this run shows" rule says its sentence when the cells support it, and nothing when they do not:
/// a cell missing, intervals that overlap, a cell without an interval.</summary>
public sealed class FindingRulesTests
{
    private static readonly ComparisonRule s_creation = new(new(MetricIds.Creation, Shapes.SpawnJoin, Quantities.Total), "Creating a unit");

    [Fact]
    public void Comparison_SaysWhichCostsMore_WhenTheIntervalsSeparate()
    {
        Finding? finding = s_creation.Evaluate(Data([Creation("thread", 90_000, 85_000, 95_000), Creation("task", 100, 90, 110)], "thread", "task"));

        Assert.NotNull(finding);
        Assert.Equal("Creating a unit: `thread` costs 900× `task` (90.0 µs against 0.100 µs).", finding.Sentence);
        Assert.Equal(["creation/spawn-join/total median: thread, task"], finding.Cells);
    }

    [Fact]
    public void Comparison_PutsTheDearerFirst_AndSaysNothingForPairsWhoseIntervalsOverlap()
    {
        var rows = new[] { Creation("thread", 90_000, 85_000, 95_000), Creation("task", 100, 90, 110), Creation("green", 105, 95, 115) };

        Finding? finding = s_creation.Evaluate(Data(rows, "thread", "task", "green"));

        Assert.NotNull(finding);
        Assert.DoesNotContain("`green`", finding.Sentence, StringComparison.Ordinal); // task/green overlap: no claim
        Assert.Null(s_creation.Evaluate(Data([Creation("task", 100, 90, 110), Creation("green", 105, 95, 115)], "task", "green")));
        Assert.Contains("`green` costs 2.00× `task`",
            s_creation.Evaluate(Data([Creation("task", 100, 90, 110), Creation("green", 200, 190, 210)], "task", "green"))!.Sentence,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Comparison_SaysNothing_WithoutBothCellsOrWithoutIntervals()
    {
        Assert.Null(s_creation.Evaluate(Data([Creation("thread", 90_000, 85_000, 95_000)], "thread", "task")));
        Assert.Null(s_creation.Evaluate(Data([Creation("thread", 90_000, double.NaN, double.NaN), Creation("task", 100, 90, 110)],
            "thread", "task")));
        Assert.Null(s_creation.Evaluate(Data([Creation("thread", 90_000, 85_000, 95_000) with { Status = ResultRow.StatusFailed },
            Creation("task", 100, 90, 110)], "thread", "task")));
    }

    [Fact]
    public void ParkedMemory_GivesTheThreadsKernelSide_AndNeedsTwoModels()
    {
        var rule = new ParkedMemoryRule();
        var rows = new[]
        {
            Slope("thread", Quantities.Rss, 18_600, 18_500, 18_700), Slope("thread", Quantities.Kernel, 27_000, 26_800, 27_200),
            Slope("task", Quantities.Rss, 257, 244, 269), Slope("task", Quantities.Kernel, 0.5, 0.4, 0.6),
        };

        Finding? finding = rule.Evaluate(Data(rows, "thread", "task"));

        Assert.NotNull(finding);
        Assert.Equal("Parked, a `thread` unit 18.2 KiB resident plus 26.4 KiB in the kernel; a `task` unit 257 B resident.",
            finding.Sentence);
        Assert.Null(rule.Evaluate(Data(rows[..2], "thread", "task")));
    }

    [Fact]
    public void BlockingStall_NamesTheDelayedAndTheUndisturbed_ByTheirIntervals()
    {
        var rule = new BlockingStallRule(1_000);
        var rows = new[] { StallP99("thread", 1_000, -19_000, -21_000, -17_000), StallP99("task", 1_000, 900_000, 877_000, 925_000) };

        Finding? finding = rule.Evaluate(Data(rows, "thread", "task"));

        Assert.NotNull(finding);
        Assert.Equal("One offender per worker sleeping 1 ms at a time adds p99 wake-up latency of 900 µs to `task`; "
            + "this run cannot tell a delay from none for `thread` (-19.0 µs, its interval reaching zero).", finding.Sentence);
        // An interval that reaches zero is "not delayed", never "adds".
        Finding? reachesZero = rule.Evaluate(Data([StallP99("green", 1_000, 5_000, -1_000, 11_000)], "green"));
        Assert.DoesNotContain("adds", reachesZero!.Sentence, StringComparison.Ordinal);
        Assert.Null(rule.Evaluate(Data([StallP99("task", 100_000, 9e7, 8e7, 1e8)], "task"))); // another hold
        Assert.Null(rule.Evaluate(Data([StallP99("task", 1_000, 900_000, double.NaN, double.NaN)], "task")));
    }

    [Fact]
    public void Remedy_IsSaidOnlyWhenItIsLowerWithSeparateIntervals()
    {
        var rule = new RemedyRule(Shapes.StallOffload, 1_000, "Offloading");
        ResultRow plain = StallP99("green", 1_000, 997_000, 990_000, 1_010_000);

        Assert.Equal("Offloading cuts `green`'s p99 added latency from 997 µs to 11.0 µs (one offender per worker sleeping 1 ms).",
            rule.Evaluate(Data([plain, StallP99("green", 1_000, 11_000, 6_000, 21_000, Shapes.StallOffload)], "green"))?.Sentence);
        Assert.Null(rule.Evaluate(Data([plain, StallP99("green", 1_000, 985_000, 900_000, 1_000_000, Shapes.StallOffload)], "green")));
        Assert.Null(rule.Evaluate(Data([plain, StallP99("green", 1_000, 2_000_000, 1_900_000, 2_100_000, Shapes.StallOffload)], "green")));
        Assert.Null(rule.Evaluate(Data([plain], "green")));
    }

    [Fact]
    public void GreenTargets_CountsMetAndMissed_AndNeedsGreenAndTask()
    {
        var rule = new GreenTargetsRule();
        var rows = new[] { Creation("task", 100, 90, 110), Creation("green", 40, 35, 45) };

        Assert.StartsWith("`green` meets 1 of its 1 targets", rule.Evaluate(Data(rows, "task", "green"))?.Sentence, StringComparison.Ordinal);
        Assert.Contains("it misses spawn + run + join of trivial units (1.20×)",
            rule.Evaluate(Data([rows[0], Creation("green", 120, 110, 130)], "task", "green"))?.Sentence, StringComparison.Ordinal);
        Assert.Null(rule.Evaluate(Data(rows[..1], "task", "green")));
    }

    [Fact]
    public void BlandyRatio_HoldsWithinTwofold_AndUsesOnlyHisModels()
    {
        BlandyRatioRule rule = BlandyRatioRule.All.Single(r => r.What == "creation");
        ResultRow Spawn(string model, double value) => Creation(model, value, value * 0.9, value * 1.1, Quantities.Spawn);

        ResultRow thread = Creation("rust-thread", 20_000, 19_000, 21_000, Quantities.Batched);
        string? holds = rule.Evaluate(Data([thread, Spawn("async-std", 400)], "rust-thread", "async-std"))?.Sentence;
        string? fails = rule.Evaluate(Data([thread, Spawn("async-std", 2_000)], "rust-thread", "async-std"))?.Sentence;

        const string His = "His creation ratio, 17 µs / 0.3 µs = 56.7× (`rust-thread` / `async-std`), ";
        Assert.Equal(His + "holds here: 50.0× (within 2.00× of his).", holds);
        Assert.Equal(His + "does not hold here: 10.0×, 5.67× below his.", fails);
        // .NET's thread and task measure the same things, but they are not his models: no verdict from them.
        Assert.Null(rule.Evaluate(Data([Creation("thread", 83_000, 81_000, 85_000, Quantities.Batched), Spawn("task", 30)], "thread", "task")));
        // His 17 µs is thread spawn + join in batches of 20: spawn-N-then-join-all (total) is not what he measured.
        Assert.Null(rule.Evaluate(Data([Creation("rust-thread", 20_000, 19_000, 21_000), Spawn("async-std", 400)], "rust-thread", "async-std")));
    }

    [Fact]
    public void EveryRule_SaysNothingAboutAnEmptyRun() =>
        Assert.All(FindingRules.All.Concat(BlandyRatioRule.All), rule => Assert.Null(rule.Evaluate(Data([], "thread", "task", "green"))));
}
