namespace Green.Tests;

/// <summary>One conformance suite, run against every scheduling mode; every test drives the runtime through BlockOn.</summary>
public abstract class RuntimeConformanceTests
{
    protected abstract SchedulingMode Mode { get; }

    protected virtual GreenRuntimeOptions Options() => new() { Mode = Mode, WorkerCount = 2, LocalQueueCapacity = 4 };

    private T Drive<T>(Func<GreenRuntime, ValueTask<T>> main)
    {
        using var scope = new RuntimeScope(Options());
        var result = default(T)!;
        Bounded.Run(Bounded.Long, () => result = scope.Runtime.BlockOn(() => main(scope.Runtime)));
        return result;
    }

    [Fact]
    public void Spawn_ReturnsResult()
    {
        var value = Drive(async rt => await rt.Spawn(() => ValueTask.FromResult(41)) + 1);
        Assert.Equal(42, value);
    }

    [Fact]
    public void Spawn_Exception_IsReportedThroughHandle_AndWorkerSurvives()
    {
        var (status, message, after) = Drive(async rt =>
        {
            var failing = rt.Spawn(async () =>
            {
                await GreenUnit.Yield();
                throw new InvalidOperationException("boom");
            });
            var caught = await Assert.ThrowsAsync<InvalidOperationException>(async () => await failing);
            var after = await rt.Spawn(() => ValueTask.FromResult(7));
            return (failing.Status, caught.Message, after);
        });
        Assert.Equal(UnitStatus.Faulted, status);
        Assert.Equal("boom", message);
        Assert.Equal(7, after);
    }

    [Fact]
    public void SynchronousThrow_FaultsTheHandle()
    {
        var status = Drive(async rt =>
        {
            var handle = rt.Spawn(new Func<ValueTask>(() => throw new FormatException("sync")));
            try
            {
                await handle;
            }
            catch (FormatException)
            {
            }

            return handle.Status;
        });
        Assert.Equal(UnitStatus.Faulted, status);
    }

    [Fact]
    public void Abort_CancelsAParkedUnitAtItsNextPoll()
    {
        var (status, reachedEnd) = Drive(async rt =>
        {
            var channel = new GreenChannel<int>();
            var reached = false;
            var handle = rt.Spawn(async () =>
            {
                await channel.ReceiveAsync();
                reached = true;
            });
            await GreenUnit.Yield();
            handle.Abort();
            await Assert.ThrowsAsync<UnitCancelledException>(async () => await handle);
            channel.Send(1);
            await GreenUnit.Delay(TimeSpan.FromMilliseconds(5));
            return (handle.Status, reached);
        });
        Assert.Equal(UnitStatus.Cancelled, status);
        Assert.False(reachedEnd);
    }

    [Fact]
    public void Yield_LetsOtherUnitsRun_AndRequeuesAtTheBack()
    {
        var order = Drive(async rt =>
        {
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var a = rt.Spawn(async () =>
            {
                for (var i = 0; i < 3; i++)
                {
                    log.Enqueue("a");
                    await GreenUnit.Yield();
                }
            });
            var b = rt.Spawn(async () =>
            {
                for (var i = 0; i < 3; i++)
                {
                    log.Enqueue("b");
                    await GreenUnit.Yield();
                }
            });
            await a;
            await b;
            return log.ToArray();
        });
        Assert.Equal(3, order.Count(x => x == "a"));
        Assert.Equal(3, order.Count(x => x == "b"));
        if (Mode != SchedulingMode.WorkStealing)
        {
            Assert.Equal(["a", "b", "a", "b", "a", "b"], order);
        }
    }

