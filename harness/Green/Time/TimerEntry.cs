using System.Threading.Tasks.Sources;

namespace Green;

/// <summary>One pending <see cref="GreenUnit.Delay"/>: a wheel entry and the awaitable the unit waits on.</summary>
internal sealed class TimerEntry : IValueTaskSource
{
    private static readonly object s_fired = new();

    /// <summary>Terminal marker of an entry whose cancellation token fired before the deadline.</summary>
    private static readonly object s_cancelled = new();

    /// <summary>The token that may cancel the wait (default if none); set once, before the entry is awaited.</summary>
    private CancellationToken _cancellation;

    /// <summary>Registration on <see cref="_cancellation"/>; disposed when the entry fires.</summary>
    private CancellationTokenRegistration _registration;

    /// <summary>Wake token of the awaiter, or <see cref="s_fired"/>; CAS by the awaiter, swapped by the firing worker.</summary>
    private object? _waiter;

    internal TimerEntry(long deadlineMs) => Deadline = deadlineMs;

    /// <summary>Absolute deadline in runtime milliseconds; fixed at creation.</summary>
    internal long Deadline { get; }

    /// <summary><see cref="SlotIndex"/> of an entry waiting in the wheel's far list.</summary>
    internal const int InFarList = -1;

    /// <summary><see cref="SlotIndex"/> of an entry not in the wheel (fired, removed, or being cascaded).</summary>
    internal const int NotQueued = -2;

    /// <summary>Next and previous entry in the same wheel slot, and the slot; written under the wheel's lock.</summary>
    internal TimerEntry? NextInSlot { get; set; }

    internal TimerEntry? PrevInSlot { get; set; }

    internal int SlotIndex { get; set; } = NotQueued;

    /// <summary>The worker whose wheel holds this entry; set once, before the entry is inserted.</summary>
    internal Worker? Wheel { get; set; }

    /// <summary>True once the entry fired or was cancelled (either way its awaiter may go on).</summary>
    internal bool IsFired => Volatile.Read(ref _waiter) is { } state && (ReferenceEquals(state, s_fired) || ReferenceEquals(state, s_cancelled));

    /// <summary>Lets <paramref name="cancellation"/> end the wait: the entry leaves the wheel and its awaiter resumes with
    /// an <see cref="OperationCanceledException"/>. Called once, right after the entry was inserted.</summary>
    internal void CancelOn(CancellationToken cancellation)
    {
        if (cancellation.CanBeCanceled)
        {
            _cancellation = cancellation;
            _registration = cancellation.UnsafeRegister(static state => ((TimerEntry)state!).Cancel(), this);
        }
    }

    /// <summary>The token fired: wins against <see cref="Fire"/> or does nothing.</summary>
    private void Cancel()
    {
        var waiter = Volatile.Read(ref _waiter);
        while (!IsTerminal(waiter))
        {
            var seen = Interlocked.CompareExchange(ref _waiter, s_cancelled, waiter);
            if (ReferenceEquals(seen, waiter))
            {
                Wheel?.RemoveTimer(this);
                if (waiter is not null)
                {
                    Waker.Wake(waiter);
                }

                return;
            }

            waiter = seen;
        }
    }

    private static bool IsTerminal(object? waiter) => ReferenceEquals(waiter, s_fired) || ReferenceEquals(waiter, s_cancelled);

    /// <summary>Marks the entry fired and wakes its awaiter.</summary>
    internal void Fire()
    {
        _registration.Dispose();
        var waiter = Volatile.Read(ref _waiter);
        while (!IsTerminal(waiter))
        {
            var seen = Interlocked.CompareExchange(ref _waiter, s_fired, waiter);
            if (ReferenceEquals(seen, waiter))
            {
                break;
            }

            waiter = seen;
        }

        if (waiter is not null && !IsTerminal(waiter))
        {
            Waker.Wake(waiter);
        }
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) =>
        IsFired ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Pending;

    void IValueTaskSource.GetResult(short token)
    {
        if (ReferenceEquals(Volatile.Read(ref _waiter), s_cancelled))
        {
            throw new OperationCanceledException(_cancellation);
        }

        if (!IsFired)
        {
            // Only an aborted unit is resumed before its timer fired (GreenUnit.Scheduling.cs, abort protocol b): take the
            // entry out of the wheel, so it neither keeps the unit alive nor wakes it, and make a racing Fire a no-op.
            if (GreenUnit.Running is { AbortRequested: true })
            {
                Interlocked.Exchange(ref _waiter, s_fired);
                Wheel?.RemoveTimer(this);
                GreenUnit.ThrowIfRunningUnitAborted();
            }

            throw new InvalidOperationException("A Delay's ValueTask was read before it completed; await it instead.");
        }
    }

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        var waiter = Waker.Capture(continuation, state);
        if (Interlocked.CompareExchange(ref _waiter, waiter, null) is not null)
        {
            Waker.Wake(waiter); // fired already
        }
    }
}
