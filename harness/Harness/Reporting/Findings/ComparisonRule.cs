namespace Harness.Reporting.Findings;

/// <summary>
/// One row, compared across the report's model pairs: a clause per pair whose two cells are measured and whose 95%
/// intervals separate, saying which costs more and how many times; overlapping intervals say nothing.
/// </summary>
/// <param name="What">The row in words, the sentence's subject ("Creating, running and joining a unit").</param>
public sealed record ComparisonRule(RowSelector Cell, string What) : IFindingRule
{
    public Finding? Evaluate(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var clauses = new List<string>();
        var models = new List<string>();
        foreach (RatioPair pair in RatioPair.Present(data.Models))
        {
            ResultRow? a = data.Measured(Cell, pair.Numerator), b = data.Measured(Cell, pair.Denominator);
            if (!Cells.Positive(a) || !Cells.Positive(b) || !Cells.Separate(a!, b!)) continue;
            (ResultRow dear, ResultRow cheap) = a!.Value >= b!.Value ? (a, b) : (b, a);
            clauses.Add($"`{dear.Model}` costs {Format.Ratio(dear.Value, cheap.Value)} `{cheap.Model}` "
                + $"({Format.Value(dear.Value, dear.Unit)} against {Format.Value(cheap.Value, cheap.Unit)})");
            models.AddRange(new[] { dear.Model, cheap.Model }.Except(models));
        }
        return clauses.Count == 0 ? null : new Finding($"{What}: {string.Join("; ", clauses)}.", [$"{Cell}: {string.Join(", ", models)}"]);
    }
}
