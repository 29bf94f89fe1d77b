namespace Green.Tests.Time;

/// <summary>Timers are not hostage to their worker: a peer fires them while the owner is stuck in a long poll, and an
/// aborted Delay leaves the wheel.</summary>
public sealed class SharedTimersTests : RuntimeTest
{
    [Fact]
    public void LongPollOnTheTimersWorker_DoesNotDelayThem_APeerFiresThem()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        var stuck = runtime.Spawn(() =>
        {
            // Inserted into the wheel of the worker polling this unit, which then stays in this poll.
            var delay = GreenUnit.Delay(TimeSpan.FromMilliseconds(20));
            var waiter = runtime.Spawn(async () => await delay);
            var owner = Worker.Current!;
            var firedDuringThePoll = SpinWait.SpinUntil(() => waiter.IsCompleted, TimeSpan.FromSeconds(3));
            return ValueTask.FromResult((firedDuringThePoll, owner.Timers.Count));
        });
        Bounded.Join(stuck, Bounded.Short);
        var (fired, left) = stuck.Result;
        Assert.True(fired, "the timer waited for its worker's long poll to end");
        Assert.Equal(0, left);
    }

    [Fact]
    public void AbortedDelay_IsRemovedFromTheWheel()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        var inWheel = new ManualResetEventSlim();
        var sleeper = runtime.Spawn(async () =>
        {
            var delay = GreenUnit.Delay(TimeSpan.FromHours(1));
            inWheel.Set();
            await delay;
        });
        Assert.True(inWheel.Wait(Bounded.Short));
        var worker = runtime.Workers[0];
        Assert.True(SpinWait.SpinUntil(() => sleeper.SchedulingState == GreenUnit.StateIdle, Bounded.Short));
        sleeper.Abort();
        Bounded.Finish(sleeper, Bounded.Short, "the aborted sleeper");
        Assert.Equal(UnitStatus.Cancelled, sleeper.Status);
        Assert.True(SpinWait.SpinUntil(() => worker.Timers.Count == 0, Bounded.Short), "the aborted Delay stayed in the wheel");
    }
}
