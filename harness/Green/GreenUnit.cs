using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Green;

/// <summary>A green unit: one async body scheduled by the runtime's workers, and the handle to it (status, result or
/// exception, waiters, abort). Await it, Wait on it from outside the runtime, or Abort it. Blocking-pool work has the
/// same handle. Scheduling state and the unit's SynchronizationContext are in GreenUnit.Scheduling.cs.</summary>
/// <remarks>"Unit" is the suite's word for one concurrent activity in every model (threads, tasks, green), so the green
/// runtime's own type carries it too; the handle is not a separate object (tokio's JoinHandle), so it has no name of
/// its own.
/// Completion is a single compare-exchange on <see cref="_status"/>; the first of result / fault / cancel wins.
/// Waiters live in <see cref="_waiters"/>: null, one wake token, a <see cref="WaiterList"/>; once finished, the terminal
/// marker: <see cref="s_completed"/>, or the fault's or cancellation's exception (so a handle needs no field of its own
/// for it: a unit is as small as a Task).
/// </remarks>
public abstract partial class GreenUnit : SynchronizationContext
{
    private static readonly object s_completed = new();

    /// <summary>SpinWait rounds a blocking <see cref="Wait(TimeSpan)"/> spins before it sleeps (a few tens of µs; the later
    /// rounds yield the CPU, so a join on a machine with one CPU lets the unit finish).</summary>
    private const int JoinSpins = 20;

    /// <summary>Transient status while the winning completer writes the outcome; reads as Running.</summary>
    private const int Completing = 100;

    /// <summary>A <see cref="UnitStatus"/>; written once (CAS from Running) by the completing thread, read by anyone.</summary>
    private int _status;

    /// <summary>Wake tokens of awaiters; CAS by awaiters, swapped to the terminal marker (<see cref="s_completed"/> or the
    /// exception) by the completer right after it publishes <see cref="_status"/>.</summary>
    private object? _waiters;


    /// <summary>True once the unit completed, faulted or was cancelled.</summary>
    public bool IsCompleted => Volatile.Read(ref _status) is not ((int)UnitStatus.Running or Completing);

    /// <summary>Current status.</summary>
    public UnitStatus Status
    {
        get
        {
            var status = Volatile.Read(ref _status);
            return status == Completing ? UnitStatus.Running : (UnitStatus)status;
        }
    }

    /// <summary>The exception of a faulted or cancelled unit, else null.</summary>
    public Exception? Exception => Status is UnitStatus.Faulted or UnitStatus.Cancelled ? FinishedException() : null;

    /// <summary>Requests cancellation: the unit is cancelled at its next poll (await resumption); a running poll is not interrupted.</summary>
    public void Abort()
    {
        if (!IsCompleted)
        {
            RequestAbort();
        }
    }

    /// <summary>Blocks until the unit finishes or the timeout elapses; throws like <see cref="Task.Wait(TimeSpan)"/> (AggregateException).</summary>
    /// <returns>True if the unit finished within the timeout.</returns>
    /// <exception cref="InvalidOperationException">Called from a unit of the same runtime on a green unit that has not finished:
    /// the caller's worker would block, and the awaited unit may be queued behind it (in its LIFO slot, or on its home
    /// worker) where nobody else can run it. Thrown at once, never a silent hang.</exception>
    public bool Wait(TimeSpan timeout)
    {
        // A finished unit is the common case of a thread joining many short units in order: one status read, no
        // thread-static read (a call to __tls_get_addr here) and no spin set-up.
        if (!IsCompleted && !WaitUntilFinished(timeout))
        {
            return false;
        }

        ThrowIfFailed(aggregate: true);
        return true;
    }

