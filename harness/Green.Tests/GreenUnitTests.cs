namespace Green.Tests;

public sealed class GreenUnitTests
{
    private static RuntimeScope NewRuntime(SchedulingMode mode = SchedulingMode.WorkStealing) =>
        new(new GreenRuntimeOptions { Mode = mode, WorkerCount = 2 });

    [Fact]
    public void Wait_FromAPlainThread_ReturnsResult()
    {
        using var scope = NewRuntime();
        var handle = scope.Runtime.Spawn(async () =>
        {
            await GreenUnit.Delay(TimeSpan.FromMilliseconds(5));
            return "done";
        });
        Assert.True(handle.Wait(Bounded.Short));
        Assert.Equal(UnitStatus.Completed, handle.Status);
        Assert.Equal("done", handle.Result);
        Assert.True(handle.IsCompleted);
        Assert.Null(handle.Exception);
    }

    [Fact]
    public void Wait_TimesOut_ThenAbortCancels()
    {
        using var scope = NewRuntime();
        var gate = new GreenChannel<int>();
        var handle = scope.Runtime.Spawn(async () => await gate.ReceiveAsync());
        Assert.False(handle.Wait(TimeSpan.FromMilliseconds(30)));
        Assert.Equal(UnitStatus.Running, handle.Status);
        handle.Abort();
        var ex = Assert.Throws<AggregateException>(() => handle.Wait(Bounded.Short));
        Assert.IsType<UnitCancelledException>(ex.InnerException);
        Assert.Equal(UnitStatus.Cancelled, handle.Status);
    }

    [Fact]
    public void Wait_OnFaultedUnit_ThrowsAggregateLikeTaskWait()
    {
        using var scope = NewRuntime();
        var handle = scope.Runtime.Spawn(() => throw new NotSupportedException("x"));
        var ex = Assert.Throws<AggregateException>(() => handle.Wait(Bounded.Short));
        Assert.IsType<NotSupportedException>(ex.InnerException);
        Assert.IsType<NotSupportedException>(handle.Exception);
    }

    [Fact]
    public async Task Await_FromOrdinaryAsyncCode_OnTheThreadPool()
    {
        using var scope = NewRuntime();
        var handle = scope.Runtime.Spawn(async () =>
        {
            await GreenUnit.Yield();
            await GreenUnit.Delay(TimeSpan.FromMilliseconds(2));
            return 99;
        });
        // Awaited from a pool thread with no SynchronizationContext (xunit's own would hide where the continuation ran).
        var outside = Task.Run(async () =>
        {
            var value = await handle;
            return (value, Thread.CurrentThread.IsThreadPoolThread, GreenUnit.IsInUnit, Worker.Current is null);
        });
        var (result, onPool, inUnit, offWorker) = await outside.WaitAsync(Bounded.Short);
        Assert.Equal(99, result);
        Assert.True(onPool, "the continuation did not run on the thread pool");
        Assert.False(inUnit, "the continuation ran inside a unit");
        Assert.True(offWorker, "the continuation ran on a green worker");
    }

    [Fact]
    public async Task Await_Faulted_FromOutside_ThrowsOriginalException()
    {
        using var scope = NewRuntime();
        var handle = scope.Runtime.Spawn(async () =>
        {
            await GreenUnit.Yield();
            throw new TimeoutException("t");
        });
        await Assert.ThrowsAsync<TimeoutException>(() => handle.AsTask().WaitAsync(Bounded.Short));
    }

    [Fact]
    public async Task ManyWaiters_AllWoken()
    {
        using var scope = NewRuntime();
        var gate = new GreenChannel<int>();
        var target = scope.Runtime.Spawn(async () => await gate.ReceiveAsync());
        var waiters = Enumerable.Range(0, 20).Select(_ => scope.Runtime.Spawn(async () => await target)).ToList();
        var outside = Enumerable.Range(0, 3).Select(_ => target.AsTask()).ToList();
        Thread.Sleep(20);
        gate.Send(3);
        foreach (var w in waiters)
        {
            Bounded.Join(w, Bounded.Short);
            Assert.Equal(3, w.Result);
        }

        await Task.WhenAll(outside).WaitAsync(Bounded.Short);
    }

    [Fact]
    public void Abort_BeforeStart_NeverRunsBody()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { Mode = SchedulingMode.CurrentThread });
        var ran = false;
        var handle = scope.Runtime.Spawn(() =>
        {
            ran = true;
            return ValueTask.CompletedTask;
        });
        handle.Abort();
        scope.Runtime.BlockOn(() => ValueTask.FromResult(0));
        Assert.False(ran);
        Assert.Equal(UnitStatus.Cancelled, handle.Status);
    }

    [Fact]
    public void OperationCanceled_InBody_ReportsCancelled()
    {
        using var scope = NewRuntime();
        var handle = scope.Runtime.Spawn(async () =>
        {
            await GreenUnit.Yield();
            throw new OperationCanceledException();
        });
        Assert.Throws<AggregateException>(() => handle.Wait(Bounded.Short));
        Assert.Equal(UnitStatus.Cancelled, handle.Status);
    }

    [Fact]
    public void CurrentIsNullOutsideTheRuntime()
    {
        Assert.Null(GreenRuntime.Current);
        Assert.False(GreenUnit.IsInUnit);
    }

    [Fact]
    public void BodiesThatFinishOffTheRuntime_StillCompleteTheirUnit()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 2 });
        var rt = scope.Runtime;
        var tcs = new TaskCompletionSource<int>();
        var gate = new GreenGate();
        var escaped = rt.Spawn(async () =>
        {
            await Task.Delay(2).ConfigureAwait(false); // the rest of the body runs on the thread pool
            return 1;
        });
        var escapedLate = rt.Spawn(async () =>
        {
            await gate.WaitAsync(); // parked in the unit's slot first
            return await tcs.Task.ConfigureAwait(false) + 1; // then finishes on whatever thread completes tcs
        });
        var viaContext = rt.Spawn(async () =>
        {
            await Task.Delay(2); // resumes through the unit's SynchronizationContext
            await GreenUnit.Yield();
            return 3;
        });
        gate.Open();
        Thread.Sleep(20);
        ThreadPool.QueueUserWorkItem(_ => tcs.SetResult(1));
        Bounded.Join(escaped, Bounded.Short);
        Bounded.Join(escapedLate, Bounded.Short);
        Bounded.Join(viaContext, Bounded.Short);
        Assert.Equal(1, escaped.Result);
        Assert.Equal(2, escapedLate.Result);
        Assert.Equal(3, viaContext.Result);
    }

    [Fact]
    public void AwaitingAHandleOfAnotherRuntime_Works()
    {
        using var a = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1 });
        using var b = new RuntimeScope(new GreenRuntimeOptions { Mode = SchedulingMode.ThreadPerCore, WorkerCount = 1 });
        var inner = b.Runtime.Spawn(async () =>
        {
            await GreenUnit.Delay(TimeSpan.FromMilliseconds(5));
            return GreenRuntime.Current;
        });
        var outer = a.Runtime.Spawn(async () =>
        {
            var other = await inner;
            return (other, GreenRuntime.Current);
        });
        Bounded.Join(outer, Bounded.Short);
        Assert.Same(b.Runtime, outer.Result.other);
        Assert.Same(a.Runtime, outer.Result.Item2);
    }
}

internal static class GreenUnitExtensions
{
    public static async Task<T> AsTask<T>(this GreenUnit<T> handle) => await handle;

    public static async Task AsTask(this GreenUnit handle) => await handle;
}
