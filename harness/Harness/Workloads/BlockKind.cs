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

    /// <summary>Task.Wait on a Task.Delay: blocking that the ThreadPool knows about and may compensate for.</summary>
    public const string Wait = "wait";

    public static readonly IReadOnlyList<string> All = [Sleep, Spin, Wait];

    /// <summary>Holds the calling thread for <paramref name="duration"/> the given way.</summary>
    public static void Block(string kind, TimeSpan duration)
    {
        switch (kind)
        {
            case Sleep:
                Libc.NanoSleep(duration);
                break;
            case Spin:
                long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < end) Thread.SpinWait(20);
                break;
            case Wait:
                // Task.Delay's timer has about 1 ms resolution, so waits shorter than that last about 1 ms.
                Task.Delay(duration).Wait();
                break;
            default:
                throw new ArgumentException($"unknown block kind '{kind}'; valid: {string.Join(", ", All)}", nameof(kind));
        }
    }
}
