using System.Diagnostics;
using Harness.Workloads;

namespace Harness.Tests.Workloads;

public sealed class BlockKindTests
{
    /// <summary>An offender asked to hold for D holds at least D, whatever the kind (Task.Delay held 0 for D under 1 ms).</summary>
    [Theory]
    [InlineData(BlockKind.Sleep, 10)]
    [InlineData(BlockKind.Sleep, 1_000)]
    [InlineData(BlockKind.Spin, 10)]
    [InlineData(BlockKind.Spin, 1_000)]
    [InlineData(BlockKind.Wait, 10)]
    [InlineData(BlockKind.Wait, 100)]
    [InlineData(BlockKind.Wait, 1_000)]
    public void Block_HoldsAtLeastTheAskedDuration(BlockKind kind, int microseconds)
    {
        var hold = TimeSpan.FromMicroseconds(microseconds);
        for (int i = 0; i < 20; i++)
        {
            long start = Stopwatch.GetTimestamp();
            Blocking.Block(kind, hold);
            TimeSpan held = Stopwatch.GetElapsedTime(start);
            Assert.True(held >= hold, $"{kind} held {held.TotalMicroseconds:F1} µs, asked {microseconds} µs");
        }
    }

    [Fact]
    public async Task HoldTimer_CompletesManyOverlappingWaits_NoneEarly()
    {
        var started = Stopwatch.GetTimestamp();
        var waits = Enumerable.Range(0, 200).Select(i => (Due: TimeSpan.FromMicroseconds(50 * (i % 40)), Task: HoldTimer.After(TimeSpan.FromMicroseconds(50 * (i % 40))))).ToList();
        var completedAt = waits.Select(w => w.Task.ContinueWith(_ => Stopwatch.GetElapsedTime(started), TaskScheduler.Default)).ToArray();
        TimeSpan[] times = await Task.WhenAll(completedAt).WaitAsync(TimeSpan.FromSeconds(10));
        for (int i = 0; i < waits.Count; i++)
            Assert.True(times[i] >= waits[i].Due, $"completed at {times[i].TotalMicroseconds:F0} µs, due {waits[i].Due.TotalMicroseconds} µs");
    }

    [Fact]
    public void Ids_AreTheOnesPublishedRunsCarry() =>
        Assert.Equal(["sleep", "spin", "wait"], Ids.All<BlockKind>());

    [Fact]
    public void UnknownId_IsRefusedWithTheValidOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => Ids.Parse<BlockKind>("nap"));
        Assert.StartsWith("unknown block kind 'nap'; valid: sleep, spin, wait", error.Message, StringComparison.Ordinal);
    }
}
