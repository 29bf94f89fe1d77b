using Harness.Running;
using Harness.Scenarios;
using Spectre.Console;

namespace Bench;

/// <summary>
/// The table's live view on a terminal (Spectre.Console): a bar per metric with its scenarios done, percentage and the
/// time left, the running scenario beside its metric's bar, and each finished scenario's line printed above the bars,
/// failures in red. Anything but an interactive terminal (CI logs, a pipe, a file) gets <see cref="LineProgress"/>'s
/// plain lines instead: <see cref="ForTerminal"/> decides.
/// <para>
/// The view must not disturb what it shows. It never redraws on its own (no refresh thread, no spinner): it redraws
/// when a scenario starts or finishes, on the table's thread, while no child is measuring. Children never see it: they
/// are separate processes whose output the parent reads, never a terminal.
/// </para>
/// </summary>
public sealed class LiveProgress(IAnsiConsole console) : IRunProgress
{
    private readonly Dictionary<string, Bar> _bars = new(StringComparer.Ordinal);
    private ProgressContext? _context;

    /// <summary>One metric's bar: its task, and how many of its scenarios failed so far.</summary>
    private sealed class Bar(ProgressTask task)
    {
        public ProgressTask Task { get; } = task;

        public int Failed { get; set; }
    }

    /// <summary>The live view for an interactive terminal, or null (plain lines) when output is redirected or the console
    /// cannot redraw in place.</summary>
    public static LiveProgress? ForTerminal(IAnsiConsole console, bool outputRedirected)
    {
        ArgumentNullException.ThrowIfNull(console);
        return !outputRedirected && console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi ? new LiveProgress(console) : null;
    }

    public T Run<T>(IReadOnlyList<ScenarioSpec> planned, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(body);
        T result = default!;
        console.Progress()
            .AutoRefresh(false)
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                _context = context;
                foreach (IGrouping<string, ScenarioSpec> metric in planned.GroupBy(s => s.Metric))
                {
                    var bar = new Bar(context.AddTask(Markup.Escape(metric.Key), autoStart: false, maxValue: metric.Count()));
                    _bars[metric.Key] = bar;
                    Describe(metric.Key, bar, "");
                }
                context.Refresh();
                result = body();
            });
        _context = null;
        return result;
    }

    public void ScenarioStarted(ScenarioSpec spec, int index, int total)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Bar bar = BarOf(spec.Metric);
        if (!bar.Task.IsStarted) bar.Task.StartTask();
        Describe(spec.Metric, bar, $"[grey][[{index}/{total}]] running[/] {Markup.Escape(spec.Name)}");
        _context?.Refresh();
    }

    public void ScenarioFinished(ScenarioOutcome outcome, string summary)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        bool failed = !outcome.Succeeded && !outcome.Skipped;
        string color = outcome.Succeeded ? "green" : failed ? "red" : "yellow";
        console.MarkupLine($"[{color}]{Markup.Escape(outcome.Spec.Name)}[/] {Markup.Escape(summary)}");
        Bar bar = BarOf(outcome.Spec.Metric);
        if (failed) bar.Failed++;
        // A scenario run more often than planned (a retry) stretches its bar rather than overflowing it.
        if (bar.Task.Value + 1 > bar.Task.MaxValue) bar.Task.MaxValue = bar.Task.Value + 1;
        bar.Task.Increment(1);
        Describe(outcome.Spec.Metric, bar, bar.Task.IsFinished ? "[green]done[/]" : "");
        _context?.Refresh();
    }

    /// <summary>The metric's bar; one not in the plan gets a bar of its own.</summary>
    private Bar BarOf(string metric)
    {
        if (_bars.TryGetValue(metric, out Bar? bar)) return bar;
        bar = new Bar(_context!.AddTask(Markup.Escape(metric), autoStart: false, maxValue: 1));
        _bars[metric] = bar;
        return bar;
    }

    private static void Describe(string metric, Bar bar, string state)
    {
        string failures = bar.Failed > 0 ? $" [red]{bar.Failed} failed[/]" : "";
        bar.Task.Description = $"[bold]{Markup.Escape(metric),-8}[/] {bar.Task.Value:0}/{bar.Task.MaxValue:0}{failures} {state}".TrimEnd();
    }
}
