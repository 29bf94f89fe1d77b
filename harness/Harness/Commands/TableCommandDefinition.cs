using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using Harness.Models;
using Harness.Peers;
using Harness.Child;
using Harness.Running;
using Harness.Scenarios;

namespace Harness.Commands;

/// <summary>
/// <c>table</c>, the default command: its options (parsed into <see cref="TableOptions"/>) and the run, which goes
/// on after Ctrl-C or SIGTERM only to finish the current scenario's bookkeeping and write the report of what was
/// measured (exit 130).
/// </summary>
public sealed class TableCommandDefinition : Command
{
    public const string CommandName = "table";

    /// <summary>The one statement in code of how long the default run takes (README's main command says the same). Timed
    /// on an otherwise idle 2-core VM on 2026-12-03 (commit dc3d606): 96 launches, 158 s of measuring, 163 s of wall time
    /// with the build up to date. Issue 13 asks for 3 minutes.</summary>
    public const string QuickRunLength = "2 launches of every cell, under 3 minutes on two idle cores (158 s measured)";

    private readonly Option<bool> _quick = OptionKinds.Flag("--quick", $"The .NET models, main shapes, small memory sweeps (default): {QuickRunLength}");

    private readonly Option<bool> _full = OptionKinds.Flag("--full",
        "Every model in 5 launches of the quick run's samples, the variant shapes, memory up to 100k threads and 1M tasks/green units, stall under sleeping, spinning and waiting holds");

    private readonly Option<IReadOnlyList<string>?> _models = new("--models")
    {
        Description = $"The execution models to run: ids ({string.Join(",", ModelIds.All)}) or groups "
            + $"({string.Join(", ", ModelGroups.All.Keys)}) [default: dotnet; --full: every model]",
        HelpName = "MODELS",
        CustomParser = ParseModels,
    };

    /// <summary>Model ids and groups (<see cref="ModelGroups"/>); a bad item is one parse error listing ids and groups.</summary>
    private static IReadOnlyList<string>? ParseModels(ArgumentResult result)
    {
        try
        {
            return ModelGroups.Expand(CommandName, "--models", result.Tokens.Count > 0 ? result.Tokens[0].Value : "");
        }
        catch (UsageException e)
        {
            result.AddError(e.Message.StartsWith($"{CommandName}: ", StringComparison.Ordinal) ? e.Message[(CommandName.Length + 2)..] : e.Message);
            return null;
        }
    }

    private readonly Option<IReadOnlyList<string>?> _metrics = OptionKinds.IdList("--metrics", "metric", MetricIds.All, MetricIds.Available,
        "The metrics to run");

    private readonly Option<IReadOnlyList<string>?> _shapes = OptionKinds.IdList("--shapes", "shape", Shapes.All, Shapes.All,
        "Only these workload shapes of the metrics, even one a quick run leaves out");

    private readonly Option<string?> _out = OptionKinds.Folder("--out", "The run's folder [default: artifacts/runs/<UTC timestamp>/]");

    private readonly Option<bool> _force = OptionKinds.Flag("--force", "Write into a non-empty --out folder");

    private readonly Option<int> _timeout = OptionKinds.WholeNumber("--timeout", "How long one scenario may run before it is recorded as failed",
        "SECONDS", 1, 86_400, (int)TableOptions.DefaultScenarioTimeout.TotalSeconds);

    private readonly Option<int?> _launches = OptionKinds.OptionalWholeNumber("--launches",
        $"Fresh processes per scenario, interleaved by model in shuffled rounds [default: {ScenarioPlan.Quick.Launches}; --full: {ScenarioPlan.Full.Launches}]",
        "N", 1, MaxLaunches);

    private readonly Option<int?> _seed = OptionKinds.OptionalWholeNumber("--seed",
        "Seed of the shuffled launch order (run.json records it) [default: random]", "SEED", 0, int.MaxValue);

    /// <summary>More launches than this would take hours on two cores; a typo, not a plan.</summary>
    public const int MaxLaunches = 50;

    private readonly Func<TextWriter, IRunProgress?> _progress;

    /// <param name="progress">The progress view for a run printing to the given console, or null for one line per scenario.</param>
    public TableCommandDefinition(Func<TextWriter, IRunProgress?>? progress = null)
        : base(CommandName, "Runs every scenario in a fresh child process and writes results.csv, samples.csv, env.json, run.json and "
            + "report.md. Exit code: 0 all measured, 1 some scenario failed, 2 bad input, 3 internal error, 130 interrupted.")
    {
        _progress = progress ?? (_ => null);
        foreach (Option option in (Option[])[_quick, _full, _models, _metrics, _shapes, _launches, _seed, _out, _force, _timeout]) Add(option);
        Validators.Add(Validate);
        SetAction(result => Run(OptionsOf(result), result.InvocationConfiguration.Output));
    }

    /// <summary>Every name an option of this command answers to (the bench application routes a first argument that is
    /// one of them to this command).</summary>
    public IReadOnlyList<string> OptionNames => Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();

    /// <summary>The typed options of a parse of this command without errors.</summary>
    public TableOptions OptionsOf(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var defaults = new TableOptions();
        return new TableOptions
        {
            Quick = !result.GetValue(_full),
            // A quick run measures the .NET models unless told otherwise; a full run every model, peers included.
            Models = result.GetValue(_models) ?? (result.GetValue(_full) ? ModelIds.All : defaults.Models),
            Metrics = result.GetValue(_metrics) ?? defaults.Metrics,
            Shapes = result.GetValue(_shapes),
            OutputDirectory = result.GetValue(_out),
            Force = result.GetValue(_force),
            ScenarioTimeout = TimeSpan.FromSeconds(result.GetValue(_timeout)),
            Launches = result.GetValue(_launches),
            Seed = result.GetValue(_seed),
        };
    }

    /// <summary>What no single option can check: --quick with --full, and shapes none of whose metrics is asked for.</summary>
    private void Validate(CommandResult command)
    {
        if (command.GetResult(_quick) is { Implicit: false } && command.GetResult(_full) is { Implicit: false })
        {
            command.AddError("--quick and --full cannot both be given");
            return;
        }
        if (ValidValue(command, _shapes) is not { } shapes) return;
        IReadOnlyList<string> metrics = ValidValue(command, _metrics) ?? MetricIds.Available;
        if (command.GetResult(_metrics) is { Implicit: false } && ValidValue(command, _metrics) is null) return;
        if (!shapes.Any(shape => metrics.Any(metric => Shapes.Of(metric).Contains(shape))))
            command.AddError($"no shape of {string.Join(", ", shapes)} belongs to the metrics {string.Join(", ", metrics)}: nothing would run");
    }

    /// <summary>The option's value, or null when it is not given or its own parse failed (that failure is reported on its
    /// own; System.CommandLine's GetValue throws for it).</summary>
    private static T? ValidValue<T>(CommandResult command, Option<T?> option) where T : class
    {
        if (command.GetResult(option) is not { Implicit: false } given || given.Tokens.Count != 1) return null;
        try
        {
            return command.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private int Run(TableOptions options, TextWriter console)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            e.Cancel = true;
            Console.Error.WriteLine("interrupted: stopping the current scenario and writing the report of what was measured");
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        try
        {
            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                Console.Error.WriteLine("terminated: stopping the current scenario and writing the report of what was measured");
                cancellation.Cancel();
            });
            return new TableRunner(ChildCommand.ForCurrentProcess(), console, _progress(console)).Run(options, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }
}
