using System.Diagnostics;

namespace Green.Tests.Scheduler;

public sealed class BlockingDetectionTests
{
    [Theory]
    [InlineData(SchedulingMode.WorkStealing)]
    [InlineData(SchedulingMode.ThreadPerCore)]
    public void SpinningUnit_DoesNotStopOthers_WhenDetectionIsOn(SchedulingMode mode)
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions
        {
            Mode = mode,
            WorkerCount = 1,
            BlockingDetectionThreshold = TimeSpan.FromMilliseconds(10),
        });
        var rt = scope.Runtime;
        // The spinner never yields while it spins; it stops as soon as the other unit has finished, or after 5 s. If the
        // other unit finished first, a fresh thread must have taken over the worker (the only one) meanwhile. Stopping
        // early keeps the test fast, and the long cap keeps it honest on a machine busy with other tests.
        long otherDone = 0;
        var spinnerStoppedEarly = false;
        var spinner = rt.Spawn(async () =>
        {
            await GreenUnit.Yield();
            var sw = Stopwatch.StartNew();
            while (Volatile.Read(ref otherDone) == 0 && sw.Elapsed < TimeSpan.FromSeconds(5))
            {
                Thread.SpinWait(100);
            }

            spinnerStoppedEarly = Volatile.Read(ref otherDone) != 0;
            await GreenUnit.Yield(); // the spinning thread retired; this continues on the new worker thread
        });
        var other = rt.Spawn(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await GreenUnit.Delay(TimeSpan.FromMilliseconds(1));
                await GreenUnit.Yield();
            }

            Volatile.Write(ref otherDone, Stopwatch.GetTimestamp());
        });
        Bounded.Join(other, Bounded.Short);
        Bounded.Join(spinner, Bounded.Short);
        Assert.True(spinnerStoppedEarly, "the other unit must finish while the spinner still spins");
        Assert.True(rt.GetCounters().Handoffs >= 1);

        // The runtime keeps working normally after the handoff.
        var after = rt.Spawn(async () =>
        {
            await GreenUnit.Delay(TimeSpan.FromMilliseconds(2));
            return 1;
        });
        Bounded.Join(after, Bounded.Short);
    }

    [Fact]
    public void SpinningUnit_BlocksOthers_WhenDetectionIsOff()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { Mode = SchedulingMode.ThreadPerCore, WorkerCount = 1 });
        var rt = scope.Runtime;
        var spinnerDone = 0L;
        var spinner = rt.Spawn(() =>
        {
            Busy.Spin(TimeSpan.FromMilliseconds(100));
            Volatile.Write(ref spinnerDone, Stopwatch.GetTimestamp());
            return ValueTask.CompletedTask;
        });
        var other = rt.Spawn(() => ValueTask.FromResult(Stopwatch.GetTimestamp()));
        Bounded.Join(other, Bounded.Short);
        Bounded.Join(spinner, Bounded.Short);
        Assert.True(other.Result > spinnerDone);
        Assert.Equal(0, rt.GetCounters().Handoffs);
    }

    [Fact]
    public void RepeatedStalls_WithSpawnsAndWakesDuringTheStall_LoseNothing()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions
        {
            WorkerCount = 2,
            LocalQueueCapacity = 4,
            BlockingDetectionThreshold = TimeSpan.FromMilliseconds(5),
        });
        var rt = scope.Runtime;
        var count = 0;
        var handles = new List<GreenUnit>();
        for (var i = 0; i < 20; i++)
        {
            var stall = i % 4 == 0;
            handles.Add(rt.Spawn(async () =>
            {
                var children = new List<GreenUnit>();
                for (var c = 0; c < 10; c++)
                {
                    children.Add(rt.Spawn(async () =>
                    {
                        await GreenUnit.Yield();
                        Interlocked.Increment(ref count);
                    }));
                    if (stall && c == 5)
                    {
                        Busy.Spin(TimeSpan.FromMilliseconds(20));
                    }
                }

                foreach (var child in children)
                {
                    await child;
                }
            }));
        }

        foreach (var h in handles)
        {
            Bounded.Join(h, Bounded.Long);
        }

        Assert.Equal(200, count);
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
            Busy.Spin(TimeSpan.FromMilliseconds(300)); // stuck: the worker is handed to a fresh thread
            Volatile.Write(ref spinnerDone, Stopwatch.GetTimestamp());
            await receiver;
        });
        Bounded.Join(main, Bounded.Short);
        Assert.True(rt.GetCounters().Handoffs >= 1);
        Assert.True(Volatile.Read(ref receiverDone) < Volatile.Read(ref spinnerDone), "the LIFO unit must run on the new thread during the stall");
    }
}
