using System.Diagnostics;

namespace Green;

/// <summary>Monotonic millisecond clock shared by timer wheels (Stopwatch-based; TickCount64 is too coarse on Linux).</summary>
internal static class Clock
{
    private static readonly double s_msPerTick = 1000.0 / Stopwatch.Frequency;

    internal static long NowMs() => (long)(Stopwatch.GetTimestamp() * s_msPerTick);

    /// <summary>Whole milliseconds from now until <paramref name="deadlineMs"/>, rounded up (a sleep of that long does not wake early).</summary>
    /// <remarks>Rounding <see cref="NowMs"/> down first would add up to a millisecond to every timer-driven park.</remarks>
    internal static long MsUntil(long deadlineMs) => (long)Math.Ceiling(deadlineMs - (Stopwatch.GetTimestamp() * s_msPerTick));
}
