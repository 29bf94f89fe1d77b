namespace Green.Tests.Time;

public sealed class TimerWheelTests
{
    [Fact]
    public void Entries_ExpireInDeadlineOrder()
    {
        var wheel = new TimerWheel(0);
        var deadlines = new long[] { 5, 1, 64, 63, 65, 4095, 4096, 4097, 300, 2 };
        foreach (var d in deadlines)
        {
            Assert.True(wheel.Insert(new TimerEntry(d)));
        }

        var expired = new List<TimerEntry>();
        wheel.Advance(10_000, expired);
        Assert.Equal(deadlines.OrderBy(d => d), expired.Select(e => e.Deadline));
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void Advance_FiresOnlyDueEntries_AndCascades()
    {
        var wheel = new TimerWheel(0);
        var early = new TimerEntry(100);
        var late = new TimerEntry(70_000); // level 2
        wheel.Insert(early);
        wheel.Insert(late);
        var expired = new List<TimerEntry>();
        for (long now = 1; now < 69_999; now += 997)
        {
            wheel.Advance(now, expired);
        }

        Assert.Equal([early], expired);
        Assert.Equal(1, wheel.Count);
        wheel.Advance(69_999, expired);
        Assert.Single(expired);
        Assert.True(wheel.NextExpiration() <= 70_000);
        wheel.Advance(70_000, expired);
        Assert.Equal([early, late], expired);
    }

    [Fact]
    public void NextExpiration_IsNeverLaterThanTheEarliestDeadline()
    {
        var rng = new Random(7);
        var wheel = new TimerWheel(1_000);
        var pending = new List<long>();
        var expired = new List<TimerEntry>();
        long now = 1_000;
        for (var step = 0; step < 5_000; step++)
        {
            if (rng.Next(2) == 0)
            {
                var d = now + 1 + rng.NextInt64(1, 1L << rng.Next(1, 30));
                wheel.Insert(new TimerEntry(d));
                pending.Add(d);
            }

            if (pending.Count > 0)
            {
                Assert.True(wheel.NextExpiration() <= pending.Min());
            }

            now += rng.Next(0, 5_000);
            expired.Clear();
            wheel.Advance(now, expired);
            var due = pending.Where(p => p <= now).OrderBy(p => p).ToList();
            Assert.Equal(due, expired.Select(e => e.Deadline));
            pending.RemoveAll(p => p <= now);
            Assert.Equal(pending.Count, wheel.Count);
        }
    }

    [Fact]
    public void FarDeadlines_BeyondTheWheelRange_StillFireInOrder()
    {
        var wheel = new TimerWheel(123);
        var far = new TimerEntry((1L << 37) + 5);
        var farther = new TimerEntry((1L << 40) + 1);
        var near = new TimerEntry(1L << 35);
        wheel.Insert(farther);
        wheel.Insert(far);
        wheel.Insert(near);
        var expired = new List<TimerEntry>();
        wheel.Advance((1L << 37) + 4, expired);
        Assert.Equal([near], expired);
        wheel.Advance(1L << 40, expired);
        Assert.Equal([near, far], expired);
        wheel.Advance(1L << 41, expired);
        Assert.Equal([near, far, farther], expired);
    }

    [Fact]
    public void Insert_PastDeadline_IsRejected()
    {
        var wheel = new TimerWheel(50);
        Assert.False(wheel.Insert(new TimerEntry(50)));
        Assert.True(wheel.Insert(new TimerEntry(51)));
    }

    [Fact]
    public void Remove_TakesAnEntryOut_AndTheOthersStillFire()
    {
        var wheel = new TimerWheel(0);
        var first = new TimerEntry(10);
        var middle = new TimerEntry(10);
        var far = new TimerEntry(1L << 40);
        var last = new TimerEntry(5_000);
        foreach (var entry in new[] { first, middle, far, last })
        {
            Assert.True(wheel.Insert(entry));
        }

        Assert.True(wheel.Remove(middle));
        Assert.True(wheel.Remove(far));
        Assert.False(wheel.Remove(middle));
        Assert.Equal(2, wheel.Count);
        var expired = new List<TimerEntry>();
        wheel.Advance(1L << 41, expired);
        Assert.Equal([first, last], expired);
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void Remove_LastEntryOfASlot_ClearsTheSlot()
    {
        var wheel = new TimerWheel(0);
        var only = new TimerEntry(100);
        Assert.True(wheel.Insert(only));
        Assert.True(wheel.Remove(only));
        Assert.Null(wheel.NextExpiration());
    }
}
