namespace Green.Tests.Tasks;

/// <summary>A green unit is one object as small as the Task the task model allocates per unit (a Task&lt;ValueTask&gt;, which
/// Task.Factory.StartNew of the body makes): the parked-memory target (green / task managed memory per parked unit ≤ 1×)
/// depends on it, and one more field would break it silently.</summary>
public sealed class UnitSizeTests : RuntimeTest
{
    private const int Count = 1_000;

    [Fact]
    public void AUnit_IsNoLargerThanATask()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.CurrentThread });
        Func<ValueTask> body = static () => ValueTask.CompletedTask;
        Func<object?, ValueTask> start = static _ => ValueTask.CompletedTask;

        var unitBytes = BytesPerObject(() => new VoidUnit(runtime, body));
        var taskBytes = BytesPerObject(() => new Task<ValueTask>(start, body));

        Assert.True(unitBytes <= taskBytes, $"a unit takes {unitBytes} B, a Task {taskBytes} B");
    }

    /// <summary>Bytes allocated per call of <paramref name="create"/>, kept alive so nothing is elided.</summary>
    private static long BytesPerObject(Func<object> create)
    {
        var keep = new object[Count];
        keep[0] = create(); // first call: JIT and type loading out of the count
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Count; i++)
        {
            keep[i] = create();
        }

        var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / Count;
        GC.KeepAlive(keep);
        return bytes;
    }
}
