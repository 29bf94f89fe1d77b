namespace Green.Tests.Time;

/// <summary>GreenUnit.Delay outside a worker.</summary>
public sealed class DelayTests
{

    [Fact]
    public async Task Delay_OutsideTheRuntime_FallsBackToTaskDelay()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await GreenUnit.Delay(TimeSpan.FromMilliseconds(20)).AsTask().WaitAsync(Bounded.Short);
        Assert.True(sw.ElapsedMilliseconds >= 14); // Task.Delay is due on TickCount64 (4 ms steps here): up to a step early by the Stopwatch
        await GreenUnit.Yield();
    }
}
