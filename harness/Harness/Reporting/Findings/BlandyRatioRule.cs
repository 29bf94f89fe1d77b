namespace Harness.Reporting.Findings;

/// <summary>
/// Whether one of Blandy's thread / async ratios holds on this machine: the same ratio of the same models' cells
/// (his own: Rust threads against async-std, tokio-ct or tokio) within a factor of two of his. Nothing when a cell is
/// missing; a .NET model stands in for none of his.
/// </summary>
public sealed record BlandyRatioRule(string What, BlandyFigures.Figure Numerator, BlandyFigures.Figure Denominator) : IFindingRule
{
    /// <summary>How far this run's ratio may be from his and still "hold": a factor of two either way.</summary>
    public const double Tolerance = 2;

    public static readonly IReadOnlyList<BlandyRatioRule> All =
    [
        new("creation", BlandyFigures.ThreadCreation, BlandyFigures.AsyncCreation),
        new("switch", BlandyFigures.ThreadSwitch, BlandyFigures.AsyncSwitch),
        new("memory", BlandyFigures.ThreadMemory, BlandyFigures.AsyncMemory),
    ];

    public Finding? Evaluate(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double numerator = Numerator.Here(data, Numerator.Model), denominator = Denominator.Here(data, Denominator.Model);
        if (!(numerator > 0) || !(denominator > 0) || !double.IsFinite(numerator) || !double.IsFinite(denominator)) return null;
        double his = Numerator.Published / Denominator.Published, here = numerator / denominator;
        double factor = Math.Max(here / his, his / here);
        string verdict = factor <= Tolerance
            ? $"holds here: {Format.Significant(here)}× (within {Format.Significant(Tolerance)}× of his)"
            : $"does not hold here: {Format.Significant(here)}×, {Format.Significant(factor)}× {(here > his ? "above" : "below")} his";
        return new Finding(
            $"His {What} ratio, {Numerator.Shown} / {Denominator.Shown} = {Format.Significant(his)}× "
                + $"(`{Numerator.Model}` / `{Denominator.Model}`), {verdict}.",
            [$"{string.Join(" + ", Numerator.Cells)}: {Numerator.Model}", $"{string.Join(" + ", Denominator.Cells)}: {Denominator.Model}"]);
    }
}
