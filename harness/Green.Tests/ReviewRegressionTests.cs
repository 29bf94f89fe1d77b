using System.Diagnostics;

namespace Green.Tests;

/// <summary>Regression tests for review findings (LIFO slot after handoff, notify on push, shutdown vs. polls in progress,
/// nested run loops, fd leaks).</summary>
public sealed class ReviewRegressionTests
{
    private static void Spin(TimeSpan duration)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < duration)
        {
            Thread.SpinWait(100);
        }
    }

    [Fact]
    public void UnitLeftInLifoSlot_RunsAfterBlockingHandoff()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions
        {
            Mode = SchedulingMode.ThreadPerCore,
            WorkerCount = 1,
            BlockingDetectionThreshold = TimeSpan.FromMilliseconds(10),
        });
        var rt = scope.Runtime;
        var channel = new GreenChannel<int>();
        var spinnerDone = 0L;
        var receiverDone = 0L;
        var main = rt.Spawn(async () =>
        {
            var receiver = rt.Spawn(async () =>
            {
                await channel.ReceiveAsync();
                Volatile.Write(ref receiverDone, Stopwatch.GetTimestamp());
            });
            await GreenUnit.Yield(); // the receiver runs and parks on the channel
            channel.Send(1); // wakes the receiver into this worker's LIFO slot
            Spin(TimeSpan.FromMilliseconds(300)); // stuck: the worker is handed to a fresh thread
            Volatile.Write(ref spinnerDone, Stopwatch.GetTimestamp());
            await receiver;
        });
        Bounded.Join(main, Bounded.Short);
        Assert.True(rt.GetCounters().Handoffs >= 1);
        Assert.True(Volatile.Read(ref receiverDone) < Volatile.Read(ref spinnerDone), "the LIFO unit must run on the new thread during the stall");
    }

    [Fact]
    public void OneChildPushedIntoAnEmptyQueue_IsStolenWhileTheParentSpins()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { Mode = SchedulingMode.WorkStealing, WorkerCount = 2 });
        var rt = scope.Runtime;
        Thread.Sleep(100); // both workers go idle and park
        var childRan = 0L;
        var spinEnd = 0L;
        var parent = rt.Spawn(() =>
        {
            Spin(TimeSpan.FromMilliseconds(50)); // the worker woken along with us gives up searching and parks
            rt.Spawn(() =>
            {
                Volatile.Write(ref childRan, Stopwatch.GetTimestamp());
                return ValueTask.CompletedTask;
            });
            Spin(TimeSpan.FromMilliseconds(300)); // no yield: only the other worker can run the child
            Volatile.Write(ref spinEnd, Stopwatch.GetTimestamp());
            return ValueTask.CompletedTask;
        });
        Bounded.Join(parent, Bounded.Short);
        var ran = Volatile.Read(ref childRan);
        Assert.True(ran != 0 && ran < spinEnd, "the child must run on the other worker while the parent spins");
        Assert.True(Stopwatch.GetElapsedTime(ran, spinEnd) > TimeSpan.FromMilliseconds(150), "and well before the spin ends");
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

    [Fact]
    public void NestedBlockOnInsideAUnit_RestoresTheOuterUnitContext()
    {
        using var outer = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1 });
        using var inner = new RuntimeScope(new GreenRuntimeOptions { Mode = SchedulingMode.CurrentThread });
        var h = outer.Runtime.Spawn(async () =>
        {
            var value = inner.Runtime.BlockOn(async () =>
            {
                await GreenUnit.Yield();
                return 7;
            });
            var sameRuntime = GreenRuntime.Current == outer.Runtime && Worker.Current?.Runtime == outer.Runtime;
            var hasContext = SynchronizationContext.Current is GreenUnit;
            await GreenUnit.Yield();
            return value == 7 && sameRuntime && hasContext;
        });
        Bounded.Join(h, Bounded.Short);
        Assert.True(h.Result, "GreenRuntime.Current and the unit's SynchronizationContext must survive a nested run loop");
    }

    [Fact]
    public void CreatePipe_ClosesItsFds_WhenWrappingFails()
    {
        var rt = new GreenRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        rt.Shutdown(ShutdownMode.Forced, TimeSpan.FromSeconds(1)); // GetReactor now throws
        static int OpenFds() => Directory.GetFiles("/proc/self/fd").Length;
        var before = OpenFds();
        for (var i = 0; i < 64; i++)
        {
            Assert.Throws<RuntimeShutdownException>(() => AsyncFd.CreatePipe(rt));
            Assert.Throws<RuntimeShutdownException>(() => AsyncFd.CreateSocketPair(rt));
        }

        Assert.True(OpenFds() - before < 32, $"fds leaked: {before} -> {OpenFds()}");
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

    /// <summary>Runs <paramref name="body"/> on a two-worker runtime with two pipes (read, write, read, write); the pipes
    /// are closed, then the runtime shut down, when it returns.</summary>
    private static void WithTwoWorkersAndTwoPipes(Action<GreenRuntime, AsyncFd, AsyncFd, AsyncFd, AsyncFd> body)
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 2 });
        var (r1, w1) = AsyncFd.CreatePipe(scope.Runtime);
        var (r2, w2) = AsyncFd.CreatePipe(scope.Runtime);
        using (r1)
        using (w1)
        using (r2)
        using (w2)
        {
            body(scope.Runtime, r1, w1, r2, w2);
        }
    }

    private static void WriteByte(AsyncFd fd, byte value) =>
        Assert.Equal(1, fd.WriteAsync(new[] { value }).AsTask().GetAwaiter().GetResult());

    /// <summary>
    /// The worker asleep in epoll_wait wakes for C's readiness and runs C, a long poll (its rest runs inline: ConfigureAwait
    /// false); D's readiness arrives meanwhile. The other worker slept on its futex: it must take over the driver, or D waits
    /// for C's poll to end.
    /// </summary>
    [Fact]
    public void IoReadiness_ReachesTheIdleWorker_WhileTheFormerDriverRunsALongPoll()
    {
        Bounded.Run(TimeSpan.FromSeconds(60), () =>
        {
            var latencies = new List<double>();
            for (var round = 0; round < 3; round++)
            {
                WithTwoWorkersAndTwoPipes((rt, r1, w1, r2, w2) =>
                {
                    var dWoke = 0L;
                    var d = rt.Spawn(async () =>
                    {
                        await r2.ReadAsync(new byte[1]);
                        Volatile.Write(ref dWoke, Stopwatch.GetTimestamp());
                    });
                    var c = rt.Spawn(async () =>
                    {
                        await r1.ReadAsync(new byte[1]).ConfigureAwait(false);
                        Spin(TimeSpan.FromMilliseconds(1000));
                    });
                    Thread.Sleep(150); // both parked: one in epoll_wait, one on its futex
                    WriteByte(w1, 1);
                    Thread.Sleep(100); // C runs now
                    var sent = Stopwatch.GetTimestamp();
                    WriteByte(w2, 2);
                    Bounded.Join(d, Bounded.Short);
                    Bounded.Join(c, Bounded.Short);
                    latencies.Add(Stopwatch.GetElapsedTime(sent, Volatile.Read(ref dWoke)).TotalMilliseconds);
                });
            }

            Assert.True(latencies.TrueForAll(l => l < 500),
                $"readiness waited for another worker's poll while a worker was idle: {string.Join(", ", latencies.Select(l => $"{l:F0} ms"))}");
        });
    }

    /// <summary>The same, with C joining D synchronously: D needs I/O, and the idle worker must poll for it.</summary>
    [Fact]
    public void BlockingJoin_OnAUnitThatNeedsIo_CompletesWhileAnotherWorkerIsIdle()
    {
        Bounded.Run(TimeSpan.FromSeconds(60), () =>
        {
            WithTwoWorkersAndTwoPipes((rt, r1, w1, r2, w2) =>
            {
                var d = rt.Spawn(async () => await r2.ReadAsync(new byte[1]));
                var c = rt.Spawn(async () =>
                {
                    await r1.ReadAsync(new byte[1]).ConfigureAwait(false);
                    return SpinWait.SpinUntil(() => d.IsCompleted, TimeSpan.FromSeconds(5)); // blocks the worker that was the driver
                });
                Thread.Sleep(150);
                WriteByte(w1, 1);
                Thread.Sleep(100);
                WriteByte(w2, 2);
                Bounded.Join(c, Bounded.Short);
                Assert.True(c.Result, "D never woke: its readiness sat in epoll while the other worker slept on its futex");
            });
        });
    }

    /// <summary>A wake of the driver after the reactor closed its fds writes nothing, even where the eventfd's number
    /// now belongs to another fd (here, most likely, a fresh pipe).</summary>
    [Fact]
    public unsafe void WakeDriver_AfterDispose_WritesNowhere()
    {
        var reactor = new Reactor(_ => { });
        reactor.Dispose();
        int* fds = stackalloc int[2];
        Assert.Equal(0, Native.Pipe2(fds, Native.O_NONBLOCK | Native.O_CLOEXEC));
        try
        {
            reactor.WakeDriver();
            ulong got = 0;
            Assert.True(Native.Read(fds[0], (byte*)&got, sizeof(ulong)) < 0, "a late wake wrote into a reused fd");
        }
        finally
        {
            Native.Close(fds[0]);
            Native.Close(fds[1]);
        }
    }
}
