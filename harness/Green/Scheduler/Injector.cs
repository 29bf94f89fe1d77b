using System.Collections.Concurrent;

namespace Green;

/// <summary>An unbounded MPMC FIFO of units (tokio's inject queue), lock-free on both ends.</summary>
/// <remarks>
/// Used as the global queue (work stealing), as each worker's inbox (thread-per-core, current-thread) and as the
/// overflow target of a local queue. It is a <see cref="ConcurrentQueue{T}"/>, the segment ring the .NET ThreadPool's
/// global queue uses: a spawn from outside the runtime costs one lock-free enqueue, not a lock shared with every worker
/// that pops (the lock was a fifth of the CPU profile of a spawn storm), and a unit carries no queue link field.
/// </remarks>
internal sealed class Injector
{
    private readonly ConcurrentQueue<GreenUnit> _queue = new();

    /// <summary>Units ever pushed; Interlocked by pushers (a statistic, not part of the protocol). On its own cache line:
    /// beside <see cref="_queue"/>, every push invalidated the line each popping worker reads the queue from.</summary>
    private PaddedInt64 _pushed;

    /// <summary>Units queued now (a snapshot; exact only while nobody pushes or pops).</summary>
    internal int Count => _queue.Count;

    internal bool IsEmpty => _queue.IsEmpty;

    internal long Pushed => Volatile.Read(ref _pushed.Value);

    /// <summary>Appends a unit. Ends with a full fence (the counter's atomic add), after the unit is published: a waker may
    /// read the idle state next without a fence of its own (<see cref="Idle.WorkerToNotifyAfterFence"/>).</summary>
    internal void Push(GreenUnit task)
    {
        _queue.Enqueue(task);
        Interlocked.Increment(ref _pushed.Value);
    }

    /// <summary>Appends units in order (a local queue's overflow).</summary>
    internal void PushRange(ReadOnlySpan<GreenUnit> tasks)
    {
        foreach (var task in tasks)
        {
            _queue.Enqueue(task);
        }

        Interlocked.Add(ref _pushed.Value, tasks.Length);
    }

    internal GreenUnit? Pop() => _queue.TryDequeue(out var task) ? task : null;
}
