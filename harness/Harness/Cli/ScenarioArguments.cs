using Harness.Models;
using Harness.Scenarios;
using Harness.Workloads;

namespace Harness.Cli;

/// <summary>Parses the hidden <c>scenario</c> command that a table run starts in each child process.</summary>
public static class ScenarioArguments
{
    public const string Command = "scenario";

    private static readonly IReadOnlyList<string> s_options =
        ["--metric", "--model", "--shape", "--transport", "--units", "--rounds", "--warmup", "--samples", "--warmup-ms", "--block", "--hold-us", "--offenders", "--pinned"];

    public static ScenarioSpec Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(Command, args, s_options);
        string? metric = null, model = null, shape = null;
        var transport = Transport.SocketPair;
        int units = 1, rounds = 1, warmup = 0, samples = 1, warmupMs = 0, holdUs = 0, offenders = 0;
        string block = "";
        bool pinned = false;
        while (reader.NextOption() is { } option)
        {
            switch (option)
            {
                case "--metric": metric = OneOf(reader.Value(option), "metric", MetricIds.Available); break;
                case "--model": model = OneOf(reader.Value(option), "model", ExecutionModels.Available); break;
                case "--shape": shape = reader.Value(option); break;
                case "--transport":
                    transport = OneOf(reader.Value(option), "transport", ["socketpair", "pipe"]) == "pipe"
                        ? Transport.Pipe
                        : Transport.SocketPair;
                    break;
                case "--units": units = reader.IntValue(option, 1, 10_000_000); break;
                case "--rounds": rounds = reader.IntValue(option, 1, 100_000_000); break;
                case "--warmup": warmup = reader.IntValue(option, 0, 1_000); break;
                case "--samples": samples = reader.IntValue(option, 1, 100_000); break;
                case "--warmup-ms": warmupMs = reader.IntValue(option, 0, 3_600_000); break;
                case "--block": block = OneOf(reader.Value(option), "block kind", BlockKind.All); break;
                case "--hold-us": holdUs = reader.IntValue(option, 0, 60_000_000); break;
                case "--offenders": offenders = reader.IntValue(option, 0, 100_000); break;
                case "--pinned": pinned = true; break;
            }
        }
        if (metric is null || model is null || shape is null)
            throw new UsageException($"{Command}: --metric, --model and --shape are required");
        OneOf(shape, $"shape for {metric}", Shapes.Of(metric));
        if (metric == MetricIds.Stall && (block.Length == 0 || holdUs == 0 || offenders == 0))
            throw new UsageException($"{Command}: stall scenarios need --block, --hold-us and --offenders");
        return new ScenarioSpec(metric, model, shape, pinned, transport, units, rounds, warmup, samples, warmupMs, block, holdUs, offenders);
    }

    private static string OneOf(string value, string what, IReadOnlyList<string> valid) => valid.Contains(value)
        ? value
        : throw new UsageException($"{Command}: unknown {what} '{value}'; valid: {string.Join(", ", valid)}");
}
