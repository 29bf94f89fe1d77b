namespace Green.Tests.Blocking;

public sealed class BlockingPoolTests
{
    [Fact]
    public void Pool_GrowsOnDemand()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1 });
        using var release = new ManualResetEventSlim();
        var started = new CountdownEvent(4);
        var handles = Enumerable.Range(0, 4).Select(_ => scope.Runtime.SpawnBlocking(() =>
        {
            started.Signal();
            release.Wait();
        })).ToList();
        Assert.True(started.Wait(Bounded.Short), "four blocking tasks should run at once");
        Assert.Equal(4, scope.Runtime.GetCounters().BlockingThreads);
        release.Set();
        foreach (var h in handles)
        {
            Bounded.Join(h, Bounded.Short);
        }
    }

    [Fact]
    public void Pool_RespectsTheCap_AndQueuesTheRest()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1, MaxBlockingThreads = 2 });
        using var release = new ManualResetEventSlim();
        var running = 0;
        var maxRunning = 0;
        var handles = Enumerable.Range(0, 6).Select(i => scope.Runtime.SpawnBlocking(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            release.Wait();
            Interlocked.Decrement(ref running);
            return i;
        })).ToList();
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref running) == 2, Bounded.Short));
        Thread.Sleep(30);
        Assert.Equal(2, Volatile.Read(ref running));
        release.Set();
        Assert.Equal(Enumerable.Range(0, 6), handles.Select(h => h.Result));
        Assert.Equal(2, maxRunning);
        Assert.True(scope.Runtime.GetCounters().BlockingThreadsStarted <= 2);
    }

    [Fact]
    public void IdleThreads_RetireAfterKeepAlive()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions
        {
            WorkerCount = 1,
            BlockingKeepAlive = TimeSpan.FromMilliseconds(50),
        });
        var handles = Enumerable.Range(0, 3).Select(_ => scope.Runtime.SpawnBlocking(() => Thread.Sleep(20))).ToList();
        foreach (var h in handles)
        {
            Bounded.Join(h, Bounded.Short);
        }

        var deadline = DateTime.UtcNow + Bounded.Short;
        while (scope.Runtime.GetCounters().BlockingThreads > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        var counters = scope.Runtime.GetCounters();
        Assert.Equal(0, counters.BlockingThreads);
        Assert.Equal(counters.BlockingThreadsStarted, counters.BlockingThreadsRetired);
    }

    [Fact]
    public void Exception_IsReported_AndAbortBeforeStartCancels()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1, MaxBlockingThreads = 1 });
        using var release = new ManualResetEventSlim();
        var blocker = scope.Runtime.SpawnBlocking(() => release.Wait());
        var queued = scope.Runtime.SpawnBlocking(() => 1);
        var failing = scope.Runtime.SpawnBlocking(new Action(() => throw new InvalidTimeZoneException()));
        queued.Abort();
        release.Set();
        Bounded.Join(blocker, Bounded.Short);
        Assert.Throws<AggregateException>(() => queued.Wait(Bounded.Short));
        Assert.Equal(UnitStatus.Cancelled, queued.Status);
        var ex = Assert.Throws<AggregateException>(() => failing.Wait(Bounded.Short));
        Assert.IsType<InvalidTimeZoneException>(ex.InnerException);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
