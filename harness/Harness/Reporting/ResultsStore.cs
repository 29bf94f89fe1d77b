using System.Text.Json;
using CsvHelper;
using Harness.Measurement;
using Harness.Models;
using Harness.Scenarios;
using Harness.Storage;

namespace Harness.Reporting;

/// <summary>
/// The files of one run in its output folder: results.csv and samples.csv, appended and flushed to disk as each
/// scenario finishes so that an interrupted run keeps what it measured, plus env.json, run.json and report.md,
/// each replaced atomically (<see cref="AtomicFile"/>). An append that fails half-way (a full disk) is cut back to
/// the last whole scenario, so the files never end in a partial row.
/// </summary>
public sealed class ResultsStore : IDisposable
{
    public const string ResultsFile = "results.csv";
    public const string SamplesFile = "samples.csv";
    public const string EnvironmentFile = "env.json";
    public const string ReportFile = "report.md";
    public const string ManifestFile = "run.json";

    private static readonly CsvWriterOptions s_writerOptions = CsvWriterOptions.Default with { NewLine = "\n" };

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly FileStream _resultsFile;
    private readonly FileStream _samplesFile;
    private readonly CsvWriter _results;
    private readonly CsvWriter _samples;

    public string Directory { get; }

    private ResultsStore(string directory)
    {
        Directory = directory;
        _resultsFile = OpenForWriting(Path.Combine(directory, ResultsFile));
        _samplesFile = OpenForWriting(Path.Combine(directory, SamplesFile));
        _results = CsvWriter.Create(_resultsFile, s_writerOptions, leaveOpen: true);
        _samples = CsvWriter.Create(_samplesFile, s_writerOptions, leaveOpen: true);
        _results.WriteHeader<ResultRow>();
        _samples.WriteHeader<SampleRow>();
        FlushToDisk();
    }

    private void FlushToDisk()
    {
        _results.Flush();
        _samples.Flush();
        _resultsFile.Flush(flushToDisk: true);
        _samplesFile.Flush(flushToDisk: true);
    }

    /// <summary>Others may read the files while the run appends to them (a progress view, a later `report`).</summary>
    private static FileStream OpenForWriting(string path) => new(path, FileMode.Create, FileAccess.Write, FileShare.Read);

    /// <summary>Creates the folder's result files, after checking the folder can be written.</summary>
    public static ResultsStore Create(string directory) => new(directory);

    /// <summary>Appends one scenario's rows and samples and flushes them to disk; on failure both files are cut back to
    /// where they were, so no partial row stays behind.</summary>
    public void Append(IEnumerable<ResultRow> rows, IEnumerable<SampleRow> samples)
    {
        long resultsLength = _resultsFile.Length, samplesLength = _samplesFile.Length;
        try
        {
            foreach (ResultRow row in rows) _results.WriteRecord(row);
            foreach (SampleRow sample in samples) _samples.WriteRecord(sample);
            FlushToDisk();
        }
        catch (IOException)
        {
            TruncateTo(_resultsFile, resultsLength);
            TruncateTo(_samplesFile, samplesLength);
            throw;
        }
    }

    private static void TruncateTo(FileStream file, long length)
    {
        try
        {
            file.SetLength(length);
            file.Seek(length, SeekOrigin.Begin);
        }
        catch (IOException)
        {
            // The disk refuses even that: the reader's line check names the partial row.
        }
    }

    public void WriteEnvironment(EnvironmentInfo environment) =>
        AtomicFile.WriteAllText(Path.Combine(Directory, EnvironmentFile), JsonSerializer.Serialize(environment, s_json));

    public void WriteReport(string markdown) => AtomicFile.WriteAllText(Path.Combine(Directory, ReportFile), markdown);

    /// <summary>Replaces run.json atomically, so a kill or a full disk mid-write leaves the previous version.</summary>
    public void WriteManifest(RunManifest manifest) =>
        AtomicFile.WriteAllText(Path.Combine(Directory, ManifestFile), JsonSerializer.Serialize(manifest, s_json));

    /// <summary>Reads run.json, or null if the folder has none (runs published before it existed).</summary>
    public static RunManifest? ReadManifest(string directory) => ReadJson<RunManifest>(Path.Combine(directory, ManifestFile));

    public void Dispose()
    {
        _results.Dispose();
        _samples.Dispose();
        _resultsFile.Dispose();
        _samplesFile.Dispose();
    }

    private static readonly CsvReaderOptions s_readerOptions = CsvReaderOptions.Default with { TrackLineNumbers = true };

    /// <summary>Reads a results.csv back; a malformed file is an <see cref="InvalidDataException"/> naming file and line.</summary>
    public static IReadOnlyList<ResultRow> ReadResults(string path) =>
        Read<ResultRow>(path, r => r.GetRecords<ResultRow>(), ProblemOf,
            // A memory point may be repeated at one N (its samples tell the repeats apart, see ReadSamples).
            row => row.Statistic == Statistics.Point ? null : $"{row.Key} {row.Statistic}");

    /// <summary>Reads a samples.csv back; a malformed file is an <see cref="InvalidDataException"/> naming file and line.</summary>
    public static IReadOnlyList<SampleRow> ReadSamples(string path) =>
        Read<SampleRow>(path, r => r.GetRecords<SampleRow>(), ProblemOf, sample => $"{sample.Key} sample {sample.Index}");

    /// <summary>What no run of this suite writes: a row that parses but names an unknown metric or model, or counts below zero.</summary>
    private static string? ProblemOf(ResultRow row) =>
        IdentityProblem(row.Metric, row.Model)
        ?? (double.IsInfinity(row.Value) || double.IsInfinity(row.CiLower) || double.IsInfinity(row.CiUpper)
            ? $"value {row.Value} ({row.CiLower}, {row.CiUpper}) is not a number a run measures" : null)
        ?? (row.Status is not (ResultRow.StatusOk or ResultRow.StatusFailed or ResultRow.StatusSkipped) ? $"status '{row.Status}' is neither {ResultRow.StatusOk} nor {ResultRow.StatusFailed} nor {ResultRow.StatusSkipped}"
        : row.Samples < 0 ? $"samples is {row.Samples}, below zero"
        : row.Modes < 0 ? $"modes is {row.Modes}, below zero"
        : null);

    private static string? ProblemOf(SampleRow row) =>
        IdentityProblem(row.Metric, row.Model)
        ?? (!double.IsFinite(row.Value) ? $"value {row.Value} is not a number a run measures (what was not measured has no sample)"
        : row.Index < 0 ? $"index is {row.Index}, below zero"
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
        using FileStream file = SafeFile.OpenRead(path, SafeFile.MaxCsvBytes);
        if (file.Length == 0) throw new InvalidDataException($"{path}:1: the file is empty (not even a header line)");
        if (Legacy.LegacyResults.IsFormat1(path))
            throw new InvalidDataException($"{path}:1: results format 1 (a 'variant' column); read the run's folder, which converts it");
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

    public static EnvironmentInfo? ReadEnvironment(string directory) => ReadJson<EnvironmentInfo>(Path.Combine(directory, EnvironmentFile));

    /// <summary>A JSON file of the run, or null if absent; a malformed one is an <see cref="InvalidDataException"/> naming it.</summary>
    private static T? ReadJson<T>(string path)
        where T : class
    {
        if (!SafeFile.ExistsAsRegularFile(path)) return null;
        try
        {
            T value = JsonSerializer.Deserialize<T>(SafeFile.ReadAllText(path, SafeFile.MaxJsonBytes), s_json)
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
