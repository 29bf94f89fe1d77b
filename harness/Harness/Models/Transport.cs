namespace Harness.Models;

/// <summary>The kernel object a brigade link is made of.</summary>
public enum Transport
{
    /// <summary>An AF_UNIX stream socketpair: what Blandy's "pipes" benchmark actually used.</summary>
    SocketPair,

    /// <summary>An anonymous pipe (pipe2).</summary>
    Pipe,
}
