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
}
