using System.Globalization;
using System.Text.RegularExpressions;
using Harness.Cli;
using Harness.Measurement;
using Harness.Reporting;

namespace Harness.Running;

/// <summary>
/// <c>publish RUN_DIR [--results DIR]</c>: copies a finished run into <c>results/&lt;date&gt;_&lt;machine&gt;/</c>
/// (never over an existing folder) and regenerates <c>results/README.md</c>. The machine part names the
/// machine class (cores and CPU model), so runs on like machines can be compared.
/// </summary>
public static partial class PublishCommand
{
    public const string Command = "publish";

    public const string IndexFile = "README.md";

    private static readonly string[] s_files = [ResultsStore.ResultsFile, ResultsStore.SamplesFile, ResultsStore.EnvironmentFile, ResultsStore.ReportFile];

    public static int Run(IReadOnlyList<string> args, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        string? run = null;
        string results = Path.Combine(OutputFolder.RepositoryRoot() ?? Directory.GetCurrentDirectory(), "results");
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--results")
                results = i + 1 < args.Count ? args[++i] : throw new UsageException($"{Command}: --results needs a folder");
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"{Command}: unknown option '{args[i]}'; valid options: --results");
            else if (run is null)
                run = args[i];
            else
                throw new UsageException($"{Command}: usage: publish RUN_DIR [--results DIR]");
        }
        if (run is null) throw new UsageException($"{Command}: usage: publish RUN_DIR [--results DIR]");
        if (!Directory.Exists(run)) throw new UsageException($"{Command}: no such folder '{run}'");
        foreach (string file in s_files)
            if (!File.Exists(Path.Combine(run, file))) throw new UsageException($"{Command}: '{run}' has no {file}: not a finished run");
        try
        {
            _ = ResultsStore.ReadResults(Path.Combine(run, ResultsStore.ResultsFile));
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"{Command}: {e.Message}");
        }

        EnvironmentInfo? env = ResultsStore.ReadEnvironment(run);
        DateTimeOffset when = env?.CapturedAt ?? DateTimeOffset.UtcNow;
        string name = $"{when.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_{MachineClass(env)}";
        string target = Path.Combine(results, name);
        if (Directory.Exists(target))
        {
            name += "_" + when.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture);
            target = Path.Combine(results, name);
        }
        if (Directory.Exists(target)) throw new UsageException($"{Command}: '{target}' already exists; nothing was overwritten");
        Directory.CreateDirectory(target);
        foreach (string file in s_files) File.Copy(Path.Combine(run, file), Path.Combine(target, file));
        WriteIndex(results);
        console.WriteLine(target);
        return 0;
    }

    /// <summary>Rebuilds results/README.md from every published folder, oldest first.</summary>
    public static void WriteIndex(string results)
    {
        var runs = Directory.EnumerateDirectories(results)
            .Where(d => File.Exists(Path.Combine(d, ResultsStore.ResultsFile)))
            .OrderBy(d => Path.GetFileName(d), StringComparer.Ordinal)
            .Select(d => new ResultsIndex.PublishedRun(Path.GetFileName(d), ResultsStore.ReadResults(Path.Combine(d, ResultsStore.ResultsFile))))
            .ToList();
        File.WriteAllText(Path.Combine(results, IndexFile), ResultsIndex.Build(runs));
    }

    /// <summary>"2c-intel-xeon-processor": cores and CPU model, lower case, safe in a folder name.</summary>
    public static string MachineClass(EnvironmentInfo? env)
    {
        if (env is null) return "unknown-machine";
        string cpu = NonWord().Replace(env.CpuModel.ToLowerInvariant(), "-").Trim('-');
        return $"{env.LogicalCores}c-{(cpu.Length > 40 ? cpu[..40].TrimEnd('-') : cpu)}";
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
