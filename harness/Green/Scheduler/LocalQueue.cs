namespace Green;

/// <summary>A worker's bounded run queue: single producer (the owner), many consumers (owner pops, thieves steal half).</summary>
/// <remarks>
/// Same layout as tokio's queue.rs. Indices are 32-bit and wrap freely (only differences are used).
/// <see cref="_head"/> packs two indices: the high half is the "steal" head (first slot a thief may still be copying),
/// the low half the "real" head (next slot to pop). They differ only while a thief copies.
/// 1. Push (owner): if tail - steal &lt; capacity, write the slot and publish tail. Else, if a thief is copying, send the unit
///    to the overflow injector; else claim half the queue with one CAS on head and move it plus the unit to the injector
///    in one batch.
/// 2. Pop (owner): CAS the real head forward (and the steal head too when no thief is active).
/// 3. Steal (thief): CAS real head forward by half the length, keeping steal; copy the slots; CAS steal up to real.
/// </remarks>
internal sealed class LocalQueue
{
    private readonly GreenUnit?[] _buffer;
    private readonly uint _mask;

    /// <summary>Owner only: reused by overflows to hand half the queue to the injector in one call.</summary>
    private GreenUnit[]? _overflowBuffer;

    /// <summary>Packed (steal, real) head; CAS by the owner (pop, overflow) and by thieves; read by all.</summary>
    private PaddedInt64 _head;

    /// <summary>Tail index; written only by the owner (release), read by thieves (acquire).</summary>
    private PaddedInt32 _tail;

