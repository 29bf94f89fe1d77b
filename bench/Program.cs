using Harness.Child;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Bench.Configuration;
using Harness.Cli;
using Harness.Running;

namespace Bench;

/// <summary>
/// Entry point. <c>table</c> (the default) runs the suite's table; anything starting with a dash that is not
/// a table option goes to BenchmarkDotNet (<c>--filter</c>, <c>--list</c>, <c>--anyCategories</c>, ...);
/// <c>scenario</c> is the hidden command each table scenario runs in its own child process.
/// </summary>
public static class Program
{
    private const string Usage = """
        usage:
          bench [table] [--quick|--full] [--models thread,task,green] [--metrics creation,switch,memory,stall] [--out DIR] [--force] [--timeout SECONDS]
          bench report DIR                        (regenerate DIR/report.md from DIR/results.csv)
          bench compare BASE_DIR DIFF_DIR [--threshold 5%]   (exit 1 when something got slower)
          bench publish RUN_DIR [--results DIR]  (copy a run into results/<date>_<machine>/ and rebuild results/README.md)
          bench --filter '*Creation*' | --anyCategories thread | --list flat | ...   (BenchmarkDotNet)
          bench help
        """;

    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            (string command, string[] rest) = Route(args);
            return command switch
            {
                TableOptions.Command => RunTable(rest),
                ScenarioChild.Command => ScenarioChild.Main(rest, Console.Out),
                ReportCommand.Command => ReportCommand.Run(rest, Console.Out),
                CompareCommand.Command => CompareCommand.Run(rest, Console.Out),
                PublishCommand.Command => PublishCommand.Run(rest, Console.Out),
                "help" or "--help" or "-h" or "-?" => PrintUsage(),
                BenchmarkDotNetCommand => RunBenchmarkDotNet(rest),
                _ => throw new UsageException($"unknown command '{command}'; valid commands: table, report, compare, publish, help, or BenchmarkDotNet options such as --filter"),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return UsageException.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // The machine, not the arguments: a file that cannot be read or written, a full disk, a corrupt result file.
            Console.Error.WriteLine($"error: {e.Message}");
            return UsageException.ExitCode;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable(DebugVariable) != "1")
        {
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message} (set {DebugVariable}=1 for the stack trace)");
            return InternalErrorExitCode;
        }
    }

    /// <summary>Set to 1 to let an unexpected exception escape with its stack trace.</summary>
    private const string DebugVariable = "BENCH_DEBUG";

    /// <summary>Exit code of an unexpected failure (a bug): neither bad input nor a failed scenario.</summary>
    private const int InternalErrorExitCode = 3;

    /// <summary>Pseudo-command for arguments that go to BenchmarkDotNet unchanged.</summary>
    internal const string BenchmarkDotNetCommand = "(benchmarkdotnet)";

    /// <summary>
    /// Which command the arguments ask for, and the arguments that command gets: no arguments or a table option
    /// first mean the table; another dash option means BenchmarkDotNet (which gets every argument).
    /// </summary>
    internal static (string Command, string[] Arguments) Route(string[] args)
    {
        if (args.Length == 0) return (TableOptions.Command, []);
        if (IsTableOption(args[0])) return (TableOptions.Command, args);
        if (args[0].StartsWith('-') && args[0] is not ("--help" or "-h" or "-?")) return (BenchmarkDotNetCommand, args);
        return (args[0], args[1..]);
    }

    private static bool IsTableOption(string arg)
    {
        int eq = arg.IndexOf('=', StringComparison.Ordinal);
        return TableOptions.ValidOptions.Contains(eq < 0 ? arg : arg[..eq]);
    }

    private static int RunTable(string[] args)
    {
        TableOptions options = TableOptions.Parse(args);
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Console.Error.WriteLine("interrupted: stopping the current scenario and writing the report of what was measured");
            cancellation.Cancel();
        };
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Console.Error.WriteLine("terminated: stopping the current scenario and writing the report of what was measured");
            cancellation.Cancel();
        });
        IRunProgress? progress = LiveProgress.Supported ? new LiveProgress() : null;
        return new TableRunner(ChildCommand.ForCurrentProcess(), Console.Out, progress).Run(options, cancellation.Token);
    }

    /// <summary>BenchmarkDotNet options that only print and never run a benchmark.</summary>
    private static readonly string[] s_informationalOptions = ["--list", "--help", "-h", "--info", "--version"];

    private static int RunBenchmarkDotNet(string[] args)
    {
        (string[] rest, Job? job) = TakeJob(args);
        BenchmarkDotNetOptions.Validate(rest, TableOptions.ValidOptions);
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
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
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

    private static int PrintUsage()
    {
        Console.WriteLine(Usage);
        return 0;
    }
}
