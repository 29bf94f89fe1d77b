using System.Text;

namespace Green.Tests.IO;

[Collection(DescriptorCounting.Name)]
public sealed class ReactorTests
{
    [Theory]
    [InlineData(SchedulingMode.WorkStealing)]
    [InlineData(SchedulingMode.ThreadPerCore)]
    public void PipeRead_ParksOnEagain_AndWakesOnWrite(SchedulingMode mode)
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { Mode = mode, WorkerCount = 2 });
        var (read, write) = AsyncFd.CreatePipe(scope.Runtime);
        using (read)
        using (write)
        {
            var parked = new ManualResetEventSlim();
            var reader = scope.Runtime.Spawn(async () =>
            {
                var buffer = new byte[16];
                parked.Set();
                var n = await read.ReadAsync(buffer);
                return Encoding.ASCII.GetString(buffer, 0, n);
            });
            Assert.True(parked.Wait(Bounded.Short));
            Thread.Sleep(30);
            Assert.False(reader.IsCompleted, "the reader must park while the pipe is empty");
            var writer = scope.Runtime.Spawn(async () => await write.WriteAsync(Encoding.ASCII.GetBytes("hello")));
            Bounded.Join(writer, Bounded.Short);
            Bounded.Join(reader, Bounded.Short);
            Assert.Equal("hello", reader.Result);
        }
    }

    [Fact]
    public void SocketPair_EchoesManyMessages_AndLargeWritesBackPressure()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 2 });
        var (a, b) = AsyncFd.CreateSocketPair(scope.Runtime);
        using (a)
        using (b)
        {
            const int total = 4 * 1024 * 1024; // far more than the socket buffer: writes hit EAGAIN
            var sender = scope.Runtime.Spawn(async () =>
            {
                var chunk = new byte[64 * 1024];
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = (byte)i;
                }

                var sent = 0;
                while (sent < total)
                {
                    var offset = sent % chunk.Length;
                    sent += await a.WriteAsync(chunk.AsMemory(offset, Math.Min(chunk.Length - offset, total - sent)));
                }

                return sent;
            });
            var receiver = scope.Runtime.Spawn(async () =>
            {
                var buffer = new byte[8192];
                long received = 0;
                long checksum = 0;
                while (received < total)
                {
                    var n = await b.ReadAsync(buffer);
                    Assert.True(n > 0);
                    for (var i = 0; i < n; i++)
                    {
                        checksum += buffer[i] == (byte)((received + i) % (64 * 1024)) ? 0 : 1;
                    }

                    received += n;
                }

                return (received, checksum);
            });
            Bounded.Join(sender, Bounded.Long);
            Bounded.Join(receiver, Bounded.Long);
            Assert.Equal(total, sender.Result);
            Assert.Equal(((long)total, 0L), receiver.Result);
        }
    }

    [Fact]
    public void Brigade_ChainOfPipes_PassesTokensThrough()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 2 });
        const int stages = 20;
        const int messages = 500;
        var pipes = Enumerable.Range(0, stages + 1).Select(_ => AsyncFd.CreatePipe(scope.Runtime)).ToArray();
        try
        {
            var relays = Enumerable.Range(0, stages).Select(i => scope.Runtime.Spawn(async () =>
            {
                var buffer = new byte[1];
                for (var m = 0; m < messages; m++)
                {
                    var n = await pipes[i].Read.ReadAsync(buffer);
                    Assert.Equal(1, n);
                    await pipes[i + 1].Write.WriteAllAsync(buffer);
                }
            })).ToList();
            var driver = scope.Runtime.Spawn(async () =>
            {
                var buffer = new byte[1];
                var sum = 0;
                for (var m = 0; m < messages; m++)
                {
                    await pipes[0].Write.WriteAllAsync(new[] { (byte)(m % 251) });
                    await pipes[stages].Read.ReadAsync(buffer);
                    sum += buffer[0];
                }

                return sum;
            });
            Bounded.Join(driver, Bounded.Long);
            Assert.Equal(Enumerable.Range(0, messages).Sum(m => m % 251), driver.Result);
            foreach (var relay in relays)
            {
                Bounded.Join(relay, Bounded.Short);
            }
        }
        finally
        {
            foreach (var (r, w) in pipes)
            {
                r.Dispose();
                w.Dispose();
            }
        }
    }

    [Fact]
    public void ReadAfterWriterClosed_ReturnsZero()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1 });
        var (read, write) = AsyncFd.CreatePipe(scope.Runtime);
        using (read)
        {
            var reader = scope.Runtime.Spawn(async () => await read.ReadAsync(new byte[4]));
            Thread.Sleep(20);
            write.Dispose();
            Bounded.Join(reader, Bounded.Short);
            Assert.Equal(0, reader.Result);
        }
    }

    [Fact]
    public unsafe void Dispatch_CountsAWakeThatThrows()
    {
        var swallowed = new List<Exception>();
        using var reactor = new Reactor(swallowed.Add);
        int* fds = stackalloc int[2];
        Assert.Equal(0, Native.Pipe2(fds, Native.O_NONBLOCK | Native.O_CLOEXEC));
        try
        {
            var registration = reactor.Register(fds[0]);
            registration.Register(IoRegistration.Readable, new object()); // a token no waker knows: Wake throws
            byte one = 1;
            Assert.Equal(1, Native.Write(fds[1], &one, 1));
            Assert.Equal(1, reactor.TryPoll(1000));
            Assert.IsType<InvalidOperationException>(Assert.Single(swallowed));
        }
        finally
        {
            Native.Close(fds[0]);
            Native.Close(fds[1]);
        }
    }

    [Fact]
    public async Task ReadWaitingOutsideTheRuntime_FailsWhenTheRuntimeShutsDown_InsteadOfSpinning()
    {
        var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1 });
        var (read, write) = AsyncFd.CreatePipe(scope.Runtime);
        using (read)
        using (write)
        {
            var pending = Task.Run(async () => await read.ReadAsync(new byte[1]));
            Thread.Sleep(20); // let the read park on EAGAIN
            scope.Dispose();  // disposes the reactor: every registration is marked Closed
            var failure = await Assert.ThrowsAsync<RuntimeShutdownException>(() => pending.WaitAsync(Bounded.Short));
            Assert.Contains($"fd {read.Fd}", failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CreatePipe_ClosesItsFds_WhenWrappingFails()
    {
        var rt = new GreenRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        rt.Shutdown(ShutdownMode.Forced, TimeSpan.FromSeconds(1)); // GetReactor now throws
        var before = OpenDescriptors.Count();
        for (var i = 0; i < 64; i++)
        {
            Assert.Throws<RuntimeShutdownException>(() => AsyncFd.CreatePipe(rt));
            Assert.Throws<RuntimeShutdownException>(() => AsyncFd.CreateSocketPair(rt));
        }

        Assert.True(OpenDescriptors.Count() - before < 32, $"fds leaked: {before} -> {OpenDescriptors.Count()}");
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
