using System.Globalization;
using System.Text;

namespace Harness.Reporting;

/// <summary>
/// The report's "How well this run reproduces": what a recorded rerun of the same commit and size found
/// (<see cref="RerunRecord"/>, rerun.json), in plain sentences, and what that means for reading this run's intervals.
/// Nothing when no rerun was recorded: a run alone cannot say how far a rerun would move its medians.
/// </summary>
public static class ReproductionSection
{
    public const string Title = "## How well this run reproduces";

    public static void Append(StringBuilder md, ReportData data)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rerun is not { } rerun) return;
        string commit = rerun.Commit.Length > 7 ? rerun.Commit[..7] : rerun.Commit;
        md.AppendLine(Title).AppendLine();
        md.AppendLine($"A second {rerun.Size} run of this commit ({commit}), started {rerun.Date:yyyy-MM-dd HH:mm} UTC on {rerun.Machine}, "
            + $"compared at a {Number(rerun.ThresholdPercent)}% threshold: {rerun.Same} of {rerun.Judged} cells the same "
            + $"({Percent(rerun.Same, rerun.Judged)}), {rerun.Faster} faster, {rerun.Slower} slower"
            + (rerun.Other > 0 ? $", {rerun.Other} undecided, failed or skipped." : "."));
        if (rerun.Covered > 0)
            md.AppendLine($"This run's 95% intervals held its median for {rerun.Inside} of {rerun.Covered} timed cells ({Percent(rerun.Inside, rerun.Covered)}).");
        if (rerun.Metrics.Count > 0)
        {
            md.AppendLine("Its median over this run's, per metric (median ratio; 10th–90th percentile): "
                + string.Join("; ", rerun.Metrics.Select(m => $"{m.Metric} {Ratio(m.Median)} ({Spread(m)}, {m.Cells} cells)")) + ".");
        }
        md.AppendLine();
        string moved = rerun.All is { } all
            ? $" The rerun moved eight in ten medians by up to {Number(100 * Math.Max(1 - all.P10, all.P90 - 1), "F0")}% ({Spread(all)}); "
                + "a difference between runs smaller than that is what a rerun alone produces."
            : "";
        md.AppendLine("**Reading the intervals:** an interval here is the spread between launches in one run on one machine: how "
            + $"precisely this run measured, not where a rerun lands.{moved} A ratio between two models of this run cancels a shift "
            + "of the whole machine, not one that moves one model more.");
        md.AppendLine();
    }

    private static string Percent(int part, int whole) => whole == 0 ? "n/a" : $"{Number(100.0 * part / whole, "F1")}%";

    private static string Ratio(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Spread(RerunRecord.MetricShift shift) =>
        $"{shift.P10.ToString("F2", CultureInfo.InvariantCulture)}–{shift.P90.ToString("F2", CultureInfo.InvariantCulture)}";

    private static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}
