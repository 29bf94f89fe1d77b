namespace Green;

/// <summary>Puts one worker thread to sleep until unparked or a timeout, on a condition variable or inside the I/O
/// driver's epoll_wait; an unpark before the park is not lost.</summary>
/// <remarks>
/// State: Empty, ParkedCondvar, ParkedDriver, Notified (tokio's park.rs has the same four).
/// - Unpark swaps in Notified and then wakes the sleeper the old state names: a pulse under the lock (condvar), or an
///   eventfd write (driver). Park consumes Notified without sleeping.
/// - Condvar: Empty -> ParkedCondvar happens while holding the lock, so the pulse cannot slip between the check and
///   Monitor.Wait (which releases the lock atomically).
/// - Driver: the worker first takes the reactor's single blocking turn, then Empty -> ParkedDriver, then epoll_wait. An
///   eventfd write that comes before epoll_wait leaves the eventfd readable, so the wait returns at once.
/// Spurious returns are allowed. The worker owns the Parker; anyone may call <see cref="Unpark"/>.
/// </remarks>
internal sealed class Parker
{
    private const int Empty = 0;
    private const int ParkedCondvar = 1;
    private const int Notified = 2;
    private const int ParkedDriver = 3;

    private readonly object _lock = new();

    /// <summary>Written by the parking thread (Empty/Parked*) and by unparkers (Notified).</summary>
    private int _state;

    /// <summary>The reactor the owner sleeps in while ParkedDriver; written by the owner before that state is published.</summary>
    private Reactor? _driver;

    /// <summary>Sleeps until unparked or <paramref name="timeoutMs"/> (-1 = forever) elapses. With a
    /// <paramref name="reactor"/> whose blocking turn is free, sleeps inside it, dispatching I/O readiness meanwhile.</summary>
    /// <returns>True if woken by an unpark (now or earlier), false on timeout, I/O or spurious wake.</returns>
    internal bool Park(int timeoutMs, Reactor? reactor = null)
    {
        if (Interlocked.CompareExchange(ref _state, Empty, Notified) == Notified)
        {
            return true;
        }

        if (timeoutMs == 0)
        {
            return false;
        }

        if (reactor is not null && reactor.TryAcquireDriver())
        {
            try
            {
                return ParkInDriver(timeoutMs, reactor);
            }
            finally
            {
                reactor.ReleaseDriver();
            }
        }

        lock (_lock)
        {
            if (Interlocked.CompareExchange(ref _state, ParkedCondvar, Empty) != Empty)
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
        switch (Interlocked.Exchange(ref _state, Notified))
        {
            case ParkedCondvar:
                lock (_lock)
                {
                    Monitor.Pulse(_lock);
                }

                break;
            case ParkedDriver:
                Volatile.Read(ref _driver)!.WakeDriver();
                break;
        }
    }

    private bool ParkInDriver(int timeoutMs, Reactor reactor)
    {
        Volatile.Write(ref _driver, reactor);
        if (Interlocked.CompareExchange(ref _state, ParkedDriver, Empty) != Empty)
        {
            Interlocked.Exchange(ref _state, Empty); // Notified meanwhile (see the condvar path for why a swap)
            return true;
        }

        // One wait: it returns on readiness (already dispatched to the units it woke), on the eventfd, or on the timeout.
        // Either way the caller's loop looks at its queues next; an unpark that races the return leaves the eventfd set,
        // which only makes some later turn return early.
        reactor.TryPoll(timeoutMs);
        return Interlocked.Exchange(ref _state, Empty) == Notified;
    }
}
