namespace Green.Tests.Scheduler;

public sealed class LocalQueueTests
{
    private static GreenUnit[] MakeUnits(int count)
    {
        var runtime = new GreenRuntime(new GreenRuntimeOptions { WorkerCount = 1, Mode = SchedulingMode.CurrentThread });
        var units = new GreenUnit[count];
        for (var i = 0; i < count; i++)
        {
            units[i] = new VoidUnit(runtime, () => ValueTask.CompletedTask);
        }

        return units;
    }

    /// <summary>Asserts that <paramref name="pop"/> hands out exactly <paramref name="expected"/>, in that order.</summary>
    private static void AssertPopsInOrder(Func<GreenUnit?> pop, params GreenUnit[] expected)
    {
        foreach (var unit in expected)
        {
            Assert.Same(unit, pop());
        }
    }

    [Fact]
    public void PushPop_IsFifo()
    {
        var queue = new LocalQueue(4);
        var injector = new Injector();
        var units = MakeUnits(3);
        foreach (var unit in units)
        {
            Assert.Equal(LocalQueue.PushResult.Local, queue.Push(unit, injector));
        }

        Assert.Equal(3, queue.Count);
        AssertPopsInOrder(queue.Pop, units[0], units[1], units[2]);
        Assert.Null(queue.Pop());
    }

    [Fact]
    public void Push_WhenFull_MovesHalfPlusOneToInjectorInOneBatch()
    {
        var queue = new LocalQueue(4);
        var injector = new Injector();
        var units = MakeUnits(5);
        for (var i = 0; i < 4; i++)
        {
            queue.Push(units[i], injector);
        }

        Assert.Equal(LocalQueue.PushResult.Overflowed, queue.Push(units[4], injector));
        Assert.Equal(2, queue.Count);
        Assert.Equal(3, injector.Count);
        AssertPopsInOrder(injector.Pop, units[0], units[1], units[4]);
        AssertPopsInOrder(queue.Pop, units[2], units[3]);
    }

    [Fact]
    public void Pop_ClearsItsSlot_SoAPoppedUnitCanBeCollected()
    {
        var queue = new LocalQueue(4);
        var popped = PushAndPopOne(queue);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(popped.TryGetTarget(out _), "the ring still references a unit it handed out");
        GC.KeepAlive(queue);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference<GreenUnit> PushAndPopOne(LocalQueue queue)
    {
        var unit = MakeUnits(1)[0];
        queue.Push(unit, new Injector());
        Assert.Same(unit, queue.Pop());
        return new WeakReference<GreenUnit>(unit);
    }

    [Fact]
    public void StealInto_TakesHalf_AndReturnsOneToRun()
    {
        var source = new LocalQueue(8);
        var destination = new LocalQueue(8);
        var injector = new Injector();
        var units = MakeUnits(6);
        foreach (var unit in units)
        {
            source.Push(unit, injector);
        }

        var task = source.StealInto(destination, out var stolen);
        Assert.Equal(3, stolen);
        Assert.Same(units[2], task);
        Assert.Equal(3, source.Count);
        Assert.Equal(2, destination.Count);
        AssertPopsInOrder(destination.Pop, units[0], units[1]);
        AssertPopsInOrder(source.Pop, units[3]);
    }

    [Fact]
    public void StealInto_FromEmptyQueue_ReturnsNull()
    {
        var source = new LocalQueue(4);
        var destination = new LocalQueue(4);
        Assert.Null(source.StealInto(destination, out var stolen));
        Assert.Equal(0, stolen);
    }

    [Theory]
    [InlineData(uint.MaxValue - 2)]
    [InlineData(ushort.MaxValue - 1)]
    [InlineData(uint.MaxValue)]
    public void Indices_WrapAround(uint start)
    {
        var queue = new LocalQueue(4, start);
        var other = new LocalQueue(4, uint.MaxValue - 1);
        var injector = new Injector();
        var units = MakeUnits(40);
        var seen = new List<GreenUnit>();
        var next = 0;
        for (var round = 0; round < 10; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                queue.Push(units[next++], injector);
            }

            if (queue.StealInto(other, out _) is { } stolen)
            {
                seen.Add(stolen);
            }

            while (other.Pop() is { } o)
            {
                seen.Add(o);
            }

            while (queue.Pop() is { } u)
            {
                seen.Add(u);
            }
        }

        while (injector.Pop() is { } u)
        {
            seen.Add(u);
        }

        Assert.Equal(40, seen.Count);
        Assert.Equal(40, seen.Distinct().Count());
    }

    [Fact]
    public void ConcurrentStealers_SeeEachUnitExactlyOnce()
    {
        const int total = 200_000;
        var units = MakeUnits(1024);
        var index = new Dictionary<GreenUnit, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < units.Length; i++)
        {
            index[units[i]] = i;
        }

        var queue = new LocalQueue(16);
        var injector = new Injector();
        var counts = new int[units.Length];
        var done = 0;
        var consumed = 0;

        void Count(GreenUnit task) => Interlocked.Increment(ref counts[index[task]]);

        Bounded.Run(Bounded.Long, () =>
        {
            var thieves = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
            {
                var mine = new LocalQueue(16);
                while (Volatile.Read(ref done) == 0 || !queue.IsEmpty)
                {
                    if (queue.StealInto(mine, out var n) is { } t)
                    {
                        Count(t);
                        Interlocked.Add(ref consumed, 1);
                        while (mine.Pop() is { } u)
                        {
                            Count(u);
                            Interlocked.Add(ref consumed, 1);
                        }
                    }
                }
            })).ToArray();
            foreach (var thief in thieves)
            {
                thief.Start();
            }

            var rng = new Random(42);
            for (var i = 0; i < total; i++)
            {
                queue.Push(units[i % units.Length], injector);

                // The injector is intrusive: drain it at once so a recycled unit object is never linked into it twice.
                while (injector.Pop() is { } spilled)
                {
                    Count(spilled);
                    Interlocked.Add(ref consumed, 1);
                }

                if (rng.Next(3) == 0 && queue.Pop() is { } t)
                {
                    Count(t);
                    Interlocked.Add(ref consumed, 1);
                }
            }

            while (queue.Pop() is { } t)
            {
                Count(t);
                Interlocked.Add(ref consumed, 1);
            }

            Volatile.Write(ref done, 1);
            foreach (var thief in thieves)
            {
                thief.Join();
            }

            while (injector.Pop() is { } t)
            {
                Count(t);
                Interlocked.Add(ref consumed, 1);
            }
        });

        Assert.Equal(total, consumed);
        for (var i = 0; i < units.Length; i++)
        {
            var expected = (total / units.Length) + (i < total % units.Length ? 1 : 0);
            Assert.Equal(expected, counts[i]);
        }
    }
}
