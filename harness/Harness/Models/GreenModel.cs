using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Green;

namespace Harness.Models;

/// <summary>
/// The <c>green</c> model: one unit of our own M:N work-stealing runtime (harness/Green) per unit, one
/// worker per CPU; runtime-native channels and gates for waits, and the runtime's epoll reactor for links.
/// </summary>
public sealed class GreenModel : ExecutionModel
{
    /// <summary>The blocking-detection threshold used when detection is on (the runtime's documented default).</summary>
    public static readonly TimeSpan DetectionThreshold = TimeSpan.FromMilliseconds(10);

    private readonly GreenRuntime _runtime;

    public GreenModel(bool blockingDetection = false)
    {
        _runtime = new GreenRuntime(new GreenRuntimeOptions
        {
            BlockingDetectionThreshold = blockingDetection ? DetectionThreshold : null,
        });
        BlockingDetection = blockingDetection;
    }

    public bool BlockingDetection { get; }

    public override string Id => ModelIds.Green;

    public override IUnit Spawn(Func<ValueTask> body) => new GreenUnitHandle(_runtime.Spawn(body));

    public override IHandoff CreateHandoff() => new ChannelHandoff();

    public override IByteLink CreateLink(Transport transport) =>
        transport == Transport.Memory ? new HandoffLink(CreateHandoff()) : new ReactorLink(_runtime, transport);

    public override IGate CreateGate() => new Gate();

    public override ValueTask DelayAsync(TimeSpan delay) => GreenUnit.Delay(delay);

    public override UnitYield Yield() => new(UnitYield.Kind.Green);

    public override Func<Action, ValueTask>? Offload => async work => await _runtime.SpawnBlocking(work);

    public override void Dispose()
    {
        _runtime.Dispose();
        base.Dispose();
    }

    /// <summary>Joins from a non-runtime thread, rethrowing the unit's own exception rather than an AggregateException.</summary>
    private sealed class GreenUnitHandle(GreenUnit handle) : IUnit
    {
        public void Join()
        {
            try
            {
                handle.Wait();
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
        }
    }

    private sealed class ChannelHandoff : IHandoff
    {
        private readonly GreenChannel<int> _channel = new();

        public void Send(int token) => _channel.Send(token);

        public ValueTask<int> ReceiveAsync() => _channel.ReceiveAsync();

        public void Dispose()
        {
        }
    }

    private sealed class Gate : IGate
    {
        private readonly GreenGate _gate = new();

        public ValueTask WaitAsync() => _gate.WaitAsync();

        public void Open() => _gate.Open();
    }

    /// <summary>A pipe or socketpair whose ends are non-blocking fds driven by the runtime's reactor.</summary>
    private sealed class ReactorLink : OneByteLink<AsyncFd, AsyncFd>
    {
        public ReactorLink(GreenRuntime runtime, Transport transport)
            : this(transport == Transport.Pipe ? AsyncFd.CreatePipe(runtime) : AsyncFd.CreateSocketPair(runtime))
        {
        }

        /// <summary>A pipe's read end and write end; a socketpair's first and second socket (either way round would do).</summary>
        private ReactorLink((AsyncFd Reader, AsyncFd Writer) ends)
            : base(ends.Reader, ends.Writer)
        {
        }

        // Pooled state machines, as the task model's socket link has: a suspended read allocates nothing.
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        public override async ValueTask WriteByteAsync(byte value)
        {
            WriteBuffer[0] = value;
            CheckWritten(await Writer.WriteAsync(WriteBuffer));
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public override async ValueTask<byte> ReadByteAsync() => ByteRead(await Reader.ReadAsync(ReadBuffer));
    }
}
