using System.Diagnostics;

namespace Green;

/// <summary>Detects a worker stuck in one poll and hands its queues to a fresh thread (async-std's blocking detection).</summary>
/// <remarks>
/// Handoff protocol (see <see cref="Worker.TryHandOff"/>):
/// 1. The owner publishes a fresh poll sequence number before each poll and clears it with a CAS after (no clock read
///    on the worker: the monitor does the timing).
/// 2. The monitor sees the same number in progress for longer than the threshold (from the tick it first saw it) and CASes
///    it to -1: from now on the stuck thread's CAS fails.
/// 3. The monitor clears the owner id, fences, and waits for any owner-only operation the stuck poll is in the middle of
///    (spawn / wake into the local queue, timer insert). Later such operations on the stuck thread see that they are not
///    the owner and go through the remote path instead.
/// 4. A fresh thread runs the same worker (local queue, LIFO slot, timers). The stuck thread, when its poll returns,
///    requeues its unit remotely if needed and exits.
/// </remarks>
internal sealed class BlockingMonitor
{
    private readonly GreenRuntime _runtime;
    private readonly long _thresholdTicks;
    private readonly int _intervalMs;
    private readonly Thread _thread;
    private volatile bool _stop;

    internal BlockingMonitor(GreenRuntime runtime, TimeSpan threshold)
    {
        _runtime = runtime;
        _thresholdTicks = (long)(threshold.TotalSeconds * Stopwatch.Frequency);
        _intervalMs = (int)Math.Clamp(threshold.TotalMilliseconds / 4, 1, 100);
        _thread = new Thread(Run) { IsBackground = true, Name = $"{runtime.Options.ThreadNamePrefix}-monitor" };
        _thread.Start();
    }

    internal void Stop()
    {
        _stop = true;
        _thread.Join(1000);
    }

    private void Run()
    {
        while (!_stop && !_runtime.IsStopping)
        {
            Thread.Sleep(_intervalMs);
            var now = Stopwatch.GetTimestamp();
            foreach (var worker in _runtime.Workers)
            {
                worker.TryHandOff(now, _thresholdTicks);
            }
        }
    }
}
