namespace Green;

/// <summary>Readiness state of one fd registered edge-triggered with the reactor (mio/tokio's ScheduledIo).</summary>
/// <remarks>
/// <see cref="_readiness"/> packs readiness bits (low 4) and a tick (the rest) bumped by every event. A reader that saw
/// EAGAIN clears "readable" only if the tick did not move since it sampled it before the syscall, so an edge that
/// arrived in between is not erased. Waiters: one reader and one writer token; the reactor swaps them out and wakes them.
/// </remarks>
internal sealed class IoRegistration
{
    internal const int Readable = 1;
    internal const int Writable = 2;
    internal const int Closed = 4;
    private const int TickShift = 4;

    /// <summary>Packed (tick, readiness); CAS by polling workers (set) and by I/O callers (clear).</summary>
    private int _readiness;

    /// <summary>Wake tokens of the parked reader / writer; Exchange by the awaiter and by the reactor.</summary>
    private object? _reader;
    private object? _writer;

    internal IoRegistration(ulong key) => Key = key;

    internal ulong Key { get; }

    /// <summary>Current packed value (callers sample it before a syscall).</summary>
    internal int Snapshot => Volatile.Read(ref _readiness);

    internal static bool Has(int snapshot, int bits) => (snapshot & bits) != 0;

    /// <summary>The polling worker (or Dispose): records an event and wakes the matching waiters.</summary>
    internal void OnEvent(int bits)
    {
        var current = Volatile.Read(ref _readiness);
        while (true)
        {
            var tick = (current >> TickShift) + 1;
            var next = (tick << TickShift) | (current & 0xF) | bits;
            var seen = Interlocked.CompareExchange(ref _readiness, next, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }

        if ((bits & (Readable | Closed)) != 0 && Interlocked.Exchange(ref _reader, null) is { } reader)
        {
            Waker.Wake(reader);
        }

        if ((bits & (Writable | Closed)) != 0 && Interlocked.Exchange(ref _writer, null) is { } writer)
        {
            Waker.Wake(writer);
        }
    }

    /// <summary>Clears <paramref name="bits"/> unless an event arrived after <paramref name="snapshot"/> was taken.</summary>
    internal void Clear(int snapshot, int bits)
    {
        var current = Volatile.Read(ref _readiness);
        while ((current >> TickShift) == (snapshot >> TickShift) && (current & bits) != 0)
        {
            var seen = Interlocked.CompareExchange(ref _readiness, current & ~bits, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Parks a waiter for <paramref name="direction"/>; wakes it at once if readiness arrived meanwhile.</summary>
    internal void Register(int direction, object token)
    {
        ref var slot = ref direction == Readable ? ref _reader : ref _writer;
        Interlocked.Exchange(ref slot, token);
        if ((Volatile.Read(ref _readiness) & (direction | Closed)) != 0
            && Interlocked.CompareExchange(ref slot, null, token) == token)
        {
            Waker.Wake(token);
        }
    }
}
