namespace Harness.Scenarios;

/// <summary>
/// Scenarios whose outcomes are summarised together: one scenario for creation and switch, the N sweep of
/// one model and shape for memory (its result is a slope over the points).
/// </summary>
public sealed record ScenarioGroup(string Metric, string Model, string Shape, IReadOnlyList<ScenarioSpec> Specs);
