namespace Green.Tests;

public sealed class MiscTests
{
    [Fact]
    public async Task Delay_OutsideTheRuntime_FallsBackToTaskDelay()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await GreenUnit.Delay(TimeSpan.FromMilliseconds(20)).AsTask().WaitAsync(Bounded.Short);
        Assert.True(sw.ElapsedMilliseconds >= 14); // Task.Delay is due on TickCount64 (4 ms steps here): up to a step early by the Stopwatch
        await GreenUnit.Yield();
    }

    [Fact]
    public void BlockOn_FromAWorker_Throws()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1 });
        var rt = scope.Runtime;
        var handle = rt.Spawn(() =>
        {
            Assert.Throws<InvalidOperationException>(() => rt.BlockOn(() => ValueTask.FromResult(1)));
            return ValueTask.CompletedTask;
        });
        Bounded.Join(handle, Bounded.Short);
        Assert.Equal(UnitStatus.Completed, handle.Status);
    }

    [Fact]
    public void Channel_ManyProducers_OneConsumer_NothingLostNothingDuplicated()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 2 });
        var rt = scope.Runtime;
        const int producers = 4;
        const int perProducer = 50_000;
        var channel = new GreenChannel<int>();
        var consumer = rt.Spawn(async () =>
        {
            var seen = new bool[producers * perProducer];
            for (var i = 0; i < seen.Length; i++)
            {
                var v = await channel.ReceiveAsync();
                Assert.False(seen[v]);
                seen[v] = true;
            }

            return seen.All(x => x);
        });
        var greenProducers = Enumerable.Range(0, producers / 2).Select(p => rt.Spawn(async () =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                channel.Send((p * perProducer) + i);
                if (i % 100 == 0)
                {
                    await GreenUnit.Yield();
                }
            }
        })).ToList();
        var threads = Enumerable.Range(producers / 2, producers / 2).Select(p => new Thread(() =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                channel.Send((p * perProducer) + i);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        Bounded.Join(consumer, Bounded.Long);
        Assert.True(consumer.Result);
        greenProducers.ForEach(h => Bounded.Join(h, Bounded.Short));
        threads.ForEach(t => t.Join());
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

    [Fact]
    public void Options_AreValidated()
    {
        Assert.Throws<ArgumentException>(() => new GreenRuntime(new GreenRuntimeOptions { LocalQueueCapacity = 6 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GreenRuntime(new GreenRuntimeOptions { WorkerCount = 0 }));
    }

    [Fact]
    public async Task AsyncFd_ReadFromPlainAsyncCode_WakesOnThreadPool()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1 });
        var (read, write) = AsyncFd.CreateSocketPair(scope.Runtime);
        using (read)
        using (write)
        {
            var buffer = new byte[8];
            var pending = Task.Run(async () =>
            {
                var n = await read.ReadAsync(buffer);
                return (n, Thread.CurrentThread.IsThreadPoolThread, GreenUnit.IsInUnit);
            });
            Thread.Sleep(20);
            var writer = scope.Runtime.Spawn(async () => await write.WriteAsync(new byte[] { 1, 2, 3 }));
            Bounded.Join(writer, Bounded.Short);
            var (read3, onPool, inUnit) = await pending.WaitAsync(Bounded.Short);
            Assert.Equal(3, read3);
            Assert.True(onPool, "the read's continuation did not resume on the thread pool");
            Assert.False(inUnit, "the read's continuation resumed inside a unit");
        }
    }
}
