namespace Green.Tests.Tasks;

/// <summary>Abort and shutdown resume a unit at its await with a cancellation, so finally, using and await using run:
/// every file descriptor a unit opened is closed again, whatever it was waiting on.</summary>
[Collection(DescriptorCounting.Name)]
public sealed class AbortCleanupTests
{
    private const int UnitsPerKind = 6;

    /// <summary>Units that open a pipe and wait inside a cleanup scope (the joined unit has none).</summary>
    private static readonly int Scopes = UnitsPerKind * Enum.GetValues<WaitKind>().Length * Enum.GetValues<CleanupKind>().Length;

    public enum WaitKind
    {
        Delay,
        ChannelReceive,
        FdRead,
        Join,
        Gate,
        YieldLoop,
    }

    public enum CleanupKind
    {
        Using,
        AwaitUsing,
        Finally,
    }

    public static TheoryData<int> WorkerCounts => new() { 1, 3 };

    [Theory]
    [MemberData(nameof(WorkerCounts))]
    public void Abort_RunsEveryCleanup_AndClosesEveryDescriptor(int workers)
    {
        var before = OpenDescriptors.Count();
        var ledger = new Ledger();
        using (var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = workers }))
        {
            var units = SpawnWaiters(scope.Runtime, ledger);
            Assert.True(SpinWait.SpinUntil(() => ledger.Waiting == units.Count, Bounded.Short), "not every unit reached its wait");
            foreach (var unit in units)
            {
                unit.Abort();
            }

            foreach (var unit in units)
            {
                Bounded.Finish(unit, Bounded.Short, "an aborted unit");
                Assert.Equal(UnitStatus.Cancelled, unit.Status);
            }

            Assert.Equal(Scopes, ledger.CleanupsRun);
            Assert.Equal(ledger.Opened, ledger.Closed);
        }

        OpenDescriptors.AssertBackTo(before);
    }

    [Theory]
    [InlineData(ShutdownMode.Graceful, 1)]
    [InlineData(ShutdownMode.Forced, 1)]
    [InlineData(ShutdownMode.Graceful, 3)]
    [InlineData(ShutdownMode.Forced, 3)]
    public void Shutdown_RunsEveryCleanup_AndClosesEveryDescriptor(ShutdownMode mode, int workers)
    {
        var before = OpenDescriptors.Count();
        var ledger = new Ledger();
        var runtime = new GreenRuntime(new GreenRuntimeOptions { WorkerCount = workers });
        var units = SpawnWaiters(runtime, ledger);
        Assert.True(SpinWait.SpinUntil(() => ledger.Waiting == units.Count, Bounded.Short), "not every unit reached its wait");
        var report = runtime.Shutdown(mode, TimeSpan.FromSeconds(2));
        Assert.Empty(report.StuckUnits);
        Assert.All(units, unit => Assert.Equal(UnitStatus.Cancelled, unit.Status));
        Assert.Equal(Scopes, ledger.CleanupsRun);
        Assert.Equal(ledger.Opened, ledger.Closed);
        OpenDescriptors.AssertBackTo(before);
    }

    /// <summary>One unit per (wait, cleanup) pair, several times over; each opens a pipe and waits forever inside its
    /// cleanup scope.</summary>
    private static List<GreenUnit> SpawnWaiters(GreenRuntime runtime, Ledger ledger)
    {
        var never = new GreenChannel<int>();
        var closed = new GreenGate();
        var forever = runtime.Spawn(async () => await never.ReceiveAsync());
        var units = new List<GreenUnit>();
        for (var i = 0; i < UnitsPerKind; i++)
        {
            foreach (var wait in Enum.GetValues<WaitKind>())
            {
                foreach (var cleanup in Enum.GetValues<CleanupKind>())
                {
                    var channel = new GreenChannel<int>();
                    units.Add(runtime.Spawn(() => Body(runtime, ledger, wait, cleanup, wait == WaitKind.Join ? forever : null, channel, closed)));
                }
            }
        }

        units.Add(forever);
        ledger.Expect(1); // the unit joined by the Join waiters waits too, with no cleanup of its own
        return units;
    }

    private static async ValueTask Body(
        GreenRuntime runtime, Ledger ledger, WaitKind wait, CleanupKind cleanup, GreenUnit? joined, GreenChannel<int> channel, GreenGate gate)
    {
        switch (cleanup)
        {
            case CleanupKind.Using:
            {
                using var pipe = new CountedPipe(runtime, ledger);
                await Wait(ledger, wait, pipe, joined, channel, gate);
                break;
            }

            case CleanupKind.AwaitUsing:
            {
                await using var pipe = new CountedPipe(runtime, ledger);
                await Wait(ledger, wait, pipe, joined, channel, gate);
                break;
            }

            default:
            {
                var pipe = new CountedPipe(runtime, ledger);
                try
                {
                    await Wait(ledger, wait, pipe, joined, channel, gate);
                }
                finally
                {
                    pipe.Dispose();
                }

                break;
            }
        }
    }

    private static async ValueTask Wait(Ledger ledger, WaitKind wait, CountedPipe pipe, GreenUnit? joined, GreenChannel<int> channel, GreenGate gate)
    {
        ledger.EnterWait();
        switch (wait)
        {
            case WaitKind.Delay:
                await GreenUnit.Delay(TimeSpan.FromHours(1));
                break;
            case WaitKind.ChannelReceive:
                await channel.ReceiveAsync();
                break;
            case WaitKind.FdRead:
                await pipe.Read.ReadAsync(new byte[1]);
                break;
            case WaitKind.Join:
                await joined!;
                break;
            case WaitKind.Gate:
                await gate.WaitAsync();
                break;
            default:
                while (true)
                {
                    await GreenUnit.Yield();
                }
        }

        Assert.Fail($"a {wait} wait returned normally in an aborted unit");
    }

    /// <summary>What the units opened, closed and reached; any thread.</summary>
    private sealed class Ledger
    {
        private int _opened;
        private int _closed;
        private int _cleanups;
        private int _waiting;

        public int Opened => Volatile.Read(ref _opened);

        public int Closed => Volatile.Read(ref _closed);

        public int CleanupsRun => Volatile.Read(ref _cleanups);

        public int Waiting => Volatile.Read(ref _waiting);

        public void Expect(int extraWaiters) => Interlocked.Add(ref _waiting, extraWaiters);

        public void EnterWait() => Interlocked.Increment(ref _waiting);

        public void CountOpened() => Interlocked.Add(ref _opened, 2);

        public void CountClosed()
        {
            Interlocked.Add(ref _closed, 2);
            Interlocked.Increment(ref _cleanups);
        }
    }

    /// <summary>A pipe whose two descriptors are counted when opened and when closed.</summary>
    private sealed class CountedPipe : IDisposable, IAsyncDisposable
    {
        private readonly Ledger _ledger;
        private readonly AsyncFd _write;

        public CountedPipe(GreenRuntime runtime, Ledger ledger)
        {
            _ledger = ledger;
            (Read, _write) = AsyncFd.CreatePipe(runtime);
            ledger.CountOpened();
        }

        public AsyncFd Read { get; }

        public void Dispose()
        {
            Read.Dispose();
            _write.Dispose();
            _ledger.CountClosed();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
