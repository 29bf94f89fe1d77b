using Harness.Reporting;
using Harness.Storage;

namespace Harness.Running;

/// <summary>The folder of a finished (or interrupted) run, as the report, compare and publish commands read it: every
/// problem becomes one <see cref="UsageException"/> line naming the command.</summary>
public static class RunFolder
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
    /// command cannot do then (e.g. "nothing to publish").</summary>
    public static IReadOnlyList<ResultRow> ReadResults(string command, string directory, string whenEmpty)
    {
        string path = Path.Combine(Path.GetFullPath(directory), ResultsStore.ResultsFile);
        IReadOnlyList<ResultRow> rows = Reading(command, directory, () => ResultsStore.ReadResults(path));
        return rows.Count > 0 ? rows : throw new UsageException($"{command}: {path} has no rows: {whenEmpty}");
    }

    /// <summary>The run's samples.csv rows.</summary>
    public static IReadOnlyList<SampleRow> ReadSamples(string command, string directory) =>
        Reading(command, directory, () => ResultsStore.ReadSamples(Path.Combine(Path.GetFullPath(directory), ResultsStore.SamplesFile)));

    /// <summary>A malformed file (already named with its line by <see cref="ResultsStore"/>) or an unreadable one, in one line.</summary>
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
