using System.Text;

namespace Harness.Reporting;

/// <summary>
/// The headline as tables: on the page, a table of medians per model group (OS threads; async and green) and a table
/// of the ratios that matter; in the details and on the console, every row with every model and ratio. Cells are
/// compact: <c>11.8 µs (11.5–12.2)</c>, the median and its 95% interval.
/// </summary>
public static class HeadlineTables
{
    /// <summary>The page's tables: the <see cref="Headline.Row.OnPage"/> rows, a table per model group that ran.</summary>
    public static void AppendGrouped(StringBuilder md, ReportData data)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(data);
        var rows = Headline.Rows.Where(r => r.OnPage).ToList();
        foreach (ModelGroups.Group group in ModelGroups.All)
        {
            IReadOnlyList<string> models = ModelGroups.Present(group, data.Models);
            if (models.Count == 0) continue;
            md.AppendLine($"### {group.Name}");
            md.AppendLine();
            AppendTable(md, data, rows, models, [], onPage: true);
        }
    }

    /// <summary>The ratios of the page's rows for each pair of models that ran; a ratio whose two intervals overlap is
    /// in parentheses: this run does not show a difference there.</summary>
    public static void AppendRatios(StringBuilder md, ReportData data)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(data);
        IReadOnlyList<RatioPair> pairs = RatioPair.Present(data.Models);
        if (pairs.Count == 0) return;
        md.AppendLine("### Ratios");
        md.AppendLine();
        md.AppendLine("| operation | " + string.Join(" | ", pairs) + " |");
        md.AppendLine("|---|" + string.Concat(pairs.Select(_ => "---:|")));
        foreach (Headline.Row line in Headline.Rows.Where(r => r.OnPage && r.Ratios))
        {
            var cells = pairs
                .Select(p => RatioText(data.Measured(line.Cell, p.Numerator), data.Measured(line.Cell, p.Denominator), data.Samples) ?? "–")
                .ToList();
            if (cells.All(c => c == "–")) continue;
            md.AppendLine($"| {Format.Cell(line.Short ?? line.Label)} | {string.Join(" | ", cells)} |");
        }
        md.AppendLine();
        md.AppendLine("A ratio's 95% interval, from the launches paired round by round, is in brackets. A ratio in parentheses "
            + "divides two medians whose 95% intervals overlap: this run shows no difference there.");
        md.AppendLine();
    }

    /// <summary>a / b, with its 95% interval from the paired launches where the samples give one
    /// (<c>12.3× [11.0×–13.9×]</c>); on the page, in parentheses when the two cells' intervals overlap; null when there
    /// is no ratio (a cell missing, a value not above zero).</summary>
    private static string? RatioText(ResultRow? a, ResultRow? b, LaunchSamples samples, bool markOverlap = true)
    {
        double ratio = Cells.Ratio(a, b);
        if (!double.IsFinite(ratio)) return null;
        string text = Format.Ratio(a!.Value, b!.Value);
        if (RatioCell.Of(a, b, samples) is { } paired && double.IsFinite(paired.CiLower) && double.IsFinite(paired.CiUpper))
            text += $" [{Format.Ratio(paired.CiLower, 1)}–{Format.Ratio(paired.CiUpper, 1)}]";
        return !markOverlap || Cells.Separate(a, b) ? text : $"({text})";
    }

    /// <summary>Every headline row that has a cell, a column per model that ran and per ratio pair: the table of
    /// details/headline.md and of the console.</summary>
    public static string Full(IReadOnlyList<ResultRow> rows, IReadOnlyList<string> models, LaunchSamples? samples = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(models);
        var ordered = Models.ModelIds.All.Where(models.Contains).ToList();
        return Full(new ReportData(rows, null, new MarkdownReport.RunInfo("", true, ordered, []), samples));
    }

    /// <summary>The same table from a report's data, its memory slopes already derived and its samples at hand.</summary>
    public static string Full(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var md = new StringBuilder();
        AppendTable(md, data, Headline.Rows, data.Models, RatioPair.Present(data.Models), onPage: false);
        return md.ToString();
    }

    private static void AppendTable(StringBuilder md, ReportData data, IReadOnlyList<Headline.Row> lines, IReadOnlyList<string> models,
        IReadOnlyList<RatioPair> pairs, bool onPage)
    {
        md.AppendLine("| operation | " + string.Join(" | ", models.Concat(pairs.Select(p => p.ToString()))) + " |");
        md.AppendLine("|---|" + string.Concat(models.Concat(pairs.Select(p => p.ToString())).Select(_ => "---:|")));
        foreach (Headline.Row line in lines)
        {
            var cells = models.Select(model => line.Cell.Find(data.Rows, model)).ToList();
            if (cells.All(c => c is null)) continue;
            var row = new List<string> { Format.Cell(onPage ? line.Short ?? line.Label : line.Label) };
            row.AddRange(cells.Select(Cells.Cell));
            foreach (RatioPair pair in pairs)
            {
                ResultRow? a = cells[models.ToList().IndexOf(pair.Numerator)], b = cells[models.ToList().IndexOf(pair.Denominator)];
                row.Add(line.Ratios && a is { Succeeded: true } && b is { Succeeded: true } ? RatioText(a, b, data.Samples, markOverlap: false) ?? "n/a" : "n/a");
            }
            md.AppendLine("| " + string.Join(" | ", row) + " |");
        }
        md.AppendLine();
    }
}
