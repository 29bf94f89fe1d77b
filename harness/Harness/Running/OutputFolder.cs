
namespace Harness.Running;

/// <summary>Chooses and prepares a run's output folder without ever overwriting a previous run unasked.</summary>
public static class OutputFolder
{
    /// <summary>Where runs go by default: an ignored folder of the repository, never results/ (publishing is its own step).</summary>
    public const string DefaultParent = "artifacts/runs";

    public static string Prepare(string? requested, bool force)
    {
        string directory = requested ?? Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), DefaultParent,
            DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        directory = Path.GetFullPath(directory);
        if (File.Exists(directory))
            throw new UsageException($"output folder '{directory}' is a file");
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any() && !force)
            throw new UsageException($"output folder '{directory}' is not empty; choose another or pass --force to overwrite its result files");
        try
        {
            Directory.CreateDirectory(directory);
            string probe = Path.Combine(directory, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write to output folder '{directory}': {e.Message}");
        }
        return directory;
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
