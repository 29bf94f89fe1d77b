namespace Green;

/// <summary>A logical processor (tokio's Core): local queue, LIFO slot, timer wheel, parker and counters, run by one thread at a time.</summary>
/// <remarks>
/// The OS thread that runs a worker can change: blocking detection hands the whole worker to a fresh thread while the old
/// one is stuck in a poll (see <see cref="BlockingMonitor"/>). "Owner" below means the thread currently running it.
/// </remarks>
internal sealed partial class Worker
{
    /// <summary>tokio's MAX_LIFO_POLLS_PER_TICK: a ping-pong pair may bypass the queue at most this often in a row.</summary>
    internal const int MaxLifoPollsPerTick = 3;

    /// <summary>SpinWait rounds before parking (about 20-50 us; the later rounds yield the core).</summary>
    /// <remarks>Measured against 4 rounds: 4 saved ~15% CPU in a timer-driven load, but a ping-pong pair then made the idle
    /// worker park and get woken (and steal) hundreds of times per 200k switches instead of ~10, so the spin stays.</remarks>
    private const int SpinIterations = 20;

    [ThreadStatic]
    private static Worker? t_worker;

    private readonly GreenRuntime _runtime;
    private readonly List<TimerEntry> _expired = [];
    private readonly bool _guardOwnerOps;

    /// <summary>The unit to run right after the current one; owner only (moved with the worker on handoff).</summary>
    private GreenUnit? _lifo;

    /// <summary>Ticks left until the global queue is checked first (fairness) and until the I/O driver is polled while busy;
    /// owner only. Countdowns rather than a tick counter modulo the interval: a division per tick cost a yield storm 10%.</summary>
    private int _ticksToGlobalCheck;
    private int _ticksToEventPoll;

    /// <summary>True while counted as searching in <see cref="Idle"/>; owner only.</summary>
    private bool _isSearching;

    /// <summary>True right after a poll whose unit was requeued (it yielded, or was woken during its poll); owner only. The next
    /// pick then tries the remote queue first, so a unit that yields between long stretches of work lets in the units
    /// woken from outside (as Go's Gosched does) instead of running again ahead of them for up to 60 more ticks.</summary>
    private bool _remoteFirst;

    /// <summary>True once a unit this worker polled has finished since its last sweep of the live-unit registry; owner
    /// only. Parking then sweeps the registry first (<see cref="UnitRegistry.SweepFinished"/>), so a worker whose units
    /// never finish (a ping-pong) does not pay for a sweep at every park.</summary>
    private bool _sweepDue;

    /// <summary>True while this worker dispatches I/O readiness; owner only. Pushes then wake no peer one by one: after the
    /// turn, one peer is woken if more than one unit is queued (tokio's should_notify_others).</summary>
    private bool _dispatchingIo;

    /// <summary>xorshift state for victim selection; owner only.</summary>
    private uint _rng;

    /// <summary>Sequence number of the poll in progress, 0 when not polling, -1 once handed off. Written by the owner
    /// (start/end of poll) and CAS by the blocking monitor, which times how long one number stays (no clock read per poll).</summary>
    private long _pollSeq;

    /// <summary>Handoffs made by polls that blocked (HandOffFromBlockedPoll); incremented by the thread that hands off, inside
    /// its poll. A poll that sees it change gave the worker away: a field compare, not a thread-static read per poll.</summary>
    private long _blockedPollHandoffs;

    /// <summary>Polls started so far; owner only (source of <see cref="_pollSeq"/>).</summary>
    private long _pollCount;

    /// <summary>Managed id of the owner thread; written by the owner at start and cleared by the monitor on handoff.</summary>
    private int _ownerThread;

    /// <summary>Non-zero while the owner thread is inside an owner-only operation during a poll (Dekker flag vs the monitor).</summary>
    private int _inOwnerOp;

