using Harness.Scenarios;

namespace Harness.Running;

/// <summary>
/// Where a table run reports its progress: a plain line per scenario (<see cref="LineProgress"/>, for CI and
/// pipes) or a live display on a terminal (the bench application's Spectre.Console view, a bar per metric). Every call
/// comes from the thread that runs the table, between scenarios, never while a child measures.
/// </summary>
public interface IRunProgress
{
    /// <summary>Runs the whole table inside the progress view (a live display owns the console meanwhile);
    /// <paramref name="planned"/> are the scenarios in the order they will run.</summary>
    T Run<T>(IReadOnlyList<ScenarioSpec> planned, Func<T> body);

    void ScenarioStarted(ScenarioSpec spec, int index, int total);

    void ScenarioFinished(ScenarioOutcome outcome, string summary);
}

/// <summary>One line per scenario: "[ 3/51] switch/task/brigade ok (2.1 s): brigade-unpinned 12.0 µs".</summary>
public sealed class LineProgress(TextWriter console) : IRunProgress
{
    public T Run<T>(IReadOnlyList<ScenarioSpec> planned, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body();
    }

    public void ScenarioStarted(ScenarioSpec spec, int index, int total)
    {
        ArgumentNullException.ThrowIfNull(spec);
        console.Write($"[{index,3}/{total}] {spec.Name,-36} ");
        console.Flush();
    }

    public void ScenarioFinished(ScenarioOutcome outcome, string summary) => console.WriteLine(summary);
}
