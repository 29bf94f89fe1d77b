using System.Diagnostics;
using Harness.Native;

namespace Harness.Workloads;

/// <summary>Holds the calling thread the way a <see cref="BlockKind"/> says: what an offender unit does.</summary>
public static class Blocking
{
    /// <summary>Holds the calling thread for <paramref name="duration"/> the given way.</summary>
    public static void Block(BlockKind kind, TimeSpan duration)
    {
        switch (kind)
        {
            case BlockKind.Sleep:
                Libc.UsePreciseTimersOnThisThread(); // else the kernel's 50 µs timer slack makes a 10 µs sleep about 70 µs
                Libc.NanoSleep(duration);
                break;
            case BlockKind.Spin:
                long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < end) Thread.SpinWait(20);
                break;
            case BlockKind.Wait:
                HoldTimer.After(duration).Wait();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a block kind");
        }
    }
}
