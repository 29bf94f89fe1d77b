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

    /// <summary>
    /// A gate whose waiters block in read(2) on a pipe: a waiter never spins, and parking one costs the same however
    /// many are parked already. (A Monitor-based event walks its whole waiter list to enqueue each new waiter, and
    /// futex waiters crowd the few buckets of the process's futex hash that every other futex call then walks: either
    /// made parking 10,000 threads take minutes of CPU on two cores.)
    /// </summary>
    /// <remarks>
    /// Protocol, on one counter: a waiter increments <see cref="_waiting"/> and, if the result is positive (it was
    /// counted before the gate opened), reads one byte from the pipe. <see cref="Open"/> swaps the counter for
    /// <see cref="int.MinValue"/> and writes one byte per waiter it took from it; a waiter that arrives later sees a
    /// negative count and passes straight through. The readers queue in the pipe in arrival order and each wakes the
    /// next while bytes remain, so they leave one by one, oldest first, rather than all 10,000 at once. The pipe lives
    /// as long as the gate (its finalizer closes it): a waiter keeps the gate alive until its read has returned, Open
    /// until its last write, so a descriptor is never closed, or reused, under a blocked call.
    /// </remarks>
    private sealed class BlockingGate : IGate
    {
        private readonly int _readFd, _writeFd;

        /// <summary>Waiters counted before the gate opened; <see cref="int.MinValue"/> (plus late arrivals) once open.
        /// Incremented by every waiter, swapped once by <see cref="Open"/>.</summary>
        private int _waiting;

        public BlockingGate() => (_readFd, _writeFd) = Libc.Pipe();

        ~BlockingGate()
        {
            _ = Libc.Close(_readFd);
            _ = Libc.Close(_writeFd);
        }

        public ValueTask WaitAsync()
        {
            if (Interlocked.Increment(ref _waiting) > 0) _ = Libc.ReadByte(_readFd);
            GC.KeepAlive(this);
            return ValueTask.CompletedTask;
        }

        public void Open()
        {
            int counted = Interlocked.Exchange(ref _waiting, int.MinValue);
            if (counted > 0) Libc.WriteZeros(_writeFd, counted);
            GC.KeepAlive(this);
        }
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
