using System.IO.Pipes;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Harness.Native;

namespace Harness.Models;

/// <summary>
/// The <c>task</c> model: one pooled task per unit on the default ThreadPool (<see cref="TaskFactory.StartNew(Func{object?, TResult}, object?)"/> on the default scheduler, as Task.Run does),
/// async/await everywhere: <see cref="Channel"/>s for handoffs and .NET's epoll-based socket and pipe I/O for links.
/// </summary>
public sealed class TaskModel : ExecutionModel
{
    private static readonly UnboundedChannelOptions s_handoffOptions = new()
    {
        SingleReader = true,
        SingleWriter = true,
        // The default: the receiver's continuation is queued to the pool, never run inline by the sender.
        AllowSynchronousContinuations = false,
    };

    public override string Id => ModelIds.Task;

    /// <summary>Starts a body on the pool: no closure and no unwrap proxy (Task.Run(() => body().AsTask()) added both, an
    /// overhead of this adapter that no task-based program pays), so a unit costs what the pool itself costs.</summary>
    private static readonly Func<object?, ValueTask> s_start = static body => ((Func<ValueTask>)body!)();

    public override IUnit Spawn(Func<ValueTask> body) =>
        new TaskUnit(Task.Factory.StartNew(s_start, body, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default));

    public override IHandoff CreateHandoff() => new ChannelHandoff();

    public override IGate CreateGate() => new TaskGate();

    public override ValueTask DelayAsync(TimeSpan delay) => new(Task.Delay(delay));

    public override UnitYield Yield() => new(UnitYield.Kind.ThreadPool);

    public override IByteLink CreateLink(Transport transport) => transport switch
    {
        Transport.SocketPair => new SocketLink(),
        Transport.Pipe => new PipeLink(),
        _ => new BoundedChannelLink(),
    };

    /// <summary>A started body: the pool task that ran its synchronous part, whose result is the rest (if it suspended).</summary>
    private sealed class TaskUnit(Task<ValueTask> started) : IUnit
    {
        public void Join()
        {
            ValueTask rest = started.GetAwaiter().GetResult();
            if (rest.IsCompleted) rest.GetAwaiter().GetResult();
            else rest.AsTask().GetAwaiter().GetResult(); // an async body's ValueTask is Task-backed: AsTask does not allocate
        }
    }

    /// <summary>Waiters await one task; opening it queues their continuations to the pool.</summary>
    private sealed class TaskGate : IGate
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask WaitAsync() => new(_open.Task);

        public void Open() => _open.TrySetResult();
    }

    private sealed class ChannelHandoff : IHandoff
    {
        private readonly Channel<int> _channel = Channel.CreateUnbounded<int>(s_handoffOptions);

        public void Send(int token)
        {
            if (!_channel.Writer.TryWrite(token))
                throw new InvalidOperationException("an unbounded channel refused a token");
        }

        public ValueTask<int> ReceiveAsync() => _channel.Reader.ReadAsync();

        public void Dispose() => _channel.Writer.TryComplete();
    }

    /// <summary>An in-memory brigade link: a <see cref="Channel{T}"/> bounded to one item, written and read with await.</summary>
    private sealed class BoundedChannelLink : IByteLink
    {
        private readonly Channel<int> _channel = Channel.CreateBounded<int>(new BoundedChannelOptions(1)
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = false,
        });

        public ValueTask WriteByteAsync(byte value) => _channel.Writer.WriteAsync(value);

        public async ValueTask<byte> ReadByteAsync() => (byte)await _channel.Reader.ReadAsync();

        public void Dispose() => _channel.Writer.TryComplete();
    }

    /// <summary>
    /// An anonymous pipe driven by <see cref="PipeStream"/>'s async operations. On Linux .NET 10 services them
    /// through its epoll engine (checked: 200 pending reads add two OS threads, not 200), like sockets.
    /// </summary>
    private sealed class PipeLink : OneByteLink<AnonymousPipeClientStream, AnonymousPipeServerStream>
    {
        public PipeLink()
            : this(new AnonymousPipeServerStream(PipeDirection.Out))
        {
        }

        private PipeLink(AnonymousPipeServerStream writer)
            : base(new AnonymousPipeClientStream(PipeDirection.In, writer.ClientSafePipeHandle), writer)
        {
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        public override async ValueTask WriteByteAsync(byte value)
        {
            WriteBuffer[0] = value;
            await Writer.WriteAsync(WriteBuffer);
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public override async ValueTask<byte> ReadByteAsync() => ByteRead(await Reader.ReadAsync(ReadBuffer));
    }

    /// <summary>An AF_UNIX socketpair driven by <see cref="Socket"/>'s async operations (epoll underneath).</summary>
    private sealed class SocketLink : OneByteLink<Socket, Socket>
    {
        public SocketLink()
            : this(Libc.SocketPair())
        {
        }

        private SocketLink((int Writer, int Reader) fds)
            : base(new Socket(new SafeSocketHandle(fds.Reader, ownsHandle: true)), new Socket(new SafeSocketHandle(fds.Writer, ownsHandle: true)))
        {
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        public override async ValueTask WriteByteAsync(byte value)
        {
            WriteBuffer[0] = value;
            CheckWritten(await Writer.SendAsync(WriteBuffer, SocketFlags.None).ConfigureAwait(false));
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public override async ValueTask<byte> ReadByteAsync() =>
            ByteRead(await Reader.ReceiveAsync(ReadBuffer, SocketFlags.None).ConfigureAwait(false));
    }
}
