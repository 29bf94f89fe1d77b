using System.Diagnostics;

namespace Green;

/// <summary>Shutdown protocol and counter snapshots.</summary>
public sealed partial class GreenRuntime
{
    private readonly Lock _shutdownLock = new();
    private ShutdownReport? _report;

    /// <summary>Stops the runtime within <paramref name="timeout"/> and reports what it could not finish. Idempotent: later
    /// calls return the first report.</summary>
    /// <remarks>
    /// 1. Refuse spawns from outside the runtime.
    /// 2. Graceful only: let live units (and what they spawn) finish, for up to half the budget.
    /// 3. Close the registry (every spawn now throws) and abort every live unit: each is resumed at its await with a
    ///    cancellation exception, so its finally / using / await using blocks run (abort protocol in GreenUnit.Scheduling.cs).
    /// 4. Let the workers run that cleanup until three quarters of the budget, then cancel what is not inside a poll;
    ///    whatever is still polling is reported as stuck.
    /// 5. Stop workers (flag + unpark), cancel queued blocking work, close the reactor, and join worker threads with the
    ///    rest of the budget. Threads are background threads, so a stuck one does not keep the process alive.
    /// 6. Cancel whatever is still live and not inside a poll (a unit requeued just before the stop); report the rest stuck.
    /// </remarks>
    public ShutdownReport Shutdown(ShutdownMode mode, TimeSpan timeout)
    {
        lock (_shutdownLock)
        {
            if (_report is not null)
            {
                return _report;
            }

            var start = Stopwatch.GetTimestamp();
            var budgetMs = (long)Math.Max(0, timeout.TotalMilliseconds);
            var liveAtStart = _registry.Count;
            _acceptingExternal = false;

            if (mode == ShutdownMode.Graceful)
            {
                Drain(start, budgetMs / 2);
            }

            _registry.Close();
            var aborted = _registry.Snapshot();
            foreach (var unit in aborted)
            {
                unit.RequestAbort(); // resumed at its await with a cancellation, so its finally and using blocks run
            }

            Drain(start, budgetMs * 3 / 4);
            CancelLive(onlyIdle: true);

            _stopping = true;
            foreach (var worker in Workers)
            {
                worker.Parker.Unpark();
            }

            _monitor?.Stop();
            var cancelledBlocking = _blocking.Shutdown();
            lock (_reactorLock)
            {
                _reactor?.Dispose();
            }

            var stuckThreads = 0;
            foreach (var worker in Workers)
            {
                if (worker.Thread is { } thread && thread != Thread.CurrentThread)
                {
                    var remaining = (int)Math.Max(0, budgetMs - ElapsedMs(start));
                    if (!thread.Join(remaining))
                    {
                        stuckThreads++;
                    }
                }
            }

            // A unit requeued by a poll that ended between the sweeps and the stop may sit in a queue no worker will pop
            // again: cancel whatever is still live and not inside a poll, so no handle waits forever.
            CancelLive(onlyIdle: true);
            var stuck = _registry.Snapshot().Where(h => !h.IsCompleted).ToList();
            var cancelled = aborted.Count(u => u.Status == UnitStatus.Cancelled);

            _report = new ShutdownReport
            {
                Mode = mode,
                Elapsed = Stopwatch.GetElapsedTime(start),
                LiveUnitsAtStart = liveAtStart,
                CancelledUnits = cancelled,
                FinishedDuringShutdown = Math.Max(0, liveAtStart - cancelled - stuck.Count),
                StuckUnits = stuck,
                CancelledBlockingTasks = cancelledBlocking,
                AbandonedBlockingTasks = _blocking.Running,
                StuckWorkerThreads = stuckThreads,
            };
            return _report;
        }
    }

    /// <summary>Snapshot of all counters.</summary>
    public RuntimeCounters GetCounters()
    {
        var workers = Workers.Select(w => new WorkerCounters
        {
            Worker = w.Index,
            Polls = Volatile.Read(ref w.Stats.Polls),
            StealOperations = Volatile.Read(ref w.Stats.StealOperations),
            UnitsStolen = Volatile.Read(ref w.Stats.UnitsStolen),
            Parks = Volatile.Read(ref w.Stats.Parks),
            Unparks = Volatile.Read(ref w.Stats.Unparks),
            Overflows = Volatile.Read(ref w.Stats.Overflows),
            Injections = Volatile.Read(ref w.Stats.Injections),
            LifoHits = Volatile.Read(ref w.Stats.LifoHits),
            Handoffs = Volatile.Read(ref w.Stats.Handoffs),
        }).ToArray();
        return new RuntimeCounters
        {
            Workers = workers,
            Injections = GlobalQueue.Pushed + Workers.Sum(w => w.Inbox?.Pushed ?? 0),
            LiveUnits = _registry.Count,
            BlockingThreads = _blocking.Threads,
            BlockingThreadsStarted = _blocking.ThreadsStarted,
            BlockingThreadsRetired = _blocking.ThreadsRetired,
            UnhandledErrors = Interlocked.Read(ref _unhandled),
            FirstUnhandledError = Volatile.Read(ref _firstUnhandled),
            PostsRunOffUnit = Interlocked.Read(ref _postsRunOffUnit),
            PostsQueued = Interlocked.Read(ref _postsQueued),
        };
    }

    /// <summary>Graceful phase: wait for live units to finish. In current-thread mode nobody else drives the worker, so the
    /// calling thread does (unless a BlockOn is running on another thread).</summary>
    private void Drain(long start, long budgetMs)
    {
        if (Mode == SchedulingMode.CurrentThread && Worker.Current is null
            && Interlocked.CompareExchange(ref _blockOnActive, 1, 0) == 0)
        {
            try
            {
                Workers[0].RunLoop(until: null, exit: () => _registry.Count == 0 || ElapsedMs(start) >= budgetMs);
            }
            finally
            {
                Volatile.Write(ref _blockOnActive, 0);
            }

            return;
        }

        WaitUntil(start, budgetMs, () => _registry.Count == 0);
    }

    /// <summary>Marks every live unit aborted and cancels those not inside a poll (the rest cancel themselves when their
    /// poll returns: Run sees the abort flag and requeues them).</summary>
    private void CancelLive(bool onlyIdle)
    {
        foreach (var unit in _registry.Snapshot())
        {
            unit.MarkAborted();
            if (onlyIdle && unit.SchedulingState is GreenUnit.StateRunning or GreenUnit.StateNotified)
            {
                continue; // inside a poll: cancelled when the poll returns (Run sees the abort flag)
            }

            unit.TrySetCancelled();
            OnUnitFinished(unit);
        }
    }

    private static void WaitUntil(long start, long budgetMs, Func<bool> condition)
    {
        var spinner = default(SpinWait);
        while (!condition() && ElapsedMs(start) < budgetMs)
        {
            if (spinner.NextSpinWillYield)
            {
                Thread.Sleep(1);
            }
            else
            {
                spinner.SpinOnce();
            }
        }
    }
}