    [Fact]
    public void Delay_WaitsAtLeastTheDuration()
    {
        var elapsed = Drive(async rt =>
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            await GreenUnit.Delay(TimeSpan.FromMilliseconds(30));
            return sw.Elapsed;
        });
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(30), $"{elapsed.TotalMilliseconds} ms");
        Assert.True(elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ManyDelays_AllComplete()
    {
        var count = Drive(async rt =>
        {
            var handles = Enumerable.Range(0, 200).Select(i => rt.Spawn(async () =>
            {
                await GreenUnit.Delay(TimeSpan.FromMilliseconds(1 + (i % 20)));
                return 1;
            })).ToList();
            var sum = 0;
            foreach (var h in handles)
            {
                sum += await h;
            }

            return sum;
        });
        Assert.Equal(200, count);
    }

    [Fact]
    public void AwaitingAPlainTask_ResumesOnTheRuntime()
    {
        var (before, after, inUnit) = Drive(async rt =>
        {
            var before = GreenRuntime.Current;
            await Task.Delay(5);
            await Task.Run(() => Thread.Sleep(1));
            return (before, GreenRuntime.Current, GreenUnit.IsInUnit);
        });
        Assert.NotNull(before);
        Assert.Same(before, after);
        Assert.True(inUnit);
    }

    [Fact]
    public void Channel_PingPong()
    {
        var rounds = Drive(async rt =>
        {
            var ping = new GreenChannel<int>();
            var pong = new GreenChannel<int>();
            var echo = rt.Spawn(async () =>
            {
                while (true)
                {
                    var v = await ping.ReceiveAsync();
                    if (v < 0)
                    {
                        return;
                    }

                    pong.Send(v + 1);
                }
            });
            var x = 0;
            for (var i = 0; i < 10_000; i++)
            {
                ping.Send(x);
                x = await pong.ReceiveAsync();
            }

            ping.Send(-1);
            await echo;
            return x;
        });
        Assert.Equal(10_000, rounds);
    }

    [Fact]
    public void NestedSpawns_OverflowTheSmallLocalQueue_AndAllRun()
    {
        var total = Drive(async rt =>
        {
            var counter = 0;
            var handles = new List<GreenUnit>();
            for (var i = 0; i < 500; i++)
            {
                handles.Add(rt.Spawn(async () =>
                {
                    var inner = rt.Spawn(() =>
                    {
                        Interlocked.Increment(ref counter);
                        return ValueTask.CompletedTask;
                    });
                    await inner;
                    Interlocked.Increment(ref counter);
                }));
            }

            foreach (var h in handles)
            {
                await h;
            }

            return counter;
        });
        Assert.Equal(1000, total);
    }

    [Fact]
    public void SpawnBlocking_ResultIsAwaitableFromAUnit()
    {
        var value = Drive(async rt => await rt.SpawnBlocking(() =>
        {
            Thread.Sleep(10);
            return 5;
        }));
        Assert.Equal(5, value);
    }

    [Fact]
    public void Counters_CountPolls()
    {
        using var scope = new RuntimeScope(Options());
        Bounded.Run(Bounded.Short, () => scope.Runtime.BlockOn(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await GreenUnit.Yield();
            }

            return 0;
        }));
        var counters = scope.Runtime.GetCounters();
        Assert.True(counters.Polls >= 11);
        Assert.Equal(scope.Runtime.WorkerCount, counters.Workers.Count);
    }

    [Fact]
    public void BlockOn_RethrowsTheOriginalException()
    {
        using var scope = new RuntimeScope(Options());
        Bounded.Run(Bounded.Short, () => Assert.Throws<ArgumentException>(() => scope.Runtime.BlockOn<int>(async () =>
        {
            await GreenUnit.Yield();
            throw new ArgumentException("main");
        })));
    }
}

public sealed class WorkStealingConformanceTests : RuntimeConformanceTests
{
    protected override SchedulingMode Mode => SchedulingMode.WorkStealing;
}

public sealed class ThreadPerCoreConformanceTests : RuntimeConformanceTests
{
    protected override SchedulingMode Mode => SchedulingMode.ThreadPerCore;
}

public sealed class CurrentThreadConformanceTests : RuntimeConformanceTests
{
    protected override SchedulingMode Mode => SchedulingMode.CurrentThread;
}
