using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Bench.Configuration;
using Harness;
using Harness.Commands;
using Spectre.Console;

namespace Bench;

/// <summary>
/// Entry point. The suite's own commands (<c>table</c>, the default, <c>report</c>, <c>compare</c>, <c>publish</c>,
/// <c>help</c> and the hidden <c>scenario</c>) are System.CommandLine's (<see cref="BenchCommandLine"/>); a first argument
/// starting with a dash that is not a table option or a help option goes, with all the others, to BenchmarkDotNet
/// (<c>--filter</c>, <c>--list</c>, <c>--anyCategories</c>, <c>--job</c>, ...), checked first so a mistake is one line.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // A redirected output (CI logs, a pipe) never touches AnsiConsole: plain lines, as before the live view existed.
        var commands = new BenchCommandLine(console => Console.IsOutputRedirected ? null : LiveProgress.ForTerminal(AnsiConsole.Console, outputRedirected: false));
        (Target target, string[] arguments) = Route(args, commands.Table.OptionNames);
        return target == Target.BenchmarkDotNet
            ? FailureBoundary.Run(() => RunBenchmarkDotNet(arguments, commands.Table.OptionNames), Console.Error)
            : commands.Run(arguments, Console.Out, Console.Error);
    }

    /// <summary>Who gets the arguments.</summary>
    internal enum Target
    {
        /// <summary>The suite's commands (<see cref="BenchCommandLine"/>).</summary>
        Commands,

        /// <summary>BenchmarkDotNet, with every argument.</summary>
        BenchmarkDotNet,
    }

    /// <summary>The help options, which are ours even though they start with a dash.</summary>
    private static readonly string[] s_helpOptions = ["--help", "-h", "-?"];

    /// <summary>
    /// Which side the arguments go to, and the arguments it gets: no arguments, or a table option first, mean the table
    /// (README's main command is <c>bench</c> alone); another dash option means BenchmarkDotNet.
    /// </summary>
    internal static (Target Target, string[] Arguments) Route(string[] args, IReadOnlyList<string> tableOptions)
    {
        if (args.Length == 0) return (Target.Commands, [TableCommandDefinition.CommandName]);
        if (tableOptions.Contains(args[0].Split('=', 2)[0])) return (Target.Commands, [TableCommandDefinition.CommandName, .. args]);
        if (args[0].StartsWith('-') && !s_helpOptions.Contains(args[0])) return (Target.BenchmarkDotNet, args);
        return (Target.Commands, args);
    }

    /// <summary>BenchmarkDotNet options that only print and never run a benchmark.</summary>
    private static readonly string[] s_informationalOptions = ["--list", "--help", "-h", "--info", "--version"];

    private static int RunBenchmarkDotNet(string[] args, IReadOnlyList<string> tableOptions)
    {
        (string[] rest, Job? job) = TakeJob(args);
        BenchmarkDotNetOptions.Validate(rest, tableOptions);
        // A --list whose filter matches nothing prints nothing at all; watch what it writes to tell that from a listing.
        bool listing = args.Any(arg => arg == "--list" || arg.StartsWith("--list=", StringComparison.Ordinal));
        TextWriter original = Console.Out;
        WrittenTextWatcher? watched = listing ? new WrittenTextWatcher(original) : null;
        if (watched is not null) Console.SetOut(watched);
        List<BenchmarkDotNet.Reports.Summary> summaries;
        try
        {
            summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, BenchConfig.Create(job)).ToList();
        }
        finally
        {
            if (watched is not null) Console.SetOut(original);
        }
        if (watched is { WroteText: false })
            throw new UsageException("no benchmark matched the filter; list them all with --list flat");
        if (summaries.Count == 0 && !args.Any(s_informationalOptions.Contains))
            throw new UsageException("no benchmark matched the filter; list them with --list flat");
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? ExitCodes.Failed : ExitCodes.Success;
    }

    /// <summary>
    /// Takes <c>--job NAME</c> (or <c>-j NAME</c>, <c>--job=NAME</c>) out of the arguments: the suite makes its unpinned
    /// and pinned jobs from it, where BenchmarkDotNet would add it as a third job beside them.
    /// </summary>
    internal static (string[] Others, Job? Job) TakeJob(string[] args)
    {
        var rest = new List<string>();
        Job? job = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? name = null;
            if (args[i] is "--job" or "-j")
                name = i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a job name: {string.Join(", ", PinningJobs.Presets.Keys)}");
            else if (args[i].StartsWith("--job=", StringComparison.Ordinal))
                name = args[i]["--job=".Length..];
            if (name is null)
            {
                rest.Add(args[i]);
                continue;
            }
            if (job is not null) throw new UsageException("--job is given more than once; give it once");
            job = PinningJobs.Presets.TryGetValue(name, out Job? preset)
                ? preset
                : throw new UsageException($"unknown job '{name}'; valid jobs: {string.Join(", ", PinningJobs.Presets.Keys)}");
        }
        return (rest.ToArray(), job);
    }
}
