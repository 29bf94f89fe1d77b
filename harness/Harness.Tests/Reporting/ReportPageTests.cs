using System.Text.RegularExpressions;
using System.Xml.Linq;
using Harness.Reporting;
using Harness.Running;
using Harness.Storage;
using Harness.Tests.Fixtures;
using Harness.Tests.Storage;

namespace Harness.Tests.Reporting;

/// <summary>
/// The published run results/2026-12-01_2c-amd-epyc rendered as today's report into a copy of its folder: one page
/// under 20 KB, every link on the page and in its details to a file that exists, every chart valid SVG with a legend
/// naming its series, and only the models that ran.
/// </summary>
public sealed partial class ReportPageTests : TempFolder
{
    private static readonly string s_published =
        Path.Combine(NewRunFolder.RepositoryRoot() ?? throw new InvalidOperationException("repository root not found"),
            "results", "2026-12-01_2c-amd-epyc");

    /// <summary>The published folder's result files copied, and the report rendered there; report.md's text.</summary>
    private string Render()
    {
        foreach (string file in new[] { RunFiles.ResultsFile, RunFiles.EnvironmentFile, RunFiles.ManifestFile })
            File.Copy(Path.Combine(s_published, file), Path.Combine(Folder, file));
        RunReport.Write("test", Folder, TextWriter.Null);
        return File.ReadAllText(Path.Combine(Folder, RunFiles.ReportFile));
    }

    [Fact]
    public void WithTheSamples_EveryRatioIntervalOfThePage_IsInTheDetailsToo()
    {
        File.Copy(Path.Combine(s_published, RunFiles.SeriesFile), Path.Combine(Folder, RunFiles.SeriesFile));
        string page = Render();
        string details = File.ReadAllText(Path.Combine(Folder, "details", "headline.md"));

        // A ratio and its paired-launch interval, e.g. "0.586× [0.537×–0.631×]"; the page puts an overlapping one in parentheses.
        var intervals = RatioWithInterval().Matches(page).Select(m => m.Value).ToList();
        Assert.NotEmpty(intervals);
        Assert.All(intervals, ratio => Assert.Contains(ratio, details, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"[0-9.]+× \[[0-9.n/a]+×?–[0-9.]+×\]")]
    private static partial Regex RatioWithInterval();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [Fact]
    public void ThePublishedRun_IsOnePageUnder20KB()
    {
        Render();
        Assert.InRange(new FileInfo(Path.Combine(Folder, RunFiles.ReportFile)).Length, 1, 20 * 1024);
    }

    [Theory]
    [InlineData("2026-12-01_2c-amd-epyc")]
    [InlineData("2026-12-02_2c-amd-epyc")]
    public void APublishedRun_WithItsSamplesAndARecordedRerun_IsStillOnePageUnder20KB(string name)
    {
        string published = Path.Combine(Path.GetDirectoryName(s_published)!, name);
        foreach (string file in new[] { RunFiles.ResultsFile, RunFiles.EnvironmentFile, RunFiles.ManifestFile, RunFiles.SeriesFile })
            File.Copy(Path.Combine(published, file), Path.Combine(Folder, file));
        RunFiles.WriteRerun(Folder, ReproductionSectionTests.Sample);

        RunReport.Write("test", Folder, TextWriter.Null);

        Assert.Contains(ReproductionSection.Title, File.ReadAllText(Path.Combine(Folder, RunFiles.ReportFile)), StringComparison.Ordinal);
        Assert.InRange(new FileInfo(Path.Combine(Folder, RunFiles.ReportFile)).Length, 1, 20 * 1024);
    }

    [Fact]
    public void EveryLink_OnThePageAndItsDetails_PointsToAFileThatExists()
    {
        Render();
        var pages = new[] { Path.Combine(Folder, RunFiles.ReportFile) }
            .Concat(Directory.EnumerateFiles(Path.Combine(Folder, DetailPages.Folder), "*.md")).ToList();
        int links = 0;
        foreach (string page in pages)
            foreach (Match link in Link().Matches(File.ReadAllText(page)))
            {
                string target = link.Groups["target"].Value.Split('#')[0];
                if (target.Length == 0 || target.StartsWith("http", StringComparison.Ordinal)) continue;
                links++;
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(page)!, target)),
                    $"{Path.GetFileName(page)} links {target}, which does not exist");
            }
        Assert.True(links >= 10, $"only {links} links found");
        // And the page shows every chart it wrote for it.
        string report = File.ReadAllText(Path.Combine(Folder, RunFiles.ReportFile));
        foreach (string chart in new[] { "creation", "switch", "memory-parked", "stall-sleep", "ratios" })
            Assert.Contains($"](charts/{chart}.svg)", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("creation", new[] { "thread", "task", "green" })]
    [InlineData("switch", new[] { "thread", "task", "green" })]
    [InlineData("memory-parked", new[] { "thread", "task", "green" })]
    [InlineData("stall-sleep", new[] { "thread", "task", "green", "green offload", "green detect" })]
    [InlineData("stall-spin", new[] { "thread", "task", "green", "green offload", "green detect" })]
    [InlineData("ratios", new[] { "creation: thread/task", "1× (equal cost)" })]
    public void EveryChart_IsValidSvg_WithALegendOfItsSeries(string chart, string[] series)
    {
        Render();
        XDocument svg = XDocument.Parse(File.ReadAllText(Path.Combine(Folder, ChartFile.Folder, chart + ".svg")));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        foreach (string name in series)
            Assert.Contains(texts, text => text.StartsWith(name, StringComparison.Ordinal));
        Assert.DoesNotContain(texts, text => text.Contains("tokio", StringComparison.Ordinal)); // a model that did not run
    }

    [Fact]
    public void ThePage_ShowsOnlyTheModelsThatRan_AndSaysGreenUnitsAreStackless()
    {
        string report = Render();

        Text.ContainsAll(report, "| operation | thread |\n", "| operation | task | green |\n", "**stackless** async state machines");
        Assert.DoesNotContain("| tokio", report, StringComparison.Ordinal);
    }

    [Fact]
    public void ARenderingRemovesTheChartsAndDetailsAnEarlierOneLeft()
    {
        Directory.CreateDirectory(Path.Combine(Folder, ChartFile.Folder));
        File.WriteAllText(Path.Combine(Folder, ChartFile.Folder, "gone.svg"), "<svg/>");
        File.WriteAllText(Path.Combine(Folder, ChartFile.Folder, "notes.txt"), "kept: not a chart");

        Render();

        Assert.False(File.Exists(Path.Combine(Folder, ChartFile.Folder, "gone.svg")));
        Assert.True(File.Exists(Path.Combine(Folder, ChartFile.Folder, "notes.txt")));
    }
}