    /// <summary>The blocking part of <see cref="Wait(TimeSpan)"/>, for a unit that had not finished when the join began.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool WaitUntilFinished(TimeSpan timeout)
    {
        ThrowIfBlockingJoinInsideUnit();
        // Spin a little first, as Task.Wait does: a unit that is about to finish costs a futex sleep and wake otherwise,
        // and a thread joining many short units one after another would pay that on nearly every one.
        var spinner = default(SpinWait);
        for (var i = 0; i < JoinSpins && !IsCompleted; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        if (IsCompleted)
        {
            return true;
        }

        // Not disposed: after a timeout the completer may still Set it (Dispose is not safe concurrently with Set).
        var mres = new ManualResetEventSlim(false, 0);
        AddWaiter(mres);
        return mres.Wait(timeout);
    }

    /// <summary>A short name for messages: the unit's identity hash (units carry no id field, to stay as small as a Task).</summary>
    public override string ToString() => $"unit {RuntimeHelpers.GetHashCode(this):x8}";

    private void ThrowIfBlockingJoinInsideUnit()
    {
        if (Running is { } caller && !IsBlocking && !IsCompleted && caller.Runtime == Runtime)
        {
            throw new InvalidOperationException(
                $"{caller} blocked waiting for {this} (Wait or Result): its worker may be the only one that can run {this}, "
                + "so this could deadlock. Await the handle instead (await handle).");
        }
    }

    /// <summary>Blocks until the unit finishes and throws (AggregateException) if it did not complete normally.</summary>
    public void Wait() => Wait(Timeout.InfiniteTimeSpan);

    /// <summary>Awaiter: resumes a green unit on the runtime, other code on the thread pool.</summary>
    public Awaiter GetAwaiter() => new(this);

    internal bool TrySetCompleted() => TryFinish(UnitStatus.Completed, null);

    internal bool TrySetFaulted(Exception exception) =>
        exception is OperationCanceledException
            ? TryFinish(UnitStatus.Cancelled, exception)
            : TryFinish(UnitStatus.Faulted, exception);

    internal bool TrySetCancelled() => TryFinish(UnitStatus.Cancelled, new UnitCancelledException());

    /// <summary>Claims the right to publish the outcome (Running -> Completing); only one caller wins.</summary>
    private protected bool TryBeginFinish() =>
        Interlocked.CompareExchange(ref _status, Completing, (int)UnitStatus.Running) == (int)UnitStatus.Running;

    /// <summary>Publishes the outcome claimed by <see cref="TryBeginFinish"/> and wakes every waiter (outside any lock).</summary>
    private protected void EndFinish(UnitStatus status, Exception? exception)
    {
        Volatile.Write(ref _status, (int)status);
        var waiters = Interlocked.Exchange(ref _waiters, exception ?? s_completed);
        if (waiters is WaiterList list)
        {
            foreach (var token in list.Close())
            {
                WakeWaiter(token);
            }
        }
        else if (waiters is not null)
        {
            WakeWaiter(waiters);
        }
    }

    /// <summary>Wakes one waiter; a failing waiter must not stop the others or break the completing unit.</summary>
    private void WakeWaiter(object token)
    {
        try
        {
            Waker.Wake(token);
        }
        catch (Exception ex)
        {
            Runtime.ReportUnhandled(ex);
        }
    }

    private bool TryFinish(UnitStatus status, Exception? exception)
    {
        if (!TryBeginFinish())
        {
            return false;
        }

        EndFinish(status, exception);
        return true;
    }

    /// <summary>Registers a wake token; wakes it at once if the unit already finished.</summary>
    internal void AddWaiter(object token)
    {
        var current = Volatile.Read(ref _waiters);
        while (true)
        {
            if (IsTerminal(current))
            {
                Waker.Wake(token);
                return;
            }

            if (current is WaiterList list)
            {
                if (!list.TryAdd(token))
                {
                    Waker.Wake(token);
                }

                return;
            }

            var replacement = current is null ? token : new WaiterList(current, token);
            var seen = Interlocked.CompareExchange(ref _waiters, replacement, current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
        }
    }

    private static bool IsTerminal(object? waiters) => ReferenceEquals(waiters, s_completed) || waiters is Exception;

    /// <summary>The exception of a faulted or cancelled unit. The completer publishes the status a moment before it swaps the
    /// exception into <see cref="_waiters"/>; a reader that saw the status waits out that moment.</summary>
    private Exception FinishedException()
    {
        var spinner = default(SpinWait);
        while (true)
        {
            if (Volatile.Read(ref _waiters) is Exception exception)
            {
                return exception;
            }

            spinner.SpinOnce();
        }
    }

    internal void ThrowIfFailed(bool aggregate)
    {
        switch (Status)
        {
            case UnitStatus.Completed:
                return;
            case UnitStatus.Faulted:
                var fault = FinishedException();
                if (aggregate)
                {
                    throw new AggregateException(fault);
                }

                ExceptionDispatchInfo.Throw(fault);
                return;
            case UnitStatus.Cancelled:
                var cancel = FinishedException() as OperationCanceledException ?? new UnitCancelledException();
                if (aggregate)
                {
                    throw new AggregateException(cancel);
                }

                ExceptionDispatchInfo.Throw(cancel);
                return;
            default:
                throw new InvalidOperationException("The unit has not finished yet.");
        }
    }

    /// <summary>Awaiter of a <see cref="GreenUnit"/>.</summary>
    public readonly struct Awaiter : ICriticalNotifyCompletion
    {
        private readonly GreenUnit _handle;

        internal Awaiter(GreenUnit handle) => _handle = handle;

        /// <summary>True once the unit finished.</summary>
        public bool IsCompleted => _handle.IsCompleted;

        /// <summary>Throws the unit's exception, or <see cref="UnitCancelledException"/> if it was cancelled.</summary>
        public void GetResult()
        {
            if (!_handle.IsCompleted)
            {
                ThrowIfRunningUnitAborted(); // the awaiting unit was aborted before this one finished
            }

            _handle.ThrowIfFailed(aggregate: false);
        }

        /// <inheritdoc/>
        public void OnCompleted(Action continuation) => _handle.AddWaiter(Waker.Capture(continuation));

        /// <inheritdoc/>
        public void UnsafeOnCompleted(Action continuation) => _handle.AddWaiter(Waker.Capture(continuation));
    }

    /// <summary>Two or more waiters; closed (and drained) by the completer under its lock.</summary>
    private sealed class WaiterList
    {
        private readonly List<object> _tokens;
        private bool _closed;

        internal WaiterList(object first, object second) => _tokens = [first, second];

        internal bool TryAdd(object token)
        {
            lock (_tokens)
            {
                if (_closed)
                {
                    return false;
                }

                _tokens.Add(token);
                return true;
            }
        }

        internal object[] Close()
        {
            lock (_tokens)
            {
                _closed = true;
                return [.. _tokens];
            }
        }
    }
}

/// <summary>A <see cref="GreenUnit"/> that also carries the unit's result.</summary>
/// <typeparam name="T">Result type.</typeparam>
public abstract class GreenUnit<T> : GreenUnit
{
    private T? _result;

    private protected GreenUnit(GreenRuntime runtime, object? body = null)
        : base(runtime, body)
    {
    }

    /// <summary>The result; blocks until the unit finishes and throws (AggregateException) like <see cref="Task{T}.Result"/>.</summary>
    public T Result
    {
        get
        {
            Wait(Timeout.InfiniteTimeSpan);
            return _result!;
        }
    }

    /// <summary>Awaiter that yields the result.</summary>
    public new Awaiter GetAwaiter() => new(this);

    internal T GetResultOrThrow()
    {
        ThrowIfFailed(aggregate: false);
        return _result!;
    }

    internal bool TrySetResult(T value)
    {
        if (!TryBeginFinish())
        {
            return false;
        }

        _result = value;
        EndFinish(UnitStatus.Completed, null);
        return true;
    }

    /// <summary>Awaiter of a <see cref="GreenUnit{T}"/>.</summary>
    public new readonly struct Awaiter : ICriticalNotifyCompletion
    {
        private readonly GreenUnit<T> _handle;

        internal Awaiter(GreenUnit<T> handle) => _handle = handle;

        /// <summary>True once the unit finished.</summary>
        public bool IsCompleted => _handle.IsCompleted;

        /// <summary>Returns the result or throws the unit's exception / <see cref="UnitCancelledException"/>.</summary>
        public T GetResult()
        {
            if (!_handle.IsCompleted)
            {
                ThrowIfRunningUnitAborted(); // the awaiting unit was aborted before this one finished
            }

            _handle.ThrowIfFailed(aggregate: false);
            return _handle._result!;
        }

        /// <inheritdoc/>
        public void OnCompleted(Action continuation) => _handle.AddWaiter(Waker.Capture(continuation));

        /// <inheritdoc/>
        public void UnsafeOnCompleted(Action continuation) => _handle.AddWaiter(Waker.Capture(continuation));
    }
}
