using Harness.Scenarios;

namespace Harness.Reporting.Findings;

/// <summary>
/// What a parked unit holds: resident memory per unit (the slope over N) of every model measured, and for OS
/// threads the kernel side too, where that slope is above zero with its whole interval. Needs two models' resident
/// slopes: one alone compares with nothing.
/// </summary>
public sealed class ParkedMemoryRule : IFindingRule
{
    private static readonly RowSelector s_rss = new(MetricIds.Memory, Shapes.Parked, Quantities.Rss, Statistics.Slope);
    private static readonly RowSelector s_kernel = new(MetricIds.Memory, Shapes.Parked, Quantities.Kernel, Statistics.Slope);

    public Finding? Evaluate(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var parts = new List<string>();
        var kernelModels = new List<string>();
        foreach (string model in data.Models)
        {
            if (data.Measured(s_rss, model) is not { } rss || !Cells.Positive(rss)) continue;
            string part = $"a `{model}` unit {Format.Value(rss.Value, rss.Unit)} resident";
            if (ModelGroups.OsThreads.Models.Contains(model) && data.Measured(s_kernel, model) is { CiLower: > 0 } kernel)
            {
                part += $" plus {Format.Value(kernel.Value, kernel.Unit)} in the kernel";
                kernelModels.Add(model);
            }
            parts.Add(part);
        }
        if (parts.Count < 2) return null;
        var cells = new List<string> { $"{s_rss}: {string.Join(", ", data.Models.Where(m => data.Measured(s_rss, m) is not null))}" };
        if (kernelModels.Count > 0) cells.Add($"{s_kernel}: {string.Join(", ", kernelModels)}");
        return new Finding($"Parked, {string.Join("; ", parts)}.", cells);
    }
}
