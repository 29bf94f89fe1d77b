using System.Text.Json;
using CsvHelper;
using Harness.Measurement;
using Harness.Models;
using Harness.Reporting;
using Harness.Scenarios;

namespace Harness.Storage;

// Storage/: a run folder on disk. RunFiles names its files (results.csv, samples.csv, env.json, run.json,
// report.md) and reads each with checks; RunWriter writes them while a run goes on; RunFolderLock keeps one writer
// per folder; AtomicFile replaces a file whole, SafeFile refuses what is not a regular file of sane size before
// it is opened, and NullChecks refuses JSON that leaves out what a record needs.

/// <summary>
/// The files a run folder holds, by name, and their readers: each reader checks what it reads (a regular file within
/// a size cap, every row one that a run writes, no identity twice) and refuses a malformed file with an
/// <see cref="InvalidDataException"/> naming file and line. <see cref="RunWriter"/> writes these files during a run;
/// <see cref="Running.RunFolderReader"/> reads them for a command, with one-line errors.
/// </summary>
public static class RunFiles
{
    public const string ResultsFile = "results.csv";
    public const string SamplesFile = "samples.csv";

    /// <summary>samples.csv gzip-compressed: what runs published before <see cref="SeriesFile"/> kept.</summary>
    public const string CompressedSamplesFile = SamplesFile + ".gz";

    /// <summary>The samples a published run keeps: a row per series (<see cref="SampleSeries"/>), gzip-compressed.</summary>
    public const string SeriesFile = "series.csv.gz";
    public const string EnvironmentFile = "env.json";
    public const string ReportFile = "report.md";
    public const string ManifestFile = "run.json";

    /// <summary>How a second run of the same commit compared with this one (<see cref="RerunRecord"/>); written by
    /// <c>compare --record</c>, read by the report.</summary>
    public const string RerunFile = "rerun.json";

    /// <summary>snake_case, indented: the JSON files of a run as both writer and readers see them.</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Reads run.json, or null if the folder has none (runs published before it existed).</summary>
    public static RunManifest? ReadManifest(string directory)
    {
        string path = Path.Combine(directory, ManifestFile);
        RunManifest? manifest = ReadJson<RunManifest>(path);
        return manifest is { Size: "" }
            ? throw new InvalidDataException($"{path}: not a valid RunManifest: it has no size (quick, full or {RunManifest.Tiny})")
            : manifest;
    }

    private static readonly CsvReaderOptions s_readerOptions = CsvReaderOptions.Default with
    {
        TrackLineNumbers = true,
        CommentPrefix = ResultsFormat.CommentPrefix,
    };

    /// <summary>Reads a results.csv back, of format 2 or 3 (<see cref="ResultsFormat"/>; format 2's estimators in words
    /// become their ids); a malformed file, or one of a newer format, is an <see cref="InvalidDataException"/> naming file
    /// and line.</summary>
    public static IReadOnlyList<ResultRow> ReadResults(string path)
    {
        int format = SafeFile.ExistsAsRegularFile(path) && new FileInfo(path).Length > 0 ? ResultsFormat.Of(path) : ResultsFormat.Current;
        IReadOnlyList<ResultRow> rows = Read<ResultRow>(path, r => r.GetRecords<ResultRow>(), row => ProblemOf(row, format),
            // A memory point is read once per launch at one N (its samples tell the launches apart, see ReadSamples), and
            // so may fail once per launch.
            row => row.Statistic == Statistics.Point || (row.Metric == MetricIds.Memory && !row.Succeeded) ? null : $"{row.Key} {row.Statistic}");
        return format == ResultsFormat.Current ? rows : rows.Select(r => r with { Estimator = Statistics.EstimatorIdOf(r.Estimator)! }).ToList();
    }

    /// <summary>
    /// The folder's samples file: samples.csv where the run wrote it, else series.csv.gz (a published run), else
    /// samples.csv.gz (a run published before series.csv.gz), else the path samples.csv would have, for a reader's "no
    /// such file".
    /// </summary>
    public static string SamplesPath(string directory)
    {
        string plain = Path.Combine(directory, SamplesFile);
        if (SafeFile.ExistsAsRegularFile(plain)) return plain;
        return new[] { SeriesFile, CompressedSamplesFile }.Select(f => Path.Combine(directory, f)).FirstOrDefault(SafeFile.ExistsAsRegularFile) ?? plain;
    }

    /// <summary>Whether the folder has a samples file, plain or compressed.</summary>
    public static bool HasSamples(string directory) => File.Exists(SamplesPath(directory));

