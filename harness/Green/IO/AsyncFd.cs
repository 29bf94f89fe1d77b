using System.Runtime.CompilerServices;

namespace Green;

/// <summary>A non-blocking fd (pipe end, AF_UNIX socket) whose reads and writes park the calling unit on EAGAIN until the
/// reactor reports readiness.</summary>
/// <remarks>
/// Fast path: try the syscall; if it succeeds no allocation and no reactor round trip happens. Slow path: sample the
/// readiness tick, retry, on EAGAIN clear the readiness bit (unless a new edge arrived) and await readiness; the slow path
/// uses a pooled async state machine, so steady-state I/O does not allocate. At most one pending read and one pending
/// write per fd at a time.
/// </remarks>
public sealed class AsyncFd : IDisposable
{
    private readonly Reactor _reactor;
    private readonly IoRegistration _registration;
    private readonly bool _ownsFd;
    private int _disposed;

    /// <summary>Wraps <paramref name="fd"/> (made non-blocking) and registers it with the runtime's reactor.</summary>
    public AsyncFd(GreenRuntime runtime, int fd, bool ownsFd = true)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        Fd = fd;
        _ownsFd = ownsFd;
        try
        {
            Native.SetNonBlocking(fd);
            _reactor = runtime.GetReactor();
            _registration = _reactor.Register(fd);
        }
        catch
        {
            if (ownsFd)
            {
                Native.Close(fd); // ownership passed to us: do not leak it when wrapping fails
            }

            throw;
        }
    }

    /// <summary>The wrapped file descriptor.</summary>
    public int Fd { get; }

    /// <summary>Creates a non-blocking pipe: (read end, write end).</summary>
    // unsafe: pipe2 fills a stackalloc'd int[2] through a pointer.
    public static unsafe (AsyncFd Read, AsyncFd Write) CreatePipe(GreenRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        int* fds = stackalloc int[2];
        if (Native.Pipe2(fds, Native.O_NONBLOCK | Native.O_CLOEXEC) < 0)
        {
            throw new IOException($"pipe2 failed: errno {Native.Errno}");
        }

        return WrapPair(runtime, fds[0], fds[1]);
    }

    /// <summary>Creates a connected non-blocking AF_UNIX stream socket pair.</summary>
    // unsafe: socketpair fills a stackalloc'd int[2] through a pointer.
    public static unsafe (AsyncFd A, AsyncFd B) CreateSocketPair(GreenRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        int* fds = stackalloc int[2];
        if (Native.SocketPair(Native.AF_UNIX, Native.SOCK_STREAM | Native.SOCK_NONBLOCK | Native.SOCK_CLOEXEC, 0, fds) < 0)
        {
            throw new IOException($"socketpair failed: errno {Native.Errno}");
        }

        return WrapPair(runtime, fds[0], fds[1]);
    }

    /// <summary>Wraps two fresh fds; if either wrap fails, both fds are closed (the failing constructor closes its own).</summary>
    private static (AsyncFd, AsyncFd) WrapPair(GreenRuntime runtime, int first, int second)
    {
        AsyncFd a;
        try
        {
            a = new AsyncFd(runtime, first);
        }
        catch
        {
            Native.Close(second);
            throw;
        }

        try
        {
            return (a, new AsyncFd(runtime, second));
        }
        catch
        {
            a.Dispose();
            throw;
        }
    }

    /// <summary>Reads up to buffer.Length bytes; 0 means end of stream.</summary>
    /// <remarks>Takes one unit of the caller's cooperative budget (<see cref="CoopBudget"/>); yields first once it is spent.</remarks>
    public ValueTask<int> ReadAsync(Memory<byte> buffer) => ReadAsync(buffer, CancellationToken.None);

    /// <summary>As <see cref="ReadAsync(Memory{byte})"/>; <paramref name="cancellation"/> ends a wait for readiness with an
    /// <see cref="OperationCanceledException"/> (data that is there first wins).</summary>
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellation) =>
        TransferAsync(buffer, IoRegistration.Readable, cancellation);

    /// <summary>Writes some of the bytes (at least one unless the buffer is empty); returns how many were written.</summary>
    /// <remarks>Takes one unit of the caller's cooperative budget (<see cref="CoopBudget"/>); yields first once it is spent.</remarks>
    public ValueTask<int> WriteAsync(ReadOnlyMemory<byte> buffer) => WriteAsync(buffer, CancellationToken.None);

    /// <summary>As <see cref="WriteAsync(ReadOnlyMemory{byte})"/>; <paramref name="cancellation"/> ends a wait for room with
    /// an <see cref="OperationCanceledException"/>.</summary>
    public ValueTask<int> WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellation) =>
        TransferAsync(buffer, IoRegistration.Writable, cancellation);

    /// <summary>Writes the whole buffer, parking as often as needed.</summary>
    public async ValueTask WriteAllAsync(ReadOnlyMemory<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = await WriteAsync(buffer).ConfigureAwait(true);
            buffer = buffer[n..];
        }
    }

    /// <summary>Deregisters from the reactor (waking parked callers) and closes the fd if owned.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _reactor.Deregister(Fd, _registration);
        if (_ownsFd)
        {
            Native.Close(Fd);
        }
    }

    /// <summary>
    /// One read or write: <paramref name="direction"/> is the readiness it waits for (<see cref="IoRegistration.Readable"/>
    /// reads into <paramref name="buffer"/>, <see cref="IoRegistration.Writable"/> writes from it). The fast path tries the
    /// syscall once without an await; only EAGAIN enters the pooled slow path, so a ready fd costs no state machine.
    /// </summary>
    private ValueTask<int> TransferAsync(ReadOnlyMemory<byte> buffer, int direction, CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (cancellation.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellation);
        }

        if (!CoopBudget.TryConsume())
        {
            return TransferAfterYieldAsync(buffer, direction, cancellation);
        }

        var n = TryTransfer(buffer.Span, direction, out var errno);
        if (n >= 0)
        {
            return new ValueTask<int>(n);
        }

        return errno == Native.EAGAIN
            ? TransferSlowAsync(buffer, direction, cancellation)
            : ValueTask.FromException<int>(Failure(direction, errno));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> TransferAfterYieldAsync(ReadOnlyMemory<byte> buffer, int direction, CancellationToken cancellation)
    {
        await GreenUnit.Yield();
        return await TransferAsync(buffer, direction, cancellation);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> TransferSlowAsync(ReadOnlyMemory<byte> buffer, int direction, CancellationToken cancellation)
    {
        using var registration = CancelWaitOn(cancellation, direction);
        while (true)
        {
            var snapshot = _registration.Snapshot;
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var n = TryTransfer(buffer.Span, direction, out var errno);
            if (n >= 0)
            {
                return n;
            }

            if (errno != Native.EAGAIN)
            {
                throw Failure(direction, errno);
            }

            ThrowIfDriverClosed(snapshot, OperationName(direction));
            cancellation.ThrowIfCancellationRequested();
            _registration.Clear(snapshot, direction);
            await new ReadinessAwaitable(_registration, direction);
        }
    }

    private static string OperationName(int direction) => direction == IoRegistration.Readable ? "read" : "write";

    private IOException Failure(int direction, int errno) => new($"{OperationName(direction)}(fd {Fd}) failed: errno {errno}");

    /// <summary>Lets <paramref name="cancellation"/> wake a wait for <paramref name="direction"/>: it reports a (spurious)
    /// readiness event, so a parked waiter wakes and one about to park does not sleep; the loop then retries the
    /// syscall and, on EAGAIN, sees the cancellation.</summary>
    private CancellationTokenRegistration CancelWaitOn(CancellationToken cancellation, int direction) =>
        cancellation.CanBeCanceled
            ? cancellation.UnsafeRegister(direction == IoRegistration.Readable ? s_wakeReader : s_wakeWriter, _registration)
            : default;

    private static readonly Action<object?> s_wakeReader = static state => ((IoRegistration)state!).OnEvent(IoRegistration.Readable);

    private static readonly Action<object?> s_wakeWriter = static state => ((IoRegistration)state!).OnEvent(IoRegistration.Writable);

    /// <summary>After EAGAIN: a registration marked Closed while this fd is not disposed means the reactor was disposed
    /// (the runtime shut down). No readiness will ever come, and the awaiter treats Closed as done, so waiting again would
    /// spin read -> EAGAIN forever: fail instead.</summary>
    private void ThrowIfDriverClosed(int snapshot, string operation)
    {
        if (IoRegistration.Has(snapshot, IoRegistration.Closed))
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            throw new RuntimeShutdownException($"The green runtime shut down while a {operation} waited on fd {Fd}.");
        }
    }

    // unsafe: read(2) and write(2) take the buffer's address, pinned by `fixed` for exactly the call. A read writes
    // through that address although the span is read-only here: it came from the caller's writable Memory<byte>.
    private unsafe int TryTransfer(ReadOnlySpan<byte> buffer, int direction, out int errno)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = direction == IoRegistration.Readable
                    ? Native.Read(Fd, p, (nuint)buffer.Length)
                    : Native.Write(Fd, p, (nuint)buffer.Length);
                if (n >= 0)
                {
                    errno = 0;
                    return (int)n;
                }

                errno = Native.Errno;
                if (errno != Native.EINTR)
                {
                    return -1;
                }
            }
        }
    }

    /// <summary>Awaits readiness in one direction (or close) of a registration.</summary>
    private readonly struct ReadinessAwaitable(IoRegistration registration, int direction) : ICriticalNotifyCompletion
    {
        public bool IsCompleted => IoRegistration.Has(registration.Snapshot, direction | IoRegistration.Closed);

        public ReadinessAwaitable GetAwaiter() => this;

        public void GetResult() => GreenUnit.ThrowIfRunningUnitAborted(); // resumed by abort: stop the read/write loop

        public void OnCompleted(Action continuation) => registration.Register(direction, Waker.Capture(continuation));

        public void UnsafeOnCompleted(Action continuation) => registration.Register(direction, Waker.Capture(continuation));
    }
}
