using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Harness.Native;

namespace Harness.Models;

/// <summary>
/// The <c>thread</c> model: one dedicated OS thread per unit; waits block the thread (POSIX semaphores,
/// blocking read/write syscalls), so every handoff is a kernel context switch.
/// </summary>
public sealed class ThreadModel(int stackSize = 0) : ExecutionModel
{
    /// <summary>Stack size passed to each unit thread, 0 for the runtime default (8 MiB virtual on Linux).</summary>
    public int StackSize { get; } = stackSize;

    public override string Id => ModelIds.Thread;

    public override IUnit Spawn(Func<ValueTask> body)
    {
        var unit = new ThreadUnit(body);
        var thread = new Thread(unit.Run, StackSize) { IsBackground = true };
        unit.Thread = thread;
        thread.Start();
        return unit;
    }

    public override IHandoff CreateHandoff() => new SemaphoreHandoff();

    public override IByteLink CreateLink(Transport transport) =>
        transport == Transport.Memory ? new HandoffLink(CreateHandoff()) : new BlockingFdLink(transport);

    public override IGate CreateGate() => new BlockingGate();

    public override ValueTask DelayAsync(TimeSpan delay)
    {
        Thread.Sleep(delay);
        return ValueTask.CompletedTask;
    }

    public override UnitYield Yield()
    {
        Thread.Yield();
        return new UnitYield(UnitYield.Kind.Done);
    }

    /// <summary>An event that never spins: a waiting thread is parked in the kernel at once.</summary>
    private sealed class BlockingGate : IGate
    {
        private readonly ManualResetEventSlim _open = new(initialState: false, spinCount: 0);

        public ValueTask WaitAsync()
        {
            _open.Wait();
            return ValueTask.CompletedTask;
        }

        public void Open() => _open.Set();
    }

    /// <summary>A unit on its own thread; remembers how its body ended.</summary>
    private sealed class ThreadUnit(Func<ValueTask> body) : IUnit
    {
        private ExceptionDispatchInfo? _failure;

        public Thread? Thread { get; set; }

        public void Run()
        {
            try
            {
                ValueTask pending = body();
                // Every wait of this model blocks, so the body has normally completed already.
                if (pending.IsCompleted) pending.GetAwaiter().GetResult();
                else pending.AsTask().GetAwaiter().GetResult();
            }
#pragma warning disable CA1031 // A unit's failure is reported to whoever joins it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
        }

        public void Join()
        {
            Thread!.Join();
            _failure?.Throw();
        }
    }

    /// <summary>Tokens through a queue, counted by a POSIX semaphore the receiver sleeps on.</summary>
    private sealed class SemaphoreHandoff : IHandoff
    {
        private readonly ConcurrentQueue<int> _tokens = new();
        private readonly PosixSemaphore _available = new();

        public void Send(int token)
        {
            _tokens.Enqueue(token);
            _available.Post();
        }

        public ValueTask<int> ReceiveAsync()
        {
            _available.Wait();
            return _tokens.TryDequeue(out int token)
                ? ValueTask.FromResult(token)
                : throw new InvalidOperationException("semaphore counted a token the queue does not hold");
        }

        public void Dispose() => _available.Dispose();
    }

    /// <summary>A socketpair or pipe used with blocking read(2)/write(2) of one byte.</summary>
    private sealed class BlockingFdLink : IByteLink
    {
        private readonly int _readFd;
        private readonly int _writeFd;

        public BlockingFdLink(Transport transport) =>
            (_readFd, _writeFd) = transport == Transport.Pipe ? Libc.Pipe() : Libc.SocketPair();

        public ValueTask WriteByteAsync(byte value)
        {
            Libc.WriteByte(_writeFd, value);
            return ValueTask.CompletedTask;
        }

        public ValueTask<byte> ReadByteAsync() => ValueTask.FromResult(Libc.ReadByte(_readFd));

        public void Dispose()
        {
            _ = Libc.Close(_readFd);
            _ = Libc.Close(_writeFd);
        }
    }
}
