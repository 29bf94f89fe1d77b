using System.Runtime.CompilerServices;

namespace Green;

/// <summary>The unit side of a <see cref="GreenUnit"/>: a green unit is its own join handle, schedulable work item,
/// awaiter-continuation target and SynchronizationContext, all in one object (one allocation per spawn).</summary>
/// <remarks>
/// Scheduling protocol (<see cref="_state"/>), the same shape as tokio's task state:
/// 1. Idle -> Scheduled: a waker won the CAS and pushes the unit into exactly one queue (so no double run).
/// 2. Scheduled -> Running: a worker popped it and polls it (<see cref="Run"/>): one resumption per poll.
/// 3. Running -> Notified: woken (or yielded) during the poll; the poller requeues it at the back of its local queue.
/// 4. Running -> Idle: nothing pending; the next waker starts again at 1.
/// A poll runs one of: the body's first step, the ready continuation in the slot, or one posted callback.
///
/// Abort (by <see cref="Abort"/> or shutdown) resumes the unit instead of abandoning it, so its finally, using and await
/// using blocks run:
/// a. The flag is set and the unit scheduled. A unit never started is cancelled outright.
/// b. A unit suspended in its slot (on a runtime primitive: Delay, a channel, an fd, a join, a yield) is resumed at once,
///    ready or not; the primitive's GetResult sees the flag and throws <see cref="UnitCancelledException"/> at the await.
/// c. From then on every suspend in the slot is ready at once (<see cref="TrySuspend"/>), so the unit can no longer wait:
///    each await it reaches throws the same way, and the body unwinds to its end.
/// d. The primitive of (b) still holds the unit as its wake token and wakes it once more some time later. That stale
///    wake only sets the ready flag, which (c) has set already for whatever sits in the slot, and a poll with an empty
///    slot ignores it.
/// e. A unit suspended elsewhere (a Task, via a post) cannot be resumed early: it is cancelled at once, and its
///    continuation still runs as a post when that Task completes.
/// </remarks>
public abstract partial class GreenUnit
{
    internal const int StateIdle = 0;
    internal const int StateScheduled = 1;
    internal const int StateRunning = 2;
    internal const int StateNotified = 3;

    [ThreadStatic]
    private static GreenUnit? t_current;

    /// <summary>Scheduling state; CAS by wakers (any thread) and by the polling worker.</summary>
    private int _state = StateScheduled;

    /// <summary><see cref="FlagAbort"/> once Abort / shutdown asked the unit to stop (any thread sets it); <see cref="FlagPosts"/>
    /// while the side queue of posts holds something (set and cleared under that queue's lock); <see cref="FlagBlocked"/> while
    /// the unit's poll blocks its thread in a wait with a continuation in its slot (GreenUnit.BlockedPoll.cs). Interlocked.Or /
    /// And only.</summary>
    private int _flags;

    private const int FlagAbort = 1;
    private const int FlagPosts = 2;
    private const int FlagBlocked = 4;

    /// <summary>Overflow continuations (SynchronizationContext posts, the rare second concurrent await), kept off the unit:
    /// most units never have one, and a field would cost every unit 8 bytes.</summary>
    private static readonly ConditionalWeakTable<GreenUnit, PostQueue> s_posts = [];

    /// <summary>True once a completion callback was attached to the body's Task (see <see cref="WatchBody"/>).</summary>
    private bool _completionHooked;

    /// <summary>The body delegate until the first poll; then the body's Task while it has not finished (it suspended),
    /// cleared when it completes. One field for both keeps the unit small, and it also says whether the body started (a
    /// delegate here means not yet): a flag of its own made the unit 88 bytes, against a Task's 80.</summary>
    private object? _body;

    /// <summary>The continuation the unit is suspended on; written by the unit's own poll (TrySuspend), cleared by the poller.</summary>
    private Action<object?>? _contFn;

    /// <summary>State argument of <see cref="_contFn"/>.</summary>
    private object? _contState;

