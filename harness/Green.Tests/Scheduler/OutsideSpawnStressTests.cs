namespace Green.Tests;

/// <summary>The path the creation workload takes: many threads outside the runtime spawn units into the global queue (or
/// the inboxes) while workers run dry, spin and park, then join them from outside. A lost wake-up shows as a join that
/// never returns; a lost or doubled unit as a wrong count.</summary>
public sealed class OutsideSpawnStressTests : RuntimeTest
{
    private const int Spawners = 4;
    private const int Rounds = 120;

    /// <summary>Each round, every spawner sends a burst of random size after a random pause (none, a spin, or long enough
    /// for every worker to park), then joins its burst; the bursts of a round overlap, so pushes race the workers' parks.</summary>
    [Theory]
    [InlineData(SchedulingMode.WorkStealing, 1, 11)]
    [InlineData(SchedulingMode.WorkStealing, 2, 12)]
    [InlineData(SchedulingMode.WorkStealing, 3, 13)]
    [InlineData(SchedulingMode.ThreadPerCore, 2, 14)]
    public void BurstsFromManyOutsideThreads_WithRandomPauses_EveryUnitRunsOnceAndEveryJoinReturns(
        SchedulingMode mode, int workers, int seed)
    {
        var rt = StartRuntime(new GreenRuntimeOptions { Mode = mode, WorkerCount = workers, LocalQueueCapacity = 8 });
        var runs = new int[Spawners];
        var spawned = new int[Spawners];
        var failures = new List<string>();
        Bounded.Run(TimeSpan.FromSeconds(90), () =>
        {
            using var start = new Barrier(Spawners);
            var threads = Enumerable.Range(0, Spawners).Select(s => new Thread(() =>
            {
                var random = new Random((seed * 100) + s);
                var handles = new List<GreenUnit>();
                for (var round = 0; round < Rounds; round++)
                {
                    start.SignalAndWait();
                    Pause(random);
                    handles.Clear();
                    var burst = random.Next(1, 64);
                    for (var i = 0; i < burst; i++)
                    {
                        handles.Add(rt.Spawn(() =>
                        {
                            Interlocked.Increment(ref runs[s]);
                            return ValueTask.CompletedTask;
                        }));
                        if (random.Next(16) == 0)
                        {
                            Pause(random); // a push while the workers are part-way into spinning or parking
                        }
                    }

                    spawned[s] += burst;
                    foreach (var handle in handles)
                    {
                        if (!handle.Wait(Bounded.Short))
                        {
                            lock (failures)
                            {
                                failures.Add($"spawner {s}, round {round}: {handle} never finished (a lost wake-up)");
                            }

                            return;
                        }
                    }
                }
            })).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }
        });
        Assert.Empty(failures);
        Assert.Equal(spawned, runs);
        Assert.True(spawned.Sum() >= Spawners * Rounds, "every round spawns at least one unit per spawner");
    }

    /// <summary>No pause, a short spin (workers still spinning) or a sleep past the workers' spin (they park).</summary>
    private static void Pause(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                break;
            case 1:
                Thread.SpinWait(random.Next(1, 2_000));
                break;
            case 2:
                Thread.Yield();
                break;
            default:
                Thread.Sleep(random.Next(0, 2));
                break;
        }
    }
}
