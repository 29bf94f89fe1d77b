using Harness.Models;
using Harness.Scenarios;
using Harness.Workloads;

namespace Harness.Tests.Workloads;

/// <summary>
/// One conformance suite, run under every execution model: each workload does exactly the work it claims
/// (every unit ran, every hop happened, every token crossed in order).
/// </summary>
public abstract class WorkloadConformanceTests : IDisposable
{
    /// <summary>
    /// Models share the process's ThreadPool and CPUs; run their suites one after another so that one model's
    /// offenders cannot starve another model's timing-sensitive probes.
    /// </summary>
    public const string Collection = "execution models";

    protected abstract ExecutionModel CreateModel();

    private readonly ExecutionModel _model;

    protected WorkloadConformanceTests() => _model = CreateModel();

    public void Dispose()
    {
        _model.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(257)]
    public void Creation_RunsEveryUnitExactlyOnce(int units)
    {
        CreationWorkload.Result result = CreationWorkload.Run(_model, units);

        Assert.Equal(units, result.Units);
        Assert.Equal(units, result.Ran);
        Assert.True(result.TotalNs > 0);
        Assert.Equal(result.TotalNs, result.SpawnNs + result.JoinNs, 6);
    }

    [Fact]
    public void FirstRunDelays_AreMeasuredForEveryUnit()
    {
        double[] delays = CreationWorkload.MeasureFirstRunDelays(_model, 50);

        Assert.Equal(50, delays.Length);
        Assert.All(delays, d => Assert.True(d > 0, $"delay {d} ns"));
    }

