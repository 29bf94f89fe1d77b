namespace Harness.Peers;

/// <summary>What env.json records about one peer of a run: whether it was built, its toolchains' and crates' versions.</summary>
/// <param name="Status"><c>built</c>, <c>cached</c>, <c>skipped</c> or <c>failed</c>.</param>
public sealed record PeerEnvironment(
    string Peer, string Status, string? SourceHash, IReadOnlyDictionary<string, string> Toolchains, IReadOnlyDictionary<string, string> Crates, string? Note)
{
    public static PeerEnvironment Of(PeerBuild build)
    {
        ArgumentNullException.ThrowIfNull(build);
        string status = build.SkipNote is not null ? "skipped" : build.Failure is not null ? "failed" : build.Cached ? "cached" : "built";
        return new PeerEnvironment(build.Peer.Name, status, build.SourceHash, build.Toolchains, build.Crates, build.SkipNote ?? build.Failure);
    }
}
