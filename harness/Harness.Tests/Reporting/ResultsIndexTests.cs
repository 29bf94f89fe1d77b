using System.Text.RegularExpressions;
using Harness.Measurement;
using Harness.Models;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Reporting;

/// <summary>results/README.md: the newest run of each machine class side by side, a history chart per machine class and
/// headline quantity that exists for every link, and every run listed.</summary>
public sealed partial class ResultsIndexTests
{
    /// <summary>A run whose pinned ping-pong switch (a tracked headline quantity) centres on <paramref name="switchNs"/>.</summary>
    private static ResultsIndex.PublishedRun Run(string name, string machine, int day, double switchNs, string model = ModelIds.Task)
    {
        var outcome = new ScenarioOutcome(Specs.PingPong(model, pinned: true, samples: 12),
            [new Series(Quantities.Switch, "ns", Enumerable.Range(0, 12).Select(i => switchNs * (0.99 + (0.002 * i))).ToList())], "0", 1);
        return new ResultsIndex.PublishedRun(name, machine, new DateTimeOffset(2026, 12, day, 3, 17, 0, TimeSpan.Zero), "full",
            OutcomeRows.From(outcome));
    }

    [GeneratedRegex(@"\]\((charts/[^)]+\.svg)\)")]
    private static partial Regex ChartLink();

    [Fact]
    public void Machines_AreSideBySide_EachWithItsNewestRun()
    {
        ResultsIndex.Index index = ResultsIndex.Build(
        [
            Run("2026-12-01_2c-amd", "2c-amd", 1, 90),
            Run("2026-12-08_2c-amd", "2c-amd", 8, 120),
            Run("2026-12-02_4c-arm", "4c-arm", 2, 300),
        ]);

        string machines = Section(index.Markdown, "## Machines side by side");
        Assert.Contains("| quantity | model | [2c-amd](2026-12-08_2c-amd/report.md) (full, 2026-12-08) | [4c-arm](2026-12-02_4c-arm/report.md) (full, 2026-12-02) |",
            machines, StringComparison.Ordinal);
        string row = Assert.Single(machines.Split('\n'), line => line.StartsWith("| ping-pong on 1 CPU", StringComparison.Ordinal));
        string[] cells = row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal("task", cells[1]);
        Assert.StartsWith("0.12", cells[2], StringComparison.Ordinal); // the newest 2c-amd run, not the one of 2026-12-01
        Assert.StartsWith("0.30", cells[3], StringComparison.Ordinal);
    }

    [Fact]
    public void History_IsAChartPerMachineClass_AndEveryLinkedChartIsBuilt()
    {
        ResultsIndex.Index index = ResultsIndex.Build(
        [
            Run("2026-12-01_2c-amd", "2c-amd", 1, 90),
            Run("2026-12-08_2c-amd", "2c-amd", 8, 120),
            Run("2026-12-02_4c-arm", "4c-arm", 2, 300, ModelIds.Green),
        ]);

        var links = ChartLink().Matches(index.Markdown).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["charts/history-2c-amd-switch-pingpong-switch-pinned.svg", "charts/history-4c-arm-switch-pingpong-switch-pinned.svg"], links);
        Assert.Equal(links.Order(StringComparer.Ordinal), index.Charts.Keys);
        Assert.Contains("task", Texts(index.Charts[links[0]]));
        Assert.DoesNotContain("green", Texts(index.Charts[links[0]]));
        Assert.Contains("green", Texts(index.Charts[links[1]]));
        Assert.DoesNotContain("```mermaid", index.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_AreListedNewestFirst_WithMachineAndSize()
    {
        ResultsIndex.Index index = ResultsIndex.Build([Run("2026-12-01_2c-amd", "2c-amd", 1, 90), Run("2026-12-08_2c-amd", "2c-amd", 8, 120)]);

        string runs = Section(index.Markdown, "## Runs");
        Assert.True(runs.IndexOf("| 2026-12-08_2c-amd | 2c-amd | full |", StringComparison.Ordinal)
            < runs.IndexOf("| 2026-12-01_2c-amd | 2c-amd | full |", StringComparison.Ordinal), runs);
    }

    [Fact]
    public void NoRuns_SaysSo_AndHasNoCharts()
    {
        ResultsIndex.Index index = ResultsIndex.Build([]);

        Assert.Contains("No run has been published yet.", index.Markdown, StringComparison.Ordinal);
        Assert.Empty(index.Charts);
    }

    private static IReadOnlyList<string> Texts(string svg) => System.Xml.Linq.XDocument.Parse(svg).Descendants()
        .Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();

    private static string Section(string markdown, string heading)
    {
        int start = markdown.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{heading}' in:\n{markdown}");
        int end = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }
}