    internal Worker(GreenRuntime runtime, int index, GreenRuntimeOptions options, bool guardOwnerOps)
    {
        _runtime = runtime;
        Index = index;
        Queue = new LocalQueue(options.LocalQueueCapacity);
        Inbox = options.Mode == SchedulingMode.WorkStealing ? null : new Injector();
        _guardOwnerOps = guardOwnerOps;
        _rng = (uint)(index * 0x9E3779B9) | 1;
    }

    internal static Worker? Current => t_worker;

    internal int Index { get; }

    internal GreenRuntime Runtime => _runtime;

    internal LocalQueue Queue { get; }

    /// <summary>Per-worker remote queue in thread-per-core and current-thread modes; null under work stealing.</summary>
    internal Injector? Inbox { get; }

    /// <summary>This worker's timers; guarded by the timer lock (Worker.Timers.cs).</summary>
    internal TimerWheel Timers { get; } = new(Clock.NowMs());

    internal Parker Parker { get; } = new();

    internal WorkerStats Stats { get; } = new();

    internal Thread? Thread { get; set; }

    /// <summary>Queue that receives this worker's overflow and remote wake-ups.</summary>
    private Injector Overflow => Inbox ?? _runtime.GlobalQueue;

    /// <summary>True if the calling thread may use owner-only operations right now. Pair with <see cref="ExitOwnerOp"/>.</summary>
    internal bool TryEnterOwnerOp()
    {
        if (t_worker != this)
        {
            return false;
        }

        if (!_guardOwnerOps)
        {
            return true;
        }

        // CAS, not Exchange: a stale (handed-off) thread must never overwrite the flag of the thread that owns the worker
        // now, or the monitor could miss an owner op in progress. A failed enter takes the remote path.
        var me = Environment.CurrentManagedThreadId;
        if (Interlocked.CompareExchange(ref _inOwnerOp, me, 0) != 0)
        {
            return false;
        }

        if (Volatile.Read(ref _ownerThread) != me)
        {
            Interlocked.CompareExchange(ref _inOwnerOp, 0, me);
            return false;
        }

        return true;
    }

    internal void ExitOwnerOp()
    {
        if (_guardOwnerOps)
        {
            Interlocked.CompareExchange(ref _inOwnerOp, 0, Environment.CurrentManagedThreadId);
        }
    }

    /// <summary>Owner only: schedules a woken or spawned unit here (LIFO slot when woken by a running unit).</summary>
    internal void ScheduleLocal(GreenUnit task, bool lifo)
    {
        if (lifo)
        {
            var previous = _lifo;
            _lifo = task;
            if (previous is null)
            {
                return;
            }

            task = previous; // the displaced unit goes to the back of the queue
        }

        PushBack(task);
        NotifyPushed();
    }

    /// <summary>Owner only: stealable work was just pushed to the local queue; wake a parked worker for it unless someone is
    /// already searching (tokio's notify_parked_local; cheap when a searcher exists).</summary>
    private void NotifyPushed()
    {
        if (Inbox is null && !_isSearching && !_dispatchingIo && _runtime.Workers.Length > 1)
        {
            _runtime.NotifyParked();
        }
    }

    /// <summary>Owner only: schedules a unit created with an owner op already entered (spawn, timers).</summary>
    internal void PushBack(GreenUnit task)
    {
        switch (Queue.Push(task, Overflow))
        {
            case LocalQueue.PushResult.Overflowed:
                Stats.Overflows++;
                Stats.Injections += (Queue.Capacity / 2) + 1;
                if (Inbox is null)
                {
                    _runtime.NotifyParked();
                }

                break;
            case LocalQueue.PushResult.Injected:
                Stats.Injections++;
                if (Inbox is null)
                {
                    _runtime.NotifyParked();
                }

                break;
        }
    }

    /// <summary>Thread entry point for dedicated worker threads.</summary>
    internal void ThreadMain() => RunLoop(until: null);

