namespace Harness.Peers;

/// <summary>
/// What preparing one peer for a run gave: its binary (built now or found in the cache), a skip because a toolchain
/// is missing, or a build failure with the build's last lines. The versions go into env.json.
/// </summary>
public sealed record PeerBuild
{
    public required Peer Peer { get; init; }

    /// <summary>The built binary's full path; null when skipped or failed.</summary>
    public string? Binary { get; init; }

    /// <summary>The first toolchain of the peer that is not installed, or null.</summary>
    public string? MissingToolchain { get; init; }

    /// <summary><c>skipped: TOOL not installed (run scripts/install-peers.sh)</c> when a toolchain is missing, else null.</summary>
    public string? SkipNote => MissingToolchain is null ? null : $"skipped: {MissingToolchain} not installed (run scripts/install-peers.sh)";

    /// <summary>Why the build failed, with its last output lines, or null.</summary>
    public string? Failure { get; init; }

    /// <summary>Whether the binary came from the cache (no build ran).</summary>
    public bool Cached { get; init; }

    /// <summary>The hash of the sources and toolchain versions that names the cached build, when one was computed.</summary>
    public string? SourceHash { get; init; }

    /// <summary>Each toolchain's first version line, by executable name.</summary>
    public IReadOnlyDictionary<string, string> Toolchains { get; init; } = new Dictionary<string, string>();

    /// <summary>Library versions the binary was built against (Rust's Cargo.lock), by crate name.</summary>
    public IReadOnlyDictionary<string, string> Crates { get; init; } = new Dictionary<string, string>();
}
