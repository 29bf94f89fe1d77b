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

    /// <summary>
    /// The workers a model's runtime runs its units on when unpinned: one for tokio's current-thread runtime, the CPUs
    /// for every other model (one worker per CPU, or OS threads the kernel spreads over them). The stall's "one offender
    /// per worker" is counted in these.
    /// </summary>
    public static int Workers(string model) => model == TokioCurrentThread ? 1 : Environment.ProcessorCount;

    /// <summary>Peer models whose unit is an OS thread (their memory sweeps are capped like .NET threads).</summary>
    public static readonly IReadOnlyList<string> Threads = [RustThread, CThread];
}