    /// <summary>Runs the worker loop on the calling thread.</summary>
    /// <remarks>
    /// Protocol of one tick:
    /// 1. Stop if the runtime is stopping, <paramref name="until"/> finished, or the worker was handed to another thread.
    /// 2. Fire due timers into the local queue; every EventInterval ticks, poll the I/O driver without waiting and fire
    ///    the due timers of peers (Worker.Timers.cs), as also when out of work.
    /// 3. Pick a unit: a unit left in the LIFO slot (only after a blocking handoff mid-chain); every GlobalQueueInterval
    ///    ticks, and right after a unit yielded, the global queue (inbox) first for fairness; then the local queue; then a
    ///    batch from the global queue (inbox).
    ///    Every push of stealable work to the local queue notifies a parked worker unless someone is already searching.
    /// 4. Nothing queued: poll the I/O driver without waiting; readiness wakes its units into this worker's queue, so a
    ///    unit that parked on EAGAIN and the unit its write woke run back to back here, with no thread switch.
    /// 5. Work stealing only: become a searcher (at most half the workers), steal half of a random victim's queue, and
    ///    leave the searching state (waking another worker if we were the last searcher).
    /// 6. Run the unit, then up to <see cref="MaxLifoPollsPerTick"/> units from the LIFO slot; a LIFO unit beyond that goes
    ///    to the back of the queue so a ping-pong pair cannot starve it. A unit woken during its own poll (Yield) is requeued
    ///    at the back, never into the LIFO slot.
    /// 7. Nothing to do: spin briefly re-checking 3-5 (a futex sleep/wake costs more than a short spin), then publish as a
    ///    sleeper, re-check every queue if we were the last searcher (or the global queue is non-empty), and park until
    ///    unparked or the next timer deadline: inside the I/O driver's epoll_wait if no other worker sleeps there, else on
    ///    a futex (see <see cref="Reactor"/> and <see cref="Parker"/>).
    /// </remarks>
    /// <returns>False if the worker was handed off to another thread while this one was stuck in a poll.</returns>
    internal bool RunLoop(GreenUnit? until, Func<bool>? exit = null)
    {
        // A nested loop (BlockOn of a current-thread runtime inside a unit) must give the outer unit its context back.
        var outerWorker = t_worker;
        var outerUnit = GreenUnit.Running;
        var outerContext = SynchronizationContext.Current;
        t_worker = this;
        Volatile.Write(ref _ownerThread, Environment.CurrentManagedThreadId);
        Volatile.Write(ref _pollSeq, 0);
        try
        {
            while (!_runtime.IsStopping && until?.IsCompleted != true && exit?.Invoke() != true)
            {
                FireTimers();
                if (--_ticksToEventPoll <= 0)
                {
                    _ticksToEventPoll = _runtime.Options.EventInterval;
                    PollIo(0);
                    FirePeersTimers();
                }

                var task = NextTask() ?? PollIoForWork() ?? Search();
                if (task is not null)
                {
                    if (_isSearching)
                    {
                        _isSearching = false;
                        if (_runtime.Idle?.TransitionFromSearching() == true)
                        {
                            _runtime.NotifyParked();
                        }
                    }

                    if (!RunTask(task))
                    {
                        return false;
                    }

                    continue;
                }

                FirePeersTimers(); // out of work: a busy peer's due timers are ours to fire
                if (SpinForWork() is { } found)
                {
                    if (!RunTask(found))
                    {
                        return false;
                    }

                    continue;
                }

                Park(until, exit is null ? -1 : 1);
            }

            return true;
        }
        finally
        {
            t_worker = outerWorker;
            GreenUnit.RestoreRunning(outerUnit);
            SynchronizationContext.SetSynchronizationContext(outerContext);
        }
    }

    /// <summary>Spins briefly before parking: work usually arrives within microseconds under load, and a futex
    /// sleep/wake pair costs far more than that (the same trade-off as Go's spinning Ms and the .NET thread pool).</summary>
    private GreenUnit? SpinForWork()
    {
        var spinner = default(SpinWait);
        for (var i = 0; i < SpinIterations && !_runtime.IsStopping; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if ((NextTask() ?? PollIoForWork() ?? Search()) is { } task)
            {
                if (_isSearching)
                {
                    _isSearching = false;
                    if (_runtime.Idle?.TransitionFromSearching() == true)
                    {
                        _runtime.NotifyParked();
                    }
                }

                return task;
            }
        }

        return null;
    }

