using Harness.Cli;

namespace Harness.Running;

/// <summary>The folder of a finished (or interrupted) run, as the report, compare and publish commands read it.</summary>
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
}
