using Harness.Reporting;
using Harness.Scenarios;
using Harness.Tests.Fixtures;
using static Harness.Tests.Reporting.ReportRows;

namespace Harness.Tests.Reporting;

/// <summary>The report's "How well this run reproduces": the numbers of a recorded rerun in sentences, and nothing
/// without one.</summary>
public sealed class ReproductionSectionTests
{
    /// <summary>The lost session's rerun of the published full run, as a record (a fixture: no published run holds it).</summary>
    internal static readonly RerunRecord Sample = new()
    {
        Run = "2026-12-03_2c-amd-epyc",
        Commit = "c891961b0c79d5371d754a18544b89b4c1e2cdaa",
        Size = "full",
        Date = new DateTimeOffset(2026, 12, 3, 5, 10, 0, TimeSpan.Zero),
        Machine = "AMD EPYC, 2 logical cores (virtual machine), vm-2",
        ThresholdPercent = 10,
        Same = 455,
        Faster = 20,
        Slower = 8,
        Judged = 483,
        Inside = 199,
        Covered = 357,
        Metrics =
        [
            new(MetricIds.Creation, 40, 0.909, 0.72, 1.05),
            new(MetricIds.Switch, 120, 0.992, 0.79, 1.16),
            new(MetricIds.Stall, 132, 1.000, 0.85, 1.13),
        ],
        All = new(RerunRecord.AllMetrics, 160, 0.98, 0.78, 1.12),
    };

    private static string Page(RerunRecord? rerun) => MarkdownReport.Build(
        [Creation("thread", 83_000, 81_000, 85_000), Creation("task", 92, 60, 120)], null,
        new MarkdownReport.RunInfo("full", true, ["thread", "task"], [MetricIds.Creation]), rerun: rerun);

    [Fact]
    public void ARecordedRerun_IsToldWithItsNumbers()
    {
        string page = Page(Sample);

        Text.ContainsAll(page,
            ReproductionSection.Title,
            "A second full run of this commit (c891961), started 2026-12-03 05:10 UTC on AMD EPYC, 2 logical cores (virtual machine), vm-2, "
                + "compared at a 10% threshold: 455 of 483 cells the same (94.2%), 20 faster, 8 slower.",
            "This run's 95% intervals held its median for 199 of 357 timed cells (55.7%).",
            "creation 0.909 (0.72–1.05, 40 cells); switch 0.992 (0.79–1.16, 120 cells); stall 1.000 (0.85–1.13, 132 cells).",
            "The rerun moved eight in ten medians by up to 22% (0.78–1.12)",
            "an interval here is the spread between launches in one run on one machine");
    }

    [Fact]
    public void WithoutARecordedRerun_ThereIsNoSection()
    {
        Assert.DoesNotContain("How well this run reproduces", Page(null), StringComparison.Ordinal);
    }

    [Fact]
    public void CellsNeitherSameFasterNorSlower_AreCounted()
    {
        Assert.Contains("455 of 490 cells the same (92.9%), 20 faster, 8 slower, 7 undecided, failed or skipped.",
            Page(Sample with { Judged = 490 }), StringComparison.Ordinal);
    }

    [Fact]
    public void Quantile_IsLinearBetweenNeighbours()
    {
        double[] sorted = [0.8, 0.9, 1.0, 1.1, 1.2];

        Assert.Equal(1.0, RerunRecord.Quantile(sorted, 0.5), 12);
        Assert.Equal(0.84, RerunRecord.Quantile(sorted, 0.1), 12);
        Assert.Equal(1.16, RerunRecord.Quantile(sorted, 0.9), 12);
    }

    [Fact]
    public void Shifts_AreGroupedByMetric_InMetricOrder_LeavingOutRatiosThatAreNotPositive()
    {
        (string, double)[] ratios = [(MetricIds.Switch, 1.1), (MetricIds.Creation, 0.9), (MetricIds.Creation, -2), (MetricIds.Switch, 0.9), (MetricIds.Stall, double.NaN)];

        IReadOnlyList<RerunRecord.MetricShift> shifts = RerunRecord.ShiftsOf(ratios, MetricIds.All);

        Assert.Equal([MetricIds.Creation, MetricIds.Switch], shifts.Select(s => s.Metric));
        Assert.Equal(1, shifts[0].Cells);
        Assert.Equal(1.0, shifts[1].Median, 12);
        Assert.Equal(3, RerunRecord.ShiftOfAll(ratios)!.Cells);
    }
}
