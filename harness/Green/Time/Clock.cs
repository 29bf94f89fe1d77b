using System.Diagnostics;

namespace Green;

/// <summary>Monotonic millisecond clock shared by timer wheels (Stopwatch-based; TickCount64 is too coarse on Linux).</summary>
internal static class Clock
{
    private static readonly double s_msPerTick = 1000.0 / Stopwatch.Frequency;

    internal static long NowMs() => (long)(Stopwatch.GetTimestamp() * s_msPerTick);
}
