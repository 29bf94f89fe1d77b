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

    [Fact]
    public void TheRerenderedHeadline_HasTheSameNumberInEveryCell()
    {
        string fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Data", "published-2026-12-01-headline.md"));
        IReadOnlyList<ResultRow> rows = RunFolderReader.ReadResults("test", Published, "nothing");

        IReadOnlyList<string[]> rendered = Table(MarkdownReport.HeadlineTable(rows, ["thread", "task", "green"]));

        IReadOnlyList<string[]> published = Table(fixture);
        Assert.Equal(published.Count, rendered.Count);
        for (int row = 0; row < published.Count; row++)
        {
            Assert.Equal(published[row].Length, rendered[row].Length);
            // Column 0 is the label (prose); every other cell is a number, an interval, a ratio or a mark.
            for (int column = 1; column < published[row].Length; column++)
                Assert.True(published[row][column] == rendered[row][column],
                    $"row {row} ({published[row][0]}), column {column}: published '{published[row][column]}', rendered '{rendered[row][column]}'");
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
