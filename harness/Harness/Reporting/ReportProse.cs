namespace Harness.Reporting;

/// <summary>
/// The report's long prose, one markdown resource per metric or section (Reporting/Prose/*.md, embedded in the
/// assembly), so that what a reader reads is edited as text, not as string literals in code.
/// </summary>
public static class ReportProse
{
    /// <summary>Section texts besides the metrics'.</summary>
    public const string Headline = "headline", Blandy = "blandy";

    /// <summary>The text of <paramref name="name"/> (a metric id or a section), without its trailing newline.</summary>
    /// <exception cref="InvalidOperationException">No such resource: a build that lost its prose is a bug, not bad input.</exception>
    public static string Of(string name)
    {
        using Stream stream = typeof(ReportProse).Assembly.GetManifestResourceStream($"Prose/{name}.md")
            ?? throw new InvalidOperationException($"no embedded prose named '{name}'");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().TrimEnd();
    }
}
