namespace Harness.Reporting;

/// <summary>A run's report as files: the page (report.md) and, by path relative to the run folder, its details pages
/// and chart files.</summary>
public sealed record RenderedReport(string Page, IReadOnlyDictionary<string, string> Files);
