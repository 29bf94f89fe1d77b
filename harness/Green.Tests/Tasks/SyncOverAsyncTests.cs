namespace Green.Tests.Tasks;

/// <summary>A unit that blocks on asynchronous work never hangs silently: it completes, or fails at once with a message
/// that names the unit and the remedy.</summary>
public sealed class SyncOverAsyncTests : RuntimeTest
{
    public enum BlockingForm
    {
        Result,
        Wait,
        GetAwaiterGetResult,
    }

    [Theory]
    [InlineData(BlockingForm.Result, 1)]
    [InlineData(BlockingForm.Wait, 1)]
    [InlineData(BlockingForm.GetAwaiterGetResult, 1)]
    [InlineData(BlockingForm.Result, 4)]
    [InlineData(BlockingForm.Wait, 4)]
    [InlineData(BlockingForm.GetAwaiterGetResult, 4)]
    public void BlockingOnATaskWhoseAwaitCapturedTheUnit_Completes(BlockingForm form, int workers)
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = workers });
        var unit = runtime.Spawn(() => ValueTask.FromResult(Block(form, InnerAsync())));
        Bounded.Join(unit, Bounded.Long, "a unit blocked on a Task whose continuation it had captured");
        Assert.Equal(42, unit.Result);
        Assert.True(runtime.GetCounters().PostsRunOffUnit >= 1, "the captured continuation did not take the off-unit path");
    }

    [Theory]
    [MemberData(nameof(OneAndSeveralWorkers))]
    public void WaitOnAnotherUnit_FromInsideAUnit_ThrowsAtOnce_NamingBothAndTheRemedy(int workers)
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = workers });
        var never = new GreenChannel<int>();
        var target = runtime.Spawn(async () => await never.ReceiveAsync());
        GreenUnit? caller = null;
        var joiner = runtime.Spawn(() =>
        {
            caller = GreenUnit.Running;
            target.Wait();
            return ValueTask.CompletedTask;
        });
        Bounded.Finish(joiner, Bounded.Short, "the blocking join");
        var refusal = Assert.IsType<InvalidOperationException>(joiner.Exception);
        Assert.Contains(caller!.ToString(), refusal.Message, StringComparison.Ordinal);
        Assert.Contains(target.ToString(), refusal.Message, StringComparison.Ordinal);
        Assert.Contains("await handle", refusal.Message, StringComparison.Ordinal);
        target.Abort();
    }

    [Fact]
    public void ResultOfAnotherUnit_FromInsideAUnit_ThrowsAtOnce()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        var never = new GreenChannel<int>();
        var target = runtime.Spawn(async () => await never.ReceiveAsync());
        var joiner = runtime.Spawn(() => ValueTask.FromResult(target.Result));
        Bounded.Finish(joiner, Bounded.Short, "the blocking join");
        Assert.IsType<InvalidOperationException>(joiner.Exception);
        target.Abort();
    }

    [Fact]
    public void WaitOnAFinishedUnit_FromInsideAUnit_IsAllowed()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        var done = runtime.Spawn(() => ValueTask.FromResult(5));
        Bounded.Join(done, Bounded.Short);
        var joiner = runtime.Spawn(() => ValueTask.FromResult(done.Result + 1));
        Bounded.Join(joiner, Bounded.Short);
        Assert.Equal(6, joiner.Result);
    }

    /// <summary>Awaits a Task that completes on a timer thread, capturing the unit as its SynchronizationContext.</summary>
    private static async Task<int> InnerAsync()
    {
        await Task.Delay(5);
        return 42;
    }

    internal static int Block(BlockingForm form, Task<int> task)
    {
        switch (form)
        {
            case BlockingForm.Result:
                return task.Result;
            case BlockingForm.Wait:
                task.Wait();
                return task.Result;
            default:
                return task.GetAwaiter().GetResult();
        }
    }
}
