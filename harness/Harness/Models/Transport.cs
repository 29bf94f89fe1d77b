namespace Harness.Models;

/// <summary>What a brigade link is made of: a kernel object, or memory.</summary>
public enum Transport
{
    /// <summary>An AF_UNIX stream socketpair: what Blandy's "pipes" benchmark actually used.</summary>
    SocketPair,

    /// <summary>An anonymous pipe (pipe2).</summary>
    Pipe,

    /// <summary>A capacity-1 in-memory channel between two units (Blandy's in-memory brigade): no kernel I/O.</summary>
    Memory,
}
