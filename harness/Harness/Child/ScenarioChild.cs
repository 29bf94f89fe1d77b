using Harness.Models;
using Harness.Native;
using Harness.Scenarios;

namespace Harness.Child;

/// <summary>
/// The child-process plumbing of a table run, and the child protocol (peers/PROTOCOL.md): the parent starts every
/// scenario in a fresh process (<see cref="ScenarioProcess"/>, through <see cref="ChildCommand"/>) with its spec as
/// JSON, under a timeout and a parent watch (<see cref="ParentWatchdog"/>); the child (this class, or a peer program)
/// runs it and answers with one <see cref="ChildProtocol"/> line. Whatever happens to a child, the parent gets an
/// outcome to record.
/// </summary>
/// <remarks>
/// The child side of a table run: parses the <c>scenario --spec JSON</c> command (peers/PROTOCOL.md), checks the
/// CPU pinning it was started with, runs the scenario and prints its <see cref="ChildProtocol"/> line.
/// </remarks>
public static class ScenarioChild
{
    /// <summary>The hidden command a table run starts each scenario child with.</summary>
    public const string Command = "scenario";

    /// <summary>The command's arguments for one spec: <c>--spec JSON</c>.</summary>
    public static IReadOnlyList<string> Arguments(ScenarioSpec spec) => ["--spec", ScenarioSpecJson.Serialize(spec)];

    /// <summary>
    /// Test hook: <c>BENCH_FAULT=crash:NAME</c> or <c>hang:NAME</c> (several separated by ';') makes the
    /// scenario with that <see cref="ScenarioSpec.Name"/> crash the process or hang, so that tests can prove a
    /// run survives both.
    /// </summary>
    public const string FaultVariable = "BENCH_FAULT";

    private static void InjectFault(ScenarioSpec spec)
    {
        string? faults = Environment.GetEnvironmentVariable(FaultVariable);
        if (string.IsNullOrEmpty(faults)) return;
        foreach (string fault in faults.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = fault.Split(':', 2);
            if (parts.Length != 2 || parts[1] != spec.Name) continue;
            if (parts[0] == "crash") Environment.FailFast($"injected crash in {spec.Name}");
            if (parts[0] == "hang") Thread.Sleep(Timeout.Infinite);
        }
    }

    public static int Main(IReadOnlyList<string> args, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(args);
        ScenarioSpec spec;
        try
        {
            spec = args.Count == 2 && args[0] == "--spec"
                ? ScenarioSpecJson.Parse(args[1], ExecutionModels.Available)
                : throw new BadSpecException($"usage: {Command} --spec JSON (got {args.Count} argument(s))");
        }
        catch (BadSpecException e)
        {
            stdout.WriteLine(ChildProtocol.FormatFailure("bad spec: " + e.Message));
            Console.Error.WriteLine($"error: {Command}: bad spec: {e.Message}");
            return ChildExitCodes.BadSpec;
        }
        ParentWatchdog.StartIfAsked();
        IReadOnlyList<int> cpus = Libc.GetAffinity();
        try
        {
            if (spec.Pinned && cpus.Count != 1)
                throw new InvalidOperationException(
                    $"scenario asks to be pinned to one CPU but may run on {cpus.Count} ({string.Join(",", cpus)})");
            InjectFault(spec);
            IReadOnlyList<Series> series = ScenarioRunner.Execute(spec);
            stdout.WriteLine(ChildProtocol.FormatResult(
                new ChildProtocol.ChildReport(series, string.Join(",", cpus), Environment.ProcessorCount, $".NET {Environment.Version}")));
            return 0;
        }
#pragma warning disable CA1031 // Any failure of the scenario is reported to the parent, which records it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stdout.WriteLine(ChildProtocol.FormatFailure($"{e.GetType().Name}: {e.Message}"));
            Console.Error.WriteLine(e);
            return ChildExitCodes.ScenarioFailed;
        }
    }
}
