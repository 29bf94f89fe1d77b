using Harness.Models;
using Harness.Peers;

namespace Harness.Reporting;

/// <summary>
/// A ratio the report shows: one model's median over another's, always within one row, so a latency is divided by a
/// latency and a per-unit cost by a per-unit cost, never one quantity by another.
/// </summary>
public sealed record RatioPair(string Numerator, string Denominator)
{
    /// <summary>The ratios that answer the report's questions: threads against tasks, our runtime against the pool,
    /// and each .NET model against its nearest peer.</summary>
    public static readonly IReadOnlyList<RatioPair> Shown =
    [
        new(ModelIds.Thread, ModelIds.Task),
        new(ModelIds.Task, ModelIds.Green),
        new(ModelIds.Green, PeerModelIds.Tokio),
        new(ModelIds.Green, PeerModelIds.Go),
        new(ModelIds.Task, PeerModelIds.Tokio),
        new(ModelIds.Thread, PeerModelIds.RustThread),
    ];

    /// <summary>The pairs whose both models ran.</summary>
    public static IReadOnlyList<RatioPair> Present(IReadOnlyList<string> models) =>
        Shown.Where(p => models.Contains(p.Numerator) && models.Contains(p.Denominator)).ToList();

    public override string ToString() => $"{Numerator}/{Denominator}";
}