    /// <summary>Reads a samples.csv (or a samples.csv.gz) back; a malformed file is an <see cref="InvalidDataException"/> naming
    /// file and line.</summary>
    public static IReadOnlyList<SampleRow> ReadSamples(string path) =>
        Path.GetFileName(path) == SeriesFile
            ? Read<SeriesRow>(path, r => r.GetRecords<SeriesRow>(), row => IdentityProblem(row.Metric, row.Model) ?? SampleSeries.ProblemOf(row),
                row => $"{row.Key} launch {row.Launch}").SelectMany(SampleSeries.Unpack).ToList()
            : Read<SampleRow>(path, r => r.GetRecords<SampleRow>(), ProblemOf, sample => $"{sample.Key} launch {sample.Launch} sample {sample.Index}");

    /// <summary>How the CSV files of a run are written: "\n" line ends, and <see cref="ResultsFormat.CommentPrefix"/> for
    /// results.csv's version line.</summary>
    internal static readonly CsvWriterOptions CsvWriting = CsvWriterOptions.Default with { NewLine = "\n", CommentPrefix = ResultsFormat.CommentPrefix };

    /// <summary>Writes <paramref name="rows"/> as a results.csv of the current format (<see cref="ResultsFormat"/>):
    /// complete or absent. What publish writes, and what <c>publish --upgrade</c> converts an older file to.</summary>
    public static void WriteResults(string path, IReadOnlyList<ResultRow> rows) => AtomicFile.Write(path, stream =>
    {
        using CsvWriter writer = CsvWriter.Create(stream, CsvWriting, leaveOpen: true);
        ResultsFormat.WriteVersion(writer);
        writer.WriteHeader<ResultRow>();
        foreach (ResultRow row in rows) writer.WriteRecord(row);
        writer.Flush();
    });

