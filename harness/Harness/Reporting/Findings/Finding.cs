namespace Harness.Reporting.Findings;

/// <summary>A plain sentence the report says about a run, with the cells (selector: models) it was derived from.</summary>
public sealed record Finding(string Sentence, IReadOnlyList<string> Cells)
{
    /// <summary>The finding as a markdown list item: the sentence, then its cells in small print.</summary>
    public string ToMarkdown() => $"- {Sentence} <sub>cells: {string.Join("; ", Cells)}</sub>";
}
