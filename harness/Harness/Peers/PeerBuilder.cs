using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Harness.Peers;

/// <summary>
/// Builds a peer program once and keeps the binary in a cache folder named by a hash of the peer's sources and its
/// toolchains' versions, so a later run with the same sources and toolchains starts at once.
/// <list type="number">
/// <item>Every toolchain must be on <see cref="PeerBuildSettings.SearchPath"/>; the first one missing makes the peer skipped.</item>
/// <item>The hash covers each source file's relative path and bytes (build output folders left out) and the version lines.</item>
/// <item>CACHE/NAME/HASH/BINARY present: done. Otherwise the build writes into a private folder that is then renamed
/// to CACHE/NAME/HASH, so two runs building at once never see half a build (the loser of the rename uses the winner's).</item>
/// </list>
/// Rust keeps one cargo target folder per cache (CACHE/rust/target) so a changed source recompiles only the peer,
/// not tokio; Go keeps its build cache in CACHE/go/gocache.
/// </summary>
public static class PeerBuilder
{
    private const int BuildOutputTailLines = 12;

    public static PeerBuild Build(Peer peer, PeerBuildSettings settings)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(settings);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        var tools = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Toolchain toolchain in peer.Toolchains)
        {
            string? located = toolchain.Locate(settings.SearchPath);
            if (located is null) return new PeerBuild { Peer = peer, MissingToolchain = toolchain.Executable };
            tools[toolchain.Executable] = located;
            versions[toolchain.Executable] = VersionOf(located, toolchain.VersionArguments, settings);
        }
        string sources = Path.Combine(settings.RepositoryRoot, peer.SourceFolder);
        string hash = SourceHash(sources, versions);
        var crates = peer == PeerCatalog.Rust ? CargoLock.Versions(Path.Combine(sources, "Cargo.lock")) : new Dictionary<string, string>();
        var build = new PeerBuild { Peer = peer, SourceHash = hash, Toolchains = versions, Crates = crates };

        string final = Path.Combine(settings.CacheRoot, peer.Name, hash);
        string binary = Path.Combine(final, peer.BinaryName);
        if (File.Exists(binary)) return build with { Binary = binary, Cached = true };

        string scratch = $"{final}.building-{Environment.ProcessId}-{Guid.NewGuid():N}";
        Directory.CreateDirectory(scratch);
        string? failure = RunBuild(peer, sources, scratch, tools, settings);
        if (failure is not null)
        {
            TryDelete(scratch);
            return build with { Failure = failure };
        }
        try
        {
            Directory.Move(scratch, final);
        }
        catch (IOException) when (File.Exists(binary))
        {
            TryDelete(scratch); // another run finished the same build first
        }
        return build with { Binary = binary };
    }

    /// <summary>Runs the peer's build so its binary lands in <paramref name="output"/>; null on success, else why not.</summary>
    private static string? RunBuild(Peer peer, string sources, string output, Dictionary<string, string> tools, PeerBuildSettings settings)
    {
        var info = new ProcessStartInfo { WorkingDirectory = sources };
        if (peer == PeerCatalog.Rust)
        {
            info.FileName = tools["cargo"];
            foreach (string arg in new[] { "build", "--release", "--offline", "--quiet" }) info.ArgumentList.Add(arg);
            info.Environment["CARGO_TARGET_DIR"] = Path.Combine(settings.CacheRoot, peer.Name, "target");
        }
        else if (peer == PeerCatalog.Go)
        {
            info.FileName = tools["go"];
            foreach (string arg in new[] { "build", "-o", Path.Combine(output, peer.BinaryName), "." }) info.ArgumentList.Add(arg);
            info.Environment["GOPROXY"] = "off";
            info.Environment["GOFLAGS"] = "";
            info.Environment["GOCACHE"] = Path.Combine(settings.CacheRoot, peer.Name, "gocache");
        }
        else
        {
            info.FileName = tools["make"];
            foreach (string arg in new[] { "--no-print-directory", $"BUILD={output}" }) info.ArgumentList.Add(arg);
        }
        string command = $"{Path.GetFileName(info.FileName)} {string.Join(' ', info.ArgumentList)}";
        (int? exit, string text) = Run(info, settings);
        if (exit != 0)
        {
            string why = exit is null ? $"timed out after {settings.BuildTimeout.TotalSeconds:0} s" : $"exit {exit}";
            string tail = string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(BuildOutputTailLines));
            return $"build of {peer.SourceFolder} failed ({command}: {why}): {tail}";
        }
        if (peer == PeerCatalog.Rust)
            File.Copy(Path.Combine(settings.CacheRoot, peer.Name, "target", "release", peer.BinaryName), Path.Combine(output, peer.BinaryName), overwrite: true);
        return File.Exists(Path.Combine(output, peer.BinaryName)) ? null : $"build of {peer.SourceFolder} made no {peer.BinaryName} ({command})";
    }

    private static string VersionOf(string executable, IReadOnlyList<string> arguments, PeerBuildSettings settings)
    {
        var info = new ProcessStartInfo(executable);
        foreach (string arg in arguments) info.ArgumentList.Add(arg);
        (int? exit, string text) = Run(info, settings with { BuildTimeout = TimeSpan.FromSeconds(30) });
        string first = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return exit == 0 && first.Length > 0 ? first : $"unknown ({Path.GetFileName(executable)} {string.Join(' ', arguments)} gave exit {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";
    }

    /// <summary>Runs a process with the settings' PATH; its exit code (null on timeout, after killing it) and its stdout and stderr.</summary>
    private static (int? Exit, string Output) Run(ProcessStartInfo info, PeerBuildSettings settings)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.Environment["PATH"] = settings.SearchPath;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"could not start {info.FileName}: {e.Message}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(settings.BuildTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output) return (null, output.ToString());
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>A short hex hash of the peer's source files (path and bytes, in ordinal path order) and the toolchain versions.</summary>
    public static string SourceHash(string sources, IReadOnlyDictionary<string, string> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach ((string tool, string version) in versions.OrderBy(v => v.Key, StringComparer.Ordinal))
            hash.AppendData(Encoding.UTF8.GetBytes($"{tool}\0{version}\0"));
        foreach (string file in SourceFiles(sources))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(sources, file) + "\0"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static IEnumerable<string> SourceFiles(string sources) =>
        Directory.EnumerateFiles(sources, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(sources, f).Split(Path.DirectorySeparatorChar).SkipLast(1).Any(Peer.OutputFolders.Contains))
            .Order(StringComparer.Ordinal);

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover scratch folder is harmless; the next build uses a fresh one.
        }
    }
}
