using Harness.Models;
using Harness.Scenarios;
using System.Text;

namespace Harness.Reporting;

/// <summary>
/// The green runtime's targets (issue 3), each a ratio of medians measured in the same run, green / task: at most half
/// the pooled-task cost, no more managed memory. A missed target says by how much, and what bounds the runtime there.
/// </summary>
public static class GreenTargets
{
    /// <summary>One speed or size target of the green runtime, judged as green / task in the same run.</summary>
    /// <param name="Bound">What limits the green runtime here, from its design and profiles (shown when the target is missed).</param>
    public sealed record Target(RowSelector Cell, string What, double MaxRatio, string Bound);

    /// <summary>What one green yield costs, the bound of both yield targets.</summary>
    private const string YieldCost = "a yield costs the poll's entry exchange and the local queue's pop CAS (thieves may race the owner)";

    public static readonly IReadOnlyList<Target> All =
    [
        new(new(MetricIds.Creation, Shapes.SpawnJoin, Quantities.Total), "spawn + run + join of trivial units", 0.5,
            "the runtime's own work per unit: profiled single-threaded, about 70 ns to spawn (the unit, its entry in the "
            + "live-unit registry that lets shutdown cancel or report every unit, as tokio's owned-task list does, and the queue "
            + "push) and 95 ns to run, complete and join it (harness/Green/README.md, \"Where the time goes\"), so half a "
            + "pooled task's 0.2-0.3 µs leaves less than green's single-threaded cost. Compare the `spawn` and `join` rows."),
        new(new(MetricIds.Switch, Shapes.PingPong, Quantities.Switch) { Pinning = ResultIdentity.Unpinned },
            "in-memory ping-pong per switch, all CPUs", 0.5,
            "the poll's state machine: a switch is a handoff (an exchange of the receiver's token), a scheduling CAS and the "
            + "poll's two transitions (exchange in, CAS out), tokio's protocol; the pool's switch is a push and pop on its "
            + "thread-local queue."),
        new(new(MetricIds.Switch, Shapes.PingPong, Quantities.Switch) { Pinning = ResultIdentity.Pinned },
            "in-memory ping-pong per switch, 1 CPU", 0.5,
            "a switch is four atomic operations (the handoff's exchange, the scheduling CAS, the poll's exchange in and CAS out); "
            + "on one CPU neither side pays for cross-core traffic, and the pool's switch, a push and pop on its "
            + "thread-local queue, costs little more than those four atomics."),
        new(new(MetricIds.Switch, Shapes.Yield, Quantities.Yield) { Pinning = ResultIdentity.Unpinned },
            "200 units yielding at once, per yield, all CPUs", 0.5,
            YieldCost + "."),
        new(new(MetricIds.Switch, Shapes.Yield, Quantities.Yield) { Pinning = ResultIdentity.Pinned },
            "200 units yielding at once, per yield, 1 CPU", 0.5,
            YieldCost + "; on one CPU "
            + "the pool's yield is a push and pop on a worker's own queue with no cross-core traffic, and these atomics "
            + "then cost as much as, or more than, the pool's whole path; on all CPUs the pool pays for cross-core traffic "
            + "and green does not."),
        new(new(MetricIds.Memory, Shapes.Parked, Quantities.Managed, Statistics.Slope), "managed memory of a parked unit", 1.0,
            "nothing of the unit's own: a unit is 80 B, as a Task is (a test keeps it so), and the parked state machine box "
            + "and the waiter slot are the same for both, so what is left is the run-to-run spread of the two slopes."),
    ];

    /// <summary>The targets section of the report, or nothing when no target has both a green and a task result.</summary>
    public static void Append(StringBuilder md, IReadOnlyList<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(md);
        var lines = All
            .Select(t => (Target: t, Green: t.Cell.Find(rows, ModelIds.Green), Task: t.Cell.Find(rows, ModelIds.Task)))
            .Where(l => l.Green is { Succeeded: true } && l.Task is { Succeeded: true })
            .ToList();
        if (lines.Count == 0) return;
        md.AppendLine("## Green runtime targets");
        md.AppendLine();
        md.AppendLine("Each target is a ratio of medians measured in this run: green / task. A missed target says by how much, and what "
            + "bounds the green runtime there.");
        md.AppendLine();
        md.AppendLine("| target | green | task | green/task | goal | verdict | what bounds it |");
        md.AppendLine("|---|---:|---:|---:|---:|---|---|");
        foreach ((Target target, ResultRow? green, ResultRow? task) in lines)
        {
            double ratio = green!.Value / task!.Value;
            bool met = ratio <= target.MaxRatio;
            string verdict = met
                ? "met"
                : $"**missed** by {Format.Significant(ratio / target.MaxRatio)}× "
                    + $"(green would need {Format.Value(task.Value * target.MaxRatio, green.Unit)})";
            md.AppendLine($"| {target.What} ({target.Cell}) | {Format.Value(green.Value, green.Unit)} | {Format.Value(task.Value, task.Unit)} "
                + $"| {Format.Significant(ratio)}× | ≤ {Format.Significant(target.MaxRatio)}× "
                + $"| {verdict} | {(met ? "" : Format.Cell(target.Bound))} |");
        }
        md.AppendLine();
    }
}
