using System.Text.Json;
using CsvHelper;
using Harness.Measurement;
using Harness.Models;
using Harness.Reporting;

namespace Harness.Storage;

/// <summary>
/// Writes the files of one run (<see cref="RunFiles"/>) while the run goes on: results.csv and samples.csv, appended
/// and flushed to disk as each scenario finishes so that an interrupted run keeps what it measured, plus env.json,
/// run.json and report.md, each replaced atomically (<see cref="AtomicFile"/>). An append that fails half-way (a full
/// disk) is cut back to the last whole scenario, so the files never end in a partial row.
/// </summary>
public sealed class RunWriter : IDisposable
{
        private readonly FileStream _resultsFile;
    private readonly FileStream _samplesFile;
    private readonly CsvWriter _results;
    private readonly CsvWriter _samples;

    public string Directory { get; }

    private RunWriter(string directory)
    {
        Directory = directory;
        _resultsFile = OpenForWriting(Path.Combine(directory, RunFiles.ResultsFile));
        _samplesFile = OpenForWriting(Path.Combine(directory, RunFiles.SamplesFile));
        _results = CsvWriter.Create(_resultsFile, RunFiles.CsvWriting, leaveOpen: true);
        _samples = CsvWriter.Create(_samplesFile, RunFiles.CsvWriting, leaveOpen: true);
        ResultsFormat.WriteVersion(_results);
        _results.WriteHeader<ResultRow>();
        _samples.WriteHeader<SampleRow>();
        FlushToDisk();
        // A rerun recorded against the results this run replaces says nothing about the new ones.
        File.Delete(Path.Combine(directory, RunFiles.RerunFile));
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
    public static RunWriter Create(string directory) => new(directory);

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
        AtomicFile.WriteAllText(Path.Combine(Directory, RunFiles.EnvironmentFile), JsonSerializer.Serialize(environment, RunFiles.Json));

    public void WriteReport(string markdown) => AtomicFile.WriteAllText(Path.Combine(Directory, RunFiles.ReportFile), markdown);

    /// <summary>Replaces run.json atomically, so a kill or a full disk mid-write leaves the previous version.</summary>
    public void WriteManifest(RunManifest manifest) =>
        AtomicFile.WriteAllText(Path.Combine(Directory, RunFiles.ManifestFile), JsonSerializer.Serialize(manifest, RunFiles.Json));

    public void Dispose()
    {
        _results.Dispose();
        _samples.Dispose();
        _resultsFile.Dispose();
        _samplesFile.Dispose();
    }
}
