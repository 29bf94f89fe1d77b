namespace Green;

/// <summary>Coordinates idling work-stealing workers: bounded searching and targeted wake-ups (tokio's idle.rs).</summary>
/// <remarks>
/// <see cref="_state"/> packs the number of searching workers (low 16 bits) and of unparked workers (high 16 bits).
/// Protocol:
/// 1. Whoever makes stealable work available (push to the injector, or any push to a local queue) calls
///    <see cref="NotifyParked"/>: after a full fence it wakes one sleeper only if nobody is searching and someone sleeps.
///    The woken worker is counted as searching and unparked on its behalf, so concurrent notifiers do not wake a herd.
/// 2. A worker may start searching (stealing) only while fewer than half the workers search.
/// 3. A searcher that finds work leaves the searching state; if it was the last searcher it wakes another worker,
///    which keeps at least one searcher around while work keeps arriving.
/// 4. A worker going to sleep publishes itself as a sleeper first (under the lock); if it was the last searcher it then
///    re-checks every queue, so work that a notifier skipped because "someone is searching" is not lost.
/// </remarks>
internal sealed class Idle
{
    private const int UnparkedShift = 16;
    private const int SearchingMask = 0xFFFF;

    private readonly Lock _lock = new();
    private readonly int _workerCount;

    /// <summary>Sleeping worker indices; guarded by <see cref="_lock"/>.</summary>
    private readonly List<int> _sleepers;

    /// <summary>Per worker: true while listed in <see cref="_sleepers"/>; guarded by <see cref="_lock"/>.</summary>
    private readonly bool[] _isSleeping;

    /// <summary>Packed (unparked, searching) counts; Interlocked by workers and notifiers, read by all.</summary>
    private int _state;

    internal Idle(int workerCount)
    {
        _workerCount = workerCount;
        _sleepers = new List<int>(workerCount);
        _isSleeping = new bool[workerCount];
        _state = workerCount << UnparkedShift;
    }

    internal int Searching => Volatile.Read(ref _state) & SearchingMask;

    internal int Unparked => Volatile.Read(ref _state) >> UnparkedShift;

    /// <summary>Picks a sleeper to wake if the state says one is needed; returns its index or -1.</summary>
    internal int WorkerToNotify()
    {
        Interlocked.MemoryBarrier(); // the work we published must be visible before we read the state
        return WorkerToNotifyAfterFence();
    }

    /// <summary>As <see cref="WorkerToNotify"/>, for a caller whose publication of the work already ended with a full fence
    /// (an <see cref="Injector.Push"/>): a second fence on every spawn from outside bought nothing.</summary>
    internal int WorkerToNotifyAfterFence()
    {
        if (!ShouldWake())
        {
            return -1;
        }

        lock (_lock)
        {
            if (!ShouldWake() || _sleepers.Count == 0)
            {
                return -1;
            }

            var index = _sleepers[^1];
            _sleepers.RemoveAt(_sleepers.Count - 1);
            _isSleeping[index] = false;
            Interlocked.Add(ref _state, (1 << UnparkedShift) | 1); // unparked and searching, on its behalf
            return index;
        }
    }

    internal bool TryTransitionToSearching()
    {
        var state = Volatile.Read(ref _state);
        if (2 * (state & SearchingMask) >= _workerCount)
        {
            return false;
        }

        Interlocked.Increment(ref _state);
        return true;
    }

    /// <summary>Returns true if the caller was the last searcher (it should then wake another worker).</summary>
    internal bool TransitionFromSearching() => (Interlocked.Decrement(ref _state) & SearchingMask) == 0;

    /// <summary>Publishes the worker as a sleeper; returns true if it was the last searcher.</summary>
    internal bool TransitionToParked(int worker, bool isSearching)
    {
        lock (_lock)
        {
            var delta = (1 << UnparkedShift) + (isSearching ? 1 : 0);
            var state = Interlocked.Add(ref _state, -delta);
            _sleepers.Add(worker);
            _isSleeping[worker] = true;
            return isSearching && (state & SearchingMask) == 0;
        }
    }

    /// <summary>After a park returns: true if a notifier woke the worker (it is now searching), false otherwise.</summary>
    internal bool TransitionFromParked(int worker)
    {
        lock (_lock)
        {
            if (!_isSleeping[worker])
            {
                return true;
            }

            _isSleeping[worker] = false;
            _sleepers.Remove(worker);
            Interlocked.Add(ref _state, 1 << UnparkedShift);
            return false;
        }
    }

    private bool ShouldWake()
    {
        var state = Volatile.Read(ref _state);
        return (state & SearchingMask) == 0 && (state >> UnparkedShift) < _workerCount;
    }
}
