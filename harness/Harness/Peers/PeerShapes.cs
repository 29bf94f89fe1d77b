using Harness.Scenarios;

namespace Harness.Peers;

/// <summary>
/// Which shapes a peer model runs (peers/*/README.md): the small-stack memory variant only where a unit is an OS
/// thread whose stack the program sizes (rust-thread, c-thread; a goroutine's stack is the Go runtime's), Rust's own
/// 2 MiB default stack beside rust-thread's usual 1 MiB (Blandy's) only for rust-thread, and no
/// green-only stall variant (stall-offload, stall-detect).
/// </summary>
public static class PeerShapes
{
    public static bool AppliesTo(string shape, string model) => shape switch
    {
        Shapes.ParkedSmallStack => PeerModelIds.Threads.Contains(model),
        Shapes.ParkedDefaultStack => model == PeerModelIds.RustThread,
        Shapes.StallOffload or Shapes.StallDetect => false,
        _ => PeerModelIds.All.Contains(model),
    };
}
