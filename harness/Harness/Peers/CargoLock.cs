using System.Text.RegularExpressions;

namespace Harness.Peers;

/// <summary>Reads the crate versions a Rust build used from its Cargo.lock (<c>[[package]]</c> name and version lines).</summary>
public static partial class CargoLock
{
    public static IReadOnlyDictionary<string, string> Versions(string lockFile)
    {
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(lockFile)) return versions;
        foreach (Match package in PackagePattern().Matches(File.ReadAllText(lockFile)))
            versions[package.Groups["name"].Value] = package.Groups["version"].Value;
        return versions;
    }

    [GeneratedRegex("""^name = "(?<name>[^"]+)"\r?\nversion = "(?<version>[^"]+)"$""", RegexOptions.Multiline)]
    private static partial Regex PackagePattern();
}
