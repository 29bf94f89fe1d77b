namespace Harness.Reporting;

/// <summary>What a report may say about measured cells: their ratio, and whether their 95% intervals separate.</summary>
public static class Cells
{
    /// <summary>Whether both rows are measured with a finite value above zero (a ratio of them means something).</summary>
    public static bool Positive(ResultRow? row) => row is { Succeeded: true } && double.IsFinite(row.Value) && row.Value > 0;

    /// <summary>Whether both rows carry a 95% interval and the two do not overlap: only then does the report say one
    /// is larger than the other.</summary>
    public static bool Separate(ResultRow a, ResultRow b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return HasInterval(a) && HasInterval(b) && (a.CiLower > b.CiUpper || b.CiLower > a.CiUpper);
    }

    public static bool HasInterval(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return double.IsFinite(row.CiLower) && double.IsFinite(row.CiUpper);
    }

    /// <summary>The ratio a / b of two positive cells, or NaN.</summary>
    public static double Ratio(ResultRow? a, ResultRow? b) => Positive(a) && Positive(b) ? a!.Value / b!.Value : double.NaN;

    /// <summary>A cell's median and interval in one compact form, its failure or absence, and ⚠ when bimodal.</summary>
    public static string Cell(ResultRow? row) => row switch
    {
        null => "–",
        { Status: ResultRow.StatusSkipped } => "skipped",
        { Succeeded: false } => "**failed**",
        _ => Format.Compact(row.Value, row.CiLower, row.CiUpper, row.Unit) + (row.Modes > 1 ? " ⚠" : ""),
    };
}
