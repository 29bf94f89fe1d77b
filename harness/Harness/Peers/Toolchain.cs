namespace Harness.Peers;

/// <summary>A program a peer's build needs, and the arguments that make it print its version.</summary>
public sealed record Toolchain(string Executable, IReadOnlyList<string> VersionArguments)
{
    /// <summary>The executable's full path in the directories of <paramref name="path"/> (a PATH value), or null.</summary>
    public string? Locate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (string directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, Executable);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0)) return candidate;
        }
        return null;
    }
}