    /// <summary>Polls the I/O driver without waiting; returns a unit it woke into this worker's queue, if any.</summary>
    private GreenUnit? PollIoForWork() => PollIo(0) > 0 ? NextTask() : null;

    /// <summary>Owner only: one turn of the I/O driver (if any fd created it); returns the readiness events dispatched.</summary>
    private int PollIo(int timeoutMs)
    {
        var reactor = _runtime.ReactorOrNull;
        if (reactor is null)
        {
            return 0;
        }

        int dispatched;
        _dispatchingIo = true;
        try
        {
            dispatched = reactor.TryPoll(timeoutMs);
        }
        finally
        {
            _dispatchingIo = false;
        }

        NotifyIfQueued();
        return dispatched;
    }

    /// <summary>After an I/O dispatch: wake one peer to steal if more than one unit waits here.</summary>
    private void NotifyIfQueued()
    {
        if (Queue.Count > 1)
        {
            NotifyPushed();
        }
    }

    /// <summary>Sleeps on the parker; inside the I/O driver when its blocking turn is free (readiness is dispatched then).</summary>
    private void ParkThread(int timeoutMs)
    {
        Stats.Parks++;
        var reactor = _runtime.ReactorOrNull;
        _dispatchingIo = reactor is not null;
        bool drove;
        try
        {
            Parker.Park(timeoutMs, reactor, out drove);
        }
        finally
        {
            _dispatchingIo = false;
        }

        Stats.Unparks++;
        if (drove)
        {
            _runtime.HandOverDriver(this);
        }
    }

    private GreenUnit? NextTask()
    {
        // A unit can be left in the LIFO slot when the worker is handed to a fresh thread mid-chain: run it first.
        if (_lifo is { } lifo)
        {
            _lifo = null;
            return lifo;
        }

        var remote = Overflow;
        var remoteFirst = _remoteFirst;
        _remoteFirst = false;
        if (--_ticksToGlobalCheck <= 0)
        {
            _ticksToGlobalCheck = _runtime.Options.GlobalQueueInterval;
            remoteFirst = true;
        }

        if (remoteFirst && remote.Pop() is { } fair)
        {
            return fair;
        }

        return Queue.Pop() ?? PopRemoteBatch(remote);
    }

    /// <summary>Takes this worker's share of a remote queue: the first unit to run now, the rest into the local queue.</summary>
    private GreenUnit? PopRemoteBatch(Injector remote)
    {
        if (remote.IsEmpty)
        {
            return null;
        }

        var first = remote.Pop();
        if (first is null)
        {
            return null;
        }

        var share = Inbox is null ? (remote.Count / _runtime.Workers.Length) + 1 : remote.Count;
        var room = Queue.Capacity - Queue.Count;
        var more = Math.Min(share, Math.Min(room, Queue.Capacity / 2)) - 1;
        var moved = 0;
        while (moved < more && remote.Pop() is { } next)
        {
            PushBack(next);
            moved++;
        }

        if (moved > 0)
        {
            NotifyPushed();
        }

        return first;
    }

    private GreenUnit? Search()
    {
        var idle = _runtime.Idle;
        if (idle is null)
        {
            return null; // thread-per-core / current-thread: no stealing
        }

        if (!_isSearching)
        {
            if (!idle.TryTransitionToSearching())
            {
                return null;
            }

            _isSearching = true;
        }

        var workers = _runtime.Workers;
        var start = (int)(NextRandom() % (uint)workers.Length);
        for (var i = 0; i < workers.Length; i++)
        {
            var victim = workers[(start + i) % workers.Length];
            if (victim == this)
            {
                continue;
            }

            var task = victim.Queue.StealInto(Queue, out var stolen);
            if (task is not null)
            {
                Stats.StealOperations++;
                Stats.UnitsStolen += stolen;
                return task;
            }
        }

        return PopRemoteBatch(_runtime.GlobalQueue);
    }

