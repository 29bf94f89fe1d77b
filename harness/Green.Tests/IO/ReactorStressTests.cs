namespace Green.Tests.IO;

/// <summary>Stress tests of the worker-driven I/O driver: readiness is never lost, whoever polls and whoever sleeps.</summary>
public sealed class ReactorStressTests : RuntimeTest
{
    /// <summary>
    /// The workers fall asleep before the reactor exists (on their condition variables), then a unit parks on an empty
    /// pipe and a foreign thread writes after a random pause: some worker must be in epoll_wait, or wake for the write.
    /// </summary>
    [Theory]
    [MemberData(nameof(ThreadedModes))]
    public void Readiness_ReachesAParkedReader_WhenEveryWorkerSleeps_Repeatedly(SchedulingMode mode)
    {
        var random = new Random(1234);
        Bounded.Run(TimeSpan.FromSeconds(120), () =>
        {
            for (var round = 0; round < 40; round++)
            {
                using var scope = new RuntimeScope(new GreenRuntimeOptions { Mode = mode, WorkerCount = 2 }); // shut down at the end of each round
                var rt = scope.Runtime;
                Thread.Sleep(random.Next(0, 3)); // workers go idle, some fully parked
                var (read, write) = AsyncFd.CreatePipe(rt);
                using (read)
                using (write)
                {
                    for (var message = 0; message < 5; message++)
                    {
                        var reader = rt.Spawn(async () =>
                        {
                            var buffer = new byte[1];
                            var n = await read.ReadAsync(buffer);
                            return n == 1 ? buffer[0] : -1;
                        });
                        SpinWait.SpinUntil(() => false, random.Next(0, 3)); // write before, during or after the park
                        var value = (byte)(round + message);
                        Assert.Equal(1, write.WriteAsync(new[] { value }).AsTask().GetAwaiter().GetResult());
                        Bounded.Join(reader, Bounded.Short, $"reader of round {round}, message {message}");
                        Assert.Equal(value, reader.Result);
                    }
                }
            }
        });
    }

