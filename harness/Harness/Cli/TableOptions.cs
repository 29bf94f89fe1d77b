using Harness.Models;
using Harness.Scenarios;

namespace Harness.Cli;

/// <summary>
/// Options of the <c>table</c> command:
/// <c>table [--quick|--full] [--models thread,task] [--metrics creation,switch] [--shapes pingpong,parked] [--out DIR] [--force] [--timeout SECONDS]</c>.
/// </summary>
public sealed record TableOptions
{
    public const string Command = "table";

    public static readonly IReadOnlyList<string> ValidOptions =
        ["--quick", "--full", "--models", "--metrics", "--shapes", "--out", "--force", "--timeout"];

    /// <summary>Quick (the default) finishes in about a minute on two cores; full takes more samples of bigger runs.</summary>
    public bool Quick { get; init; } = true;

    public IReadOnlyList<string> Models { get; init; } = ExecutionModels.Available;

    public IReadOnlyList<string> Metrics { get; init; } = MetricIds.Available;

    /// <summary>The workload shapes to run (e.g. pingpong, parked-touch), or null for every shape of the chosen metrics.</summary>
    public IReadOnlyList<string>? Shapes { get; init; }

    /// <summary>The output folder, or null for a fresh folder under the repository's ignored artifacts/.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Whether an existing, non-empty output folder may be written into.</summary>
    public bool Force { get; init; }

    /// <summary>How long one scenario's child process may run before it is killed and recorded as failed.</summary>
    public TimeSpan ScenarioTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public static TableOptions Parse(IReadOnlyList<string> args)
    {
        var options = new TableOptions();
        var reader = new ArgumentReader(Command, args, ValidOptions);
        string? size = null;
        bool modelsGiven = false;
        while (reader.NextOption() is { } option)
        {
            switch (option)
            {
                case "--quick" or "--full":
                    if (size is not null && size != option)
                        throw new UsageException($"{Command}: --quick and --full cannot both be given");
                    size = option;
                    options = options with { Quick = option == "--quick" };
                    break;
                case "--models":
                    options = options with { Models = Peers.ModelGroups.Expand(Command, option, reader.Value(option)) };
                    modelsGiven = true;
                    break;
                case "--metrics":
                    options = options with { Metrics = reader.ListValue(option, "metric", MetricIds.All, MetricIds.Available) };
                    break;
                case "--shapes":
                    options = options with { Shapes = reader.ListValue(option, "shape", Scenarios.Shapes.All, Scenarios.Shapes.All) };
                    break;
                case "--out":
                    options = options with { OutputDirectory = NonEmpty(reader.Value(option), option) };
                    break;
                case "--force":
                    options = options with { Force = true };
                    break;
                case "--timeout":
                    options = options with { ScenarioTimeout = TimeSpan.FromSeconds(reader.IntValue(option, 1, 86_400)) };
                    break;
            }
        }
        // A full run measures every model, the peers too; a quick one (the default) only .NET's unless asked.
        if (!modelsGiven && !options.Quick) options = options with { Models = ModelIds.All };
        if (options.Shapes is { } shapes && !shapes.Any(shape => options.Metrics.Any(metric => Scenarios.Shapes.Of(metric).Contains(shape))))
            throw new UsageException($"{Command}: no shape of {string.Join(", ", shapes)} belongs to the metrics {string.Join(", ", options.Metrics)}: nothing would run");
        return options;
    }

    private static string NonEmpty(string value, string option) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException($"{Command}: {option} needs a folder path") : value;
}
