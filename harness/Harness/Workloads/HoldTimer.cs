using System.Diagnostics;
using Harness.Native;

namespace Harness.Workloads;

/// <summary>
/// Completes tasks at precise moments from one dedicated thread, so that an offender can block in
/// <see cref="Task.Wait()"/> for exactly D: Task.Delay is due on Environment.TickCount64 (4 ms steps on a
/// 250 Hz kernel) and rounds anything under a millisecond to nothing.
/// </summary>
/// <remarks>
/// The thread owns a deadline heap behind a lock. It waits on the lock's monitor while the nearest deadline is
/// more than 2 ms away and sleeps in nanosleep slices of at most 200 µs (timer slack 1 ns) closer in, then
/// completes every due task outside the lock. It never touches the ThreadPool, so a starved pool cannot delay it.
/// </remarks>
public static class HoldTimer
{
    private static readonly object s_lock = new();
    private static readonly PriorityQueue<TaskCompletionSource, long> s_due = new();
    private static Thread? s_thread;

    /// <summary>A task that completes <paramref name="delay"/> from now.</summary>
    public static Task After(TimeSpan delay)
    {
        var done = new TaskCompletionSource();
        long deadline = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        lock (s_lock)
        {
            s_due.Enqueue(done, deadline);
            if (s_thread is null)
            {
                s_thread = new Thread(Run) { IsBackground = true, Name = "hold-timer" };
                s_thread.Start();
            }
            Monitor.Pulse(s_lock);
        }
        return done.Task;
    }

    private static void Run()
    {
        Libc.UsePreciseTimersOnThisThread();
        var ready = new List<TaskCompletionSource>();
        while (true)
        {
            long sleepTicks = 0;
            lock (s_lock)
            {
                while (s_due.Count == 0) Monitor.Wait(s_lock);
                long now = Stopwatch.GetTimestamp();
                while (s_due.TryPeek(out TaskCompletionSource? next, out long deadline) && deadline <= now)
                {
                    s_due.Dequeue();
                    ready.Add(next);
                }
                if (ready.Count == 0)
                {
                    s_due.TryPeek(out _, out long nearest);
                    long remaining = nearest - now;
                    if (remaining > Stopwatch.Frequency / 500)
                        Monitor.Wait(s_lock, TimeSpan.FromSeconds((double)(remaining - (Stopwatch.Frequency / 1000)) / Stopwatch.Frequency));
                    else
                        sleepTicks = Math.Min(remaining, Stopwatch.Frequency / 5000);
                }
            }
            foreach (TaskCompletionSource done in ready) done.TrySetResult();
            ready.Clear();
            if (sleepTicks > 0) Libc.NanoSleep(TimeSpan.FromSeconds((double)sleepTicks / Stopwatch.Frequency));
        }
    }
}
