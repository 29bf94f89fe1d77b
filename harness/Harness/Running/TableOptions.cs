using Harness.Models;
using Harness.Scenarios;

namespace Harness.Running;

/// <summary>
/// What a <c>table</c> run is asked to do: the typed result of parsing the table command's options
/// (<see cref="Commands.TableCommandDefinition"/>); the defaults are the quick run of everything available.
/// </summary>
public sealed record TableOptions
{
    /// <summary>Quick (the default): the .NET models in 2 launches; full: every model in 5 launches of the same samples, the
    /// variant shapes, bigger memory sweeps and more stall holds.</summary>
    public bool Quick { get; init; } = true;

    public IReadOnlyList<string> Models { get; init; } = ExecutionModels.Available;

    public IReadOnlyList<string> Metrics { get; init; } = MetricIds.Available;

    /// <summary>The workload shapes to run (e.g. pingpong, parked-touch), or null for every shape of the chosen metrics.</summary>
    public IReadOnlyList<string>? Shapes { get; init; }

    /// <summary>The output folder, or null for a fresh folder under the repository's ignored artifacts/.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Whether an existing, non-empty output folder may be written into.</summary>
    public bool Force { get; init; }

    /// <summary>Fresh processes per cell, or null for the size's own count (quick 2, full 5).</summary>
    public int? Launches { get; init; }

    /// <summary>Seed of the shuffled launch order, or null for a random one (the run records the one it used).</summary>
    public int? Seed { get; init; }

    /// <summary>How long one scenario's child process may run before it is killed and recorded as failed.</summary>
    public TimeSpan ScenarioTimeout { get; init; } = DefaultScenarioTimeout;

    /// <summary>Three minutes: several times the longest quick or full scenario on two cores.</summary>
    public static readonly TimeSpan DefaultScenarioTimeout = TimeSpan.FromMinutes(3);
}
