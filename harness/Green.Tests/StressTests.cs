namespace Green.Tests;

/// <summary>Stress tests aimed at lost wake-ups, lost units, double runs and deadlocks; every one is bounded in time.</summary>
public sealed class StressTests : RuntimeTest
{
    [Theory]
    [MemberData(nameof(ThreadedModes))]
    public void MillionSpawns_FromSeveralThreads_EachRunsExactlyOnce(SchedulingMode mode)
    {
        const int threads = 4;
        const int perThread = 250_000;
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = mode, WorkerCount = 2 });
        var hits = new byte[threads * perThread];
        var done = 0;
        var doubles = 0;
        Bounded.Run(TimeSpan.FromSeconds(60), () =>
        {
            var spawners = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                for (var i = 0; i < perThread; i++)
                {
                    var index = (t * perThread) + i;
                    rt.Spawn(() =>
                    {
                        if (Interlocked.Exchange(ref hits[index], 1) != 0)
                        {
                            Interlocked.Increment(ref doubles);
                        }

                        Interlocked.Increment(ref done);
                        return ValueTask.CompletedTask;
                    });
                }
            })).ToArray();
            foreach (var s in spawners)
            {
                s.Start();
            }

            foreach (var s in spawners)
            {
                s.Join();
            }

            while (Volatile.Read(ref done) < threads * perThread)
            {
                Thread.Sleep(1);
            }
        });
        Assert.Equal(0, doubles);
        Assert.Equal(threads * perThread, done);
        Assert.DoesNotContain((byte)0, hits);
        SpinWait.SpinUntil(() => rt.GetCounters().LiveUnits == 0, Bounded.Short);
        Assert.Equal(0, rt.GetCounters().LiveUnits);
    }

    [Theory]
    [InlineData(SchedulingMode.WorkStealing, 1)]
    [InlineData(SchedulingMode.WorkStealing, 2)]
    [InlineData(SchedulingMode.ThreadPerCore, 3)]
    [InlineData(SchedulingMode.CurrentThread, 4)]
    [InlineData(SchedulingMode.WorkStealing, 5)]
    public void RandomYieldsDelaysSpawnsAndMessages_AllUnitsFinish(SchedulingMode mode, int seed)
    {
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = mode, WorkerCount = 2, LocalQueueCapacity = 4 });
        var finished = 0;
        Bounded.Run(Bounded.Long, () => rt.BlockOn(async () =>
        {
            var channels = Enumerable.Range(0, 50).Select(_ => new GreenChannel<int>()).ToArray();
            var receivers = channels.Select(ch => rt.Spawn(async () =>
            {
                var sum = 0;
                for (var i = 0; i < 20; i++)
                {
                    sum += await ch.ReceiveAsync();
                }

                return sum;
            })).ToList();
            var workers = Enumerable.Range(0, 1000).Select(i => rt.Spawn(async () =>
            {
                var rng = new Random((seed * 10_000) + i);
                for (var step = 0; step < 10; step++)
                {
                    switch (rng.Next(5))
                    {
                        case 0:
                            await GreenUnit.Yield();
                            break;
                        case 1:
                            await GreenUnit.Delay(TimeSpan.FromMilliseconds(rng.Next(0, 3)));
                            break;
                        case 2:
                            await rt.Spawn(async () =>
                            {
                                await GreenUnit.Yield();
                                return 1;
                            });
                            break;
                        case 3:
                            await Task.Yield();
                            break;
                        default:
                            Thread.SpinWait(rng.Next(1, 200));
                            break;
                    }
                }

                if (i < 1000)
                {
                    channels[i % channels.Length].Send(1);
                }

                Interlocked.Increment(ref finished);
            })).ToList();
            foreach (var w in workers)
            {
                await w;
            }

            var total = 0;
            foreach (var r in receivers)
            {
                total += await r;
            }

            Assert.Equal(1000, total);
            return 0;
        }));
        Assert.Equal(1000, finished);
    }

    [Fact]
    public void StealStorm_OneUnitSpawnsManyChildren_OthersSteal()
    {
        var rt = StartRuntime(new GreenRuntimeOptions { WorkerCount = 2, LocalQueueCapacity = 4 });
        var count = 0;
        Bounded.Run(Bounded.Long, () => rt.BlockOn(async () =>
        {
            var handles = new GreenUnit[100_000];
            for (var i = 0; i < handles.Length; i++)
            {
                handles[i] = rt.Spawn(() =>
                {
                    Interlocked.Increment(ref count);
                    Thread.SpinWait(20);
                    return ValueTask.CompletedTask;
                });
            }

            foreach (var h in handles)
            {
                await h;
            }

            return 0;
        }));
        Assert.Equal(100_000, count);
        var counters = rt.GetCounters();
        Assert.True(counters.Overflows > 0, "a 4-slot queue must overflow");
    }

    [Theory]
    [MemberData(nameof(ThreadedModes))]
    public void PingPongRing_PassesTheTokenAroundWithoutLosingIt(SchedulingMode mode)
    {
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = mode, WorkerCount = 2 });
        const int ringSize = 64;
        const int laps = 200;
        var channels = Enumerable.Range(0, ringSize).Select(_ => new GreenChannel<int>()).ToArray();
        var members = Enumerable.Range(0, ringSize).Select(i => rt.Spawn(async () =>
        {
            var last = 0;
            for (var lap = 0; lap < laps; lap++)
            {
                last = await channels[i].ReceiveAsync();
                channels[(i + 1) % ringSize].Send(last + 1);
            }

            return last;
        })).ToList();
        channels[0].Send(0);
        foreach (var m in members)
        {
            Bounded.Join(m, Bounded.Long, "ring member");
        }

        Assert.Equal((ringSize * laps) - 1, members[^1].Result);
    }

    [Theory]
    [MemberData(nameof(ThreadedModes))]
    public void WakesFromOutsideThreads_WithWorkersParkingInBetween_AreNeverLost(SchedulingMode mode)
    {
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = mode, WorkerCount = 2 });
        const int rounds = 3000;
        var request = new GreenChannel<int>();
        using var reply = new SemaphoreSlim(0);
        var server = rt.Spawn(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                await request.ReceiveAsync();
                reply.Release();
            }
        });
        Bounded.Run(Bounded.Long, () =>
        {
            var rng = new Random(3);
            for (var i = 0; i < rounds; i++)
            {
                if (rng.Next(4) == 0)
                {
                    Thread.Sleep(0); // let workers reach park
                }

                request.Send(i);
                if (!reply.Wait(TimeSpan.FromSeconds(5)))
                {
                    throw new TimeoutException(
                        $"lost wake-up at round {i}: server {server.Status} (scheduling state {server.SchedulingState}), " +
                        $"{request.Count} item(s) unreceived; {DescribeWorkers(rt)}");
                }
            }
        });
        Bounded.Join(server, Bounded.Short);
    }

    /// <summary>What each worker was doing, for the message of a stall (queued units, parks, polls).</summary>
    private static string DescribeWorkers(GreenRuntime rt) => string.Join("; ", rt.Workers.Select(w =>
        $"worker {w.Index}: local {w.Queue.Count}, inbox {w.Inbox?.Count ?? 0}, polls {w.Stats.Polls}, " +
        $"parks {w.Stats.Parks}, unparks {w.Stats.Unparks}, thread {w.Thread?.ThreadState}")) +
        $"; global queue {rt.GlobalQueue.Count}";

    /// <summary>Many senders, on workers and on plain threads, into one receiver: every item arrives exactly once and each
    /// sender's items arrive in order, whether they went through the queue or were handed over to the parked receiver.</summary>
    [Theory]
    [MemberData(nameof(ThreadedModes))]
    public void Channel_ManySenders_OneReceiver_NothingLostNothingReordered(SchedulingMode mode)
    {
        const int unitSenders = 4;
        const int threadSenders = 2;
        const int perSender = 50_000;
        for (var round = 0; round < 6; round++)
        {
            using var scope = new RuntimeScope(new GreenRuntimeOptions { Mode = mode, WorkerCount = 2 }); // shut down at the end of each round
            var rt = scope.Runtime;
            var channel = new GreenChannel<(int Sender, int Seq)>();
            const int senders = unitSenders + threadSenders;
            var receiver = rt.Spawn(async () =>
            {
                var next = new int[senders];
                for (var i = 0; i < senders * perSender; i++)
                {
                    var (sender, seq) = await channel.ReceiveAsync();
                    if (seq != next[sender])
                    {
                        throw new InvalidOperationException($"sender {sender}: got {seq}, expected {next[sender]}");
                    }

                    next[sender]++;
                }

                return channel.Count;
            });
            var units = Enumerable.Range(0, unitSenders).Select(sender => rt.Spawn(async () =>
            {
                var random = new Random((round * 100) + sender);
                for (var seq = 0; seq < perSender; seq++)
                {
                    channel.Send((sender, seq));
                    if (random.Next(64) == 0)
                    {
                        await GreenUnit.Yield();
                    }
                }
            })).ToList();
            var threads = Enumerable.Range(unitSenders, threadSenders).Select(sender => new Thread(() =>
            {
                for (var seq = 0; seq < perSender; seq++)
                {
                    channel.Send((sender, seq));
                    if (seq % 1000 == 0)
                    {
                        Thread.Yield();
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            units.ForEach(u => Bounded.Join(u, Bounded.Long));
            Bounded.Join(receiver, Bounded.Long, $"the receiver of round {round} (lost item or wake-up?)");
            Assert.Equal(0, receiver.Result);
        }
    }

    [Fact]
    public void ShutdownRacingWithSpawns_EveryHandleEndsTerminal_Repeatedly()
    {
        for (var iteration = 0; iteration < 20; iteration++)
        {
            var mode = iteration % 2 == 0 ? ShutdownMode.Graceful : ShutdownMode.Forced;
            var scheduling = iteration % 3 == 0 ? SchedulingMode.ThreadPerCore : SchedulingMode.WorkStealing;
            var rt = new GreenRuntime(new GreenRuntimeOptions { Mode = scheduling, WorkerCount = 2, LocalQueueCapacity = 4 });
            var handles = new System.Collections.Concurrent.ConcurrentBag<GreenUnit>();
            var stop = 0;
            var rejected = 0;
            var spawners = Enumerable.Range(0, 3).Select(t => new Thread(() =>
            {
                var rng = new Random((iteration * 10) + t);
                while (Volatile.Read(ref stop) == 0)
                {
                    try
                    {
                        handles.Add(rt.Spawn(async () =>
                        {
                            if (rng.Next(2) == 0)
                            {
                                await GreenUnit.Yield();
                            }

                            await GreenUnit.Delay(TimeSpan.FromMilliseconds(rng.Next(0, 3)));
                            try
                            {
                                // Spawning from inside may be refused once the registry closes; that faults this unit, which is fine.
                                handles.Add(rt.Spawn(() => ValueTask.CompletedTask));
                            }
                            catch (RuntimeShutdownException)
                            {
                            }
                        }));
                    }
                    catch (RuntimeShutdownException)
                    {
                        Interlocked.Increment(ref rejected);
                        return;
                    }
                }
            })).ToArray();
            foreach (var s in spawners)
            {
                s.Start();
            }

            Thread.Sleep(5 + (iteration % 7));
            var report = rt.Shutdown(mode, TimeSpan.FromSeconds(5));
            Volatile.Write(ref stop, 1);
            foreach (var s in spawners)
            {
                Assert.True(s.Join(Bounded.Short));
            }

            Assert.True(report.IsClean, report.ToString());
            foreach (var h in handles)
            {
                Assert.True(h.IsCompleted, $"iteration {iteration}: a handle was left {h.Status}");
                Assert.NotEqual(UnitStatus.Running, h.Status);
            }
        }
    }
}
