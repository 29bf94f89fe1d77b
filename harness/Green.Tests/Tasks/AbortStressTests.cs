namespace Green.Tests.Tasks;

/// <summary>Many units doing random work (timers, yields, fd round trips, waits that never end) aborted at random points
/// and then shut down, some of them inside I/O: every unit that started runs its finally, none faults, none is stuck,
/// and no descriptor is left open. Seeded per repeat, so a failure names the seed that reproduces it.</summary>
[Collection(DescriptorCounting.Name)]
public sealed class AbortStressTests
{
    private const int Repeats = 120;
    private const int UnitsPerRepeat = 24;

    [Fact]
    public void RandomAbortsAndShutdowns_EveryStartedUnitCleansUp()
    {
        var before = OpenDescriptors.Count();
        Bounded.Run(TimeSpan.FromSeconds(90), () =>
        {
            for (var seed = 0; seed < Repeats; seed++)
            {
                RunOnce(seed);
            }
        });
        OpenDescriptors.AssertBackTo(before);
    }

    private static void RunOnce(int seed)
    {
        var random = new Random(seed);
        var mode = random.Next(3) == 0 ? SchedulingMode.ThreadPerCore : SchedulingMode.WorkStealing;
        var runtime = new GreenRuntime(new GreenRuntimeOptions { Mode = mode, WorkerCount = random.Next(1, 4) });
        var started = 0;
        var cleanedUp = 0;
        var units = new GreenUnit[UnitsPerRepeat];
        for (var i = 0; i < units.Length; i++)
        {
            var unitSeed = (seed * 1000) + i;
            units[i] = runtime.Spawn(async () =>
            {
                var rng = new Random(unitSeed);
                var (read, write) = AsyncFd.CreatePipe(runtime);
                Interlocked.Increment(ref started);
                try
                {
                    var buffer = new byte[1];
                    for (var step = rng.Next(1, 30); step > 0; step--)
                    {
                        switch (rng.Next(5))
                        {
                            case 0:
                                await GreenUnit.Delay(TimeSpan.FromMilliseconds(rng.Next(0, 3)));
                                break;
                            case 1:
                                await GreenUnit.Yield();
                                break;
                            case 2:
                                await write.WriteAsync(buffer);
                                await read.ReadAsync(buffer);
                                break;
                            case 3:
                                Thread.SpinWait(rng.Next(1, 500));
                                break;
                            default:
                                if (rng.Next(8) == 0)
                                {
                                    await read.ReadAsync(buffer); // nobody writes: parked in I/O until abort or shutdown
                                }

                                break;
                        }
                    }
                }
                finally
                {
                    read.Dispose();
                    write.Dispose();
                    Interlocked.Increment(ref cleanedUp);
                }
            });
        }

        foreach (var unit in units.Where(_ => random.Next(3) == 0))
        {
            Thread.SpinWait(random.Next(1, 20_000));
            unit.Abort();
        }

        Thread.SpinWait(random.Next(1, 50_000));
        // Graceful shutdowns wait half their budget for units that never finish (those parked in I/O): fewer of them,
        // with a smaller budget, keep the repeats within a few seconds. A forced one returns once the aborted units
        // have unwound.
        var shutdown = random.Next(8) == 0 ? ShutdownMode.Graceful : ShutdownMode.Forced;
        var report = runtime.Shutdown(shutdown, TimeSpan.FromMilliseconds(shutdown == ShutdownMode.Graceful ? 400 : 2000));
        var context = $"seed {seed} ({mode}, {runtime.WorkerCount} workers, {shutdown} shutdown)";
        Assert.True(report.StuckUnits.Count == 0, $"{report.StuckUnits.Count} unit(s) stuck; {context}");
        foreach (var unit in units)
        {
            Assert.True(
                unit.Status is UnitStatus.Completed or UnitStatus.Cancelled,
                $"{unit} ended {unit.Status}: {unit.Exception?.GetType().Name} {unit.Exception?.Message}; {context}");
        }

        Assert.True(Volatile.Read(ref cleanedUp) == Volatile.Read(ref started), $"{started} started, {cleanedUp} cleaned up; {context}");
        Assert.Equal(0, runtime.GetCounters().UnhandledErrors);
    }
}
