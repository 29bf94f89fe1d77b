using System.Diagnostics;

namespace Green.Tests.IO;

/// <summary>The I/O driver's blocking turn: readiness reaches an idle worker while the former driver is busy, and a wake after disposal writes nowhere.</summary>
public sealed class ReactorDriverTests
{

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
                        Busy.Spin(TimeSpan.FromMilliseconds(1000));
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
}
