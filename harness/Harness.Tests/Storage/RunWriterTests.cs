using Harness.Storage;
using Harness.Tests.Fixtures;
using Harness.Measurement;
using Harness.Models;
using Harness.Reporting;
using Harness.Scenarios;

namespace Harness.Tests.Storage;

public sealed class RunWriterTests : TempFolder
{
    private static ScenarioOutcome Measured(string model, double scale) => new(
        Specs.PingPong(model),
        [new Series(Quantities.Switch, "ns", [1000 * scale, 1100 * scale, 1200 * scale], new CountersPerOp(1, 0.5, 0, 0))],
        "0,1",
        2);

    [Fact]
    public void Rows_AreAppendedAsTheyComeAndReadBack()
    {
        var failed = ScenarioOutcome.Failed(
            Specs.Brigade(pinned: true),
            "timed out after 5 s (killed)", "line one\nline, \"two\"");
        using (RunWriter store = RunWriter.Create(Folder))
        {
            store.Append(OutcomeRows.From(Measured(ModelIds.Task, 1)), OutcomeRows.SamplesOf(Measured(ModelIds.Task, 1)));
            // Already on disk before the store is closed: an interrupted run keeps it.
            Assert.Single(RunFiles.ReadResults(Path.Combine(Folder, RunFiles.ResultsFile)));
            store.Append(OutcomeRows.From(failed), []);
        }

        IReadOnlyList<ResultRow> rows = RunFiles.ReadResults(Path.Combine(Folder, RunFiles.ResultsFile));
        IReadOnlyList<SampleRow> samples = RunFiles.ReadSamples(Path.Combine(Folder, RunFiles.SamplesFile));

        Assert.Equal(2, rows.Count);
        Assert.Equal(("switch", "pingpong", "unpinned", "switch", "median"), (rows[0].Metric, rows[0].Shape, rows[0].Pinning, rows[0].Quantity, rows[0].Statistic));
        Assert.Equal(1100, rows[0].Value, 0);
        Assert.Equal(1.0, rows[0].VoluntarySwitchesPerOp);
        Assert.Equal("ok", rows[0].Status);
        Assert.Equal("failed", rows[1].Status);
        Assert.Equal(("brigade", "socketpair", "pinned", ""), (rows[1].Shape, rows[1].Transport, rows[1].Pinning, rows[1].Quantity));
        Assert.Contains("line, \"two\"", rows[1].Error, StringComparison.Ordinal);
        Assert.Equal([1000.0, 1100.0, 1200.0], samples.Select(s => s.Value));
    }

    [Fact]
    public void ResultsCsv_HasTheDocumentedColumns()
    {
        using (RunWriter.Create(Folder))
        {
        }
        string[] lines = File.ReadLines(Path.Combine(Folder, RunFiles.ResultsFile)).ToArray();
        Assert.Equal("# results format 3", lines[0]);
        string header = lines[1];

        foreach (string column in new[] { "metric", "model", "shape", "transport", "pinning", "quantity", "statistic", "block", "hold_us", "offenders", "estimator", "value", "ci_lower", "ci_upper", "unit", "samples", "note", "error" })
            Assert.Contains(column, header.Split(','));
    }

    [Fact]
    public void Report_ShowsHeadlineRatiosAndFailures()
    {
        var rows = OutcomeRows.From(Measured(ModelIds.Thread, 10))
            .Concat(OutcomeRows.From(Measured(ModelIds.Task, 1)))
            .Concat(OutcomeRows.From(ScenarioOutcome.Failed(
                Specs.Creation(samples: 1), "crashed")))
            .ToList();

        RenderedReport rendered = MarkdownReport.Render(rows, EnvironmentInfo.Capture(),
            new MarkdownReport.RunInfo("quick", Complete: false, [ModelIds.Thread, ModelIds.Task], [MetricIds.Creation, MetricIds.Switch]));
        string report = rendered.Page;

        Assert.Contains("| operation | thread/task |", report, StringComparison.Ordinal);
        Assert.Contains("| Switch: ping-pong, all CPUs (green keeps the pair on one worker) | 11.0 µs", report, StringComparison.Ordinal);
        Assert.Contains("| 10.0× |", report, StringComparison.Ordinal);
        Assert.Contains("**failed**", report, StringComparison.Ordinal);
        Assert.Contains("| creation/task/spawn-join/unpinned |  | crashed |", report, StringComparison.Ordinal);
        Assert.Contains("Incomplete run", report, StringComparison.Ordinal);
        Assert.Contains("(details/environment.md)", report, StringComparison.Ordinal);
        Assert.StartsWith("# Environment", rendered.Files["details/environment.md"], StringComparison.Ordinal);
        Assert.Contains("| operation | thread | task | thread/task |", rendered.Files["details/headline.md"], StringComparison.Ordinal);
    }
}
