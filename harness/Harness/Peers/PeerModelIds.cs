namespace Harness.Peers;

/// <summary>The model ids of the peer programs (peers/PROTOCOL.md, section 5), in table column order.</summary>
public static class PeerModelIds
{
    public const string RustThread = "rust-thread";
    public const string Tokio = "tokio";
    public const string TokioCurrentThread = "tokio-ct";
    public const string AsyncStd = "async-std";
    public const string Go = "go";
    public const string CThread = "c-thread";

    /// <summary>Every peer model, threads first within a language.</summary>
    public static readonly IReadOnlyList<string> All = [RustThread, Tokio, TokioCurrentThread, AsyncStd, Go, CThread];

    /// <summary>Peer models whose unit is an OS thread (their memory sweeps are capped like .NET threads).</summary>
    public static readonly IReadOnlyList<string> Threads = [RustThread, CThread];
}
