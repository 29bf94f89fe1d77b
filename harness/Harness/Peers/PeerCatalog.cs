namespace Harness.Peers;

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
