using System.Collections.Concurrent;

namespace Green;

/// <summary>The epoll readiness driver, turned by the workers themselves (tokio's I/O driver behind the worker's park).</summary>
/// <remarks>
/// Protocol:
/// 1. Non-blocking turns (<see cref="TryPoll"/> with timeout 0) may run on any worker at any time, concurrently: a worker
///    that just parked its unit on EAGAIN and has nothing queued polls at once, so a brigade whose units live on one
///    worker passes the byte along without a thread switch. A maintenance turn every few dozen ticks keeps I/O moving
///    while workers are busy.
/// 2. A blocking turn (a worker parking with nothing to do) needs the driver: at most one worker sleeps in epoll_wait at a
///    time (<see cref="TryAcquireDriver"/>), the others sleep on their futexes. That worker's Parker wakes it
///    through the eventfd (<see cref="WakeDriver"/>), so an unpark never lands on the wrong sleeper.
/// 3. Events are dispatched on the polling worker: each wakes its unit, which the worker queues locally (and wakes a
///    parked peer for stealing, the normal push protocol), or, in thread-per-core mode, into the unit's home inbox.
/// 4. Fds are registered once, edge-triggered for both directions; registrations are looked up by a never-reused key, so
///    an event for an fd closed meanwhile finds nothing.
/// 5. Dispose refuses new turns, wakes and registrations, wakes a sleeping driver, waits for turns in progress to leave
///    epoll_wait and for wakes in progress to finish their write, and only then closes the fds (a number could otherwise
///    be reused under a poller, or receive a late wake's 8 bytes).
/// 6. A worker that leaves the blocking turn to run work hands it over: it wakes one futex sleeper, which takes the turn
///    when it parks again (<see cref="GreenRuntime.HandOverDriver"/>), so readiness never waits for a long poll.
/// </remarks>
internal sealed class Reactor : IDisposable
{
    private const ulong WakeKey = ulong.MaxValue;
    private const int MaxEvents = 256;

    private readonly int _epoll;
    private readonly int _eventFd;
    private readonly ConcurrentDictionary<ulong, IoRegistration> _registrations = new();

    /// <summary>Serializes epoll_ctl against closing the epoll fd (a closed fd number can be reused by then).</summary>
    private readonly Lock _ctlLock = new();
    private long _nextKey;
    private long _events;

    /// <summary>1 while a worker owns the blocking turn; CAS by parking workers.</summary>
    private int _driverTaken;

    /// <summary>Turns inside epoll_wait right now; Dispose waits for zero before closing the epoll fd.</summary>
    private int _pollers;

    /// <summary>Unparkers inside <see cref="WakeDriver"/> right now; Dispose waits for zero before closing the eventfd (a
    /// write after the close could land in whatever fd reused the number).</summary>
    private int _wakers;

    /// <summary>1 once disposed: no new turn or registration starts. Written under <see cref="_ctlLock"/>.</summary>
    private volatile int _disposed;

    /// <summary>Receives exceptions a dispatch had to swallow (the polling worker must survive them).</summary>
    private readonly Action<Exception> _reportSwallowed;

    /// <summary>The epoll_event layout of this architecture.</summary>
    private readonly LinuxAbi _abi = LinuxAbi.Current;

    // unsafe: epoll_ctl takes the event struct by pointer (a stackalloc'd buffer in this architecture's layout).
    internal unsafe Reactor(Action<Exception> reportSwallowed)
    {
        _reportSwallowed = reportSwallowed;
        _epoll = Native.EpollCreate1(Native.EPOLL_CLOEXEC);
        if (_epoll < 0)
        {
            throw new IOException($"epoll_create1 failed: errno {Native.Errno}");
        }

        _eventFd = Native.EventFd(0, Native.EFD_NONBLOCK | Native.EFD_CLOEXEC);
        if (_eventFd < 0)
        {
            Native.Close(_epoll);
            throw new IOException($"eventfd failed: errno {Native.Errno}");
        }

        var ev = stackalloc byte[_abi.EpollEventSize];
        _abi.WriteEpollEvent(ev, Native.EPOLLIN, WakeKey);
        if (Native.EpollCtl(_epoll, Native.EPOLL_CTL_ADD, _eventFd, ev) < 0)
        {
            var errno = Native.Errno;
            Native.Close(_eventFd);
            Native.Close(_epoll);
            throw new IOException($"epoll_ctl(eventfd) failed: errno {errno}");
        }
    }

    /// <summary>Readiness events dispatched so far (for tests and reports).</summary>
    internal long Events => Interlocked.Read(ref _events);

    internal bool IsDisposed => _disposed != 0;

    // unsafe: epoll_ctl takes the event struct by pointer (a stackalloc'd buffer in this architecture's layout).
    internal unsafe IoRegistration Register(int fd)
    {
        var key = (ulong)Interlocked.Increment(ref _nextKey);
        var registration = new IoRegistration(key);
        var ev = stackalloc byte[_abi.EpollEventSize];
        _abi.WriteEpollEvent(ev, Native.EPOLLIN | Native.EPOLLOUT | Native.EPOLLRDHUP | Native.EPOLLET, key);
        lock (_ctlLock)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            _registrations[key] = registration;
            if (Native.EpollCtl(_epoll, Native.EPOLL_CTL_ADD, fd, ev) < 0)
            {
                var errno = Native.Errno;
                _registrations.TryRemove(key, out _);
                throw new IOException($"epoll_ctl(ADD, {fd}) failed: errno {errno}");
            }
        }

