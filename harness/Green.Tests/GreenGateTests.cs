namespace Green.Tests;

public sealed class GreenGateTests : RuntimeTest
{
    [Fact]
    public void Open_WakesEveryParkedUnitExactlyOnce()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        var gate = new GreenGate();
        int started = 0, released = 0;
        var units = Enumerable.Range(0, 10_000).Select(_ => runtime.Spawn(async () =>
        {
            Interlocked.Increment(ref started);
            await gate.WaitAsync();
            Interlocked.Increment(ref released);
        })).ToList();
        Bounded.Run(Bounded.Short, () => SpinWait.SpinUntil(() => Volatile.Read(ref started) == units.Count));
        Thread.Sleep(20);
        Assert.Equal(0, Volatile.Read(ref released));

        gate.Open();

        units.ForEach(u => Bounded.Join(u, Bounded.Long));
        Assert.Equal(units.Count, released);
        Assert.True(gate.IsOpen);
    }

    [Fact]
    public void WaitersRacingOpen_AreNeverLost()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        var random = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            var gate = new GreenGate();
            var units = Enumerable.Range(0, 8).Select(_ => runtime.Spawn(async () => await gate.WaitAsync())).ToList();
            Thread.SpinWait(random.Next(5_000));
            gate.Open();
            units.ForEach(u => Bounded.Join(u, Bounded.Short, $"round {round}"));
        }
    }

    [Fact]
    public async Task OutsideAwaiters_AreWokenToo()
    {
        var gate = new GreenGate();
        Task waiting = gate.WaitAsync().AsTask();
        Assert.False(waiting.IsCompleted);

        gate.Open();

        await waiting.WaitAsync(Bounded.Short);
        Assert.True(gate.WaitAsync().IsCompleted);
    }
}
