namespace Green;

/// <summary>Where a spawned or woken unit is queued, and who gets woken to run it.</summary>
public sealed partial class GreenRuntime
{
    /// <summary>A unit just moved Idle -> Scheduled: queue it exactly once.</summary>
    /// <remarks>
    /// 1. On an owner worker of this runtime (and, outside work stealing, the unit's home): the local queue, or the LIFO slot
    ///    when the wake comes from a running unit (message passing runs back to back).
    /// 2. Otherwise: the global queue plus a targeted wake-up (work stealing) or the home worker's inbox plus its unpark.
    /// </remarks>
    internal void ScheduleTask(GreenUnit task)
    {
        var worker = Worker.Current;
        if (worker is not null && worker.Runtime == this && (task.Home is null || task.Home == worker) && worker.TryEnterOwnerOp())
        {
            try
            {
                worker.ScheduleLocal(task, lifo: GreenUnit.Running is not null);
            }
            finally
            {
                worker.ExitOwnerOp();
            }

            return;
        }

        ScheduleRemote(task);
    }

    /// <summary>Queues a unit from a thread that does not own the target queue.</summary>
    internal void ScheduleRemote(GreenUnit task)
    {
        if (task.Home is { } home)
        {
            home.Inbox!.Push(task);
            home.Parker.Unpark();
            return;
        }

        GlobalQueue.Push(task);
        if (Idle?.WorkerToNotifyAfterFence() is int index and >= 0)
        {
            Workers[index].Parker.Unpark();
        }
    }

    /// <summary>Wakes one sleeping worker if no worker is searching (work stealing only).</summary>
    internal void NotifyParked()
    {
        if (Idle is null)
        {
            return;
        }

        var index = Idle.WorkerToNotify();
        if (index >= 0)
        {
            Workers[index].Parker.Unpark();
        }
    }

    /// <summary>
    /// Called by a worker that just left the I/O driver's blocking turn to run work: if every other idle worker sleeps on
    /// its futex, nobody would be in epoll_wait while this one runs, and readiness would wait for its poll to end (a long
    /// poll, or a unit blocked on another unit that needs I/O, would strand it). So one futex sleeper is woken, not as a
    /// searcher: it finds no work, and as it parks again it takes the free blocking turn.
    /// </summary>
    internal void HandOverDriver(Worker from)
    {
        foreach (var worker in Workers)
        {
            if (worker != from && worker.Parker.IsParkedOnFutex)
            {
                worker.Parker.Unpark();
                return;
            }
        }
    }

    /// <summary>Called by the last searcher going to sleep: if any queue still holds work, wake someone for it.</summary>
    internal void NotifyIfWorkPending()
    {
        foreach (var worker in Workers)
        {
            if (!worker.Queue.IsEmpty)
            {
                NotifyParked();
                return;
            }
        }

        if (!GlobalQueue.IsEmpty)
        {
            NotifyParked();
        }
    }
}