    internal LocalQueue(int capacity, uint startIndex = 0)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), "Capacity must be a power of two >= 2.");
        }

        _buffer = new GreenUnit?[capacity];
        _mask = (uint)capacity - 1;
        _head.Value = (long)Pack(startIndex, startIndex);
        _tail.Value = (int)startIndex;
    }

    /// <summary>Outcome of <see cref="Push"/>.</summary>
    internal enum PushResult
    {
        /// <summary>Stored in the local queue.</summary>
        Local,

        /// <summary>A thief was active and the queue full: the unit went to the injector alone.</summary>
        Injected,

        /// <summary>The queue was full: half of it plus the unit moved to the injector in one batch.</summary>
        Overflowed,
    }

    internal int Capacity => _buffer.Length;

    /// <summary>Approximate length (exact for the owner).</summary>
    internal int Count
    {
        get
        {
            var (_, real) = Unpack((ulong)Volatile.Read(ref _head.Value));
            var tail = (uint)Volatile.Read(ref _tail.Value);
            return (int)(tail - real);
        }
    }

    internal bool IsEmpty => Count == 0;

    /// <summary>Owner only: pushes at the tail, overflowing half the queue into <paramref name="overflow"/> when full.</summary>
    internal PushResult Push(GreenUnit task, Injector overflow)
    {
        while (true)
        {
            var head = (ulong)Volatile.Read(ref _head.Value);
            var (steal, real) = Unpack(head);
            var tail = (uint)_tail.Value;
            if (tail - steal < (uint)_buffer.Length)
            {
                Volatile.Write(ref _buffer[tail & _mask], task);
                Volatile.Write(ref _tail.Value, (int)(tail + 1));
                return PushResult.Local;
            }

            if (steal != real)
            {
                // A thief is copying out of this queue; it will make room soon, but we must not wait for it.
                overflow.Push(task);
                return PushResult.Injected;
            }

            if (TryOverflowHalf(task, real, tail, overflow))
            {
                return PushResult.Overflowed;
            }

            // A thief took some units between our read and our CAS: there is room now.
        }
    }

    /// <summary>Owner only: pops from the head.</summary>
    internal GreenUnit? Pop()
    {
        var head = (ulong)Volatile.Read(ref _head.Value);
        while (true)
        {
            var (steal, real) = Unpack(head);
            var tail = (uint)_tail.Value;
            if (real == tail)
            {
                return null;
            }

            var nextReal = real + 1;
            var next = steal == real ? Pack(nextReal, nextReal) : Pack(steal, nextReal);
            var seen = (ulong)Interlocked.CompareExchange(ref _head.Value, (long)next, (long)head);
            if (seen == head)
            {
                // The slot is ours alone now (thieves only read below the real head, and only we push): clear it, or a
                // finished unit would stay reachable from the ring until the tail wraps round to this slot.
                ref var slot = ref _buffer[real & _mask];
                var task = Volatile.Read(ref slot);
                Volatile.Write(ref slot, null);
                return task;
            }

            head = seen;
        }
    }

    /// <summary>Any thread (the owner of <paramref name="destination"/>): steals half of this queue into the destination.</summary>
    /// <returns>One stolen unit to run now (the rest were pushed into <paramref name="destination"/>), or null.</returns>
    internal GreenUnit? StealInto(LocalQueue destination, out int stolen)
    {
        stolen = 0;
        var dstTail = (uint)destination._tail.Value;
        var (dstSteal, _) = Unpack((ulong)Volatile.Read(ref destination._head.Value));
        if (dstTail - dstSteal > (uint)destination._buffer.Length / 2)
        {
            return null; // the destination has no room for half of a queue; the caller has work anyway
        }

        var count = StealInto2(destination, dstTail);
        if (count == 0)
        {
            return null;
        }

        stolen = (int)count;
        count--;
        var task = Volatile.Read(ref destination._buffer[(dstTail + count) & destination._mask]);
        if (count > 0)
        {
            Volatile.Write(ref destination._tail.Value, (int)(dstTail + count));
        }

        return task;
    }

    private uint StealInto2(LocalQueue destination, uint dstTail)
    {
        var previous = (ulong)Volatile.Read(ref _head.Value);
        uint first;
        uint count;
        ulong claimed;
        while (true)
        {
            var (steal, real) = Unpack(previous);
            if (steal != real)
            {
                return 0; // another thief is copying
            }

            var srcTail = (uint)Volatile.Read(ref _tail.Value);
            count = srcTail - real;
            count -= count / 2;
            if (count == 0)
            {
                return 0;
            }

            first = real;
            claimed = Pack(steal, real + count);
            var seen = (ulong)Interlocked.CompareExchange(ref _head.Value, (long)claimed, (long)previous);
            if (seen == previous)
            {
                break;
            }

            previous = seen;
        }

        for (uint i = 0; i < count; i++)
        {
            var task = Volatile.Read(ref _buffer[(first + i) & _mask]);
            Volatile.Write(ref destination._buffer[(dstTail + i) & destination._mask], task);
        }

        // Release the claim: steal catches up with real (the owner may have popped meanwhile, moving real).
        previous = claimed;
        while (true)
        {
            var (_, real) = Unpack(previous);
            var seen = (ulong)Interlocked.CompareExchange(ref _head.Value, (long)Pack(real, real), (long)previous);
            if (seen == previous)
            {
                return count;
            }

            previous = seen;
        }
    }

    private bool TryOverflowHalf(GreenUnit task, uint real, uint tail, Injector overflow)
    {
        var half = (uint)_buffer.Length / 2;
        if (tail - real != (uint)_buffer.Length)
        {
            return false;
        }

        var expected = Pack(real, real);
        if (Interlocked.CompareExchange(ref _head.Value, (long)Pack(real + half, real + half), (long)expected) != (long)expected)
        {
            return false;
        }

        // The claimed slots are ours alone now: move them, then the new unit, to the injector in FIFO order.
        var moved = _overflowBuffer ??= new GreenUnit[half + 1];
        for (uint i = 0; i < half; i++)
        {
            moved[i] = _buffer[(real + i) & _mask]!;
        }

        moved[half] = task;
        overflow.PushRange(moved);
        Array.Clear(moved); // the buffer must not keep finished units alive
        return true;
    }

    private static ulong Pack(uint steal, uint real) => ((ulong)steal << 32) | real;

    private static (uint Steal, uint Real) Unpack(ulong head) => ((uint)(head >> 32), (uint)head);
}
