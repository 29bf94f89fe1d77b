namespace Harness.Scenarios;

/// <summary>
/// What a child process reports for one <see cref="ScenarioSpec"/>: the series it measured, the CPUs it
/// ran on, or why it failed.
/// </summary>
public sealed record ScenarioOutcome(
    ScenarioSpec Spec,
    IReadOnlyList<Series> Series,
    string? Affinity,
    int ProcessorCount,
    string? Failure = null,
    string? StderrTail = null,
    double ElapsedSeconds = 0)
{
    public bool Succeeded => Failure is null;

    /// <summary>Not run at all, for a reason outside the scenario (a peer's toolchain is not installed); <see cref="Failure"/> says why.</summary>
    public bool Skipped { get; init; }

    public static ScenarioOutcome Failed(ScenarioSpec spec, string reason, string? stderrTail = null, double elapsedSeconds = 0) =>
        new(spec, [], null, 0, reason, stderrTail, elapsedSeconds);
}
