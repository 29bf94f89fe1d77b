using Harness.Child;
using Harness.Peers;
using Harness.Running;

namespace Harness.Tests.Peers;

/// <summary>
/// Every peer built once for the test run, through the table's own build step and cache (artifacts/peer-builds), so
/// a warm cache costs nothing and a cold one builds each peer once. The toolchains must be installed
/// (scripts/install-peers.sh; CI runs it first): a skip here is a failed test, not a pass.
/// </summary>
public sealed class PeerBuildsFixture
{
    public PeerBuildsFixture()
    {
        string root = NewRunFolder.RepositoryRoot() ?? throw new InvalidOperationException("repository root not found");
        Settings = PeerBuildSettings.ForRepository(root);
        Builds = PeerBuilds.Prepare(PeerModelIds.All, Settings);
    }

    public PeerBuildSettings Settings { get; }

    public PeerBuilds Builds { get; }

    /// <summary>Fails the test with the build's skip note or failure unless every peer has a binary.</summary>
    public void RequireBuilt()
    {
        foreach (PeerBuild build in Builds.Builds)
            Assert.True(build.Binary is not null, $"peer {build.Peer.Name}: {build.SkipNote ?? build.Failure}");
    }
}
