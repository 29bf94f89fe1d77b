namespace Green.Tests.Tasks;

/// <summary>CancellationToken support: on spawn (aborts the unit), on Delay and on a channel receive (ends that wait),
/// and the group joins (all, first, with a timeout).</summary>
public sealed class CancellationTests : RuntimeTest
{
    [Fact]
    public void SpawnWithToken_CancellingIt_AbortsTheUnit_AndItsFinallyRuns()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        using var source = new CancellationTokenSource();
        var never = new GreenChannel<int>();
        var cleanedUp = false;
        var unit = runtime.Spawn(
            async () =>
            {
                try
                {
                    await never.ReceiveAsync();
                }
                finally
                {
                    cleanedUp = true;
                }
            },
            source.Token);
        Assert.False(unit.Wait(TimeSpan.FromMilliseconds(20)));
        source.Cancel();
        Bounded.Finish(unit, Bounded.Short, "the cancelled unit");
        Assert.Equal(UnitStatus.Cancelled, unit.Status);
        Assert.True(cleanedUp);
    }

    [Fact]
    public void SpawnWithACancelledToken_NeverRunsTheBody()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        var ran = false;
        var unit = runtime.Spawn(() => ValueTask.FromResult(ran = true), new CancellationToken(canceled: true));
        Bounded.Finish(unit, Bounded.Short);
        Assert.Equal(UnitStatus.Cancelled, unit.Status);
        Assert.False(ran);
    }

    [Fact]
    public void DelayWithToken_Cancelled_ThrowsInTheUnit_AndLeavesTheWheel()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        using var source = new CancellationTokenSource();
        var unit = runtime.Spawn(async () =>
        {
            try
            {
                await GreenUnit.Delay(TimeSpan.FromHours(1), source.Token);
                return "fired";
            }
            catch (OperationCanceledException e) when (e.CancellationToken == source.Token)
            {
                return "cancelled";
            }
        });
        Assert.True(SpinWait.SpinUntil(() => runtime.Workers[0].Timers.Count == 1, Bounded.Short));
        source.Cancel();
        Bounded.Join(unit, Bounded.Short);
        Assert.Equal("cancelled", unit.Result);
        Assert.Equal(0, runtime.Workers[0].Timers.Count);
    }

    [Fact]
    public void ReceiveWithToken_Cancelled_Throws_AndALaterItemStillArrives()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        using var source = new CancellationTokenSource();
        var channel = new GreenChannel<int>();
        var parked = new ManualResetEventSlim();
        var unit = runtime.Spawn(async () =>
        {
            try
            {
                parked.Set();
                await channel.ReceiveAsync(source.Token);
                return -1;
            }
            catch (OperationCanceledException)
            {
                return await channel.ReceiveAsync(); // the channel still works after a cancelled receive
            }
        });
        Assert.True(parked.Wait(Bounded.Short));
        Thread.Sleep(10);
        source.Cancel();
        Thread.Sleep(10);
        channel.Send(7);
        Bounded.Join(unit, Bounded.Short);
        Assert.Equal(7, unit.Result);
    }

    [Fact]
    public void ReceiveWithToken_AnItemFirst_Wins()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        using var source = new CancellationTokenSource();
        var channel = new GreenChannel<int>();
        channel.Send(3);
        var unit = runtime.Spawn(async () => await channel.ReceiveAsync(source.Token));
        Bounded.Join(unit, Bounded.Short);
        source.Cancel();
        Assert.Equal(3, unit.Result);
    }

    [Fact]
    public void WhenAll_WaitsForEveryUnit_AndWhenAny_ReturnsTheFirst()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        var gate = new GreenGate();
        var fast = runtime.Spawn(() => ValueTask.CompletedTask);
        var slow = runtime.Spawn(async () => await gate.WaitAsync());
        var joiner = runtime.Spawn(async () =>
        {
            var first = await GreenUnit.WhenAny([slow, fast]);
            var allBeforeOpen = await GreenUnit.WhenAll([fast, slow], TimeSpan.FromMilliseconds(20));
            gate.Open();
            await GreenUnit.WhenAll([fast, slow]);
            return (first, allBeforeOpen, slow.IsCompleted);
        });
        Bounded.Join(joiner, Bounded.Short);
        var (winner, timedOutInTime, slowDone) = joiner.Result;
        Assert.Same(fast, winner);
        Assert.False(timedOutInTime, "WhenAll with a timeout returned true while a unit was still waiting");
        Assert.True(slowDone);
    }

    [Fact]
    public void WhenAll_WithACancelledToken_Throws()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        using var source = new CancellationTokenSource();
        var never = new GreenChannel<int>();
        var stuck = runtime.Spawn(async () => await never.ReceiveAsync());
        var joiner = runtime.Spawn(async () => await GreenUnit.WhenAll([stuck], source.Token));
        Assert.False(joiner.Wait(TimeSpan.FromMilliseconds(20)));
        source.Cancel();
        Bounded.Finish(joiner, Bounded.Short);
        Assert.IsAssignableFrom<OperationCanceledException>(joiner.Exception);
        stuck.Abort();
    }

    [Fact]
    public void FdReadWithToken_Cancelled_Throws_AndTheFdStillReads()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        using var source = new CancellationTokenSource();
        var (read, write) = AsyncFd.CreatePipe(runtime);
        using (read)
        using (write)
        {
            var parked = new ManualResetEventSlim();
            var cancelled = new ManualResetEventSlim();
            var unit = runtime.Spawn(async () =>
            {
                var buffer = new byte[1];
                try
                {
                    parked.Set();
                    await read.ReadAsync(buffer, source.Token);
                    return -1;
                }
                catch (OperationCanceledException)
                {
                    cancelled.Set();
                    await read.ReadAsync(buffer);
                    return buffer[0];
                }
            });
            Assert.True(parked.Wait(Bounded.Short));
            Thread.Sleep(10); // usually parked in the read by now; if not, the read starts cancelled, which must throw too
            source.Cancel();

            // Data that is there first wins over a cancellation (see ReadAsync), so write only once the read has thrown:
            // a byte written after a fixed pause raced a slow worker and was sometimes read instead.
            Assert.True(cancelled.Wait(Bounded.Short), "the cancelled read did not throw");
            var writer = runtime.Spawn(async () => await write.WriteAsync(new byte[] { 9 }));
            Bounded.Join(writer, Bounded.Short);
            Bounded.Join(unit, Bounded.Short);
            Assert.Equal(9, unit.Result);
        }
    }
}