    /// <summary>Set by the waker that owns the token (any thread) before scheduling; cleared by the poller.</summary>
    private volatile bool _contReady;

    /// <summary>The runtime, or the unit's home worker (thread-per-core, current-thread), which knows its runtime: one field
    /// for both keeps the unit at the size of a Task. Written before the unit is first queued.</summary>
    private object _owner;

    private protected GreenUnit(GreenRuntime runtime, object? body = null)
    {
        _owner = runtime;
        _body = body;
        SetWaitNotificationRequired(); // a blocking wait in the unit's poll comes to Wait (GreenUnit.BlockedPoll.cs)
    }

    /// <summary>The unit being polled on this thread, if any.</summary>
    internal static GreenUnit? Running => t_current;

    internal GreenRuntime Runtime => _owner as GreenRuntime ?? ((Worker)_owner).Runtime;

    /// <summary>Intrusive link of the live-unit registry's shard stack (see <see cref="UnitRegistry"/>).</summary>
    internal GreenUnit? NextLive;

    /// <summary>Registry shard while counted as live, -1 before and after; Interlocked by the registry.</summary>
    internal sbyte RegistryShard = -1;

    /// <summary>Thread-per-core / current-thread: the worker that owns this unit for life. Null under work stealing.
    /// Set once, by the spawner, before the unit is first queued.</summary>
    internal Worker? Home
    {
        get => _owner as Worker;
        set => _owner = value ?? (object)Runtime;
    }

    internal int SchedulingState => Volatile.Read(ref _state);

    internal bool AbortRequested => (Volatile.Read(ref _flags) & FlagAbort) != 0;

    /// <summary>Starts the body (first poll).</summary>
    private protected abstract void StartBody();

    /// <summary>Publishes the outcome of the body's finished Task. May run twice for one Task (poll and hook); the first wins.</summary>
    private protected abstract void CompleteBody(Task pending);

    /// <summary>First poll: takes the body delegate out of the unit.</summary>
    private protected object TakeBody()
    {
        var body = _body!;
        _body = null;
        return body;
    }

    /// <summary>The body suspended in its first poll: remember its Task; <see cref="Run"/> watches it after every poll.</summary>
    private protected void SetPendingBody(Task pending) => _body = pending;

    /// <summary>Returns this handle: the unit's SynchronizationContext is the unit itself.</summary>
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Continuations of Tasks awaited inside the unit land here; they run on the runtime as the unit's next poll,
    /// unless the unit is inside a poll on another thread right now (see remarks).</summary>
    /// <remarks>
    /// Sync over async: a unit that blocks in its poll on a Task (.Result, .Wait(), GetAwaiter().GetResult()) whose inner
    /// await captured this context would wait for a continuation queued behind the very poll that blocks: a hang, even
    /// with idle workers. So a post that arrives from another thread while a poll of this unit is in progress runs on
    /// the thread pool at once, with this unit still installed as the context (its later awaits come back here). A
    /// poll that was not blocked but merely still running loses nothing: the continuation runs on another thread, as
    /// it would under Task's own scheduling, and never touches the unit's slot (no thread-pool thread is its poller).
    /// A post from the unit's own poll (`await Task.Yield()`, or a Task that completed just as it was awaited) is queued as
    /// usual; if that poll then blocks on it, the blocked wait runs it (GreenUnit.BlockedPoll.cs).
    /// </remarks>
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (t_current != this && SchedulingState is StateRunning or StateNotified)
        {
            Runtime.CountPostRunOffUnit();
            ThreadPool.UnsafeQueueUserWorkItem(new OffUnitPost(this, d, state), preferLocal: false);
            return;
        }

        if (t_current == this && ValueTaskSourcePost.Is(d) && RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            // A pooled ValueTask completing inside this unit's own poll resumes its awaiter here and now, as a Task would
            // (see ValueTaskSourcePost): one poll per wake-up, however deep the chain of awaits it completes.
            d(state);
            return;
        }

