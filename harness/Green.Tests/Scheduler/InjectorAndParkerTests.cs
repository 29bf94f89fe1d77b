namespace Green.Tests.Scheduler;

public sealed class InjectorAndParkerTests
{
    [Fact]
    public void Injector_PushAndPushRange_PopInFifoOrder()
    {
        var runtime = new GreenRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.CurrentThread });
        var units = Enumerable.Range(0, 10).Select(_ => (GreenUnit)new VoidUnit(runtime, () => ValueTask.CompletedTask)).ToArray();
        var injector = new Injector();
        foreach (var unit in units)
        {
            injector.Push(unit);
        }

        Assert.Equal(10, injector.Count);
        Assert.Equal(units.Take(4), Enumerable.Range(0, 4).Select(_ => injector.Pop()));
        injector.PushRange(units[..2]);
        Assert.Same(units[4], injector.Pop());
        Assert.Equal(7, injector.Count);
        Assert.Equal(units[5..].Concat(units[..2]), Enumerable.Range(0, 7).Select(_ => injector.Pop()));
        Assert.Null(injector.Pop());
        Assert.True(injector.IsEmpty);
        Assert.Equal(12, injector.Pushed);
    }

    [Fact]
    public void Parker_UnparkBeforePark_IsNotLost()
    {
        var parker = new Parker();
        parker.Unpark();
        Assert.True(parker.Park(10_000)); // returns at once, long before the timeout
        Assert.False(parker.Park(1)); // the notification was consumed
    }

    [Fact]
    public void Parker_TimesOut()
    {
        var parker = new Parker();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(parker.Park(30));
        Assert.True(sw.ElapsedMilliseconds >= 20);
    }

    [Fact]
    public void Parker_CrossThreadPingPong_NeverLosesAWakeup()
    {
        var a = new Parker();
        var b = new Parker();
        const int rounds = 20_000;
        Bounded.Run(Bounded.Long, () =>
        {
            var other = new Thread(() =>
            {
                for (var i = 0; i < rounds; i++)
                {
                    while (!a.Park(-1))
                    {
                    }

                    b.Unpark();
                }
            });
            other.Start();
            for (var i = 0; i < rounds; i++)
            {
                a.Unpark();
                while (!b.Park(-1))
                {
                }
            }

            other.Join();
        });
    }
}
