using Harness.Storage;

namespace Harness.Running;

/// <summary>
/// Chooses and prepares a run's output folder without ever overwriting a previous run unasked: the folder is
/// locked for the run (<see cref="RunFolderLock"/>: a second run into it is refused), and with <c>--force</c> the
/// files of an earlier run are moved out and deleted before anything new is written, so no file of an old run ever
/// sits beside a new run's files (a kill during the move leaves some old files, but never a new one beside them).
/// </summary>
public static class NewRunFolder
{
    /// <summary>A prepared folder and the lock the run holds on it until disposed.</summary>
    public sealed class Prepared(string path, RunFolderLock held) : IDisposable
    {
        public string Path { get; } = path;

        public void Dispose() => held.Dispose();
    }

    /// <summary>Where runs go by default: an ignored folder of the repository, never results/ (publishing is its own step).</summary>
    public const string DefaultParent = "artifacts/runs";

    public static Prepared Prepare(string? requested, bool force)
    {
        string directory = requested ?? Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), DefaultParent,
            DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        directory = Path.GetFullPath(directory);
        if (File.Exists(directory))
            throw new UsageException($"output folder '{directory}' is a file");
        if (Directory.Exists(directory) && OldEntries(directory).Any() && !force)
            throw new UsageException($"output folder '{directory}' is not empty; choose another or pass --force to replace the run in it");
        RunFolderLock? held = null;
        try
        {
            Directory.CreateDirectory(directory);
            held = RunFolderLock.Acquire(directory, "a table run");
            // Checked again under the lock: another run may have written here since the check above.
            if (OldEntries(directory).Any())
            {
                if (!force) throw new UsageException($"output folder '{directory}' is not empty; choose another or pass --force to replace the run in it");
                MoveAsideAndDelete(directory);
            }
            string probe = Path.Combine(directory, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return new Prepared(directory, held);
        }
        catch (FolderInUseException e)
        {
            throw new UsageException($"output folder {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            held?.Dispose();
            throw new UsageException($"cannot write to output folder '{directory}': {e.Message}");
        }
        catch
        {
            held?.Dispose();
            throw;
        }
    }

    /// <summary>What a folder holds besides its lock file.</summary>
    private static IEnumerable<string> OldEntries(string directory) =>
        Directory.EnumerateFileSystemEntries(directory).Where(e => !RunFolderLock.IsLockFile(e));

    /// <summary>
    /// Moves every entry of an earlier run (report.md and run.json first: they make a folder look finished) into a
    /// hidden sibling folder, then deletes that. Each move is a rename, so this takes no time even for a big run.
    /// </summary>
    private static void MoveAsideAndDelete(string directory)
    {
        string parent = Path.GetDirectoryName(directory) ?? directory;
        string aside = Path.Combine(parent, $".{Path.GetFileName(directory)}.replaced-{Environment.ProcessId}-{DateTime.UtcNow.Ticks}");
        Directory.CreateDirectory(aside);
        string[] first = ["report.md", "run.json"];
        foreach (string entry in OldEntries(directory).OrderBy(e => Array.IndexOf(first, Path.GetFileName(e)) is int i && i >= 0 ? i : first.Length))
        {
            string target = Path.Combine(aside, Path.GetFileName(entry));
            if (Directory.Exists(entry)) Directory.Move(entry, target);
            else File.Move(entry, target);
        }
        Directory.Delete(aside, recursive: true);
    }

    /// <summary>The folder holding Bench.sln, searched upwards from the application and then the working folder.</summary>
    public static string? RepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Bench.sln"))) return dir.FullName;
        }
        return null;
    }
}
