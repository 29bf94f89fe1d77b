using System.Threading.Tasks.Sources;

namespace Green;

/// <summary>One pending <see cref="GreenUnit.Delay"/>: a wheel entry and the awaitable the unit waits on.</summary>
internal sealed class TimerEntry : IValueTaskSource
{
    private static readonly object s_fired = new();

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

    internal bool IsFired => ReferenceEquals(Volatile.Read(ref _waiter), s_fired);

    /// <summary>Marks the entry fired and wakes its awaiter.</summary>
    internal void Fire()
    {
        var waiter = Interlocked.Exchange(ref _waiter, s_fired);
        if (waiter is not null && !ReferenceEquals(waiter, s_fired))
        {
            Waker.Wake(waiter);
        }
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) =>
        IsFired ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Pending;

    void IValueTaskSource.GetResult(short token)
    {
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