    /// <summary>Writes <paramref name="samples"/> as a series file (<see cref="SeriesFile"/>): complete or absent.</summary>
    public static void WriteSeries(string path, IReadOnlyList<SampleRow> samples)
    {
        IReadOnlyList<SeriesRow> rows = SampleSeries.Pack(samples);
        AtomicFile.Write(path, stream =>
        {
            using var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true);
            using CsvWriter writer = CsvWriter.Create(gzip, CsvWriting, leaveOpen: true);
            writer.WriteHeader<SeriesRow>();
            foreach (SeriesRow row in rows) writer.WriteRecord(row);
            writer.Flush();
        });
    }

    /// <summary>What no run of this suite writes: a row that parses but names an unknown metric or model, or counts below zero.</summary>
    private static string? ProblemOf(ResultRow row, int format) =>
        IdentityProblem(row.Metric, row.Model)
        ?? EstimatorProblem(row.Estimator, format)
        ?? (double.IsInfinity(row.Value) || double.IsInfinity(row.CiLower) || double.IsInfinity(row.CiUpper)
            ? $"value {row.Value} ({row.CiLower}, {row.CiUpper}) is not a number a run measures" : null)
        ?? (row.Status is not (ResultRow.StatusOk or ResultRow.StatusFailed or ResultRow.StatusSkipped) ? $"status '{row.Status}' is neither {ResultRow.StatusOk} nor {ResultRow.StatusFailed} nor {ResultRow.StatusSkipped}"
        : row.Samples < 0 ? $"samples is {row.Samples}, below zero"
        : row.Modes < 0 ? $"modes is {row.Modes}, below zero"
        : null);

    /// <summary>An estimator that no run of the file's format writes: format 3 holds ids, format 2 their words.</summary>
    private static string? EstimatorProblem(string estimator, int format) =>
        estimator.Length == 0 || (format == ResultsFormat.Current ? Statistics.EstimatorDescriptions.ContainsKey(estimator) : Statistics.EstimatorIdOf(estimator) is not null)
            ? null
            : $"unknown estimator '{estimator}'; valid estimators: {string.Join(", ", format == ResultsFormat.Current ? Statistics.EstimatorDescriptions.Keys : Statistics.EstimatorDescriptions.Values)}";

    private static string? ProblemOf(SampleRow row) =>
        IdentityProblem(row.Metric, row.Model)
        ?? (!double.IsFinite(row.Value) ? $"value {row.Value} is not a number a run measures (what was not measured has no sample)"
        : row.Index < 0 ? $"index is {row.Index}, below zero"
        : row.Launch < 0 ? $"launch is {row.Launch}, below zero"
        : row.Units < 0 ? $"units is {row.Units}, below zero"
        : null);

    private static string? IdentityProblem(string metric, string model) =>
        !MetricIds.All.Contains(metric) ? $"unknown metric '{metric}'; valid metrics: {string.Join(", ", MetricIds.All)}"
        : !ModelIds.All.Contains(model) ? $"unknown model '{model}'; valid models: {string.Join(", ", ModelIds.All)}"
        : null;

    /// <summary>
    /// Reads every row, refusing the first that no run writes (<paramref name="problemOf"/>) or whose identity
    /// (<paramref name="keyOf"/>) an earlier row already had: a file appended to itself, or two runs interleaved in one,
    /// would otherwise count every sample twice.
    /// </summary>
    private static List<T> Read<T>(string path, Func<CsvReader, IEnumerable<T>> records, Func<T, string?> problemOf, Func<T, string?> keyOf)
    {
        using Stream file = OpenCsv(path);
        using CsvReader reader = CsvReader.Create(file, s_readerOptions, leaveOpen: true);
        try
        {
            var rows = new List<T>();
            var seen = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (T row in records(reader))
            {
                if (problemOf(row) is { } problem) throw new InvalidDataException($"{path}:{reader.LineNumber}: {problem}");
                if (keyOf(row) is { } key && !seen.TryAdd(key, reader.LineNumber))
                    throw new InvalidDataException($"{path}:{reader.LineNumber}: duplicate row: {key} is already on line {seen[key]}");
                rows.Add(row);
            }
            return rows;
        }
        catch (CsvFormatException e)
        {
            string where = e.LineNumber > 0 ? $"{path}:{e.LineNumber}" : e.RecordNumber > 0 ? $"{path}, record {e.RecordNumber}" : path;
            string what = e.Member is null ? e.Message : $"column for {e.Member}: {e.InnerException?.Message ?? e.Message}";
            throw new InvalidDataException($"{where}: {what}", e);
        }
        catch (KeyNotFoundException e)
        {
            throw new InvalidDataException($"{path}:1: missing column: {e.Message}", e);
        }
    }

    /// <summary>A CSV file of the run, opened after the checks: a .gz one decompressed within the CSV cap.</summary>
    private static Stream OpenCsv(string path)
    {
        if (path.EndsWith(".gz", StringComparison.Ordinal)) return GzipFile.OpenRead(path, SafeFile.MaxCsvBytes);
        FileStream file = SafeFile.OpenRead(path, SafeFile.MaxCsvBytes);
        try
        {
            if (file.Length == 0) throw new InvalidDataException($"{path}:1: the file is empty (not even a header line)");
            if (Legacy.LegacyResults.IsFormat1(path))
                throw new InvalidDataException($"{path}:1: results format 1 (a 'variant' column); read the run's folder, which converts it");
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads rerun.json, or null if the folder has none (no rerun was recorded).</summary>
    public static RerunRecord? ReadRerun(string directory) => ReadJson<RerunRecord>(Path.Combine(directory, RerunFile));

    /// <summary>Writes rerun.json whole (atomically), replacing an earlier record.</summary>
    public static void WriteRerun(string directory, RerunRecord record) =>
        AtomicFile.WriteAllText(Path.Combine(directory, RerunFile), JsonSerializer.Serialize(record, Json));

    public static EnvironmentInfo? ReadEnvironment(string directory) => ReadJson<EnvironmentInfo>(Path.Combine(directory, EnvironmentFile));

    /// <summary>A JSON file of the run, or null if absent; a malformed one is an <see cref="InvalidDataException"/> naming it.</summary>
    private static T? ReadJson<T>(string path)
        where T : class
    {
        if (!SafeFile.ExistsAsRegularFile(path)) return null;
        try
        {
            T value = JsonSerializer.Deserialize<T>(SafeFile.ReadAllText(path, SafeFile.MaxJsonBytes), Json)
                ?? throw new InvalidDataException($"{path}: empty JSON document");
            return NullChecks.FirstViolation(value) is { } problem
                ? throw new InvalidDataException($"{path}: not a valid {typeof(T).Name}: {problem}")
                : value;
        }
        catch (JsonException e)
        {
            // JsonException's message repeats the position in its own terms ("Path: $.x | LineNumber: 11 | ..."; 0-based
            // lines): keep the reason, and say where as file:line (1-based) and the JSON path.
            string where = e.LineNumber is long line ? $"{path}:{line + 1}" : path;
            string reason = e.Message;
            int position = reason.IndexOf(" Path:", StringComparison.Ordinal);
            if (position < 0) position = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (position > 0) reason = reason[..position].TrimEnd();
            string member = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" (at {e.Path})";
            throw new InvalidDataException($"{where}: not a valid {typeof(T).Name}{member}: {reason}", e);
        }
    }
}
