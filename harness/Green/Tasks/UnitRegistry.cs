using System.Runtime.CompilerServices;

namespace Green;

/// <summary>Every live green unit, so shutdown can abort or report each one: sharded lock-free stacks with lazy removal.</summary>
/// <remarks>
/// A spawn is one CAS push onto a shard's stack (linked through <see cref="GreenUnit.NextLive"/>); a finished unit is only
/// counted out, and left in the stack until a compaction drops it. This keeps locks off the spawn and completion paths
/// (two lock round trips per unit were a tenth of a spawn storm's profile).
/// Protocol:
/// 1. Add: claim the unit's shard index, CAS-push it, count it (one atomic add), then read <see cref="_closed"/>. If shutdown closed the
///    registry meanwhile, the spawn is refused (the caller throws); the unit may still be seen and cancelled by the
///    shutdown sweep, which is harmless. Otherwise the sweep, which reads the stacks only after closing, sees it.
/// 2. Remove: Exchange the unit's shard index to -1 (so a unit is counted out once, however many paths finish it) and
///    count the removal. Live = added - removed, per shard.
/// 3. Compact: when a shard holds more than twice its live units plus <see cref="CompactionSlack"/> entries, whoever
///    noticed it (an adder or a remover, checking every 16th time) takes the shard's compaction flag, detaches the whole stack, keeps the units not
///    yet counted out, and pushes them back in one CAS. Adds may go on meanwhile onto the emptied stack. So dead entries,
///    which keep finished units reachable, are bounded by about live + slack per shard.
/// 4. Sweep: a worker about to park, having seen a unit it polled finish, compacts every shard that holds a finished
///    unit (<see cref="SweepFinished"/>). Step 3 alone left up to live + slack finished units per shard reachable until
///    the next spawn: after a burst of short units that kept a few thousand dead units (and what their bodies held)
///    alive across GCs, so the heap grew and shrank from one burst to the next and the next burst paid page faults for
///    memory the GC had decommitted meanwhile. Idle workers make the stacks hold only live units.
/// 5. Close: set the flag, fence, then wait for compactions in progress; a compaction that starts later sees the flag
///    and gives up. From then on the stacks only grow, so <see cref="Snapshot"/> sees every unit ever added and not
///    dropped as finished.
/// </remarks>
internal sealed class UnitRegistry
{
    /// <summary>Shard count; a power of two comfortably above the core count so spawner threads rarely share a stack head.</summary>
    private const int ShardCount = 32;

    /// <summary>Dead entries a shard may hold beyond its live units before it is compacted.</summary>
    internal const int CompactionSlack = 64;

    /// <summary>Adds and removals check the compaction threshold once per this many (a power of two): the check reads the
    /// counters other threads write, a cache miss that every spawn paid. The bound on dead entries grows by as much.</summary>
    private const int CheckEvery = 16;

    [ThreadStatic]
    private static int t_cursor;

    private readonly Shard[] _shards;

    /// <summary>1 once shutdown closed the registry; written once, read by every add.</summary>
    private volatile int _closed;

    internal UnitRegistry()
    {
        _shards = new Shard[ShardCount];
        for (var i = 0; i < ShardCount; i++)
        {
            _shards[i] = new Shard();
        }
    }

    internal bool IsClosed => _closed != 0;

    /// <summary>Number of live units (racy while units come and go; exact once they stopped).</summary>
    internal int Count
    {
        get
        {
            long total = 0;
            foreach (var shard in _shards)
            {
                total += Volatile.Read(ref shard.Added.Value) - Volatile.Read(ref shard.Removed.Value);
            }

            return (int)total;
        }
    }

    /// <summary>Entries held in the stacks, finished ones included (for tests of the compaction bound).</summary>
    internal int Entries => (int)_shards.Sum(s => s.EntryCount);

    /// <summary>Adds a unit; false if the registry is closed (the spawn must be refused).</summary>
    internal bool TryAdd(GreenUnit task)
    {
        var index = (t_cursor++ + Environment.CurrentManagedThreadId) & (ShardCount - 1);
        var shard = _shards[index];
        task.RegistryShard = (sbyte)index;
        PushChain(shard, task, task);
        var added = Interlocked.Increment(ref shard.Added.Value);
        if (_closed != 0)
        {
            Remove(task);
            return false;
        }

        if ((added & (CheckEvery - 1)) == 0 && shard.EntryCount > CompactionThreshold(shard))
        {
            Compact(shard);
        }

        return true;
    }