        return registration;
    }

    // unsafe: epoll_ctl(DEL) takes a null event pointer.
    internal unsafe void Deregister(int fd, IoRegistration registration)
    {
        _registrations.TryRemove(registration.Key, out _);
        lock (_ctlLock)
        {
            if (_disposed == 0)
            {
                Native.EpollCtl(_epoll, Native.EPOLL_CTL_DEL, fd, null);
            }
        }

        registration.OnEvent(IoRegistration.Closed);
    }

    /// <summary>Takes the blocking turn; false if another worker has it. Pair with <see cref="ReleaseDriver"/>.</summary>
    internal bool TryAcquireDriver() =>
        _disposed == 0 && Interlocked.CompareExchange(ref _driverTaken, 1, 0) == 0;

    internal void ReleaseDriver() => Volatile.Write(ref _driverTaken, 0);

    /// <summary>Makes the worker sleeping in a blocking turn return (or the next turn return at once).</summary>
    internal void WakeDriver()
    {
        Interlocked.Increment(ref _wakers);
        try
        {
            if (_disposed == 0)
            {
                SignalEventFd();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _wakers);
        }
    }

    /// <summary>Makes the eventfd readable, which ends (or pre-empts) an epoll_wait on it.</summary>
    // unsafe: write(2) takes the eventfd's 8-byte counter increment by pointer.
    private unsafe void SignalEventFd()
    {
        ulong one = 1;
        Native.Write(_eventFd, (byte*)&one, sizeof(ulong));
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> (0: just look, -1: forever) for readiness and wakes the units it
    /// concerns. A blocking wait (non-zero timeout) is only for the holder of the driver. Returns the units' events
    /// dispatched (0 after a timeout, an eventfd wake or once disposed).</summary>
    // unsafe: epoll_wait fills a stackalloc'd event buffer through a pointer.
    internal unsafe int TryPoll(int timeoutMs)
    {
        Interlocked.Increment(ref _pollers);
        try
        {
            if (_disposed != 0)
            {
                return 0;
            }

            var events = stackalloc byte[MaxEvents * _abi.EpollEventSize];
            var count = Native.EpollWait(_epoll, events, MaxEvents, timeoutMs);
            // count < 0: EINTR, or disposal raced us; the caller loops.
            return count > 0 ? Dispatch(events, count, drainWake: timeoutMs != 0) : 0;
        }
        finally
        {
            Interlocked.Decrement(ref _pollers);
        }
    }

    public void Dispose()
    {
        lock (_ctlLock)
        {
            if (_disposed != 0)
            {
                return;
            }

            _disposed = 1; // from here on no epoll_ctl or turn starts, so closing the epoll fd below cannot race one
        }

        // Pairs with the increments in TryPoll and WakeDriver: each either sees _disposed or is counted below.
        Interlocked.MemoryBarrier();
        SignalEventFd(); // wake a driver asleep in epoll_wait
        var spinner = default(SpinWait);
        var deadline = Environment.TickCount64 + 1000;
        while ((Volatile.Read(ref _pollers) != 0 || Volatile.Read(ref _wakers) != 0) && Environment.TickCount64 < deadline)
        {
            spinner.SpinOnce();
        }

        foreach (var registration in _registrations.Values)
        {
            registration.OnEvent(IoRegistration.Closed);
        }

        if (Volatile.Read(ref _pollers) != 0 || Volatile.Read(ref _wakers) != 0)
        {
            return; // a turn or a wake is stuck mid-call: leak both fds rather than close them under it
        }

        Native.Close(_eventFd);
        Native.Close(_epoll);
    }

    /// <param name="drainWake">True only for the driver's blocking turn. The eventfd is level-triggered and its wake is meant
    /// for the worker sleeping in epoll_wait: a non-blocking poller that drained it could leave that worker asleep (the
    /// kernel wakes it, it finds the eventfd no longer readable, and it goes back to sleep while its Parker says Notified).</param>
    // unsafe: reads the raw buffer epoll_wait filled (count events, checked by the caller) and drains the eventfd by pointer.
    private unsafe int Dispatch(byte* events, int count, bool drainWake)
    {
        var dispatched = 0;
        for (var i = 0; i < count; i++)
        {
            var (flags, key) = _abi.ReadEpollEvent(events, i);
            if (key == WakeKey)
            {
                if (drainWake)
                {
                    ulong drain;
                    Native.Read(_eventFd, (byte*)&drain, sizeof(ulong));
                }

                continue;
            }

            if (!_registrations.TryGetValue(key, out var registration))
            {
                continue;
            }

            var bits = 0;
            if ((flags & (Native.EPOLLIN | Native.EPOLLRDHUP | Native.EPOLLHUP | Native.EPOLLERR)) != 0)
            {
                bits |= IoRegistration.Readable;
            }

            if ((flags & (Native.EPOLLOUT | Native.EPOLLHUP | Native.EPOLLERR)) != 0)
            {
                bits |= IoRegistration.Writable;
            }

            dispatched++;
            try
            {
                registration.OnEvent(bits);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A wake-up must never kill the polling worker; it is counted, not lost.
                _reportSwallowed(ex);
            }
        }

        Interlocked.Add(ref _events, dispatched);
        return dispatched;
    }
}
