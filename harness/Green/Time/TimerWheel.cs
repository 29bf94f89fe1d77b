using System.Numerics;

namespace Green;

/// <summary>A hierarchical timer wheel owned by one worker: 6 levels x 64 slots at 1 ms resolution (tokio's time driver).</summary>
/// <remarks>
/// Level L slots are 64^L ms wide, so one rotation of the top level spans 64^6 ms = 2^36 ms (about 2.2 years).
/// An entry sits at the level of the highest 6-bit group in which its deadline differs from <see cref="Elapsed"/>;
/// when time reaches its slot it cascades to a lower level or fires. Deadlines outside the current 2^36 ms block
/// wait in a far list that is re-inserted when time crosses into the next block.
/// Not thread-safe: callers hold the owning worker's timer lock (see Worker.Timers.cs).
/// </remarks>
internal sealed class TimerWheel
{
    internal const int Levels = 6;
    internal const int SlotsPerLevel = 64;
    private const int SlotBits = 6;
    private const int BlockBits = SlotBits * Levels;

    private readonly TimerEntry?[] _slots = new TimerEntry?[Levels * SlotsPerLevel];
    private readonly ulong[] _occupied = new ulong[Levels];
    private readonly List<TimerEntry> _far = [];
    private int _inWheel;

    internal TimerWheel(long startMs = 0) => Elapsed = startMs;

    /// <summary>Time processed so far (ms).</summary>
    internal long Elapsed { get; private set; }

    /// <summary>Entries not yet expired.</summary>
    internal int Count => _inWheel + _far.Count;

    /// <summary>Inserts an entry; returns false (and leaves it out) if its deadline has already passed.</summary>
    internal bool Insert(TimerEntry entry)
    {
        if (entry.Deadline <= Elapsed)
        {
            return false;
        }

        if (((Elapsed ^ entry.Deadline) >> BlockBits) != 0)
        {
            entry.SlotIndex = TimerEntry.InFarList;
            _far.Add(entry);
            return true;
        }

        var level = LevelFor(Elapsed, entry.Deadline);
        var slot = (int)((entry.Deadline >> (level * SlotBits)) & (SlotsPerLevel - 1));
        var index = (level * SlotsPerLevel) + slot;
        entry.NextInSlot = _slots[index];
        if (entry.NextInSlot is { } head)
        {
            head.PrevInSlot = entry;
        }

        entry.PrevInSlot = null;
        entry.SlotIndex = index;
        _slots[index] = entry;
        _occupied[level] |= 1UL << slot;
        _inWheel++;
        return true;
    }

    /// <summary>The earliest time at which the wheel has work (a slot to fire or cascade), or null if empty.</summary>
    internal long? NextExpiration()
    {
        if (_inWheel > 0)
        {
            var level = FirstOccupiedLevel();
            return SlotStart(level, NextOccupiedSlot(level));
        }

        return _far.Count > 0 ? NextBlockStart() : null;
    }

    /// <summary>Advances to <paramref name="nowMs"/>, appending expired entries to <paramref name="expired"/> in deadline order.</summary>
    internal void Advance(long nowMs, List<TimerEntry> expired)
    {
        while (true)
        {
            if (_inWheel > 0)
            {
                var level = FirstOccupiedLevel();
                var slot = NextOccupiedSlot(level);
                var start = SlotStart(level, slot);
                if (start > nowMs)
                {
                    break;
                }

                Elapsed = Math.Max(Elapsed, start);
                var index = (level * SlotsPerLevel) + slot;
                var entry = _slots[index];
                _slots[index] = null;
                _occupied[level] &= ~(1UL << slot);
                while (entry is not null)
                {
                    var next = entry.NextInSlot;
                    entry.NextInSlot = null;
                    entry.PrevInSlot = null;
                    entry.SlotIndex = TimerEntry.NotQueued;
                    _inWheel--;
                    if (!Insert(entry))
                    {
                        expired.Add(entry);
                    }

                    entry = next;
                }
            }
            else if (_far.Count > 0 && NextBlockStart() <= nowMs)
            {
                // Everything in the current block has been processed; open the next one.
                Elapsed = NextBlockStart();
                var far = _far.ToArray();
                _far.Clear();
                foreach (var entry in far)
                {
                    entry.SlotIndex = TimerEntry.NotQueued;
                }

                Array.Sort(far, static (a, b) => a.Deadline.CompareTo(b.Deadline));
                foreach (var entry in far)
                {
                    if (!Insert(entry))
                    {
                        expired.Add(entry);
                    }
                }
            }
            else
            {
                break;
            }
        }

        Elapsed = Math.Max(Elapsed, nowMs);
    }

    /// <summary>Takes a pending entry out of the wheel (an aborted or cancelled Delay); false if it is not in it.</summary>
    internal bool Remove(TimerEntry entry)
    {
        var index = entry.SlotIndex;
        if (index == TimerEntry.InFarList)
        {
            entry.SlotIndex = TimerEntry.NotQueued;
            return _far.Remove(entry);
        }

        if (index < 0)
        {
            return false;
        }

        if (entry.PrevInSlot is { } previous)
        {
            previous.NextInSlot = entry.NextInSlot;
        }
        else
        {
            _slots[index] = entry.NextInSlot;
        }

        if (entry.NextInSlot is { } next)
        {
            next.PrevInSlot = entry.PrevInSlot;
        }

        if (_slots[index] is null)
        {
            _occupied[index / SlotsPerLevel] &= ~(1UL << (index % SlotsPerLevel));
        }

        entry.NextInSlot = null;
        entry.PrevInSlot = null;
        entry.SlotIndex = TimerEntry.NotQueued;
        _inWheel--;
        return true;
    }

    private long NextBlockStart() => (Elapsed | ((1L << BlockBits) - 1)) + 1;

    private int FirstOccupiedLevel()
    {
        for (var level = 0; level < Levels; level++)
        {
            if (_occupied[level] != 0)
            {
                return level;
            }
        }

        return -1;
    }

    private int NextOccupiedSlot(int level)
    {
        var now = (int)((Elapsed >> (level * SlotBits)) & (SlotsPerLevel - 1));
        var rotated = BitOperations.RotateRight(_occupied[level], now);
        var offset = BitOperations.TrailingZeroCount(rotated);
        return (now + offset) & (SlotsPerLevel - 1);
    }

    private long SlotStart(int level, int slot)
    {
        var slotRange = 1L << (level * SlotBits);
        var levelRange = slotRange << SlotBits;
        var levelStart = Elapsed & ~(levelRange - 1);
        return levelStart + (slot * slotRange);
    }

    private static int LevelFor(long elapsed, long when)
    {
        var masked = (ulong)(elapsed ^ when) | (SlotsPerLevel - 1);
        var significant = 63 - BitOperations.LeadingZeroCount(masked);
        return significant / SlotBits;
    }
}
