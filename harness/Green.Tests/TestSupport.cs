[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Green.Tests;

/// <summary>Helpers that keep every test bounded in time.</summary>
internal static class Bounded
{
    /// <summary>Runs <paramref name="action"/> on a dedicated thread and fails the test if it does not finish in time.</summary>
    public static void Run(TimeSpan limit, Action action, string? what = null)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        { IsBackground = true, Name = "bounded-test" };
        thread.Start();
        if (!thread.Join(limit))
        {
            Assert.Fail($"{what ?? "test body"} did not finish within {limit.TotalSeconds:F0} s (deadlock or lost wake-up?)");
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Waits on a handle and fails (instead of hanging) if it does not finish in time.</summary>
    public static void Join(GreenUnit handle, TimeSpan limit, string? what = null)
    {
        if (!handle.Wait(limit))
        {
            Assert.Fail($"{what ?? "unit"} did not finish within {limit.TotalSeconds:F0} s (status {handle.Status})");
        }
    }

    /// <summary>Waits until a handle finishes in any way (no throw for a fault) and fails the test if it does not in time.</summary>
    public static void Finish(GreenUnit handle, TimeSpan limit, string? what = null)
    {
        if (!SpinWait.SpinUntil(() => handle.IsCompleted, limit))
        {
            Assert.Fail($"{what ?? "unit"} did not finish within {limit.TotalSeconds:F0} s (status {handle.Status})");
        }
    }

    public static readonly TimeSpan Short = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
}

/// <summary>Busy work that holds a thread (a worker, when called from a unit) without blocking in the kernel.</summary>
internal static class Busy
{
    /// <summary>Spins for <paramref name="duration"/>: a unit stuck in its poll, as blocking detection sees one.</summary>
    public static void Spin(TimeSpan duration)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            Thread.SpinWait(100);
        }
    }
}

/// <summary>A runtime that is always shut down, even when the test fails.</summary>
internal sealed class RuntimeScope : IDisposable
{
    public RuntimeScope(GreenRuntimeOptions options) => Runtime = new GreenRuntime(options);

    public GreenRuntime Runtime { get; }

    public void Dispose() => Runtime.Shutdown(ShutdownMode.Forced, TimeSpan.FromSeconds(2));
}
