using System.Runtime.CompilerServices;

namespace Green;

/// <summary>Sync over async on the runtime's own primitives: a unit whose poll blocks its thread (.Result, .Wait(),
/// GetAwaiter().GetResult()) on a Task that awaits a Delay, a channel, an fd or another unit completes instead of hanging.</summary>
/// <remarks>
/// The unit is a SynchronizationContext that asks for wait notification, so every blocking wait of the .NET runtime on a
/// thread that polls the unit (Monitor.Wait under Task.Wait, a WaitHandle) calls <see cref="Wait"/> first. Such a wait only
/// needs help when the unit holds work that only its own next poll would run, which would come after the blocked one:
/// - a continuation in the unit's slot: an await on a runtime primitive inside this poll parked it there;
/// - a queued post: this poll itself posted to its own context, as `await Task.Yield()` does, and as an await on a Task does
///   when the Task completes on another thread between the await's IsCompleted check and its registration (the Task then
///   posts the continuation from the awaiting thread). Posts from other threads during the poll never queue: they run on
///   the thread pool (see <see cref="Post"/>).
/// Then:
/// 1. Current-thread mode, with a continuation in the slot: the blocked thread is the only worker, and the primitive (a
///    timer of its wheel, a unit in its queue, the reactor it turns) cannot complete: throw
///    <see cref="InvalidOperationException"/> at once. Queued posts are ready already and need no other thread.
/// 2. Otherwise the worker is handed to a fresh thread first (tokio's block_in_place), so timers, I/O and queued units
///    keep going; the blocked thread is no longer a worker when its poll ends.
/// 3. <see cref="FlagBlocked"/> is set (a full fence) and the thread waits on the original handles plus its own event. A
///    waker of the slot (<see cref="ResumeSuspended"/>) or an abort publishes its flag, fences (Schedule's CAS or the
///    abort's Or), and then reads <see cref="FlagBlocked"/>: if set it signals the event. The blocked thread re-checks the
///    slot after setting the flag and after every return of the wait, so one side always sees the other.
/// 4. A ready slot (or an aborted unit's, which then throws at its await) or a queued post is run right there, on the
///    blocked thread and still as this unit's poll: the inner method resumes, completes its Task and so releases the
///    wait. Only this thread queues posts while the poll lasts, so the queue needs no wake-up: it is re-checked after
///    every run. If a run leaves a continuation in the slot in current-thread mode, step 1's exception is thrown then.
/// A wait nested in such a continuation finds the flag set and the worker gone, and simply repeats 3 and 4.
/// </remarks>
public abstract partial class GreenUnit
{
    /// <summary>The event each blocked poll waits on besides its own handles; per thread, never disposed, so a waker that
    /// read it late can still Set it (a spurious wake only makes the next blocked wait on that thread re-check).</summary>
    [ThreadStatic]
    private static AutoResetEvent? t_blockedPollEvent;

    /// <summary>The event of each unit blocked now (a rare path: no field on every unit).</summary>
    private static readonly ConditionalWeakTable<GreenUnit, AutoResetEvent> s_blockedPolls = [];

    /// <summary>Called by the .NET runtime before a blocking wait on a thread where this unit is the SynchronizationContext.</summary>
    /// <inheritdoc/>
    public override int Wait(IntPtr[] waitHandles, bool waitAll, int millisecondsTimeout)
    {
        ArgumentNullException.ThrowIfNull(waitHandles);
        if (t_current != this || waitAll || (_contFn is null && !HasQueuedPosts))
        {
            return WaitHelper(waitHandles, waitAll, millisecondsTimeout);
        }

        var currentThread = Runtime.Mode == SchedulingMode.CurrentThread;
        ThrowIfSlotCannotComplete(currentThread);
        if (!currentThread && Worker.Current is { } worker && worker.Runtime == Runtime)
        {
            worker.HandOffFromBlockedPoll();
        }

        return WaitPumpingPending(waitHandles, millisecondsTimeout, currentThread);
    }

    /// <summary>Step 1 of the remarks: in current-thread mode a continuation in the slot waits for the blocked thread itself.</summary>
    private void ThrowIfSlotCannotComplete(bool currentThread)
    {
        if (currentThread && _contFn is not null && !_contReady)
        {
            throw new InvalidOperationException(
                $"{this} blocked its thread (Wait, Result or GetAwaiter().GetResult()) on work that awaits a runtime primitive "
                + "(a Delay, a channel, an fd or a unit) inside the same poll; in current-thread mode no other thread can complete "
                + "it, so this would hang. Await the Task instead of blocking on it.");
        }
    }

    /// <summary>Steps 3 and 4 of the remarks: waits for a handle while running the unit's slot whenever it is woken, and its
    /// queued posts.</summary>
    private int WaitPumpingPending(IntPtr[] waitHandles, int millisecondsTimeout, bool currentThread)
    {
        var signal = t_blockedPollEvent ??= new AutoResetEvent(false);
        var outermost = (Interlocked.Or(ref _flags, FlagBlocked) & FlagBlocked) == 0;
        if (outermost)
        {
            s_blockedPolls.AddOrUpdate(this, signal);
        }

        try
        {
            var handles = new IntPtr[waitHandles.Length + 1];
            waitHandles.CopyTo(handles, 0);
            handles[^1] = signal.SafeWaitHandle.DangerousGetHandle();
            var deadline = millisecondsTimeout < 0 ? long.MaxValue : Environment.TickCount64 + millisecondsTimeout;
            while (true)
            {
                if (TryRunPendingInBlockedPoll())
                {
                    continue;
                }

                ThrowIfSlotCannotComplete(currentThread);

                var remaining = deadline == long.MaxValue ? Timeout.Infinite : (int)Math.Max(0, deadline - Environment.TickCount64);
                var result = WaitHelper(handles, waitAll: false, remaining);
                if (result != waitHandles.Length)
                {
                    return result; // one of the caller's handles, or WAIT_TIMEOUT
                }
            }
        }
        finally
        {
            if (outermost)
            {
                s_blockedPolls.Remove(this);
                Interlocked.And(ref _flags, ~FlagBlocked);
            }
        }
    }

    /// <summary>Runs, as a poll would, the continuation in the slot if it was woken (or the unit aborted), else the oldest
    /// queued post. Blocked poll only.</summary>
    private bool TryRunPendingInBlockedPoll()
    {
        try
        {
            var fn = _contFn;
            if (fn is null || !(_contReady || AbortRequested))
            {
                return TryRunOnePost();
            }

            var state = _contState;
            _contFn = null;
            _contState = null;
            _contReady = false;
            fn(state);
        }
        catch (Exception ex)
        {
            Runtime.ReportUnhandled(ex); // as in Run: async state machines capture their own; only raw posted callbacks throw
        }

        return true;
    }

    /// <summary>Wakers of the slot and aborts call this after their fence: signals the unit's blocked poll, if there is one.</summary>
    private void WakeBlockedPoll()
    {
        if ((Volatile.Read(ref _flags) & FlagBlocked) != 0 && s_blockedPolls.TryGetValue(this, out var signal))
        {
            signal.Set();
        }
    }
}
