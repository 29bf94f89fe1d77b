namespace Green;

/// <summary>Puts one worker thread to sleep until unparked or a timeout; an unpark before the park is not lost.</summary>
/// <remarks>
/// State: Empty, Parked, Notified. Unpark swaps in Notified and, only if the sleeper is Parked, pulses under the lock.
/// Park consumes Notified without sleeping; otherwise it moves Empty -> Parked while holding the lock, so the pulse
/// cannot slip between the check and Monitor.Wait (which releases the lock atomically). Spurious returns are allowed.
/// The worker owns the Parker; anyone may call <see cref="Unpark"/>.
/// </remarks>
internal sealed class Parker
{
    private const int Empty = 0;
    private const int Parked = 1;
    private const int Notified = 2;

    private readonly object _lock = new();

    /// <summary>Written by the parking thread (Empty/Parked) and by unparkers (Notified).</summary>
    private int _state;

    /// <summary>Sleeps until unparked or <paramref name="timeoutMs"/> (-1 = forever) elapses.</summary>
    /// <returns>True if woken by an unpark (now or earlier), false on timeout or spurious wake.</returns>
    internal bool Park(int timeoutMs)
    {
        if (Interlocked.CompareExchange(ref _state, Empty, Notified) == Notified)
        {
            return true;
        }

        if (timeoutMs == 0)
        {
            return false;
        }

        lock (_lock)
        {
            if (Interlocked.CompareExchange(ref _state, Parked, Empty) != Empty)
            {
                // It was Notified. Swap, do not store: a second Unpark may have come since the CAS (it saw Notified, so it
                // did not pulse). A plain store could erase it without synchronizing with it (a store followed by our
                // queue loads may be reordered on x64), so the caller could miss its work and then sleep on Empty.
                // The Exchange is a full fence that acquires every Unpark up to now (tokio's park does the same swap).
                Interlocked.Exchange(ref _state, Empty);
                return true;
            }

            Monitor.Wait(_lock, timeoutMs);
            return Interlocked.Exchange(ref _state, Empty) == Notified;
        }
    }

    /// <summary>Wakes the owner if parked, or makes its next <see cref="Park"/> return at once.</summary>
    internal void Unpark()
    {
        if (Interlocked.Exchange(ref _state, Notified) == Parked)
        {
            lock (_lock)
            {
                Monitor.Pulse(_lock);
            }
        }
    }
}
