namespace Harness.Peers;

/// <summary>Where a peer build finds its sources and toolchains and where it keeps its cache.</summary>
/// <param name="RepositoryRoot">The folder holding Bench.sln and peers/.</param>
/// <param name="CacheRoot">The build cache, under the repository's ignored artifacts/ (<see cref="DefaultCacheFolder"/>).</param>
/// <param name="SearchPath">The PATH toolchains are looked up in and builds run with.</param>
/// <param name="BuildTimeout">How long one build may take (a cold tokio build takes 1-2 CPU minutes).</param>
public sealed record PeerBuildSettings(string RepositoryRoot, string CacheRoot, string SearchPath, TimeSpan BuildTimeout)
{
    public const string DefaultCacheFolder = "artifacts/peer-builds";

    /// <summary>The settings of this process: its repository, the default cache, its PATH, 15 minutes per build.</summary>
    public static PeerBuildSettings ForRepository(string repositoryRoot) => new(
        repositoryRoot,
        Path.Combine(repositoryRoot, DefaultCacheFolder),
        Environment.GetEnvironmentVariable("PATH") ?? "",
        TimeSpan.FromMinutes(15));
}