    /// <summary>Many short brigades at once with random yields and delays in the relays: every byte arrives, in order.</summary>
    [Theory]
    [MemberData(nameof(ThreadedModes))]
    public void ConcurrentBrigades_WithRandomYieldsAndDelays_DeliverEveryByte(SchedulingMode mode)
    {
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = mode, WorkerCount = 2 });
        const int brigades = 8;
        const int stages = 16;
        const int messages = 300;
        Bounded.Run(TimeSpan.FromSeconds(90), () =>
        {
            var links = Enumerable.Range(0, brigades).Select(_ => Enumerable.Range(0, stages + 1).Select(_ => AsyncFd.CreateSocketPair(rt)).ToArray()).ToArray();
            try
            {
                var units = new List<GreenUnit>();
                for (var b = 0; b < brigades; b++)
                {
                    var chain = links[b];
                    for (var s = 0; s < stages; s++)
                    {
                        var (input, output) = (chain[s].B, chain[s + 1].A);
                        var seed = (b * 1000) + s;
                        units.Add(rt.Spawn(async () =>
                        {
                            var random = new Random(seed);
                            var buffer = new byte[1];
                            for (var m = 0; m < messages; m++)
                            {
                                Assert.Equal(1, await input.ReadAsync(buffer));
                                switch (random.Next(16))
                                {
                                    case 0:
                                        await GreenUnit.Yield();
                                        break;
                                    case 1:
                                        await GreenUnit.Delay(TimeSpan.FromMilliseconds(1));
                                        break;
                                }

                                buffer[0]++;
                                await output.WriteAllAsync(buffer);
                            }
                        }));
                    }
                }

                var delivered = new int[brigades];
                var drivers = Enumerable.Range(0, brigades).Select(b => rt.Spawn(async () =>
                {
                    var chain = links[b];
                    var buffer = new byte[1];
                    var wrong = 0;
                    for (var m = 0; m < messages; m++)
                    {
                        await chain[0].A.WriteAllAsync(new[] { (byte)m });
                        Assert.Equal(1, await chain[stages].B.ReadAsync(buffer));
                        wrong += buffer[0] == (byte)(m + stages) ? 0 : 1;
                        Volatile.Write(ref delivered[b], m + 1);
                    }

                    return wrong;
                })).ToList();
                foreach (var driver in drivers)
                {
                    if (!driver.Wait(Bounded.Long))
                    {
                        // Tell a lost wake-up (no brigade moves any more) from a starved machine (they still move, slowly).
                        var before = Enumerable.Range(0, brigades).Select(i => Volatile.Read(ref delivered[i])).ToArray();
                        Thread.Sleep(2_000);
                        var after = Enumerable.Range(0, brigades).Select(i => Volatile.Read(ref delivered[i])).ToArray();
                        Assert.Fail($"a brigade's driver did not finish within {Bounded.Long.TotalSeconds:F0} s: messages delivered per brigade "
                            + $"[{string.Join(", ", before)}] of {messages}, two seconds later [{string.Join(", ", after)}]"
                            + (before.SequenceEqual(after) ? " (stuck: a lost wake-up?)" : " (still moving: a starved machine)"));
                    }

                    Assert.Equal(0, driver.Result);
                }

                foreach (var unit in units)
                {
                    Bounded.Join(unit, Bounded.Short, "a relay");
                }
            }
            finally
            {
                foreach (var (a, b) in links.SelectMany(l => l))
                {
                    a.Dispose();
                    b.Dispose();
                }
            }
        });
    }

    /// <summary>The current-thread runtime drives epoll from BlockOn: a brigade inside it runs to the end.</summary>
    [Fact]
    public void CurrentThread_BlockOn_DrivesTheReactor()
    {
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.CurrentThread });
        var pipes = Enumerable.Range(0, 11).Select(_ => AsyncFd.CreatePipe(rt)).ToArray();
        try
        {
            var sum = 0;
            Bounded.Run(Bounded.Long, () => sum = rt.BlockOn(async () =>
            {
                var relays = Enumerable.Range(0, 10).Select(i => GreenRuntime.Current!.Spawn(async () =>
                {
                    var buffer = new byte[1];
                    for (var m = 0; m < 200; m++)
                    {
                        await pipes[i].Read.ReadAsync(buffer);
                        await pipes[i + 1].Write.WriteAllAsync(buffer);
                    }
                })).ToList();
                var total = 0;
                var buffer = new byte[1];
                for (var m = 0; m < 200; m++)
                {
                    await pipes[0].Write.WriteAllAsync(new[] { (byte)m });
                    await pipes[10].Read.ReadAsync(buffer);
                    total += buffer[0];
                }

                foreach (var relay in relays)
                {
                    await relay;
                }

                return total;
            }));
            Assert.Equal(Enumerable.Range(0, 200).Sum(), sum);
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

    /// <summary>Shutdown while units sleep in reads and a worker sleeps in epoll_wait: it returns promptly and every reader ends.</summary>
    [Fact]
    public void Shutdown_WithReadersParkedInTheDriver_EndsEveryReader_Repeatedly()
    {
        Bounded.Run(TimeSpan.FromSeconds(60), () =>
        {
            for (var round = 0; round < 20; round++)
            {
                var rt = new GreenRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
                var pairs = Enumerable.Range(0, 8).Select(_ => AsyncFd.CreateSocketPair(rt)).ToArray();
                var readers = pairs.Select(p => rt.Spawn(async () => await p.B.ReadAsync(new byte[1]))).ToList();
                Thread.Sleep(round % 3);
                var report = rt.Shutdown(ShutdownMode.Forced, TimeSpan.FromSeconds(2));
                Assert.True(report.Elapsed < TimeSpan.FromSeconds(3), $"shutdown took {report.Elapsed}");
                Assert.All(readers, r => Assert.True(r.IsCompleted, $"a reader is still {r.Status}"));
                foreach (var (a, b) in pairs)
                {
                    a.Dispose();
                    b.Dispose();
                }
            }
        });
    }
}
