using System.Xml.Linq;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Tests.Fixtures;
using static Harness.Tests.Reporting.ReportRows;

namespace Harness.Tests.Reporting;

/// <summary>The page's sections with peers in the run: grouped columns, peer ratios, Blandy's verdicts; and the
/// percentile rows, drawn and tabled where a run has them.</summary>
public sealed class ReportSectionsTests
{
    private static readonly string[] s_models = ["thread", "task", "green", "rust-thread", "tokio", "async-std"];

    private static RenderedReport Render(IReadOnlyList<ResultRow> rows, params string[] models) =>
        MarkdownReport.Render(rows, null, new MarkdownReport.RunInfo("quick", true, models, [MetricIds.Creation]));

    private static IReadOnlyList<ResultRow> CreationOfEveryModel() =>
    [
        Creation("thread", 83_000, 81_000, 85_000), Creation("rust-thread", 20_000, 19_000, 21_000),
        Creation("task", 92, 60, 120), Creation("green", 106, 101, 111), Creation("tokio", 300, 290, 310),
        Creation("async-std", 500, 450, 550), Creation("async-std", 400, 380, 420, Quantities.Spawn),
        Creation("thread", 70_000, 68_000, 72_000, Quantities.Batched), Creation("rust-thread", 18_000, 17_500, 18_500, Quantities.Batched),
    ];

    [Fact]
    public void Peers_GoInTheirGroup_AndTheirRatiosAreShown()
    {
        string page = Render(CreationOfEveryModel(), s_models).Page;

        Text.ContainsAll(page,
            "### OS threads\n\n| operation | thread | rust-thread |\n",
            "### Async and green\n\n| operation | task | green | tokio | async-std |\n",
            "| operation | thread/task | task/green | green/tokio | task/tokio | thread/rust-thread |",
            "| Creation, throughput: spawn N, join all, per unit | 83.0 µs (81.0–85.0) | 20.0 µs (19.0–21.0) |",
            "| (0.868×) |"); // task/green overlap: the ratio is shown, in parentheses
    }

    [Fact]
    public void BlandysTable_PutsHisFiguresBesideHisModels_AndSaysWhetherHisRatioHolds()
    {
        string page = Render(CreationOfEveryModel(), s_models).Page;

        Text.ContainsAll(page,
            "| 17 µs | a thread's spawn + join, in batches (creation/spawn-join/batches-of-20 median) | `rust-thread` 18.0 µs (17.5–18.5) "
                + "| `thread` 70.0 µs (68.0–72.0) |",
            "- His creation ratio, 17 µs / 0.3 µs = 56.7× (`rust-thread` / `async-std`), holds here: 45.0×");
        Assert.Contains("this run has not the cells for any of them", Render(CreationOfEveryModel().Take(1).ToList(), "thread").Page,
            StringComparison.Ordinal);
    }

    [Fact]
    public void PercentileRows_AreTabledAndDrawnInTheirMetricsDetails()
    {
        var rows = new List<ResultRow>(CreationOfEveryModel());
        foreach ((string model, double scale) in new[] { ("thread", 1000.0), ("task", 1.0) })
            foreach ((string rank, double value) in new[] { ("p50", 1.0), ("p90", 2.0), ("p99", 5.0), ("p99.9", 9.0), ("max", 20.0) })
                rows.Add(Creation(model, value * scale * 100, double.NaN, double.NaN, Quantities.FirstRun) with { Statistic = rank });

        RenderedReport report = Render(rows, "thread", "task");

        string details = report.Files["details/creation.md"];
        Assert.Contains("## Percentiles", details, StringComparison.Ordinal);
        Assert.Contains("| model | p50 | p90 | p99 | p99.9 | max |", details, StringComparison.Ordinal);
        Assert.Contains("| thread | 100 µs | 200 µs | 500 µs | 900 µs | 2000 µs |", details, StringComparison.Ordinal);
        string chart = Assert.Single(report.Files, f => f.Key.StartsWith("charts/percentiles-", StringComparison.Ordinal)).Value;
        var texts = XDocument.Parse(chart).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.Contains("p99.9", texts);
        Assert.Contains("thread", texts);
        Assert.Contains("task", texts);
        Assert.DoesNotContain("## Percentiles", Render(CreationOfEveryModel(), "thread", "task").Files["details/creation.md"],
            StringComparison.Ordinal);
    }

