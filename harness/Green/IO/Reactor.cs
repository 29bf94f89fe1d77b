using System.Collections.Concurrent;

namespace Green;

/// <summary>The epoll readiness reactor: a dedicated thread that waits in epoll_wait and wakes units parked on fds.</summary>
/// <remarks>
/// Design choice: a dedicated reactor thread rather than tokio's "the worker about to park polls the driver". It keeps
/// the worker loop free of syscalls and parking simple (workers sleep on their <see cref="Parker"/>), at the cost of one
/// thread hop per readiness event (the woken unit goes through the global queue / its home inbox).
/// Fds are registered once, edge-triggered for both directions; registrations are looked up by a never-reused key, so an
/// event for an fd closed meanwhile finds nothing. An eventfd wakes the thread for shutdown.
/// </remarks>
internal sealed unsafe class Reactor : IDisposable
{
    private const ulong WakeKey = ulong.MaxValue;
    private const int MaxEvents = 256;

    private readonly int _epoll;
    private readonly int _eventFd;
    private readonly ConcurrentDictionary<ulong, IoRegistration> _registrations = new();
    private readonly Thread _thread;

    /// <summary>Serializes epoll_ctl against closing the epoll fd (a closed fd number can be reused by then).</summary>
    private readonly Lock _ctlLock = new();
    private long _nextKey;
    private long _events;
    private volatile bool _stop;
    private int _disposed;

    internal Reactor(string namePrefix)
    {
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

        var ev = new Native.EpollEvent { Events = Native.EPOLLIN, Data = WakeKey };
        if (Native.EpollCtl(_epoll, Native.EPOLL_CTL_ADD, _eventFd, &ev) < 0)
        {
            var errno = Native.Errno;
            Native.Close(_eventFd);
            Native.Close(_epoll);
            throw new IOException($"epoll_ctl(eventfd) failed: errno {errno}");
        }

        _thread = new Thread(Run) { IsBackground = true, Name = $"{namePrefix}-reactor" };
        _thread.Start();
    }

    /// <summary>Events dispatched so far (for tests and reports).</summary>
    internal long Events => Interlocked.Read(ref _events);

    internal IoRegistration Register(int fd)
    {
        var key = (ulong)Interlocked.Increment(ref _nextKey);
        var registration = new IoRegistration(key);
        var ev = new Native.EpollEvent
        {
            Events = Native.EPOLLIN | Native.EPOLLOUT | Native.EPOLLRDHUP | Native.EPOLLET,
            Data = key,
        };
        lock (_ctlLock)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            _registrations[key] = registration;
            if (Native.EpollCtl(_epoll, Native.EPOLL_CTL_ADD, fd, &ev) < 0)
            {
                var errno = Native.Errno;
                _registrations.TryRemove(key, out _);
                throw new IOException($"epoll_ctl(ADD, {fd}) failed: errno {errno}");
            }
        }

        return registration;
    }

    internal void Deregister(int fd, IoRegistration registration)
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

    public void Dispose()
    {
        lock (_ctlLock)
        {
            if (_disposed != 0)
            {
                return;
            }

            _disposed = 1; // from here on no epoll_ctl starts, so closing the epoll fd below cannot race one
        }

        _stop = true;
        ulong one = 1;
        Native.Write(_eventFd, (byte*)&one, sizeof(ulong));
        _thread.Join(1000);
        foreach (var registration in _registrations.Values)
        {
            registration.OnEvent(IoRegistration.Closed);
        }

        Native.Close(_eventFd);
        Native.Close(_epoll);
    }

    private void Run()
    {
        var events = stackalloc Native.EpollEvent[MaxEvents];
        while (!_stop)
        {
            var count = Native.EpollWait(_epoll, events, MaxEvents, -1);
            if (count < 0)
            {
                if (Native.Errno == Native.EINTR)
                {
                    continue;
                }

                return;
            }

            for (var i = 0; i < count; i++)
            {
                var key = events[i].Data;
                if (key == WakeKey)
                {
                    ulong drain;
                    Native.Read(_eventFd, (byte*)&drain, sizeof(ulong));
                    continue;
                }

                if (!_registrations.TryGetValue(key, out var registration))
                {
                    continue;
                }

                var flags = events[i].Events;
                var bits = 0;
                if ((flags & (Native.EPOLLIN | Native.EPOLLRDHUP | Native.EPOLLHUP | Native.EPOLLERR)) != 0)
                {
                    bits |= IoRegistration.Readable;
                }

                if ((flags & (Native.EPOLLOUT | Native.EPOLLHUP | Native.EPOLLERR)) != 0)
                {
                    bits |= IoRegistration.Writable;
                }

                Interlocked.Increment(ref _events);
                try
                {
                    registration.OnEvent(bits);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A wake-up must never kill the reactor thread; the unit's own poll reports real failures.
                }
            }
        }
    }
}
