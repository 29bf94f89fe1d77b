using System.Diagnostics;
using Harness.Native;

namespace Harness.Workloads;

/// <summary>How an offender unit holds its worker for a while without yielding.</summary>
public static class BlockKind
{
    /// <summary>A blocking syscall: nanosleep, the thread sleeps in the kernel.</summary>
    public const string Sleep = "sleep";

    /// <summary>A busy loop on the CPU, as a long computation between awaits would be.</summary>
    public const string Spin = "spin";

    /// <summary>Task.Wait on a task completed D later by a precise timer thread: blocking the ThreadPool knows about and
    /// may compensate for (Task.Delay itself would hold 0 for D under 1 ms and about 4 ms for 1 ms here).</summary>
    public const string Wait = "wait";

    public static readonly IReadOnlyList<string> All = [Sleep, Spin, Wait];

    /// <summary>Holds the calling thread for <paramref name="duration"/> the given way.</summary>
    public static void Block(string kind, TimeSpan duration)
    {
        switch (kind)
        {
            case Sleep:
                Libc.UsePreciseTimersOnThisThread(); // else the kernel's 50 µs timer slack makes a 10 µs sleep about 70 µs
                Libc.NanoSleep(duration);
                break;
            case Spin:
                long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < end) Thread.SpinWait(20);
                break;
            case Wait:
                HoldTimer.After(duration).Wait();
                break;
            default:
                throw new ArgumentException($"unknown block kind '{kind}'; valid: {string.Join(", ", All)}", nameof(kind));
        }
    }
}
