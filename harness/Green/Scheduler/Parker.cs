namespace Green;

/// <summary>Puts one worker thread to sleep until unparked or a timeout, on a futex or inside the I/O driver's
/// epoll_wait; an unpark before the park is not lost.</summary>
/// <remarks>
/// State: Empty, ParkedFutex, ParkedDriver, Notified (tokio's park.rs has the same four, with a condvar for the futex).
/// - Unpark swaps in Notified and then wakes the sleeper the old state names: FUTEX_WAKE (futex), or an eventfd write
///   (driver). Park consumes Notified without sleeping.
/// - Futex: Empty -> ParkedFutex by CAS, then FUTEX_WAIT on the state word while it still reads ParkedFutex. The kernel
///   checks the word and sleeps atomically, so an Unpark between the CAS and the wait (the word is Notified by then)
///   makes the wait return at once: no lost wake-up, and no lock. One futex round trip; a Monitor.Wait/Pulse pair woke
///   through the monitor's lock as well, and a wake from idle took about twice as long.
/// - Driver: the worker first takes the reactor's single blocking turn, then Empty -> ParkedDriver, then epoll_wait. An
///   eventfd write that comes before epoll_wait leaves the eventfd readable, so the wait returns at once.
/// The state word lives in a pinned array (the kernel keys a futex by address; the GC must not move it).
/// Spurious returns are allowed. The worker owns the Parker; anyone may call <see cref="Unpark"/>.
/// </remarks>
internal sealed class Parker
{
    private const int Empty = 0;
    private const int ParkedFutex = 1;
    private const int Notified = 2;
    private const int ParkedDriver = 3;

    /// <summary>The state word; written by the parking thread (Empty/Parked*) and by unparkers (Notified).</summary>
    private readonly int[] _word = GC.AllocateArray<int>(1, pinned: true);

    /// <summary>The reactor the owner sleeps in while ParkedDriver; written by the owner before that state is published.</summary>
    private Reactor? _driver;

    private ref int State => ref _word[0];

    /// <summary>Sleeps until unparked or <paramref name="timeoutMs"/> (-1 = forever) elapses. With a
    /// <paramref name="reactor"/> whose blocking turn is free, sleeps inside it, dispatching I/O readiness meanwhile.</summary>
    /// <returns>True if woken by an unpark (now or earlier), false on timeout, I/O or spurious wake.</returns>
    internal bool Park(int timeoutMs, Reactor? reactor = null) => Park(timeoutMs, reactor, out _);

    /// <inheritdoc cref="Park(int, Reactor?)"/>
    /// <param name="drove">True if this park slept in the I/O driver (its blocking turn is free again now).</param>
    // unsafe: FUTEX_WAIT takes the state word's address (stable: the word lives in a pinned array).
    internal unsafe bool Park(int timeoutMs, Reactor? reactor, out bool drove)
    {
        drove = false;
        if (Interlocked.CompareExchange(ref State, Empty, Notified) == Notified)
        {
            return true;
        }

        if (timeoutMs == 0)
        {
            return false;
        }

        if (reactor is not null && reactor.TryAcquireDriver())
        {
            drove = true;
            try
            {
                return ParkInDriver(timeoutMs, reactor);
            }
            finally
            {
                reactor.ReleaseDriver();
            }
        }

        if (Interlocked.CompareExchange(ref State, ParkedFutex, Empty) != Empty)
        {
            // It was Notified. Swap, do not store: a second Unpark may have come since the CAS (it saw Notified, so it
            // did not wake anyone). A plain store could erase it without synchronizing with it (a store followed by our
            // queue loads may be reordered on x64), so the caller could miss its work and then sleep on Empty.
            // The Exchange is a full fence that acquires every Unpark up to now (tokio's park does the same swap).
            Interlocked.Exchange(ref State, Empty);
            return true;
        }

        fixed (int* word = &State)
        {
            Native.FutexWait(word, ParkedFutex, timeoutMs);
        }

        return Interlocked.Exchange(ref State, Empty) == Notified;
    }

    /// <summary>True while the owner sleeps, on its futex or in the driver. A snapshot.</summary>
    internal bool IsParked => Volatile.Read(ref State) is ParkedFutex or ParkedDriver;

    /// <summary>True while the owner sleeps on its futex (not in the driver). A snapshot, for choosing whom to wake.</summary>
    internal bool IsParkedOnFutex => Volatile.Read(ref State) == ParkedFutex;

    /// <summary>Wakes the owner if parked, or makes its next <see cref="Park"/> return at once.</summary>
    // unsafe: FUTEX_WAKE takes the state word's address (stable: the word lives in a pinned array).
    internal unsafe void Unpark()
    {
        switch (Interlocked.Exchange(ref State, Notified))
        {
            case ParkedFutex:
                fixed (int* word = &State)
                {
                    Native.FutexWakeOne(word);
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
        if (Interlocked.CompareExchange(ref State, ParkedDriver, Empty) != Empty)
        {
            Interlocked.Exchange(ref State, Empty); // Notified meanwhile (see the futex path for why a swap)
            return true;
        }

        // One wait: it returns on readiness (already dispatched to the units it woke), on the eventfd, or on the timeout.
        // Either way the caller's loop looks at its queues next; an unpark that races the return leaves the eventfd set,
        // which only makes some later turn return early.
        reactor.TryPoll(timeoutMs);
        return Interlocked.Exchange(ref State, Empty) == Notified;
    }
}