    internal void Remove(GreenUnit task)
    {
        int index = Interlocked.Exchange(ref task.RegistryShard, (sbyte)-1);
        if (index < 0)
        {
            return;
        }

        var shard = _shards[index];
        var removed = Interlocked.Increment(ref shard.Removed.Value);
        if ((removed & (CheckEvery - 1)) == 0 && shard.EntryCount > CompactionThreshold(shard))
        {
            Compact(shard);
        }
    }

    /// <summary>Compacts every shard that holds a finished unit (step 4 of the protocol); a no-op once closed. Called off
    /// the hot paths: by a worker about to park.</summary>
    internal void SweepFinished()
    {
        foreach (var shard in _shards)
        {
            if (shard.EntryCount > Volatile.Read(ref shard.Added.Value) - Volatile.Read(ref shard.Removed.Value))
            {
                Compact(shard);
            }
        }
    }

    /// <summary>Refuses every later <see cref="TryAdd"/> and stops compactions (step 5 of the protocol).</summary>
    internal void Close()
    {
        _closed = 1;
        Interlocked.MemoryBarrier();
        foreach (var shard in _shards)
        {
            var spinner = default(SpinWait);
            while (Volatile.Read(ref shard.Compacting) != 0)
            {
                spinner.SpinOnce();
            }
        }
    }

    /// <summary>The units not yet counted out. Complete only after <see cref="Close"/>.</summary>
    internal List<GreenUnit> Snapshot()
    {
        var result = new List<GreenUnit>();
        foreach (var shard in _shards)
        {
            for (var task = Volatile.Read(ref shard.Head); task is not null; task = task.NextLive)
            {
                if (Volatile.Read(ref task.RegistryShard) >= 0)
                {
                    result.Add(task);
                }
            }
        }

        return result;
    }

    private static long CompactionThreshold(Shard shard) =>
        (2 * (Volatile.Read(ref shard.Added.Value) - Volatile.Read(ref shard.Removed.Value))) + CompactionSlack;

    private void Compact(Shard shard)
    {
        if (Interlocked.CompareExchange(ref shard.Compacting, 1, 0) != 0)
        {
            return; // someone else compacts this shard
        }

        try
        {
            if (_closed != 0)
            {
                return; // the shutdown sweep may be reading the stacks: they must stay whole
            }

            var detached = Interlocked.Exchange(ref shard.Head, null);
            GreenUnit? keptFirst = null, keptLast = null;
            int walked = 0, kept = 0;
            for (var task = detached; task is not null;)
            {
                var next = task.NextLive;
                walked++;
                if (Volatile.Read(ref task.RegistryShard) >= 0)
                {
                    task.NextLive = null;
                    if (keptLast is null)
                    {
                        keptFirst = task;
                    }
                    else
                    {
                        keptLast.NextLive = task;
                    }

                    keptLast = task;
                    kept++;
                }
                else
                {
                    task.NextLive = null; // do not keep a dropped unit's successors reachable through it
                }

                task = next;
            }

            if (keptLast is not null)
            {
                PushChain(shard, keptFirst!, keptLast);
            }

            Interlocked.Add(ref shard.Dropped.Value, walked - kept);
        }
        finally
        {
            Volatile.Write(ref shard.Compacting, 0);
        }
    }

    /// <summary>CAS-pushes the chain <paramref name="first"/> .. <paramref name="last"/> (already linked through
    /// <see cref="GreenUnit.NextLive"/>; one unit is a chain whose first is its last) onto the shard's stack.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PushChain(Shard shard, GreenUnit first, GreenUnit last)
    {
        var head = Volatile.Read(ref shard.Head);
        while (true)
        {
            last.NextLive = head;
            var seen = Interlocked.CompareExchange(ref shard.Head, first, head);
            if (seen == head)
            {
                return;
            }

            head = seen;
        }
    }

    /// <summary>One stack and its counters; the counters written by different threads sit on their own cache lines.</summary>
    private sealed class Shard
    {
        /// <summary>Top of the stack; CAS by adders and by the compactor.</summary>
        internal GreenUnit? Head;

        /// <summary>1 while a compaction runs; CAS by whoever compacts.</summary>
        internal int Compacting;

        /// <summary>Units added (adders), units counted out (removers), entries compactions took out of the stack (the
        /// compactor). The stack holds Added - Dropped entries: a separate entry counter cost every spawn one more atomic.</summary>
        internal PaddedInt64 Added;
        internal PaddedInt64 Removed;
        internal PaddedInt64 Dropped;

        /// <summary>Entries in the stack, finished units not yet dropped included (a snapshot).</summary>
        internal long EntryCount => Volatile.Read(ref Added.Value) - Volatile.Read(ref Dropped.Value);
    }
}
