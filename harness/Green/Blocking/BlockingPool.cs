namespace Green;

/// <summary>A dynamically sized pool for blocking work (tokio's spawn_blocking pool): grows on demand up to a cap, idle threads retire.</summary>
/// <remarks>
/// All fields are guarded by <see cref="_lock"/>. Protocol:
/// 1. Spawn queues the work; if more threads are idle than already have a wake-up on the way it pulses one, otherwise it
///    starts a thread if under the cap, otherwise the work waits in the queue.
/// 2. A pool thread runs queued work until the queue is empty, then waits up to the keep-alive; on timeout with an empty
///    queue it retires. A pulse lost to a simultaneous timeout is harmless: the timed-out thread re-checks the queue.
/// </remarks>
internal sealed class BlockingPool
{
    private readonly object _lock = new();
    private readonly Queue<GreenUnit> _queue = new();
    private readonly int _maxThreads;
    private readonly TimeSpan _keepAlive;
    private readonly string _namePrefix;
    private int _threads;
    private int _idle;
    private int _wakesPending;
    private int _running;
    private bool _shutdown;
    private long _started;
    private long _retired;

    internal BlockingPool(int maxThreads, TimeSpan keepAlive, string namePrefix)
    {
        _maxThreads = maxThreads;
        _keepAlive = keepAlive;
        _namePrefix = namePrefix;
    }

    internal int Threads
    {
        get
        {
            lock (_lock)
            {
                return _threads;
            }
        }
    }

    internal long ThreadsStarted => Interlocked.Read(ref _started);

    internal long ThreadsRetired => Interlocked.Read(ref _retired);

    internal int Running
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    internal void Spawn(GreenUnit task)
    {
        lock (_lock)
        {
            if (_shutdown)
            {
                throw new RuntimeShutdownException();
            }

            _queue.Enqueue(task);
            if (_idle > _wakesPending)
            {
                _wakesPending++;
                Monitor.Pulse(_lock);
                return;
            }

            if (_threads >= _maxThreads)
            {
                return;
            }

            _threads++;
            _started++;
        }

        var thread = new Thread(ThreadMain) { IsBackground = true, Name = $"{_namePrefix}-blocking" };
        thread.Start();
    }

    /// <summary>Stops accepting work, cancels queued work and wakes idle threads so they exit. Returns the number cancelled.</summary>
    internal int Shutdown()
    {
        GreenUnit[] queued;
        lock (_lock)
        {
            _shutdown = true;
            queued = [.. _queue];
            _queue.Clear();
            Monitor.PulseAll(_lock);
        }

        var cancelled = 0;
        foreach (var task in queued)
        {
            if (!task.IsCompleted)
            {
                task.RequestAbort();
                cancelled++;
            }
        }

        return cancelled;
    }

    private void ThreadMain()
    {
        Monitor.Enter(_lock);
        try
        {
            while (true)
            {
                if (_queue.TryDequeue(out var task))
                {
                    _running++;
                    Monitor.Exit(_lock);
                    try
                    {
                        task.ExecuteBlocking();
                    }
                    finally
                    {
                        Monitor.Enter(_lock);
                        _running--;
                    }

                    continue;
                }

                if (_shutdown)
                {
                    _threads--;
                    return;
                }

                _idle++;
                var pulsed = Monitor.Wait(_lock, _keepAlive);
                _idle--;
                if (pulsed && _wakesPending > 0)
                {
                    _wakesPending--;
                }

                _wakesPending = Math.Min(_wakesPending, _idle);
                if (!pulsed && _queue.Count == 0 && !_shutdown)
                {
                    _threads--;
                    _retired++;
                    return;
                }
            }
        }
        finally
        {
            Monitor.Exit(_lock);
        }
    }
}