    /// <summary>Polls a unit and then the LIFO chain it produces. Returns false if the worker was handed off meanwhile.</summary>
    private bool RunTask(GreenUnit task)
    {
        var lifoPolls = 0;
        while (true)
        {
            if (!Poll(task))
            {
                return false;
            }

            var next = _lifo;
            if (next is null)
            {
                return true;
            }

            _lifo = null;
            if (++lifoPolls > MaxLifoPollsPerTick || _runtime.IsStopping)
            {
                // A fairness requeue, not new work: no peer is woken for it (as in tokio). Waking one here made an idle
                // worker steal one unit of a ping-pong pair every few switches and split the pair across CPUs.
                PushBack(next);
                return true;
            }

            Stats.LifoHits++;
            task = next;
        }
    }

    private bool Poll(GreenUnit task)
    {
        Stats.Polls++;
        if (!_guardOwnerOps)
        {
            var handoffsBefore = _blockedPollHandoffs;
            var requeueUnguarded = task.Run();
            _sweepDue |= task.IsCompleted;
            if (Volatile.Read(ref _blockedPollHandoffs) != handoffsBefore)
            {
                // The poll blocked and gave this worker to a fresh thread (HandOffFromBlockedPoll): not ours any more.
                if (requeueUnguarded)
                {
                    _runtime.ScheduleRemote(task);
                }

                return false;
            }

            if (requeueUnguarded)
            {
                PushBack(task); // woken or yielded during its own poll: back of the queue
                NotifyPushed();
                _remoteFirst = true;
            }

            return true;
        }

        var seq = ++_pollCount;
        Volatile.Write(ref _pollSeq, seq);
        var requeue = task.Run();
        _sweepDue |= task.IsCompleted;
        if (Interlocked.CompareExchange(ref _pollSeq, 0, seq) != seq)
        {
            // The monitor gave this worker to another thread while we were stuck; we no longer own its queues.
            if (requeue)
            {
                _runtime.ScheduleRemote(task);
            }

            return false;
        }

        if (requeue)
        {
            PushBack(task);
            NotifyPushed();
            _remoteFirst = true;
        }

        return true;
    }

    private void Park(GreenUnit? until, int maxTimeoutMs)
    {
        if (_lifo is not null)
        {
            return; // never sleep on a unit in the LIFO slot (nobody else can run it)
        }

        if (_sweepDue)
        {
            // Idle anyway: drop finished units from the live-unit registry (UnitRegistry, step 4) before sleeping.
            _sweepDue = false;
            _runtime.Registry.SweepFinished();
        }

        var idle = _runtime.Idle;
        var timeout = maxTimeoutMs;
        if (EarliestTimerDeadline() is var next and not NoTimer)
        {
            var untilTimer = (int)Math.Clamp(Clock.MsUntil(next), 0, int.MaxValue);
            timeout = timeout < 0 ? untilTimer : Math.Min(timeout, untilTimer);
        }

        if (idle is null)
        {
            if (Inbox is { IsEmpty: false } || timeout == 0 || _runtime.IsStopping || until?.IsCompleted == true)
            {
                return;
            }

            ParkThread(timeout);
            return;
        }

        if (timeout == 0)
        {
            return;
        }

        var wasLastSearcher = idle.TransitionToParked(Index, _isSearching);
        _isSearching = false;
        if (wasLastSearcher || !_runtime.GlobalQueue.IsEmpty)
        {
            _runtime.NotifyIfWorkPending();
        }

        if (!_runtime.IsStopping)
        {
            ParkThread(timeout);
        }

        _isSearching = idle.TransitionFromParked(Index);
        NotifyIfQueued(); // readiness dispatched during the park woke no peer yet
    }

    private uint NextRandom()
    {
        var x = _rng;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _rng = x;
        return x;
    }
}
