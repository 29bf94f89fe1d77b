using Harness.Models;

namespace Harness.Reporting.Findings;

/// <summary>How many of the green runtime's targets this run meets (green / task, see <see cref="GreenTargets"/>),
/// naming the missed ones; nothing when no target has both cells.</summary>
public sealed class GreenTargetsRule : IFindingRule
{
    public Finding? Evaluate(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var judged = GreenTargets.All
            .Select(t => (Target: t, Ratio: Cells.Ratio(data.Measured(t.Cell, ModelIds.Green), data.Measured(t.Cell, ModelIds.Task))))
            .Where(j => double.IsFinite(j.Ratio))
            .ToList();
        if (judged.Count == 0) return null;
        var missed = judged.Where(j => j.Ratio > j.Target.MaxRatio).ToList();
        string sentence = $"`green` meets {judged.Count - missed.Count} of its {judged.Count} targets against `task` "
            + "([green runtime targets](details/headline.md#green-runtime-targets))"
            + (missed.Count == 0 ? "." : $"; it misses {string.Join(", ", missed.Select(m => $"{m.Target.What} ({Format.Ratio(m.Ratio, 1)})"))}.");
        return new Finding(sentence, [$"{string.Join(", ", judged.Select(j => j.Target.Cell).Distinct())}: green, task"]);
    }
}
