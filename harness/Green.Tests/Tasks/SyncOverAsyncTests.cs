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
        if (!unit.Wait(Bounded.Long))
        {
            var counters = runtime.GetCounters();
            Assert.Fail($"a unit blocked on a Task whose continuation it had captured did not finish within {Bounded.Long.TotalSeconds:F0} s: "
                + $"status {unit.Status}, scheduling state {unit.SchedulingState}, posts run off the unit {counters.PostsRunOffUnit}, "
                + $"posts queued {counters.PostsQueued}, handoffs {counters.Handoffs}; thread pool: {ThreadPool.ThreadCount} threads, "
                + $"{ThreadPool.PendingWorkItemCount} items pending, {ThreadPool.CompletedWorkItemCount} completed");
        }

        Assert.Equal(42, unit.Result);

        // The Delay usually completes on a timer thread while the poll blocks (run off the unit); rarely it completes just
        // as it is awaited, and the Task posts the continuation from the unit's own thread (queued, then run by the blocked
        // poll, as BlockingOnATaskThatPostedToItsOwnUnit_Completes tests deterministically).
        var after = runtime.GetCounters();
        Assert.True(after.PostsRunOffUnit + after.PostsQueued >= 1, "the captured continuation did not come through the unit");
    }

    /// <summary>Task.Yield inside a unit posts to the unit from its own poll, so the continuation is queued behind the very
    /// poll that then blocks on it: the blocked poll must run it (this hung before; so did, rarely, the Delay test above).</summary>
    [Theory]
    [InlineData(BlockingForm.Result, 1)]
    [InlineData(BlockingForm.Wait, 1)]
    [InlineData(BlockingForm.GetAwaiterGetResult, 1)]
    [InlineData(BlockingForm.Wait, 4)]
    public void BlockingOnATaskThatPostedToItsOwnUnit_Completes(BlockingForm form, int workers)
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = workers });
        var unit = runtime.Spawn(() => ValueTask.FromResult(Block(form, YieldThenAnswerAsync())));
        Bounded.Join(unit, Bounded.Short, "a unit blocked on a Task whose continuation it had posted to itself");
        Assert.Equal(42, unit.Result);
        Assert.True(runtime.GetCounters().PostsQueued >= 1, "the Yield's continuation was not queued on the unit");
    }

    [Fact]
    public void BlockingOnATaskThatPostedToItsOwnUnit_InCurrentThreadMode_Completes()
    {
        // A queued post is ready already: no other thread is needed, so current-thread mode runs it instead of refusing.
        var runtime = StartRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.CurrentThread });
        var answer = 0;
        Bounded.Run(Bounded.Short, () => answer = runtime.BlockOn(() => ValueTask.FromResult(Block(BlockingForm.Wait, YieldThenAnswerAsync()))));
        Assert.Equal(42, answer);
    }

    [Theory]
    [MemberData(nameof(OneAndSeveralWorkers))]
    public void BlockedPoll_RunsARawPostThatThrows_AndStillCompletes(int workers)
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = workers });
        var unit = runtime.Spawn(() =>
        {
            var context = SynchronizationContext.Current!;
            var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            context.Post(_ => throw new InvalidOperationException("raw post"), null);
            context.Post(_ => done.SetResult(7), null);
            return ValueTask.FromResult(Block(BlockingForm.Wait, done.Task));
        });
        Bounded.Join(unit, Bounded.Short, "a unit blocked on a Task completed by its second queued post");
        Assert.Equal(7, unit.Result);
        Assert.Equal("raw post", runtime.GetCounters().FirstUnhandledError?.Message);
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

    /// <summary>Yields to the unit's context (a post from the unit's own poll), then answers.</summary>
    private static async Task<int> YieldThenAnswerAsync()
    {
        await Task.Yield();
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
