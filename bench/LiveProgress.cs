using Harness.Running;
using Harness.Scenarios;
using Spectre.Console;

namespace Bench;

/// <summary>
/// The table's live view on a terminal (Spectre.Console): the current scenario, done/total, elapsed time and
/// an estimate of the time left, with each finished scenario's line printed above the bar.
/// </summary>
public sealed class LiveProgress : IRunProgress
{
    private ProgressTask? _task;

    /// <summary>Live display only on an interactive terminal; CI logs and pipes get plain lines.</summary>
    public static bool Supported => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public T Run<T>(int total, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                _task = context.AddTask("starting", maxValue: total);
                result = body();
            });
        return result;
    }

    public void ScenarioStarted(ScenarioSpec spec, int index, int total)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_task is not null) _task.Description = Markup.Escape($"[{index}/{total}] {spec.Name}");
    }

    public void ScenarioFinished(ScenarioOutcome outcome, string summary)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        string color = outcome.Succeeded ? "green" : "red";
        AnsiConsole.MarkupLine($"[{color}]{Markup.Escape(outcome.Spec.Name)}[/] {Markup.Escape(summary)}");
        _task?.Increment(1);
    }
}
