using System.Diagnostics;

namespace Green.Tests.Scheduler;

/// <summary>Mode-specific scheduling behaviour: affinity, LIFO slot, fairness.</summary>
public sealed class SchedulingBehaviorTests : RuntimeTest
{
    [Fact]
    public void ThreadPerCore_UnitAndContinuationsStayOnTheirWorker()
    {
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.ThreadPerCore, WorkerCount = 2 });
        var handles = Enumerable.Range(0, 20).Select(_ => rt.Spawn(async () =>
        {
            var threads = new HashSet<int> { Environment.CurrentManagedThreadId };
            for (var i = 0; i < 20; i++)
            {
                await GreenUnit.Yield();
                threads.Add(Environment.CurrentManagedThreadId);
                await GreenUnit.Delay(TimeSpan.FromMilliseconds(1));
                threads.Add(Environment.CurrentManagedThreadId);
                await Task.Delay(1); // completes on a timer thread; resumes through the unit's context on its home worker
                threads.Add(Environment.CurrentManagedThreadId);
            }

            return threads.Count;
        })).ToList();
        foreach (var h in handles)
        {
            Bounded.Join(h, Bounded.Long);
            Assert.Equal(1, h.Result);
        }

        var counters = rt.GetCounters();
        Assert.Equal(0, counters.StealOperations);
        Assert.All(counters.Workers, w => Assert.True(w.Polls > 0, "outside spawns are spread round-robin"));
    }

    [Fact]
    public void PingPong_UsesTheLifoSlot()
    {
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.ThreadPerCore, WorkerCount = 1 });
        var a = new GreenChannel<int>();
        var b = new GreenChannel<int>();
        var main = rt.Spawn(async () =>
        {
            var echo = rt.Spawn(async () =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    b.Send(await a.ReceiveAsync());
                }
            });
            for (var i = 0; i < 1000; i++)
            {
                a.Send(i);
                await b.ReceiveAsync();
            }

            await echo;
        });
        Bounded.Join(main, Bounded.Short);
        Assert.True(rt.GetCounters().LifoHits > 500, $"LIFO hits {rt.GetCounters().LifoHits}");
    }

    [Fact]
    public void PingPongPair_CannotStarveAThirdUnitOnTheSameWorker()
    {
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.ThreadPerCore, WorkerCount = 1 });
        var stop = 0;
        var a = new GreenChannel<int>();
        var b = new GreenChannel<int>();
        var bystanderRan = rt.Spawn(async () =>
        {
            var echo = rt.Spawn(async () =>
            {
                while (Volatile.Read(ref stop) == 0)
                {
                    b.Send(await a.ReceiveAsync());
                }
            });
            var third = rt.Spawn(async () =>
            {
                await GreenUnit.Yield();
                Volatile.Write(ref stop, 1);
            });
            while (Volatile.Read(ref stop) == 0)
            {
                a.Send(1);
                await b.ReceiveAsync();
            }

            a.Send(1);
            await echo;
            await third;
            return true;
        });
        Bounded.Join(bystanderRan, Bounded.Short, "ping-pong pair starved the third unit");
    }

    [Fact]
    public void GlobalQueue_IsCheckedEvenWhileLocalWorkNeverRunsOut()
    {
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.WorkStealing, WorkerCount = 1, GlobalQueueInterval = 61 });
        var stop = 0;
        var spinner = rt.Spawn(async () =>
        {
            // Keeps the local queue non-empty forever by yielding.
            while (Volatile.Read(ref stop) == 0)
            {
                await GreenUnit.Yield();
            }
        });
        Thread.Sleep(10);
        var injected = rt.Spawn(() =>
        {
            Volatile.Write(ref stop, 1);
            return ValueTask.CompletedTask;
        });
        Bounded.Join(injected, Bounded.Short, "an injected unit starved behind local work");
        Bounded.Join(spinner, Bounded.Short);
    }

    /// <summary>A unit that works in long stretches and yields between them lets a unit woken from outside run at its next
    /// yield, not 60 stretches later (the global queue's fairness interval): the stall workload's offenders do exactly this.</summary>
    [Theory]
    [InlineData(SchedulingMode.WorkStealing)]
    [InlineData(SchedulingMode.ThreadPerCore)]
    public void UnitWokenFromOutside_RunsAtTheNextYield_OfALongRunningUnit(SchedulingMode mode)
    {
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = mode, WorkerCount = 1 });
        var stretches = 0;
        var stop = 0;
        var offender = rt.Spawn(async () =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                var end = Environment.TickCount64 + 2;
                while (Environment.TickCount64 < end)
                {
                    Thread.SpinWait(50);
                }

                Interlocked.Increment(ref stretches);
                await GreenUnit.Yield();
            }
        });
        for (var round = 0; round < 10; round++)
        {
            var channel = new GreenChannel<int>();
            var ranAfter = -1;
            var receiver = rt.Spawn(async () =>
            {
                await channel.ReceiveAsync();
                ranAfter = Volatile.Read(ref stretches);
            });
            SpinWait.SpinUntil(() => receiver.SchedulingState == GreenUnit.StateIdle, Bounded.Short); // parked on the channel
            var sentAt = Volatile.Read(ref stretches);
            channel.Send(round);
            Bounded.Join(receiver, Bounded.Short);
            Assert.True(ranAfter - sentAt <= 2, $"the woken unit ran {ranAfter - sentAt} stretches after its wake-up");
        }

        Volatile.Write(ref stop, 1);
        Bounded.Join(offender, Bounded.Short);
    }

    [Fact]
    public async Task Channel_SendFromOutside_ReceiveOutsideAUnit()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        var channel = new GreenChannel<string>();
        var consumer = Task.Run(async () => await channel.ReceiveAsync()); // a foreign receiver (thread pool)
        Thread.Sleep(10);
        channel.Send("x");
        Assert.Equal("x", await consumer.WaitAsync(Bounded.Short));
        Assert.True(channel.TryReceive(out _) is false);
    }

    [Fact]
    public void WorkStealing_IdleWorkerStealsFromABusyOne()
    {
        var rt = StartRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var main = rt.Spawn(async () =>
        {
            var hs = Enumerable.Range(0, 200).Select(_ => rt.Spawn(() =>
            {
                threads[Environment.CurrentManagedThreadId] = 1;
                Thread.SpinWait(20_000);
                return ValueTask.CompletedTask;
            })).ToList();
            foreach (var h in hs)
            {
                await h;
            }
        });
        Bounded.Join(main, Bounded.Long);
        Assert.True(rt.GetCounters().StealOperations > 0);
        Assert.Equal(2, threads.Count);
    }

    [Fact]
    public void OneChildPushedIntoAnEmptyQueue_IsStolenWhileTheParentSpins()
    {
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.WorkStealing, WorkerCount = 2 });
        Thread.Sleep(100); // both workers go idle and park
        var childRan = 0L;
        var spinEnd = 0L;
        var parent = rt.Spawn(() =>
        {
            Busy.Spin(TimeSpan.FromMilliseconds(50)); // the worker woken along with us gives up searching and parks
            rt.Spawn(() =>
            {
                Volatile.Write(ref childRan, Stopwatch.GetTimestamp());
                return ValueTask.CompletedTask;
            });
            Busy.Spin(TimeSpan.FromMilliseconds(300)); // no yield: only the other worker can run the child
            Volatile.Write(ref spinEnd, Stopwatch.GetTimestamp());
            return ValueTask.CompletedTask;
        });
        Bounded.Join(parent, Bounded.Short);
        var ran = Volatile.Read(ref childRan);
        Assert.True(ran != 0 && ran < spinEnd, "the child must run on the other worker while the parent spins");
        Assert.True(Stopwatch.GetElapsedTime(ran, spinEnd) > TimeSpan.FromMilliseconds(150), "and well before the spin ends");
    }
}
