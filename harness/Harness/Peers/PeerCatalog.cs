namespace Harness.Peers;

// Peers/: the peer programs (peers/rust, peers/go, peers/c) as models of the table. PeerCatalog lists each Peer and
// its models (PeerModelIds), PeerShapes the shapes each runs and ModelGroups the names `--models` expands. Before a
// run PeerBuilds prepares each peer once through PeerBuilder (cached by a hash of its sources and its Toolchains'
// versions, with PeerBuildSettings), giving a PeerBuild: a binary, a skip or a build failure; its versions
// (PeerEnvironment, CargoLock) go into env.json. A peer model's scenario then runs that binary as its child.

/// <summary>The peer programs of the repository and the models each one runs.</summary>
public static class PeerCatalog
{
    public static readonly Peer Rust = new("rust", "rust-peer",
        [PeerModelIds.RustThread, PeerModelIds.Tokio, PeerModelIds.TokioCurrentThread, PeerModelIds.AsyncStd],
        [new Toolchain("cargo", ["--version"]), new Toolchain("rustc", ["--version"])]);

    public static readonly Peer Go = new("go", "go-peer", [PeerModelIds.Go], [new Toolchain("go", ["version"])]);

    public static readonly Peer C = new("c", "c-thread-peer", [PeerModelIds.CThread],
        [new Toolchain("gcc", ["--version"]), new Toolchain("make", ["--version"])]);

    public static readonly IReadOnlyList<Peer> All = [Rust, Go, C];

    /// <summary>The peer that runs <paramref name="model"/>, or null for a .NET model.</summary>
    public static Peer? Of(string model) => All.FirstOrDefault(p => p.Models.Contains(model));
}
