namespace Harness.Reporting;

/// <summary>One chart of a report: its file under the run folder's charts/, its title (the image's alt text) and a
/// caption that says what the picture cannot (points left out, a floor drawn for values a log axis cannot show).</summary>
public sealed record ChartFile(string Name, string Title, string Svg, string Caption = "")
{
    public const string Folder = "charts";

    /// <summary>The file's path relative to the run folder.</summary>
    public string RelativePath => $"{Folder}/{Name}.svg";

    /// <summary>The markdown that shows it, from a page <paramref name="depth"/> folders below the run folder.</summary>
    public string Embed(int depth = 0) =>
        $"![{Title}]({string.Concat(Enumerable.Repeat("../", depth))}{RelativePath})" + (Caption.Length > 0 ? $"\n\n{Caption}" : "");
}