        EnqueuePost(d, state);
    }

    /// <summary>A post run on the thread pool because the unit was inside a poll (see <see cref="Post"/>).</summary>
    private sealed class OffUnitPost(GreenUnit unit, SendOrPostCallback callback, object? state) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            SynchronizationContext.SetSynchronizationContext(unit);
            try
            {
                callback(state);
            }
            catch (Exception ex)
            {
                unit.Runtime.ReportUnhandled(ex); // async state machines capture their own; only raw callbacks throw here
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(null);
            }
        }
    }

    /// <summary>Asks the unit to stop at its next poll.</summary>
    internal void RequestAbort()
    {
        if (IsBlocking)
        {
            // Blocking work cannot be interrupted; it is cancelled only if it has not started.
            if (Interlocked.CompareExchange(ref _state, StateIdle, StateScheduled) == StateScheduled)
            {
                TrySetCancelled();
            }

            return;
        }

        if ((Interlocked.Or(ref _flags, FlagAbort) & FlagAbort) == 0)
        {
            Schedule();
            WakeBlockedPoll();
        }
    }

    /// <summary>Marks the abort flag without scheduling (shutdown sweep completes the handle itself).</summary>
    /// <remarks>A full fence (Exchange) pairs with the one in <see cref="Run"/>: after MarkAborted the shutdown sweep reads the
    /// state, while Run writes Running and then reads the flag, so at least one side sees the other.</remarks>
    internal void MarkAborted() => Interlocked.Or(ref _flags, FlagAbort);

    /// <summary>Restores the unit of an outer poll after a nested run loop on the same thread.</summary>
    internal static void RestoreRunning(GreenUnit? unit) => t_current = unit;

    /// <summary>Parks <paramref name="fn"/> in the unit's own slot. Only the unit's poller calls this.</summary>
    internal bool TrySuspend(Action<object?> fn, object? state)
    {
        if (_contFn is not null)
        {
            return false;
        }

        _contState = state;
        _contFn = fn;
        if (AbortRequested)
        {
            _contReady = true; // protocol (c): an aborted unit resumes at once, and the await throws
        }

        return true;
    }

    /// <summary>Called by a runtime primitive's GetResult: throws if the unit running here was aborted (protocol b, c).</summary>
    internal static void ThrowIfRunningUnitAborted()
    {
        if (t_current is { } unit && unit.AbortRequested)
        {
            throw new UnitCancelledException($"{unit} was aborted while it waited.");
        }
    }

    /// <summary>Wakes the continuation parked by <see cref="TrySuspend"/>. Any thread, once per token.</summary>
    internal void ResumeSuspended()
    {
        _contReady = true;
        Schedule();
        WakeBlockedPoll();
    }

    /// <summary>Wakes an overflow continuation. Any thread.</summary>
    internal void ResumeWith(Action<object?> fn, object? state) => EnqueuePost(fn, state);

    /// <summary>Cooperative yield from the unit's own poll (only): the continuation runs at the next poll, requeued at the back.</summary>
    internal void YieldWith(Action continuation)
    {
        if (_contFn is null)
        {
            // No Schedule: we are inside this unit's own poll, and Run requeues it when the poll ends because it finds
            // the continuation ready (HasPendingWork). Scheduling here cost two compare-exchanges per yield.
            _contState = continuation;
            _contFn = Waker.s_invokeAction;
            _contReady = true;
        }
        else
        {
            EnqueuePost(Waker.s_invokeAction, continuation);
        }
    }

    /// <summary>Idle -> Scheduled (push) or Running -> Notified (the poller requeues). Any thread.</summary>
    /// <remarks>
    /// The caller has just published pending work (the ready flag, a post, the abort flag). Reading the state must not be
    /// a plain load: a store followed by a load may be reordered (x64 allows it), so a waker could see Scheduled and
    /// return while its store still sits in its store buffer, and the poll that was coming (Exchange to Running, then
    /// read the ready flag) could miss it and go Idle: a lost wake-up. Starting with a CAS makes the read a full fence,
    /// which pairs with the fence of the Exchange in <see cref="Run"/>; it also is the common Idle -> Scheduled step.
    /// </remarks>
    internal void Schedule()
    {
        var state = Interlocked.CompareExchange(ref _state, StateScheduled, StateIdle);
        if (state == StateIdle)
        {
            Runtime.ScheduleTask(this);
            return;
        }

        while (true)
        {
            int target;
            switch (state)
            {
                case StateIdle:
                    target = StateScheduled;
                    break;
                case StateRunning:
                    target = StateNotified;
                    break;
                default:
                    return; // Scheduled or Notified: a poll is already coming.
            }

            var seen = Interlocked.CompareExchange(ref _state, target, state);
            if (seen == state)
            {
                if (target == StateScheduled)
                {
                    Runtime.ScheduleTask(this);
                }

                return;
            }

            state = seen;
        }
    }

    /// <summary>Polls the unit once. Only the worker that popped it calls this.</summary>
    /// <returns>True if the unit must be requeued (it was woken or yielded during the poll).</returns>
    internal bool Run()
    {
        Interlocked.Exchange(ref _state, StateRunning); // full fence: pairs with MarkAborted (see there)
        t_current = this;
        CoopBudget.Refill();
        SynchronizationContext.SetSynchronizationContext(this);
        try
        {
            if (_body is Delegate)
            {
                if (AbortRequested)
                {
                    _body = null;
                    CancelNow(); // protocol (a): nothing ran, nothing to clean up
                }
                else
                {
                    StartBody(); // takes the delegate out of _body first
                }
            }
            else if (_contFn is not null && (_contReady || AbortRequested))
            {
                // Ready, or aborted (protocol b): an aborted resume's await throws. A stale wake with an empty slot
                // (protocol d) does not get here.
                var fn = _contFn!;
                var state = _contState;
                _contFn = null;
                _contState = null;
                _contReady = false;
                fn(state);
            }
            else if (!TryRunOnePost() && AbortRequested)
            {
                CancelNow(); // protocol (e): suspended outside its slot
            }

            if (_body is Task pending)
            {
                WatchBody(pending);
            }
        }
        catch (Exception ex)
        {
            // Async state machines capture their own exceptions; this is only reached by raw posted callbacks.
            Runtime.ReportUnhandled(ex);
        }
        finally
        {
            t_current = null;
            SynchronizationContext.SetSynchronizationContext(null);
        }

        if (AbortRequested && Runtime.IsStopping)
        {
            // Shutdown aborted this unit while it was inside this (possibly stuck) poll, and the workers are leaving: a
            // requeued unit might never be popped, so finish it here instead. (Before the stop, while shutdown still
            // waits for aborted units to unwind, requeueing is right: the next poll runs the unit's cleanup.)
            DropPending();
            CancelNow();
            Volatile.Write(ref _state, StateIdle);
            return false;
        }

        if (HasPendingWork())
        {
            Volatile.Write(ref _state, StateScheduled);
            return true;
        }

        if (Interlocked.CompareExchange(ref _state, StateIdle, StateRunning) == StateRunning)
        {
            return false;
        }

        Volatile.Write(ref _state, StateScheduled); // was Notified
        return true;
    }

    /// <summary>After a poll: completes the unit if its body finished in it; otherwise, if the body is not parked in the
    /// unit's own slot, attaches a completion callback once.</summary>
    /// <remarks>
    /// The body's continuations normally run inside this unit's polls (they are captured through the unit's slot, posts,
    /// or its SynchronizationContext), so checking after each poll sees the body finish without a per-unit callback
    /// (which would cost a 64-byte delegate per parked unit). A body that left the runtime (ConfigureAwait(false), a
    /// custom awaiter) can finish on another thread: when a poll ends with nothing in the slot, the callback is attached
    /// as well. Both paths may complete the same Task; the handle's first-wins CAS keeps that harmless.
    /// </remarks>
    private void WatchBody(Task pending)
    {
        if (pending.IsCompleted)
        {
            _body = null;
            CompleteBody(pending);
        }
        else if (!_completionHooked && _contFn is null)
        {
            _completionHooked = true;
            pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(OnPendingBodyCompleted);
        }
    }

    private void OnPendingBodyCompleted()
    {
        if (Volatile.Read(ref _body) is Task { IsCompleted: true } pending)
        {
            CompleteBody(pending);
        }
    }

    /// <summary>True while the side queue of posts holds something.</summary>
    private bool HasQueuedPosts => (Volatile.Read(ref _flags) & FlagPosts) != 0;

    /// <summary>Runs the oldest queued post, if any, on this thread as this unit's poll. Pollers only (Run, a blocked poll).</summary>
    private bool TryRunOnePost()
    {
        if (!HasQueuedPosts || !s_posts.TryGetValue(this, out var posts) || !posts.TryDequeue(this, out var callback, out var state))
        {
            return false;
        }

        if (callback is Action<object?> action)
        {
            action(state);
        }
        else
        {
            ((SendOrPostCallback)callback)(state);
        }

        return true;
    }

    private bool HasPendingWork() =>
        (_contReady && _contFn is not null)
        || HasQueuedPosts
        || (AbortRequested && !IsCompleted);

    /// <summary>Completes the handle as cancelled (first outcome wins) and stops tracking the unit.</summary>
    private void CancelNow()
    {
        if (TrySetCancelled())
        {
            Runtime.OnUnitFinished(this);
        }
    }

    private void EnqueuePost(object callback, object? state)
    {
        // Posts of an aborted unit still run (protocol e): they may carry its finally blocks.
        Runtime.CountPostQueued();
        s_posts.GetValue(this, static _ => new PostQueue()).Enqueue(this, callback, state);
        Schedule();
    }

    private void DropPending()
    {
        _contFn = null;
        _contState = null;
        _contReady = false;
        if (HasQueuedPosts && s_posts.TryGetValue(this, out var posts))
        {
            posts.Clear(this);
        }
    }

    /// <summary>True for blocking-pool handles (never scheduled on workers).</summary>
    internal virtual bool IsBlocking => false;

    /// <summary>Blocking-pool handles: runs the work on the calling pool thread. Green units never get here.</summary>
    internal virtual void ExecuteBlocking() => throw new InvalidOperationException("Not a blocking task.");

    /// <summary>Blocking-pool handles: Scheduled -> Running; false if the work was aborted before it started.</summary>
    private protected bool TryStartBlocking() =>
        Interlocked.CompareExchange(ref _state, StateRunning, StateScheduled) == StateScheduled;

    /// <summary>FIFO of (callback, state) pairs behind a lock; rare path. The owner's <see cref="FlagPosts"/> bit says whether
    /// it holds anything and is changed under the same lock, so a poll that finds the bit clear has nothing to run.</summary>
    private sealed class PostQueue
    {
        private readonly Queue<(object Callback, object? State)> _items = new();

        internal void Enqueue(GreenUnit owner, object callback, object? state)
        {
            lock (_items)
            {
                _items.Enqueue((callback, state));
                Interlocked.Or(ref owner._flags, FlagPosts);
            }
        }

        internal bool TryDequeue(GreenUnit owner, out object callback, out object? state)
        {
            lock (_items)
            {
                if (_items.TryDequeue(out var item))
                {
                    if (_items.Count == 0)
                    {
                        Interlocked.And(ref owner._flags, ~FlagPosts);
                    }

                    (callback, state) = item;
                    return true;
                }

                Interlocked.And(ref owner._flags, ~FlagPosts);
            }

            callback = null!;
            state = null;
            return false;
        }

        internal void Clear(GreenUnit owner)
        {
            lock (_items)
            {
                _items.Clear();
                Interlocked.And(ref owner._flags, ~FlagPosts);
            }
        }
    }
}
