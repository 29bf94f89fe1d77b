using Harness.Legacy;
using Harness.Reporting;
using Harness.Storage;

namespace Harness.Running;

/// <summary>The folder of a finished (or interrupted) run, as the report, compare and publish commands read it: every
/// problem becomes one <see cref="UsageException"/> line naming the command.</summary>
public static class RunFolderReader
{
    /// <summary>Refuses, in one line, a path that does not exist or is a file rather than a run's folder.</summary>
    public static void RequireExisting(string command, string directory)
    {
        if (Directory.Exists(directory)) return;
        throw new UsageException(File.Exists(directory)
            ? $"{command}: '{directory}' is a file; give the folder of a run"
            : $"{command}: no such folder '{directory}'");
    }

    /// <summary>Takes the folder's writer lock for a command, or refuses in one line naming who holds it.</summary>
    public static RunFolderLock Lock(string command, string directory, string purpose)
    {
        try
        {
            return RunFolderLock.Acquire(directory, purpose);
        }
        catch (FolderInUseException e)
        {
            throw new UsageException($"{command}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{command}: cannot lock '{directory}': {e.Message}");
        }
    }

    /// <summary>The run's results.csv rows; a file without rows is refused, <paramref name="whenEmpty"/> saying what the
    /// command cannot do then (e.g. "nothing to publish"). A run written in results format 1 is converted as it is read.</summary>
    public static IReadOnlyList<ResultRow> ReadResults(string command, string directory, string whenEmpty)
    {
        string path = Path.Combine(Path.GetFullPath(directory), RunFiles.ResultsFile);
        IReadOnlyList<ResultRow> rows = Reading(command, directory, () => Format1(directory)?.Results ?? RunFiles.ReadResults(path));
        return rows.Count > 0 ? rows : throw new UsageException($"{command}: {path} has no rows: {whenEmpty}");
    }

    /// <summary>The run's samples.csv rows, or its samples.csv.gz's in a published run (converted from results format 1
    /// where the run was written in it).</summary>
    public static IReadOnlyList<SampleRow> ReadSamples(string command, string directory) =>
        Reading(command, directory, () => Format1(directory)?.Samples
            ?? RunFiles.ReadSamples(RunFiles.SamplesPath(Path.GetFullPath(directory))));

    /// <summary>The folder's rows converted from results format 1, or null when its results.csv is of the current format.</summary>
    public static (IReadOnlyList<ResultRow> Results, IReadOnlyList<SampleRow> Samples)? Format1(string directory)
    {
        string results = Path.Combine(Path.GetFullPath(directory), RunFiles.ResultsFile);
        if (!File.Exists(results) || new FileInfo(results).Length == 0 || !LegacyResults.IsFormat1(results)) return null;
        int workers = RunFiles.ReadEnvironment(directory)?.LogicalCores ?? Environment.ProcessorCount;
        return LegacyResults.Read(results, Path.Combine(Path.GetFullPath(directory), RunFiles.SamplesFile), workers);
    }

    /// <summary>A malformed file (already named with its line by <see cref="RunWriter"/>) or an unreadable one, in one line.</summary>
    private static T Reading<T>(string command, string directory, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"{command}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{command}: cannot read the result files in '{directory}': {e.Message}");
        }
    }
}
