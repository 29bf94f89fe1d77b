using System.Text.RegularExpressions;
using Harness.Reporting;
using Harness.Running;

namespace Harness.Tests.Reporting;

/// <summary>
/// The published run results/2026-12-01_2c-amd-epyc, read with today's readers and rendered by today's report, shows
/// the same number in every headline cell as the report.md published with it (kept as a fixture: its table before the
/// results were converted from format 1 to typed identities). Labels and prose may change; numbers may not.
/// </summary>
public sealed class PublishedRunTests
{
    private static readonly string s_root = NewRunFolder.RepositoryRoot() ?? throw new InvalidOperationException("repository root not found");

    private static string Published => Path.Combine(s_root, "results", "2026-12-01_2c-amd-epyc");

    private static IReadOnlyList<string[]> Table(string markdown) => markdown
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Where(line => line.StartsWith("| ", StringComparison.Ordinal))
        .Select(line => line.Trim().Trim('|').Split(" | ").Select(cell => cell.Trim()).ToArray())
        .ToList();

    /// <summary>
    /// A published cell in today's compact form: "83.0 µs (81.2 µs – 84.8 µs) ⚠ bimodal" is "83.0 µs (81.2–84.8) ⚠", a
    /// negative interval "(-21.2 to -17.5)", "not run" is "–". The digits are the published ones, untouched.
    /// </summary>
    private static string Compact(string published)
    {
        if (published == "not run") return "–";
        Match estimate = Regex.Match(published, @"^(?<m>\S+) (?<u>\S+) \((?<l>\S+) \S+ – (?<h>\S+) \S+\)(?<b> ⚠ bimodal)?$");
        if (!estimate.Success) return published;
        string separator = estimate.Groups["l"].Value.StartsWith('-') ? " to " : "–";
        return $"{estimate.Groups["m"]} {estimate.Groups["u"]} ({estimate.Groups["l"]}{separator}{estimate.Groups["h"]})"
            + (estimate.Groups["b"].Success ? " ⚠" : "");
    }

    [Fact]
    public void TheRerenderedHeadline_HasTheSameNumberInEveryCell()
    {
        string fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Data", "published-2026-12-01-headline.md"));
        IReadOnlyList<ResultRow> rows = RunFolderReader.ReadResults("test", Published, "nothing");

        IReadOnlyList<string[]> rendered = Table(MarkdownReport.HeadlineTable(rows, ["thread", "task", "green"]));

        IReadOnlyList<string[]> published = Table(fixture);
        Assert.Equal(published.Count, rendered.Count);
        // Columns by name: the published table's Blandy columns moved to a table of their own, and thread/green is no
        // longer a headline ratio; every column both tables have must agree in every row.
        var shared = published[0].Skip(1).Where(rendered[0].Contains).ToList();
        Assert.Equal(["thread", "task", "green", "thread/task", "task/green"], shared);
        for (int row = 1; row < published.Count; row++)
            foreach (string column in shared)
            {
                string expected = Compact(published[row][Array.IndexOf(published[0], column)]);
                string actual = rendered[row][Array.IndexOf(rendered[0], column)];
                Assert.True(expected == actual, $"row {row} ({published[row][0]}), {column}: published '{expected}', rendered '{actual}'");
            }
    }

    [Fact]
    public void ThePublishedFolder_IsInTheCurrentFormat_AndItsSamplesReadBack()
    {
        Assert.Null(RunFolderReader.Format1(Published));
        IReadOnlyList<SampleRow> samples = RunFolderReader.ReadSamples("test", Published);
        Assert.Contains(samples, s => s is { Metric: "stall", Block: "sleep", HoldMicroseconds: 1_000, Offenders: 2, Quantity: "lateness" });
        Assert.Contains(samples, s => s is { Metric: "memory", Shape: "parked-touch", Quantity: "rss", Units: 10_801 });
    }
}
