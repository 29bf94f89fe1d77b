namespace Green.Tests;

/// <summary>BlockOn: refused on a worker of its own runtime; nested in a unit, it gives the outer unit its context back.</summary>
public sealed class BlockOnTests
{

    [Fact]
    public void BlockOn_FromAWorker_Throws()
    {
        using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1 });
        var rt = scope.Runtime;
        var handle = rt.Spawn(() =>
        {
            Assert.Throws<InvalidOperationException>(() => rt.BlockOn(() => ValueTask.FromResult(1)));
            return ValueTask.CompletedTask;
        });
        Bounded.Join(handle, Bounded.Short);
        Assert.Equal(UnitStatus.Completed, handle.Status);
    }

    [Fact]
    public void NestedBlockOnInsideAUnit_RestoresTheOuterUnitContext()
    {
        using var outer = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1 });
        using var inner = new RuntimeScope(new GreenRuntimeOptions { Mode = SchedulingMode.CurrentThread });
        var h = outer.Runtime.Spawn(async () =>
        {
            var value = inner.Runtime.BlockOn(async () =>
            {
                await GreenUnit.Yield();
                return 7;
            });
            var sameRuntime = GreenRuntime.Current == outer.Runtime && Worker.Current?.Runtime == outer.Runtime;
            var hasContext = SynchronizationContext.Current is GreenUnit;
            await GreenUnit.Yield();
            return value == 7 && sameRuntime && hasContext;
        });
        Bounded.Join(h, Bounded.Short);
        Assert.True(h.Result, "GreenRuntime.Current and the unit's SynchronizationContext must survive a nested run loop");
    }
}
