namespace Green.Tests.Scheduler;

/// <summary>A unit whose operations are always ready still yields after its budget, so a unit beside it on the same
/// worker keeps running.</summary>
public sealed class CoopBudgetTests : RuntimeTest
{
    private const int Items = 20_000;

    [Fact]
    public void HotChannelReceiver_AndATicker_OnOneWorker_TheTickerKeepsTicking()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        var channel = new GreenChannel<int>();
        for (var i = 0; i < Items; i++)
        {
            channel.Send(i); // every receive below is ready: only the budget makes the receiver yield
        }

        var longestStretch = TickerBeside(runtime, async () => await channel.ReceiveAsync());
        Assert.InRange(longestStretch, 1, 2 * CoopBudget.PerPoll);
    }

    [Fact]
    public async Task HotFdReader_AndATicker_OnOneWorker_TheTickerKeepsTicking()
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = 1 });
        var (read, write) = AsyncFd.CreateSocketPair(runtime);
        using (read)
        using (write)
        {
            var filled = 0;
            var chunk = new byte[1024];
            while (filled < Items)
            {
                filled += await write.WriteAsync(chunk); // ready: the socket buffer has room
            }

            var one = new byte[1];
            var longestStretch = TickerBeside(runtime, async () => await read.ReadAsync(one));
            Assert.InRange(longestStretch, 1, 2 * CoopBudget.PerPoll);
        }
    }

    /// <summary>Runs <paramref name="receive"/> <see cref="Items"/> times in one unit while a ticker unit counts its turns
    /// on the same worker; returns the longest run of receives during which the ticker did not tick.</summary>
    private static int TickerBeside(GreenRuntime runtime, Func<ValueTask> receive)
    {
        var ticks = 0;
        var done = false;
        var ticker = runtime.Spawn(async () =>
        {
            while (!Volatile.Read(ref done))
            {
                Interlocked.Increment(ref ticks);
                await GreenUnit.Yield();
            }
        });
        var receiver = runtime.Spawn(async () =>
        {
            var longest = 0;
            var stretch = 0;
            var seen = Volatile.Read(ref ticks);
            for (var i = 0; i < Items; i++)
            {
                await receive();
                var now = Volatile.Read(ref ticks);
                stretch = now == seen ? stretch + 1 : 1;
                seen = now;
                longest = Math.Max(longest, stretch);
            }

            Volatile.Write(ref done, true);
            return longest;
        });
        Bounded.Join(receiver, Bounded.Short);
        Bounded.Join(ticker, Bounded.Short);
        return receiver.Result;
    }
}
