using System.Globalization;
using System.Text.RegularExpressions;
using Harness.Measurement;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Storage;

namespace Harness.Running;

/// <summary>
/// <c>publish RUN_DIR [--results DIR]</c>: copies a finished run into <c>results/&lt;date&gt;_&lt;machine&gt;/</c>
/// (never over an existing folder) and regenerates <c>results/README.md</c>. The machine part names the
/// machine class (cores and CPU model), so runs on like machines can be compared. Only complete runs of real
/// sizes are published, each once.
/// <para>
/// What is published is what a reader and <c>compare</c> need, kept small in git (a weekly run must not grow the
/// repository by megabytes): results.csv, env.json, run.json, the report with whatever it links (details/, charts/),
/// and every sample as series.csv.gz (<see cref="SampleSeries"/>: a row per series, whole numbers as differences,
/// gzip-compressed; about a twentieth of samples.csv, and a third of samples.csv gzip-compressed alone), read back as
/// samples.csv rows, the same values. The raw samples.csv stays in the run's folder, which the weekly workflow uploads
/// as an artifact.
/// </para>
/// </summary>
public static partial class PublishCommand
{
    public const string Command = "publish";

    public const string IndexFile = "README.md";

    /// <summary>The files a finished run must have and that are published as they are (the samples are compressed).</summary>
    private static readonly string[] s_files = [RunFiles.ResultsFile, RunFiles.EnvironmentFile, RunFiles.ReportFile];

    /// <summary>The folders of files the report links (its detail pages and its charts), published whole where the run has them.</summary>
    public static readonly IReadOnlyList<string> ReportFolders = ["details", "charts"];

    /// <summary>The results/ folder of the repository (or of the current folder outside one).</summary>
    public static string DefaultResultsDirectory => Path.Combine(NewRunFolder.RepositoryRoot() ?? Directory.GetCurrentDirectory(), "results");