    /// <summary>A full run has percentile rows for every stall variant (kinds x holds x offenders x the quantity and its
    /// baseline): every one keeps its table, but each shape gets one chart, of the cell the report reads.</summary>
    [Fact]
    public void PercentileCharts_AreOnePerShape_OfTheCellTheReportReads()
    {
        var rows = new List<ResultRow>(CreationOfEveryModel());
        foreach (string shape in new[] { Shapes.Stall, Shapes.StallDetect })
            foreach (string quantity in new[] { Quantities.LatenessBaseline, Quantities.Lateness })
                foreach (string block in new[] { "wait", "spin", "sleep" })
                    foreach (int hold in new[] { ScenarioPlan.LongHoldUs, ScenarioPlan.ShortHoldUs })
                        foreach (int offenders in new[] { 1, 2 })
                            foreach (string rank in Percentiles.Names)
                                rows.Add(StallP99("task", hold, 1000, double.NaN, double.NaN, shape) with
                                {
                                    Quantity = quantity, Block = block, Offenders = offenders, Statistic = rank,
                                });

        RenderedReport report = MarkdownReport.Render(rows, null, new MarkdownReport.RunInfo("full", true, ["task"], [MetricIds.Creation, MetricIds.Stall]));

        var charts = report.Files.Keys.Where(k => k.StartsWith("charts/percentiles-stall", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(["charts/percentiles-stall-detect-unpinned-sleep-100000us-x2-lateness.svg",
            "charts/percentiles-stall-unpinned-sleep-1000us-x2-lateness.svg"], charts);
        string details = report.Files["details/stall.md"];
        Assert.Equal(2 * 2 * 3 * 2 * 2, details.Split("| model | p50 |").Length - 1);
    }

    /// <summary>A spawn-alive point: one launch's time per unit at <paramref name="units"/> alive.</summary>
    private static ResultRow SpawnAlive(string model, int units, double nsPerUnit) =>
        Median(MetricIds.Memory, model, Shapes.Parked, Quantities.SpawnAlive, nsPerUnit, double.NaN, double.NaN) with
        {
            Statistic = Statistics.Point, Units = units,
        };

    private static RenderedReport RenderCreationAndMemory(IReadOnlyList<ResultRow> rows, params string[] models) =>
        MarkdownReport.Render(rows, null, new MarkdownReport.RunInfo("quick", true, models, [MetricIds.Creation, MetricIds.Memory]));

    [Fact]
    public void CreationWithNAlive_IsDrawnPerModelInTheCreationDetails_WithItsCaption()
    {
        var rows = new List<ResultRow>(CreationOfEveryModel());
        foreach (int n in new[] { 1_000, 2_000, 5_000, 10_000 })
        {
            // Three launches of the thread at each N give it intervals; the task has one launch, a point without a bar.
            foreach (double launch in new[] { 0.9, 1.0, 1.2 }) rows.Add(SpawnAlive("thread", n, 20_000 * launch));
            rows.Add(SpawnAlive("task", n, 150));
        }

        RenderedReport report = RenderCreationAndMemory(rows, "thread", "task", "green");

        string chart = report.Files[$"charts/{ReportCharts.CreationWithNAliveName}.svg"];
        XDocument doc = XDocument.Parse(chart);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        var texts = doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.Contains("thread", texts);
        Assert.Contains("task", texts);
        Assert.DoesNotContain("green", texts); // green has no readings: no legend entry
        Assert.Contains(texts, t => t.StartsWith("Creation with N alive", StringComparison.Ordinal));
        Assert.Contains("10k", texts); // the N axis is a log axis labelled in units
        string details = report.Files["details/creation.md"];
        Assert.Contains($"](../charts/{ReportCharts.CreationWithNAliveName}.svg)", details, StringComparison.Ordinal);
        Assert.Contains("not spawn-join", details, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportCharts.CreationWithNAliveName, report.Files["details/memory.md"], StringComparison.Ordinal);
        // No slope is fitted to a time per unit: the memory details table has no spawn-alive row.
        Assert.DoesNotContain(Quantities.SpawnAlive, report.Files["details/memory.md"], StringComparison.Ordinal);
    }

    [Fact]
    public void ARunWithoutSpawnAlive_RendersWithoutTheChart()
    {
        RenderedReport report = RenderCreationAndMemory(CreationOfEveryModel(), "thread", "task");

        Assert.DoesNotContain(report.Files.Keys, k => k.Contains(ReportCharts.CreationWithNAliveName, StringComparison.Ordinal));
        Assert.DoesNotContain(ReportCharts.CreationWithNAliveName, report.Files["details/creation.md"], StringComparison.Ordinal);
        Assert.Contains("## Headline", report.Page, StringComparison.Ordinal);
    }

    [Fact]
    public void CreationWithNAlive_GoesToTheMemoryDetails_WhenCreationDidNotRun()
    {
        ResultRow[] rows = [SpawnAlive("task", 1_000, 150), SpawnAlive("task", 10_000, 120)];

        RenderedReport report = MarkdownReport.Render(rows, null, new MarkdownReport.RunInfo("quick", true, ["task"], [MetricIds.Memory]));

        Assert.Contains($"charts/{ReportCharts.CreationWithNAliveName}.svg", report.Files.Keys);
        Assert.Contains(ReportCharts.CreationWithNAliveName, report.Files["details/memory.md"], StringComparison.Ordinal);
    }
}
