namespace Green;

/// <summary>An unbounded MPMC queue of units: an intrusive linked list behind a lock (tokio's inject queue).</summary>
/// <remarks>
/// Used as the global queue (work stealing), as each worker's inbox (thread-per-core, current-thread) and as the
/// overflow target of a local queue. <see cref="_count"/> lets workers skip the lock when it is empty.
/// </remarks>
internal sealed class Injector
{
    private readonly Lock _lock = new();

    /// <summary>List ends; guarded by <see cref="_lock"/>.</summary>
    private GreenTask? _head;
    private GreenTask? _tail;

    /// <summary>Length; written under the lock, read without it by anyone.</summary>
    private volatile int _count;

    /// <summary>Units ever pushed; written under the lock.</summary>
    private long _pushed;

    internal int Count => _count;

    internal bool IsEmpty => _count == 0;

    internal long Pushed => Volatile.Read(ref _pushed);

    internal void Push(GreenTask task)
    {
        task.NextInQueue = null;
        lock (_lock)
        {
            if (_tail is null)
            {
                _head = task;
            }
            else
            {
                _tail.NextInQueue = task;
            }

            _tail = task;
            _count++;
            _pushed++;
        }
    }

    /// <summary>Appends a pre-linked chain first..last (last.NextInQueue must be null).</summary>
    internal void PushBatch(GreenTask first, GreenTask last, int count)
    {
        lock (_lock)
        {
            if (_tail is null)
            {
                _head = first;
            }
            else
            {
                _tail.NextInQueue = first;
            }

            _tail = last;
            _count += count;
            _pushed += count;
        }
    }

    internal GreenTask? Pop()
    {
        if (_count == 0)
        {
            return null;
        }

        lock (_lock)
        {
            var task = _head;
            if (task is null)
            {
                return null;
            }

            _head = task.NextInQueue;
            if (_head is null)
            {
                _tail = null;
            }

            _count--;
            task.NextInQueue = null;
            return task;
        }
    }

    /// <summary>Pops up to <paramref name="max"/> units as a chain (linked through NextInQueue, null-terminated).</summary>
    internal GreenTask? PopBatch(int max, out int count)
    {
        count = 0;
        if (_count == 0 || max <= 0)
        {
            return null;
        }

        lock (_lock)
        {
            var first = _head;
            if (first is null)
            {
                return null;
            }

            var last = first;
            count = 1;
            while (count < max && last.NextInQueue is not null)
            {
                last = last.NextInQueue;
                count++;
            }

            _head = last.NextInQueue;
            if (_head is null)
            {
                _tail = null;
            }

            last.NextInQueue = null;
            _count -= count;
            return first;
        }
    }
}
