namespace Green;

/// <summary>Turns "whoever is awaiting right now" into a wake-up token a primitive can store, and wakes such tokens.</summary>
/// <remarks>
/// Tokens, cheapest first:
/// 1. the awaiting <see cref="GreenUnit"/> itself: its continuation sits in the unit's own slot (no allocation);
/// 2. <see cref="UnitWaiter"/>: the unit's slot was busy (two awaits pending at once in one unit; rare);
/// 3. <see cref="ForeignWaiter"/>: the awaiter is ordinary code outside the runtime; it resumes on the thread pool;
/// 4. <see cref="ManualResetEventSlim"/> / <see cref="Parker"/>: a thread blocked in Wait or BlockOn.
/// Every primitive hands a token to exactly one <see cref="Wake"/> call.
/// </remarks>
internal static class Waker
{
    /// <summary>Invokes an <see cref="Action"/> passed as state; lets Action continuations share the (fn, state) shape.</summary>
    internal static readonly Action<object?> s_invokeAction = static state => ((Action)state!)();

    /// <summary>Captures the current awaiter of (fn, state) as a token.</summary>
    internal static object Capture(Action<object?> fn, object? state)
    {
        var unit = GreenUnit.Running;
        if (unit is not null)
        {
            return unit.TrySuspend(fn, state) ? unit : new UnitWaiter(unit, fn, state);
        }

        return new ForeignWaiter(fn, state);
    }

    /// <summary>Captures the current awaiter of an <see cref="Action"/> continuation as a token.</summary>
    internal static object Capture(Action continuation) => Capture(s_invokeAction, continuation);

    /// <summary>Wakes a token produced by <see cref="Capture(Action{object?}, object?)"/> (or a sync waiter).</summary>
    internal static void Wake(object token)
    {
        switch (token)
        {
            case GreenUnit unit:
                unit.ResumeSuspended();
                break;
            case UnitWaiter waiter:
                waiter.Unit.ResumeWith(waiter.Fn, waiter.State);
                break;
            case ForeignWaiter foreign:
                ThreadPool.UnsafeQueueUserWorkItem(foreign.Fn, foreign.State, preferLocal: false);
                break;
            case ManualResetEventSlim mres:
                mres.Set();
                break;
            case Parker parker:
                parker.Unpark();
                break;
            case InlineCallback callback:
                callback.Fn(callback.State);
                break;
            default:
                throw new InvalidOperationException($"Unknown wake token {token.GetType()}.");
        }
    }

    /// <summary>A unit's continuation that could not use the unit's own slot.</summary>
    internal sealed class UnitWaiter(GreenUnit unit, Action<object?> fn, object? state)
    {
        internal GreenUnit Unit { get; } = unit;

        internal Action<object?> Fn { get; } = fn;

        internal object? State { get; } = state;
    }

    /// <summary>A short non-blocking callback run on the waking thread (a group join's bookkeeping).</summary>
    internal sealed class InlineCallback(Action<object?> fn, object? state)
    {
        internal Action<object?> Fn { get; } = fn;

        internal object? State { get; } = state;
    }

    /// <summary>A continuation of code that does not run on a green worker.</summary>
    internal sealed class ForeignWaiter(Action<object?> fn, object? state)
    {
        internal Action<object?> Fn { get; } = fn;

        internal object? State { get; } = state;
    }
}
