using System.Text;
using Harness.Models;
using Harness.Peers;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// Jim Blandy's published numbers (README of jimblandy/context-switch, Rust on his 4-core laptop, 2020), each with
/// the cells of this run that measure what he measured: the peer model he used, and the .NET model that does the
/// same, for a reader whose run had no peers. His figures were published, never measured here.
/// </summary>
public static class BlandyFigures
{
    /// <summary>One published figure.</summary>
    /// <param name="Published">His number, in the unit of <see cref="Cells"/> (ns or bytes).</param>
    /// <param name="Cells">The rows whose medians add up to what he measured (memory: resident plus kernel).</param>
    /// <param name="Model">The model he measured (a peer).</param>
    /// <param name="DotNet">The .NET model that measures the same.</param>
    public sealed record Figure(string Shown, double Published, string What, IReadOnlyList<RowSelector> Cells, string Model, string DotNet)
    {
        /// <summary>The sum of the cells' medians for <paramref name="model"/>, or NaN when one is not measured.</summary>
        public double Here(ReportData data, string model)
        {
            ArgumentNullException.ThrowIfNull(data);
            return Cells.Select(c => data.Measured(c, model)?.Value ?? double.NaN).Sum();
        }
    }

    private static readonly RowSelector s_rss = new(MetricIds.Memory, Shapes.Parked, Quantities.Rss, Statistics.Slope);

    public static readonly Figure ThreadCreation = new("17 µs", 17_000, "a thread's spawn + join, in batches",
        [new(MetricIds.Creation, Shapes.SpawnJoin, Quantities.Batched)], PeerModelIds.RustThread, ModelIds.Thread);

    public static readonly Figure AsyncCreation = new("0.3 µs", 300, "an async task's spawn loop alone",
        [new(MetricIds.Creation, Shapes.SpawnJoin, Quantities.Spawn)], PeerModelIds.AsyncStd, ModelIds.Task);

    public static readonly Figure ThreadSwitch = new("1.7 µs", 1_700, "a hop along his socketpair brigade, the I/O subtracted",
        [new(MetricIds.Switch, Shapes.Brigade, Quantities.Net) { Pinning = ResultIdentity.Unpinned }], PeerModelIds.RustThread, ModelIds.Thread);

    public static readonly Figure AsyncSwitch = new("0.2 µs", 200, "a hop along 500 tasks chained by in-memory channels",
        [new(MetricIds.Switch, Shapes.BrigadeMemory, Quantities.Raw) { Pinning = ResultIdentity.Unpinned }],
        PeerModelIds.TokioCurrentThread, ModelIds.Task);

    public static readonly Figure ThreadMemory = new("≈20 KiB", 19.5 * 1024, "a parked thread: 9.5 KiB resident + ≈10 KiB in the kernel",
        [s_rss, new(MetricIds.Memory, Shapes.Parked, Quantities.Kernel, Statistics.Slope)], PeerModelIds.RustThread, ModelIds.Thread);

    public static readonly Figure AsyncMemory = new("0.4 KiB", 0.4 * 1024, "a parked async task, resident",
        [s_rss], PeerModelIds.Tokio, ModelIds.Task);

    public static readonly IReadOnlyList<Figure> All = [ThreadCreation, AsyncCreation, ThreadSwitch, AsyncSwitch, ThreadMemory, AsyncMemory];

    /// <summary>The section: his figures beside this run's cells, then whether his ratios hold here.</summary>
    public static void Append(StringBuilder md, ReportData data)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(data);
        md.AppendLine("## Blandy's published numbers");
        md.AppendLine();
        md.AppendLine(ReportProse.Of(ReportProse.Blandy));
        md.AppendLine();
        md.AppendLine("| published | what he measured | his model here | .NET here |");
        md.AppendLine("|---:|---|---|---|");
        foreach (Figure figure in All)
            md.AppendLine($"| {figure.Shown} | {figure.What} ({string.Join(" + ", figure.Cells)}) "
                + $"| {CellOf(figure, data, figure.Model)} | {CellOf(figure, data, figure.DotNet)} |");
        md.AppendLine();
        var verdicts = Findings.BlandyRatioRule.All.Select(rule => rule.Evaluate(data)).OfType<Findings.Finding>().ToList();
        if (verdicts.Count == 0)
            md.AppendLine("His ratios are checked against his own models (rust-thread, async-std, tokio-ct, tokio); this run has "
                + "not the cells for any of them.");
        foreach (Findings.Finding verdict in verdicts) md.AppendLine(verdict.ToMarkdown());
        md.AppendLine();
    }

    private static string CellOf(Figure figure, ReportData data, string model)
    {
        if (!data.Models.Contains(model)) return $"`{model}` not in this run";
        var rows = figure.Cells.Select(c => data.Measured(c, model)).ToList();
        if (rows.Any(r => r is null)) return $"`{model}` not measured";
        if (rows.Count == 1) return $"`{model}` {Cells.Cell(rows[0])}";
        double sum = figure.Here(data, model);
        return $"`{model}` {string.Join(" + ", rows.Select(r => Format.Value(r!.Value, r.Unit)))} = {Format.Value(sum, rows[0]!.Unit)}";
    }
}
