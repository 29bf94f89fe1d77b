namespace Harness.Models;

/// <summary>The execution model ids used on the command line, in result files and as benchmark categories.</summary>
public static class ModelIds
{
    public const string Thread = "thread";
    public const string Task = "task";
    public const string Green = "green";

    /// <summary>Every model id the suite knows, in table column order: .NET's, then the peers' (peers/PROTOCOL.md).</summary>
    public static readonly IReadOnlyList<string> All = [Thread, Task, Green, .. Peers.PeerModelIds.All];
}
