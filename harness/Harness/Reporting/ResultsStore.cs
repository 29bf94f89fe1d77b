using System.Text.Json;
using CsvHelper;
using Harness.Measurement;
using Harness.Models;
using Harness.Scenarios;

namespace Harness.Reporting;

/// <summary>
/// The files of one run in its output folder: results.csv and samples.csv, appended and flushed as each
/// scenario finishes so that an interrupted run keeps what it measured, plus env.json and report.md.
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

    private readonly CsvWriter _results;
    private readonly CsvWriter _samples;

    public string Directory { get; }

    private ResultsStore(string directory)
    {
        Directory = directory;
        _results = CsvWriter.Create(OpenForWriting(Path.Combine(directory, ResultsFile)), s_writerOptions, leaveOpen: false);
        _samples = CsvWriter.Create(OpenForWriting(Path.Combine(directory, SamplesFile)), s_writerOptions, leaveOpen: false);
        _results.WriteHeader<ResultRow>();
        _samples.WriteHeader<SampleRow>();
        _results.Flush();
        _samples.Flush();
    }

    /// <summary>Others may read the files while the run appends to them (a progress view, a later `report`).</summary>
    private static FileStream OpenForWriting(string path) => new(path, FileMode.Create, FileAccess.Write, FileShare.Read);

    private static FileStream OpenForReading(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);

    /// <summary>Creates the folder's result files, after checking the folder can be written.</summary>
    public static ResultsStore Create(string directory) => new(directory);

    public void Append(IEnumerable<ResultRow> rows, IEnumerable<SampleRow> samples)
    {
        foreach (ResultRow row in rows) _results.WriteRecord(row);
        foreach (SampleRow sample in samples) _samples.WriteRecord(sample);
        _results.Flush();
        _samples.Flush();
    }

    public void WriteEnvironment(EnvironmentInfo environment) =>
        File.WriteAllText(Path.Combine(Directory, EnvironmentFile), JsonSerializer.Serialize(environment, s_json));

    public void WriteReport(string markdown) => File.WriteAllText(Path.Combine(Directory, ReportFile), markdown);

    /// <summary>Writes run.json through a temporary file, so a kill mid-write leaves the previous version.</summary>
    public void WriteManifest(RunManifest manifest)
    {
        string path = Path.Combine(Directory, ManifestFile);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(manifest, s_json));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Reads run.json, or null if the folder has none (runs published before it existed).</summary>
    public static RunManifest? ReadManifest(string directory) => ReadJson<RunManifest>(Path.Combine(directory, ManifestFile));

    public void Dispose()
    {
        _results.Dispose();
        _samples.Dispose();
    }

    private static readonly CsvReaderOptions s_readerOptions = CsvReaderOptions.Default with { TrackLineNumbers = true };

    /// <summary>Reads a results.csv back; a malformed file is an <see cref="InvalidDataException"/> naming file and line.</summary>
    public static IReadOnlyList<ResultRow> ReadResults(string path) => Read<ResultRow>(path, r => r.GetRecords<ResultRow>(), ProblemOf);

    /// <summary>Reads a samples.csv back; a malformed file is an <see cref="InvalidDataException"/> naming file and line.</summary>
    public static IReadOnlyList<SampleRow> ReadSamples(string path) => Read<SampleRow>(path, r => r.GetRecords<SampleRow>(), ProblemOf);

    /// <summary>What no run of this suite writes: a row that parses but names an unknown metric or model, or counts below zero.</summary>
    private static string? ProblemOf(ResultRow row) =>
        IdentityProblem(row.Metric, row.Model)
        ?? (row.Status is not (ResultRow.StatusOk or ResultRow.StatusFailed or ResultRow.StatusSkipped) ? $"status '{row.Status}' is neither {ResultRow.StatusOk} nor {ResultRow.StatusFailed} nor {ResultRow.StatusSkipped}"
        : row.Samples < 0 ? $"samples is {row.Samples}, below zero"
        : row.Modes < 0 ? $"modes is {row.Modes}, below zero"
        : null);

    private static string? ProblemOf(SampleRow row) =>
        IdentityProblem(row.Metric, row.Model)
        ?? (double.IsInfinity(row.Value) ? $"value {row.Value} is not a number a run measures" // NaN is: a stall that never recovered
        : row.Index < 0 ? $"index is {row.Index}, below zero"
        : row.Units < 0 ? $"units is {row.Units}, below zero"
        : null);

    private static string? IdentityProblem(string metric, string model) =>
        !MetricIds.All.Contains(metric) ? $"unknown metric '{metric}'; valid metrics: {string.Join(", ", MetricIds.All)}"
        : !ModelIds.All.Contains(model) ? $"unknown model '{model}'; valid models: {string.Join(", ", ModelIds.All)}"
        : null;

    private static List<T> Read<T>(string path, Func<CsvReader, IEnumerable<T>> records, Func<T, string?> problemOf)
    {
        if (new FileInfo(path).Length == 0) throw new InvalidDataException($"{path}:1: the file is empty (not even a header line)");
        if (Legacy.LegacyResults.IsFormat1(path))
            throw new InvalidDataException($"{path}:1: results format 1 (a 'variant' column); read the run's folder, which converts it");
        using CsvReader reader = CsvReader.Create(OpenForReading(path), s_readerOptions, leaveOpen: false);
        try
        {
            var rows = new List<T>();
            foreach (T row in records(reader))
            {
                if (problemOf(row) is { } problem) throw new InvalidDataException($"{path}:{reader.LineNumber}: {problem}");
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
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), s_json)
                ?? throw new InvalidDataException($"{path}: empty JSON document");
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
