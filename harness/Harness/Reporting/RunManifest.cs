using System.Text.Json.Serialization;

namespace Harness.Reporting;

/// <summary>
/// run.json: what a table run set out to do and how far it got, written when it starts and again when it ends, so
/// that a later <c>report</c> or <c>publish</c> knows the run's size, its warnings, and whether it finished (a run
/// killed outright leaves <see cref="Complete"/> false).
/// </summary>
public sealed record RunManifest
{
    /// <summary>The run's size: quick, full, or tiny (test sizes, never published).</summary>
    public string Size { get; init; } = "";

    /// <summary>What run.json called <see cref="Size"/> before results format 2; read, never written.</summary>
    [JsonPropertyName("flavour")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Flavour
    {
        get => null;
        init => Size = value ?? Size;
    }

    public required IReadOnlyList<string> Models { get; init; }

    public required IReadOnlyList<string> Metrics { get; init; }

    /// <summary>Fresh processes each cell was measured in (runs made before launches existed had one).</summary>
    public int Launches { get; init; } = 1;

    /// <summary>Seed of the shuffled launch order (<see cref="Scenarios.LaunchSchedule"/>); null before launches existed.</summary>
    public int? Seed { get; init; }

    /// <summary>Each launch that failed, as "name: reason", recorded as soon as it failed (its cell's other launches still count).</summary>
    public IReadOnlyList<string> FailedLaunches { get; init; } = [];

    /// <summary>Preflight caps and other warnings printed at the start.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Every launch of every scenario the run planned, by name (<c>#2</c> for a second launch), in order.</summary>
    public IReadOnlyList<string> Planned { get; init; } = [];

    /// <summary>The scenarios that ran to an outcome (measured or failed), by name.</summary>
    public IReadOnlyList<string> Finished { get; init; } = [];

    /// <summary>True once every planned scenario ran; false while running and after an interruption.</summary>
    public bool Complete { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public const string Tiny = "tiny";

    /// <summary>The size's description for a report header.</summary>
    public string Description => Size == Tiny ? "tiny (test sizes: not for publishing)" : Size;

    /// <summary>Planned scenarios that never ran to an outcome.</summary>
    public IReadOnlyList<string> NotRun => Planned.Except(Finished, StringComparer.Ordinal).ToList();
}
