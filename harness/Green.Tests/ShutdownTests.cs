using System.Diagnostics;

namespace Green.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public void Graceful_FinishesQueuedWork()
    {
        var rt = new GreenRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        var count = 0;
        var handles = Enumerable.Range(0, 1000).Select(_ => rt.Spawn(async () =>
        {
            await GreenUnit.Delay(TimeSpan.FromMilliseconds(5));
            Interlocked.Increment(ref count);
        })).ToList();
        var report = rt.Shutdown(ShutdownMode.Graceful, Bounded.Short);
        Assert.Equal(1000, count);
        Assert.All(handles, h => Assert.Equal(UnitStatus.Completed, h.Status));
        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(0, report.CancelledUnits);
    }

    [Fact]
    public void Forced_CancelsParkedUnits()
    {
        var rt = new GreenRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        var gate = new GreenChannel<int>();
        var handles = Enumerable.Range(0, 100).Select(_ => rt.Spawn(async () => await gate.ReceiveAsync())).ToList();
        Thread.Sleep(20);
        var report = rt.Shutdown(ShutdownMode.Forced, Bounded.Short);
        Assert.All(handles, h => Assert.Equal(UnitStatus.Cancelled, h.Status));
        Assert.Equal(100, report.CancelledUnits);
        Assert.True(report.IsClean, report.ToString());
    }

    [Theory]
    [InlineData(ShutdownMode.Graceful)]
    [InlineData(ShutdownMode.Forced)]
    public void UnitBlockedForever_ShutdownReturnsWithinTimeout_AndReportsIt(ShutdownMode mode)
    {
        var rt = new GreenRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.ThreadPerCore, WorkerCount = 2 });
        using var forever = new ManualResetEventSlim();
        var started = new ManualResetEventSlim();
        var blocked = rt.Spawn(() =>
        {
            started.Set();
            forever.Wait(); // blocks its worker thread "forever"
            return ValueTask.CompletedTask;
        });
        Assert.True(started.Wait(Bounded.Short));
        var others = Enumerable.Range(0, 50).Select(_ => rt.Spawn(async () => await GreenUnit.Delay(TimeSpan.FromHours(1)))).ToList();
        var sw = Stopwatch.StartNew();
        var report = rt.Shutdown(mode, TimeSpan.FromMilliseconds(400));
        sw.Stop();
        try
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"shutdown took {sw.Elapsed}");
            Assert.Single(report.StuckUnits);
            Assert.Same(blocked, report.StuckUnits[0]);
            Assert.Equal(1, report.StuckWorkerThreads);
            Assert.False(report.IsClean);
            Assert.All(others, h => Assert.Equal(UnitStatus.Cancelled, h.Status));
            Assert.Throws<RuntimeShutdownException>(() => rt.Spawn(() => ValueTask.CompletedTask));
        }
        finally
        {
            forever.Set();
        }

        // When the stuck poll finally returns, the unit completes (it finished its body) or is cancelled; never stuck.
        Bounded.Join(blocked, Bounded.Short);
    }

    [Fact]
    public void StuckUnitThatContinuesAfterItsPoll_IsCancelledWhenThePollReturns()
    {
        var rt = new GreenRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.WorkStealing, WorkerCount = 2 });
        using var forever = new ManualResetEventSlim();
        var started = new ManualResetEventSlim();
        var reachedAfter = false;
        var blocked = rt.Spawn(async () =>
        {
            started.Set();
            forever.Wait();
            await GreenUnit.Yield();
            reachedAfter = true;
        });
        Assert.True(started.Wait(Bounded.Short));
        var report = rt.Shutdown(ShutdownMode.Forced, TimeSpan.FromMilliseconds(200));
        Assert.Single(report.StuckUnits);
        forever.Set();
        Assert.Throws<AggregateException>(() => blocked.Wait(Bounded.Short));
        Assert.Equal(UnitStatus.Cancelled, blocked.Status);
        Assert.False(reachedAfter);
    }

    [Fact]
    public void SpawnAfterShutdown_Throws_AndShutdownIsIdempotent()
    {
        var rt = new GreenRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        var first = rt.Shutdown(ShutdownMode.Graceful, Bounded.Short);
        Assert.Throws<RuntimeShutdownException>(() => rt.Spawn(() => ValueTask.CompletedTask));
        Assert.Throws<RuntimeShutdownException>(() => rt.Spawn(() => ValueTask.FromResult(1)));
        Assert.Throws<RuntimeShutdownException>(() => rt.SpawnBlocking(() => 1));
        Assert.Same(first, rt.Shutdown(ShutdownMode.Forced, Bounded.Short));
        rt.Dispose();
    }

    [Fact]
    public void CurrentThread_GracefulShutdown_DrivesQueuedUnits()
    {
        var rt = new GreenRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.CurrentThread });
        var handles = Enumerable.Range(0, 100).Select(i => rt.Spawn(async () =>
        {
            await GreenUnit.Yield();
            return i;
        })).ToList();
        var report = rt.Shutdown(ShutdownMode.Graceful, Bounded.Short);
        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(Enumerable.Range(0, 100), handles.Select(h => h.Result));
    }

    [Fact]
    public void Graceful_WithQueuedBlockingWork_CancelsWhatNeverStarted()
    {
        var rt = new GreenRuntime(new GreenRuntimeOptions { WorkerCount = 1, MaxBlockingThreads = 1 });
        using var release = new ManualResetEventSlim();
        var running = rt.SpawnBlocking(() => release.Wait());
        var queued = rt.SpawnBlocking(() => 1);
        Thread.Sleep(20);
        var report = rt.Shutdown(ShutdownMode.Forced, TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, report.CancelledBlockingTasks);
        Assert.Equal(1, report.AbandonedBlockingTasks);
        Assert.Equal(UnitStatus.Cancelled, queued.Status);
        release.Set();
        Bounded.Join(running, Bounded.Short);
    }

    [Fact]
    public void ForcedShutdown_DoesNotCancelAUnitThatIsNotifiedButStillInsideItsPoll()
    {
        var rt = new GreenRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var unit = rt.Spawn(() =>
        {
            SynchronizationContext.Current!.Post(_ => { }, null); // wakes itself: Running -> Notified, still polling
            inside.Set();
            release.Wait(Bounded.Short);
            return ValueTask.CompletedTask;
        });
        Assert.True(inside.Wait(Bounded.Short));
        try
        {
            var report = rt.Shutdown(ShutdownMode.Forced, TimeSpan.FromMilliseconds(400));
            Assert.False(unit.IsCompleted, $"a unit inside its poll must not be completed by shutdown (status {unit.Status})");
            Assert.Contains(unit, report.StuckUnits);
        }
        finally
        {
            release.Set();
        }

        Bounded.Join(unit, Bounded.Short);
        Assert.Equal(UnitStatus.Completed, unit.Status); // its body finished in that poll
    }
}
