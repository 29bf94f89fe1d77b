namespace Green;

/// <summary>Snapshot of one worker's counters.</summary>
public sealed class WorkerCounters
{
    /// <summary>Worker index.</summary>
    public int Worker { get; init; }

    /// <summary>Unit polls (resumptions) run.</summary>
    public long Polls { get; init; }

    /// <summary>Successful steal operations.</summary>
    public long StealOperations { get; init; }

    /// <summary>Units taken by those steals.</summary>
    public long UnitsStolen { get; init; }

    /// <summary>Times the worker went to sleep.</summary>
    public long Parks { get; init; }

    /// <summary>Times the worker woke up (unpark, timer deadline or spurious).</summary>
    public long Unparks { get; init; }

    /// <summary>Times a full local queue moved half of itself to the global queue.</summary>
    public long Overflows { get; init; }

    /// <summary>Units this worker pushed into the global queue / its inbox (overflow batches count every unit).</summary>
    public long Injections { get; init; }

    /// <summary>Units run straight from the LIFO slot.</summary>
    public long LifoHits { get; init; }

    /// <summary>Times blocking detection gave this worker to a fresh thread.</summary>
    public long Handoffs { get; init; }
}

/// <summary>Snapshot of a runtime's counters: per worker and aggregated.</summary>
public sealed class RuntimeCounters
{
    /// <summary>Per-worker counters.</summary>
    public required IReadOnlyList<WorkerCounters> Workers { get; init; }

    /// <summary>All units pushed into the global queue or worker inboxes, by anyone (outside spawns, remote wake-ups,
    /// overflow); the per-worker <see cref="WorkerCounters.Injections"/> count only the workers' own pushes.</summary>
    public long Injections { get; init; }

    /// <summary>Units spawned and not finished yet.</summary>
    public int LiveUnits { get; init; }

    /// <summary>Blocking-pool threads alive now.</summary>
    public int BlockingThreads { get; init; }

    /// <summary>Blocking-pool threads ever started.</summary>
    public long BlockingThreadsStarted { get; init; }

    /// <summary>Blocking-pool threads that retired after their keep-alive.</summary>
    public long BlockingThreadsRetired { get; init; }

    /// <summary>Exceptions the runtime had to swallow because nobody could receive them: raw posted callbacks, waking a
    /// waiter, firing a timer, dispatching I/O readiness (never unit bodies, whose exceptions go to their handles).</summary>
    public long UnhandledErrors { get; init; }

    /// <summary>Continuations posted to a unit while it was inside a poll on another thread, run on the thread pool so a
    /// unit blocking on a Task cannot deadlock on its own continuation (see <see cref="GreenUnit.Post"/>).</summary>
    public long PostsRunOffUnit { get; init; }

    /// <summary>Continuations that reached a unit through its side queue of posts rather than its own slot: Task
    /// continuations, Task.Yield, a second await pending at once. Each costs a table lookup, a lock and an allocation;
    /// the runtime's own primitives and pooled ValueTasks completed inside a poll never come this way.</summary>
    public long PostsQueued { get; init; }

    /// <summary>The first of <see cref="UnhandledErrors"/>, or null.</summary>
    public Exception? FirstUnhandledError { get; init; }

    /// <summary>Sum of <see cref="WorkerCounters.Polls"/>.</summary>
    public long Polls => Workers.Sum(w => w.Polls);

    /// <summary>Sum of <see cref="WorkerCounters.StealOperations"/>.</summary>
    public long StealOperations => Workers.Sum(w => w.StealOperations);

    /// <summary>Sum of <see cref="WorkerCounters.UnitsStolen"/>.</summary>
    public long UnitsStolen => Workers.Sum(w => w.UnitsStolen);

    /// <summary>Sum of <see cref="WorkerCounters.Parks"/>.</summary>
    public long Parks => Workers.Sum(w => w.Parks);

    /// <summary>Sum of <see cref="WorkerCounters.Unparks"/>.</summary>
    public long Unparks => Workers.Sum(w => w.Unparks);

    /// <summary>Sum of <see cref="WorkerCounters.Overflows"/>.</summary>
    public long Overflows => Workers.Sum(w => w.Overflows);

    /// <summary>Sum of <see cref="WorkerCounters.LifoHits"/>.</summary>
    public long LifoHits => Workers.Sum(w => w.LifoHits);

    /// <summary>Sum of <see cref="WorkerCounters.Handoffs"/>.</summary>
    public long Handoffs => Workers.Sum(w => w.Handoffs);
}
