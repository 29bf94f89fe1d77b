namespace Green;

/// <summary>Every live green unit, so shutdown can abort or report each one; sharded intrusive lists, one lock per shard.</summary>
/// <remarks>
/// A spawner adds under the shard lock and fails once the shard is closed, so a spawn racing with shutdown either is
/// refused (exception) or is visible to the shutdown sweep: no unit is silently lost.
/// </remarks>
internal sealed class UnitRegistry
{
    /// <summary>Shard count; a power of two comfortably above the core count so spawner threads rarely share a lock.</summary>
    private const int ShardCount = 32;

    [ThreadStatic]
    private static int t_cursor;

    private readonly Shard[] _shards;

    internal UnitRegistry()
    {
        _shards = new Shard[ShardCount];
        for (var i = 0; i < ShardCount; i++)
        {
            _shards[i] = new Shard();
        }
    }

    /// <summary>Number of live units (sum of shard counts; racy but exact once spawning stopped).</summary>
    internal int Count
    {
        get
        {
            var total = 0;
            foreach (var shard in _shards)
            {
                total += Volatile.Read(ref shard.Count);
            }

            return total;
        }
    }

    internal bool TryAdd(GreenTask task)
    {
        var index = (t_cursor++ + Environment.CurrentManagedThreadId) & (ShardCount - 1);
        var shard = _shards[index];
        lock (shard.Lock)
        {
            if (shard.Closed)
            {
                return false;
            }

            task.RegistryShard = index;
            task.NextLive = shard.Head;
            if (shard.Head is not null)
            {
                shard.Head.PrevLive = task;
            }

            shard.Head = task;
            shard.Count++;
        }

        return true;
    }

    internal void Remove(GreenTask task)
    {
        var index = task.RegistryShard;
        if (index < 0)
        {
            return;
        }

        var shard = _shards[index];
        lock (shard.Lock)
        {
            if (task.RegistryShard < 0)
            {
                return;
            }

            if (task.PrevLive is { } prev)
            {
                prev.NextLive = task.NextLive;
            }
            else
            {
                shard.Head = task.NextLive;
            }

            if (task.NextLive is { } next)
            {
                next.PrevLive = task.PrevLive;
            }

            task.PrevLive = null;
            task.NextLive = null;
            task.RegistryShard = -1;
            shard.Count--;
        }
    }

    /// <summary>Refuses every later <see cref="TryAdd"/>.</summary>
    internal void Close()
    {
        foreach (var shard in _shards)
        {
            lock (shard.Lock)
            {
                shard.Closed = true;
            }
        }
    }

    internal List<GreenTask> Snapshot()
    {
        var result = new List<GreenTask>();
        foreach (var shard in _shards)
        {
            lock (shard.Lock)
            {
                for (var task = shard.Head; task is not null; task = task.NextLive)
                {
                    result.Add(task);
                }
            }
        }

        return result;
    }

    private sealed class Shard
    {
        internal readonly Lock Lock = new();
        internal GreenTask? Head;
        internal int Count;
        internal bool Closed;
    }
}
