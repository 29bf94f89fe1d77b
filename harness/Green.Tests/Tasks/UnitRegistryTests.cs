namespace Green.Tests.Tasks;

/// <summary>The live-unit registry: lock-free adds, lazy removal, bounded dead entries, and a complete sweep after Close.</summary>
public sealed class UnitRegistryTests : RuntimeTest
{
    private static GreenUnit NewUnit(GreenRuntime runtime) => new VoidUnit(runtime, () => ValueTask.CompletedTask);

    [Fact]
    public void RemovedUnits_LeaveTheSnapshot_AndAreCountedOutOnce()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.CurrentThread });
        var registry = new UnitRegistry();
        var units = Enumerable.Range(0, 10).Select(_ => NewUnit(runtime)).ToList();
        Assert.All(units, u => Assert.True(registry.TryAdd(u)));
        registry.Remove(units[3]);
        registry.Remove(units[3]); // a second finishing path must not count it out again
        registry.Remove(units[7]);

        Assert.Equal(8, registry.Count);
        registry.Close();
        Assert.Equal(units.Where((_, i) => i is not (3 or 7)).ToHashSet(), registry.Snapshot().ToHashSet());
    }

    [Fact]
    public void AddAfterClose_IsRefused_AndNotCounted()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.CurrentThread });
        var registry = new UnitRegistry();
        Assert.True(registry.TryAdd(NewUnit(runtime)));
        registry.Close();

        Assert.False(registry.TryAdd(NewUnit(runtime)));
        Assert.Equal(1, registry.Count);
        Assert.Single(registry.Snapshot());
    }

    [Fact]
    public void FinishedUnits_AreCompactedAway_SoDeadEntriesStayBounded()
    {
        var rt = StartRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        const int spawns = 200_000;
        var done = 0;
        Bounded.Run(Bounded.Long, () =>
        {
            for (var i = 0; i < spawns; i++)
            {
                rt.Spawn(() =>
                {
                    Interlocked.Increment(ref done);
                    return ValueTask.CompletedTask;
                });
            }

            SpinWait.SpinUntil(() => Volatile.Read(ref done) == spawns && rt.Registry.Count == 0, Bounded.Short);
        });
        Assert.Equal(0, rt.Registry.Count);
        // Each of the 32 shards may keep up to its slack of finished units until the next add or removal compacts it.
        Assert.InRange(rt.Registry.Entries, 0, 32 * (UnitRegistry.CompactionSlack + 32));
    }

    /// <summary>Workers that go idle after a burst of short units sweep them out: the stacks then hold the live units
    /// only, instead of up to live + slack finished units per shard until the next spawn (which kept them reachable across
    /// GCs and made the next burst pay page faults).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void IdleWorkers_SweepFinishedUnitsOut_LeavingOnlyTheLiveOnes(int workers)
    {
        var rt = StartRuntime(new GreenRuntimeOptions { WorkerCount = workers });
        var gate = new GreenGate();
        var parked = Enumerable.Range(0, 10).Select(_ => rt.Spawn(() => gate.WaitAsync())).ToList();
        const int spawns = 5_000;
        var done = 0;
        for (var i = 0; i < spawns; i++)
        {
            rt.Spawn(() =>
            {
                Interlocked.Increment(ref done);
                return ValueTask.CompletedTask;
            });
        }

        var swept = SpinWait.SpinUntil(() => Volatile.Read(ref done) == spawns && rt.Registry.Entries == parked.Count, Bounded.Short);
        Assert.True(swept, $"{rt.Registry.Entries} registry entries for {rt.Registry.Count} live units after the workers went idle");
        gate.Open();
        parked.ForEach(unit => Bounded.Join(unit, Bounded.Short, "a parked unit after its gate opened"));
    }

    /// <summary>Sweeps racing with spawns, finishes and aborts, round after round with random timing: a forced shutdown
    /// then cancels exactly the units still waiting, so no sweep dropped a live unit and none kept a finished one live.</summary>
    [Fact]
    public void SweepsRacingWithSpawnsAndAborts_NeverLoseALiveUnit_Repeatedly()
    {
        Bounded.Run(TimeSpan.FromSeconds(90), () =>
        {
            for (var round = 0; round < 100; round++)
            {
                var random = new Random(round);
                using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1 + (round % 3) });
                var rt = scope.Runtime;
                var gate = new GreenGate();
                var waiting = new List<GreenUnit>();
                for (var burst = 0; burst < 5; burst++)
                {
                    for (var i = random.Next(50, 400); i > 0; i--)
                    {
                        if (random.Next(8) == 0)
                        {
                            waiting.Add(rt.Spawn(() => gate.WaitAsync()));
                        }
                        else if (random.Next(2) == 0)
                        {
                            rt.Spawn(() => ValueTask.CompletedTask);
                        }
                        else
                        {
                            rt.Spawn(async () => await GreenUnit.Yield());
                        }
                    }

                    if (waiting.Count > 0 && random.Next(2) == 0)
                    {
                        var victim = waiting[random.Next(waiting.Count)];
                        victim.Abort();
                        Assert.True(SpinWait.SpinUntil(() => victim.IsCompleted, Bounded.Short), "an aborted waiting unit never finished");
                        Assert.Equal(UnitStatus.Cancelled, victim.Status);
                        waiting.Remove(victim);
                    }

                    Thread.Sleep(random.Next(0, 3)); // sometimes let the workers go idle and sweep
                }

                SpinWait.SpinUntil(() => rt.Registry.Count == waiting.Count, Bounded.Short);
                Assert.Equal(waiting.Count, rt.Registry.Count);
                var report = rt.Shutdown(ShutdownMode.Forced, Bounded.Short);
                Assert.Equal(waiting.Count, report.CancelledUnits);
                Assert.All(waiting, unit => Assert.Equal(UnitStatus.Cancelled, unit.Status));
            }
        });
    }

    /// <summary>Adders and removers on several threads, compactions racing with both, then a close racing with adds:
    /// the sweep must see exactly the units that were added, not refused, and not removed.</summary>
    [Fact]
    public void ConcurrentAddsRemovesAndClose_SweepSeesExactlyTheLiveUnits_Repeatedly()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.CurrentThread });
        Bounded.Run(TimeSpan.FromSeconds(60), () =>
        {
            for (var round = 0; round < 30; round++)
            {
                var registry = new UnitRegistry();
                var live = new System.Collections.Concurrent.ConcurrentDictionary<GreenUnit, bool>();
                var closeAt = 2_000 + (round * 97);
                var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
                {
                    var random = new Random((round * 10) + t);
                    var mine = new List<GreenUnit>();
                    for (var i = 0; i < 5_000; i++)
                    {
                        if (mine.Count > 0 && random.Next(3) == 0)
                        {
                            var index = random.Next(mine.Count);
                            var victim = mine[index];
                            mine.RemoveAt(index);
                            live.TryRemove(victim, out _);
                            registry.Remove(victim);
                            continue;
                        }

                        var unit = NewUnit(runtime);
                        if (registry.TryAdd(unit))
                        {
                            live[unit] = true;
                            mine.Add(unit);
                        }

                        if (t == 0 && i == closeAt)
                        {
                            registry.Close();
                        }
                    }
                })).ToList();
                threads.ForEach(t => t.Start());
                threads.ForEach(t => t.Join());

                Assert.Equal(live.Keys.ToHashSet(), registry.Snapshot().ToHashSet());
                Assert.Equal(live.Count, registry.Count);
            }
        });
    }
}