    [Fact]
    public void Spawn_ReportsTheUnitsExceptionOnJoin()
    {
        IUnit unit = _model.Spawn(() => throw new InvalidOperationException("boom"));

        var e = Assert.Throws<InvalidOperationException>(unit.Join);
        Assert.Equal("boom", e.Message);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 7)]
    [InlineData(50, 300)] // the byte wraps around past 255 several times
    public void Brigade_PassesTheByteThroughEveryUnitEveryRound(int units, int rounds)
    {
        var brigade = new Brigade(_model, Transport.SocketPair, units);
        brigade.RunRounds(rounds);
        brigade.RunRounds(1);

        long hops = brigade.Stop();

        Assert.Equal(rounds + 1, brigade.Rounds);
        // Every unit forwarded the byte once per round, plus once for the stop round.
        Assert.Equal((long)units * (rounds + 1 + 1), hops);
    }

    [Theory]
    [InlineData(Transport.Pipe)]
    [InlineData(Transport.Memory)]
    public void Brigade_OverPipesAndInMemoryChannels(Transport transport)
    {
        var brigade = new Brigade(_model, transport, 5);
        brigade.RunRounds(20);
        Assert.Equal(5L * 21, brigade.Stop());
    }

    [Theory]
    [InlineData(Transport.SocketPair)]
    [InlineData(Transport.Pipe)]
    public void Baseline_WritesAndReadsBackEveryByte_InterleavedWithTheChain(Transport transport)
    {
        using var brigade = new Brigade(_model, transport, 20, withBaseline: true);
        for (int sample = 0; sample < 5; sample++)
        {
            Assert.True(brigade.BaselineNsPerTransfer(3) > 0);
            brigade.RunRounds(3);
        }
        Assert.Equal(20L * 16, brigade.Stop());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void PingPong_ExchangesExactlyTheCountedTokens(int exchanges)
    {
        using var pingPong = new PingPong(_model);

        pingPong.Exchange(exchanges);
        Assert.Equal(2L * exchanges, pingPong.Switches);
        pingPong.Exchange(3);
        Assert.Equal(2L * (exchanges + 3), pingPong.Switches);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(300, false)]
    [InlineData(300, true)]
    public void ParkedUnits_AreAllAliveAndParkedWhenMemoryIsRead(int units, bool touch)
    {
        ParkedUnits.Result result = ParkedUnits.Run(_model, units, touch, TimeSpan.FromSeconds(60));

        Assert.Equal(units, result.StartedAtReading);
        Assert.Equal(0, result.FinishedAtReading);
        Assert.Equal(units, result.FinishedAfterJoin);
        Assert.True(result.Parked.RssBytes > 0 && result.Before.RssBytes > 0);
        Assert.True(result.StartedAllNs > 0 && double.IsFinite(result.StartedAllNs), $"time until all started: {result.StartedAllNs} ns");
        Assert.Equal(result.StartedAllNs / units, result.StartedAllNsPerUnit, 9);
    }

    [Fact]
    public void PingPongScenario_TimesEveryRoundTripOfOnePass()
    {
        const int RoundTrips = 300;
        IReadOnlyList<Series> series = ScenarioRunner.Execute(new PingPongSpec { Model = _model.Id, RoundTrips = RoundTrips, Warmup = 1, Samples = 2 });

        Assert.Equal(2, Assert.Single(series, s => s.Quantity == Quantities.Switch).Samples.Count);
        Series each = Assert.Single(series, s => s.Quantity == Quantities.RoundTripEach);
        Assert.Equal("ns", each.Unit);
        Assert.Equal(RoundTrips, each.Samples.Count); // one pass after the samples, not one per sample
        Assert.All(each.Samples, ns => Assert.True(ns > 0 && double.IsFinite(ns), $"a round trip of {ns} ns"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(400)]
    public void MemoryScenario_ReportsSpawnAlive_OnlyOnceEveryUnitIsAlive(int units)
    {
        // The runner refuses a reading taken before all N were started and parked, so a series at all is that proof.
        IReadOnlyList<Series> series = ScenarioRunner.Execute(new ParkedSpec { Model = _model.Id, Units = units });

        Series spawnAlive = Assert.Single(series, s => s.Quantity == Quantities.SpawnAlive);
        Assert.Equal("ns", spawnAlive.Unit);
        double perUnit = Assert.Single(spawnAlive.Samples);
        Assert.True(perUnit > 0 && double.IsFinite(perUnit), $"spawn-alive {perUnit} ns per unit");
        Assert.Equal(Quantities.Rss, series[0].Quantity); // the progress line shows the first series: still resident memory
    }

    [Fact]
    public async Task Gate_ReleasesEveryWaiterOnce()
    {
        IGate gate = _model.CreateGate();
        int released = 0;
        var units = Enumerable.Range(0, 20).Select(_ => _model.Spawn(async () =>
        {
            await gate.WaitAsync();
            Interlocked.Increment(ref released);
        })).ToList();
        await Task.Delay(20);
        Assert.Equal(0, Volatile.Read(ref released));

        gate.Open();
        units.ForEach(u => u.Join());

        Assert.Equal(20, released);
        await gate.WaitAsync(); // an open gate lets later waiters straight through
    }

    /// <summary>Stress: units reach the gate at random moments, some after it opened, over many rounds; every one
    /// passes exactly once and none before the gate opens.</summary>
    [Fact]
    public void Gate_UnderRandomArrivals_ReleasesEveryWaiterExactlyOnce()
    {
        var random = new Random(20261202);
        for (int round = 0; round < 20; round++)
        {
            IGate gate = _model.CreateGate();
            int units = random.Next(1, 60), passed = 0, opened = 0, early = 0;
            int[] delaysUs = Enumerable.Range(0, units).Select(_ => random.Next(0, 3_000)).ToArray();
            var handles = delaysUs.Select(delay => _model.Spawn(async () =>
            {
                System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
                while (clock.Elapsed.TotalMicroseconds < delay) Thread.SpinWait(20);
                await gate.WaitAsync();
                if (Volatile.Read(ref opened) == 0) Interlocked.Increment(ref early);
                Interlocked.Increment(ref passed);
            })).ToList();
            Thread.Sleep(random.Next(0, 3));
            Volatile.Write(ref opened, 1);
            gate.Open();
            handles.ForEach(h => h.Join());

            Assert.Equal(units, passed);
            Assert.Equal(0, early);
        }
    }

    [Fact]
    public void DelayAndYield_SuspendAndResumeTheUnit()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _model.RunToCompletion(async () =>
        {
            await _model.Yield();
            await _model.DelayAsync(TimeSpan.FromMilliseconds(20));
        });

        // Task.Delay is due on Environment.TickCount64, which may lag the Stopwatch by one of its steps (4 ms at 250 Hz):
        // the delay may end up to a step early by the Stopwatch, never more.
        double step = Harness.Measurement.EnvironmentInfo.MeasuredTickCountStepMs() ?? 1;
        Assert.True(clock.Elapsed.TotalMilliseconds >= 20 - step - 1, $"{clock.Elapsed.TotalMilliseconds:F1} ms (TickCount64 step {step} ms)");
    }

    [Theory]
    [InlineData(BlockKind.Sleep, false)]
    [InlineData(BlockKind.Spin, false)]
    [InlineData(BlockKind.Wait, true)]
    public void Stall_ProbesObserveBothPhasesAndOffendersHold(BlockKind kind, bool offload)
    {
        var settings = new StallWorkload.Settings(2, 2, kind, TimeSpan.FromMilliseconds(2),
            TimeSpan.FromMilliseconds(150), offload && _model.Offload is not null, TimeSpan.FromMilliseconds(1));

        StallWorkload.Result result = StallWorkload.Run(_model, settings);

        // The ticker sends each probe a tick every millisecond, and every tick is observed, stalled or not: two
        // baseline phases (before and after), two offended ones between them.
        Assert.InRange(result.Baseline.Count, 2 * 200, 2 * 400);
        Assert.InRange(result.Offended.Count, 2 * 200, 2 * 400);
        Assert.Contains(result.Baseline, o => o.AtNs < 0);
        Assert.Contains(result.Baseline, o => o.AtNs > 300e6);
        Assert.DoesNotContain(result.Baseline, o => o.AtNs is >= 0 and < 300e6);
        Assert.All(result.Offended, o => Assert.InRange(o.AtNs, 0, 300e6));
        Assert.True(result.HoldsNs.Count >= 2, $"{result.HoldsNs.Count} holds");
        Assert.All(result.HoldsNs, h => Assert.True(h >= 2e6 * 0.999, $"a hold lasted {h} ns, asked 2 ms"));
        Assert.All(result.Baseline.Concat(result.Offended), o => Assert.True(o.LateNs >= 0, $"a tick arrived {o.LateNs} ns before its deadline"));
    }

    [Fact]
    public void Stall_OffloadIsRefusedWhereTheModelHasNoBlockingPool()
    {
        if (_model.Offload is not null) return;
        var settings = new StallWorkload.Settings(1, 1, BlockKind.Spin, TimeSpan.FromMilliseconds(1),
            TimeSpan.FromMilliseconds(10), Offload: true, TimeSpan.FromMilliseconds(1));

        Assert.Throws<NotSupportedException>(() => StallWorkload.Run(_model, settings));
    }

    [Fact]
    public void YieldStorm_CountsEveryYieldOfEveryUnit()
    {
        YieldStorm.Result result = YieldStorm.Run(_model, units: 20, yieldsPerUnit: 50);

        Assert.Equal(1000, result.Yields);
        Assert.True(result.NsPerYield > 0);
    }

    [Fact]
    public void Handoff_KeepsTokensSentBeforeTheReceive()
    {
        using IHandoff handoff = _model.CreateHandoff();
        for (int i = 0; i < 100; i++) handoff.Send(i);
        var received = new List<int>();

        _model.RunToCompletion(async () =>
        {
            for (int i = 0; i < 100; i++) received.Add(await handoff.ReceiveAsync());
        });

        Assert.Equal(Enumerable.Range(0, 100), received);
    }

    [Fact]
    public async Task Handoff_StressManyPairsWithRandomDelays()
    {
        // Many concurrent pairs, senders sleeping at random: a lost wake-up shows as a hang, caught by the deadline.
        const int pairs = 8, tokens = 200;
        var handoffs = Enumerable.Range(0, pairs).Select(_ => _model.CreateHandoff()).ToArray();
        var sums = new long[pairs];
        var units = new List<IUnit>();
        for (int p = 0; p < pairs; p++)
        {
            int pair = p;
            units.Add(_model.Spawn(async () =>
            {
                for (int i = 0; i < tokens; i++) sums[pair] += await handoffs[pair].ReceiveAsync();
            }));
            units.Add(_model.Spawn(() =>
            {
                var random = new Random(pair);
                for (int i = 0; i < tokens; i++)
                {
                    if (random.Next(8) == 0) Thread.SpinWait(random.Next(2_000));
                    handoffs[pair].Send(i);
                }
                return ValueTask.CompletedTask;
            }));
        }

        Task joined = Task.Run(() => units.ForEach(u => u.Join()));
        Assert.Same(joined, await Task.WhenAny(joined, Task.Delay(TimeSpan.FromSeconds(60))));
        await joined;
        Assert.All(sums, s => Assert.Equal(tokens * (tokens - 1) / 2, s));
        foreach (IHandoff h in handoffs) h.Dispose();
    }
}

[Collection(WorkloadConformanceTests.Collection)]
public sealed class ThreadWorkloadTests : WorkloadConformanceTests
{
    protected override ExecutionModel CreateModel() => new ThreadModel();
}

[Collection(WorkloadConformanceTests.Collection)]
public sealed class SmallStackThreadWorkloadTests : WorkloadConformanceTests
{
    protected override ExecutionModel CreateModel() => new ThreadModel(stackSize: 256 * 1024);
}

[Collection(WorkloadConformanceTests.Collection)]
public sealed class TaskWorkloadTests : WorkloadConformanceTests
{
    protected override ExecutionModel CreateModel() => new TaskModel();
}

[Collection(WorkloadConformanceTests.Collection)]
public sealed class GreenWorkloadTests : WorkloadConformanceTests
{
    protected override ExecutionModel CreateModel() => new GreenModel();
}

[Collection(WorkloadConformanceTests.Collection)]
public sealed class GreenWithDetectionWorkloadTests : WorkloadConformanceTests
{
    protected override ExecutionModel CreateModel() => new GreenModel(blockingDetection: true);
}