    public static int Run(PublishOptions options, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        string results = options.ResultsDirectory;
        if (options.Upgrade is { } published) return Upgrade(published, console);
        if (options.Run is not { } run) return Reindex(results, console);
        try
        {
            return Publish(run, results, options.BenchmarkDotNetResults, console);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"{Command}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{Command}: cannot publish '{run}' into '{results}': {e.Message}");
        }
    }

    /// <summary>Rebuilds results/README.md alone, e.g. after a published run was withdrawn or the index format changed.</summary>
    private static int Reindex(string results, TextWriter console)
    {
        RunFolderReader.RequireExisting(Command, results);
        using RunFolderLock held = RunFolderReader.Lock(Command, results, "a publish");
        try
        {
            foreach (string warning in WriteIndex(results)) console.WriteLine($"warning: {warning}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{Command}: cannot rebuild the index in '{results}': {e.Message}");
        }
        console.WriteLine(Path.Combine(results, IndexFile));
        return 0;
    }

    /// <summary>
    /// Checks the run, then copies it and rebuilds the index; nothing is copied unless every check passed. The copy
    /// goes into a hidden folder inside results/ and is renamed into place only once every file is complete and on
    /// disk, so a publish that fails half-way (a full disk, a kill) leaves no folder that looks published, and a
    /// retry works. The run's folder and results/ are both locked meanwhile.
    /// </summary>
    private static int Publish(string run, string results, string? bdn, TextWriter console)
    {
        RunFolderReader.RequireExisting(Command, run);
        if (bdn is not null)
        {
            RunFolderReader.RequireExisting(Command, bdn);
            if (BenchmarkDotNetExports.In(bdn).Count == 0)
                throw new UsageException($"{Command}: '{bdn}' has no BenchmarkDotNet exports (*{BenchmarkDotNetExports.GitHubMarkdownSuffix}, "
                    + $"*{BenchmarkDotNetExports.FullJsonSuffix}); give its results folder, BenchmarkDotNet.Artifacts/results");
        }
        using RunFolderLock runHeld = RunFolderReader.Lock(Command, run, "a publish");
        foreach (string file in s_files)
            if (!File.Exists(Path.Combine(run, file))) throw new UsageException($"{Command}: '{run}' has no {file}: not a finished run");
        if (!RunFiles.HasSamples(run)) throw new UsageException($"{Command}: '{run}' has no {RunFiles.SamplesFile}: not a finished run");
        IReadOnlyList<ResultRow> rows = RunFolderReader.ReadResults(Command, run, "nothing to publish");
        IReadOnlyList<SampleRow> samples = RunFolderReader.ReadSamples(Command, run);
        RunManifest manifest = RunFiles.ReadManifest(run)
            ?? throw new UsageException($"{Command}: '{run}' has no {RunFiles.ManifestFile}: not a run of this table command");
        if (manifest.Size == RunManifest.Tiny)
            throw new UsageException($"{Command}: '{run}' was run with test sizes ({ScenarioPlan.TinyVariable}=1); those numbers are not for publishing");
        // Complete is what the run said of itself at its end; the scenario lists must agree with it.
        if (!manifest.Complete || manifest.NotRun.Count > 0 || manifest.Planned.Count == 0)
            throw new UsageException($"{Command}: '{run}' is not a complete run ({manifest.NotRun.Count} of {manifest.Planned.Count} "
                + "planned scenarios not run); publish only complete runs");
        if (samples.Count == 0 && rows.Any(r => r.Succeeded))
            throw new UsageException($"{Command}: {RunFiles.SamplesPath(run)} has no rows although {RunFiles.ResultsFile} has "
                + "measured ones: the raw samples are missing");
        EnvironmentInfo env = RunFiles.ReadEnvironment(run)
            ?? throw new UsageException($"{Command}: '{run}' has no {RunFiles.EnvironmentFile}");

        if (File.Exists(results)) throw new UsageException($"{Command}: '{results}' is a file; --results needs a folder");
        Directory.CreateDirectory(results);
        using RunFolderLock resultsHeld = RunFolderReader.Lock(Command, results, "a publish");
        RemoveUnfinishedCopies(results);
        foreach (string existing in PublishedFolders(results))
        {
            EnvironmentInfo? other = PublishedRuns.TryRead(() => RunFiles.ReadEnvironment(existing));
            if (other is not null && other.CapturedAt == env.CapturedAt && other.MachineName == env.MachineName)
                throw new UsageException($"{Command}: '{run}' is already published as '{existing}'; nothing was copied");
        }

        string name = $"{env.CapturedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_{MachineClass(env)}";
        string target = Path.Combine(results, name);
        if (Directory.Exists(target))
        {
            name += "_" + env.CapturedAt.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture);
            target = Path.Combine(results, name);
        }
        if (Directory.Exists(target)) throw new UsageException($"{Command}: '{target}' already exists; nothing was overwritten");
        CopyThenRename(run, rows, samples, results, target, bdn ?? Path.Combine(run, BenchmarkDotNetExports.Folder));
        foreach (string warning in WriteIndex(results)) console.WriteLine($"warning: {warning}");
        int failed = rows.Count(r => r.Status == ResultRow.StatusFailed); // a skipped peer is not a failure
        if (failed > 0) console.WriteLine($"warning: published with {failed} failed scenario row(s); the report lists them");
        console.WriteLine(target);
        return 0;
    }

    /// <summary>Prefix of the hidden folder a publish copies into before it renames it into place.</summary>
    private const string UnfinishedPrefix = ".publishing-";

    private static void CopyThenRename(string run, IReadOnlyList<ResultRow> rows, IReadOnlyList<SampleRow> samples, string results, string target, string bdn)
    {
        string staging = Path.Combine(results, $"{UnfinishedPrefix}{Path.GetFileName(target)}-{Environment.ProcessId}");
        Directory.CreateDirectory(staging);
        try
        {
            // results.csv is written from its rows rather than copied, so a run made with an older format is published in
            // the current one.
            foreach (string file in s_files.Append(RunFiles.ManifestFile).Where(f => f != RunFiles.ResultsFile))
                AtomicFile.Copy(Path.Combine(run, file), Path.Combine(staging, file));
            // A rerun recorded before publishing stays with the run, so a later `report` keeps its section.
            if (File.Exists(Path.Combine(run, RunFiles.RerunFile)))
                AtomicFile.Copy(Path.Combine(run, RunFiles.RerunFile), Path.Combine(staging, RunFiles.RerunFile));
            RunFiles.WriteResults(Path.Combine(staging, RunFiles.ResultsFile), rows);
            RunFiles.WriteSeries(Path.Combine(staging, RunFiles.SeriesFile), samples);
            foreach (string folder in ReportFolders) CopyFolder(Path.Combine(run, folder), Path.Combine(staging, folder));
            IReadOnlyList<string> exports = BenchmarkDotNetExports.In(bdn);
            if (exports.Count > 0) Directory.CreateDirectory(Path.Combine(staging, BenchmarkDotNetExports.Folder));
            foreach (string export in exports)
            {
                SafeFile.RequireRegularFile(export, SafeFile.MaxCsvBytes);
                AtomicFile.Copy(export, Path.Combine(staging, BenchmarkDotNetExports.Folder, Path.GetFileName(export)));
            }
            // The report was rendered before the exports were given: the published copy links them.
            string report = Path.Combine(staging, RunFiles.ReportFile);
            if (exports.Count > 0)
                AtomicFile.WriteAllText(report, BenchmarkDotNetExports.AppendLinks(SafeFile.ReadAllText(report, SafeFile.MaxCsvBytes), staging));
            Directory.Move(staging, target);
            AtomicFile.SyncFolder(results);
        }
        catch
        {
            TryDeleteFolder(staging);
            throw;
        }
    }

    /// <summary>Copies a folder's regular files and subfolders, if the folder is there; temporary files of unfinished
    /// writes are left behind.</summary>
    private static void CopyFolder(string source, string target)
    {
        if (!Directory.Exists(source)) return;
        Directory.CreateDirectory(target);
        foreach (string file in Directory.EnumerateFiles(source).Where(f => !AtomicFile.IsTemporary(f)))
        {
            SafeFile.RequireRegularFile(file, SafeFile.MaxCsvBytes);
            AtomicFile.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        foreach (string folder in Directory.EnumerateDirectories(source)) CopyFolder(folder, Path.Combine(target, Path.GetFileName(folder)));
    }

    /// <summary>Removes the staging folders of publishes that were killed before their rename (we hold results/'s lock).</summary>
    private static void RemoveUnfinishedCopies(string results)
    {
        foreach (string dir in Directory.EnumerateDirectories(results, UnfinishedPrefix + "*")) TryDeleteFolder(dir);
    }

    private static void TryDeleteFolder(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Hidden, skipped by every reader, and removed by the next publish.
        }
    }

    /// <summary>The published runs' folders: hidden ones (an unfinished publish's staging folder) and the index's charts
    /// are not runs.</summary>
    private static IEnumerable<string> PublishedFolders(string results) =>
        Directory.EnumerateDirectories(results).Where(d => !Path.GetFileName(d).StartsWith('.') && Path.GetFileName(d) != ResultsIndex.ChartsFolder);



    /// <summary>Rebuilds results/README.md and its charts (results/charts/, whose other files are removed) from every
    /// published folder; returns a warning for each folder left out because its results.csv could not be read.</summary>
    public static IReadOnlyList<string> WriteIndex(string results)
    {
        var warnings = new List<string>();
        var runs = new List<ResultsIndex.PublishedRun>();
        foreach (string dir in PublishedFolders(results).Order(StringComparer.Ordinal))
        {
            string file = Path.Combine(dir, RunFiles.ResultsFile);
            if (!File.Exists(file)) continue;
            try
            {
                IReadOnlyList<ResultRow> rows = RunFolderReader.Format1(dir)?.Results ?? RunFiles.ReadResults(file);
                EnvironmentInfo? env = PublishedRuns.TryRead(() => RunFiles.ReadEnvironment(dir));
                string? size = PublishedRuns.TryRead(() => RunFiles.ReadManifest(dir))?.Size;
                runs.Add(new ResultsIndex.PublishedRun(Path.GetFileName(dir), MachineClass(env), env?.CapturedAt ?? Directory.GetLastWriteTimeUtc(dir), size, rows)
                {
                    BenchmarkDotNetReports = BenchmarkDotNetExports.In(Path.Combine(dir, BenchmarkDotNetExports.Folder))
                        .Where(f => f.EndsWith(BenchmarkDotNetExports.GitHubMarkdownSuffix, StringComparison.Ordinal))
                        .Select(f => $"{BenchmarkDotNetExports.Folder}/{Path.GetFileName(f)}")
                        .ToList(),
                });
            }
            catch (InvalidDataException e)
            {
                warnings.Add($"left out of {IndexFile}: {e.Message}");
            }
        }
        ResultsIndex.Index index = ResultsIndex.Build(runs);
        string charts = Path.Combine(results, ResultsIndex.ChartsFolder);
        if (Directory.Exists(charts))
            foreach (string stale in Directory.EnumerateFiles(charts).Where(f => !index.Charts.ContainsKey($"{ResultsIndex.ChartsFolder}/{Path.GetFileName(f)}")))
                File.Delete(stale);
        foreach ((string path, string svg) in index.Charts)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(results, path))!);
            AtomicFile.WriteAllText(Path.Combine(results, path), svg);
        }
        AtomicFile.WriteAllText(Path.Combine(results, IndexFile), index.Markdown);
        return warnings;
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
