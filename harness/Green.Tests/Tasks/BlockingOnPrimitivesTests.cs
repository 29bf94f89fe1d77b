namespace Green.Tests.Tasks;

/// <summary>A unit that blocks (.Result, .Wait(), GetAwaiter().GetResult()) on a Task whose inner await is one of the
/// runtime's own primitives (Delay, a channel, an fd, another unit) never hangs: with worker threads to spare it completes
/// (its worker goes to a fresh thread while it blocks, and the inner continuation runs inside the blocked poll); in
/// current-thread mode, where nobody else could run the primitive, the wait fails at once.</summary>
/// <remarks>Before the fix each of these hung: the inner await parked its continuation in the unit's own slot, which only
/// the unit's next poll runs, and that poll waited behind the blocked one; on one worker the primitive (a timer in the
/// blocked worker's wheel, a sender unit queued behind it, the reactor it polls) could not even complete.</remarks>
public sealed class BlockingOnPrimitivesTests : RuntimeTest
{
    public enum Primitive
    {
        Delay,
        Channel,
        Fd,
        Unit,
    }

    public static TheoryData<Primitive, SyncOverAsyncTests.BlockingForm, int> Cases()
    {
        var cases = new TheoryData<Primitive, SyncOverAsyncTests.BlockingForm, int>();
        foreach (var primitive in Enum.GetValues<Primitive>())
        {
            foreach (var form in Enum.GetValues<SyncOverAsyncTests.BlockingForm>())
            {
                cases.Add(primitive, form, 1);
                cases.Add(primitive, form, 4);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BlockingOnATaskThatAwaitsAPrimitive_Completes(Primitive primitive, SyncOverAsyncTests.BlockingForm form, int workers)
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = workers });
        using var fixture = new PrimitiveFixture(runtime, primitive);
        var unit = runtime.Spawn(() => ValueTask.FromResult(SyncOverAsyncTests.Block(form, fixture.AwaitInsideTheUnit())));
        Bounded.Finish(unit, TimeSpan.FromSeconds(5), $"a unit blocked ({form}) on a Task awaiting {primitive}");
        Assert.Equal(PrimitiveFixture.Answer, unit.Result);
    }

    [Theory]
    [InlineData(SyncOverAsyncTests.BlockingForm.Result)]
    [InlineData(SyncOverAsyncTests.BlockingForm.Wait)]
    [InlineData(SyncOverAsyncTests.BlockingForm.GetAwaiterGetResult)]
    public void BlockingOnATaskThatAwaitsAPrimitive_InCurrentThreadMode_ThrowsAtOnce_NamingTheUnitAndTheRemedy(
        SyncOverAsyncTests.BlockingForm form)
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { Mode = SchedulingMode.CurrentThread });
        GreenUnit? caller = null;
        Exception? refusal = null;
        Bounded.Run(Bounded.Short, () => runtime.BlockOn(() =>
        {
            caller = GreenUnit.Running;
            try
            {
                SyncOverAsyncTests.Block(form, DelayThenAnswer());
            }
            catch (Exception ex)
            {
                refusal = ex;
            }

            return ValueTask.FromResult(0);
        }));
        var error = Assert.IsType<InvalidOperationException>(refusal is AggregateException { InnerException: { } inner } ? inner : refusal);
        Assert.Contains(caller!.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("await", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OneAndSeveralWorkers))]
    public void AbortOfAUnitBlockedOnAPrimitive_EndsTheWait(int workers)
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = workers });
        var never = new GreenChannel<int>();
        var blocked = new ManualResetEventSlim();
        var unit = runtime.Spawn(() =>
        {
            blocked.Set();
            return ValueTask.FromResult(SyncOverAsyncTests.Block(SyncOverAsyncTests.BlockingForm.Result, ReceiveAsync(never)));
        });
        Assert.True(blocked.Wait(Bounded.Short));
        Thread.Sleep(20); // let it reach the blocking wait
        unit.Abort();
        Bounded.Finish(unit, TimeSpan.FromSeconds(5), "an aborted unit blocked on a channel receive");
        Assert.NotEqual(UnitStatus.Completed, unit.Status);
    }

    [Fact]
    public void ManyUnitsBlockingOnPrimitives_AtRandomMoments_AllComplete()
    {
        var random = new Random(15);
        for (var repeat = 0; repeat < 100; repeat++)
        {
            using var scope = new RuntimeScope(new GreenRuntimeOptions { WorkerCount = 1 + random.Next(3) }); // shut down at the end of each round
            var runtime = scope.Runtime;
            var units = new List<GreenUnit<int>>();
            var fixtures = new List<PrimitiveFixture>();
            for (var i = 0; i < 4; i++)
            {
                var primitive = (Primitive)random.Next(4);
                var form = (SyncOverAsyncTests.BlockingForm)random.Next(3);
                var fixture = new PrimitiveFixture(runtime, primitive);
                fixtures.Add(fixture);
                var spin = random.Next(50);
                units.Add(runtime.Spawn(async () =>
                {
                    Thread.SpinWait(spin);
                    await GreenUnit.Yield();
                    return SyncOverAsyncTests.Block(form, fixture.AwaitInsideTheUnit());
                }));
            }

            foreach (var unit in units)
            {
                Bounded.Finish(unit, TimeSpan.FromSeconds(5), $"repeat {repeat}: a unit blocked on a primitive");
                Assert.Equal(PrimitiveFixture.Answer, unit.Result);
            }

            fixtures.ForEach(f => f.Dispose());
        }
    }

    private static async Task<int> DelayThenAnswer()
    {
        await GreenUnit.Delay(TimeSpan.FromMilliseconds(5));
        return PrimitiveFixture.Answer;
    }

    private static async Task<int> ReceiveAsync(GreenChannel<int> channel) => await channel.ReceiveAsync();

    /// <summary>One primitive, and a Task (called from inside the unit) that awaits it and returns <see cref="Answer"/>.
    /// What completes the primitive needs the runtime: a timer in the wheel, a sender unit, a writer unit and the reactor,
    /// a unit that yields first.</summary>
    private sealed class PrimitiveFixture(GreenRuntime runtime, Primitive primitive) : IDisposable
    {
        public const int Answer = 42;

        private readonly (AsyncFd Read, AsyncFd Write)? _pipe = primitive == Primitive.Fd ? AsyncFd.CreatePipe(runtime) : null;

        public Task<int> AwaitInsideTheUnit() => primitive switch
        {
            Primitive.Delay => DelayThenAnswer(),
            Primitive.Channel => ChannelAsync(),
            Primitive.Fd => FdAsync(),
            _ => UnitAsync(),
        };

        public void Dispose()
        {
            _pipe?.Read.Dispose();
            _pipe?.Write.Dispose();
        }

        private async Task<int> ChannelAsync()
        {
            var channel = new GreenChannel<int>();
            _ = runtime.Spawn(() =>
            {
                channel.Send(Answer);
                return ValueTask.CompletedTask;
            });
            return await channel.ReceiveAsync();
        }

        private async Task<int> FdAsync()
        {
            var (read, write) = _pipe!.Value;
            _ = runtime.Spawn(async () => await write.WriteAsync(new byte[] { Answer }));
            var buffer = new byte[1];
            var n = await read.ReadAsync(buffer);
            return n == 1 ? buffer[0] : -1;
        }

        private async Task<int> UnitAsync() => await runtime.Spawn(async () =>
        {
            await GreenUnit.Yield();
            return Answer;
        });
    }
}
