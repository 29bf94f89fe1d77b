namespace Green;

/// <summary>The worker's timer wheel, shared: its owner inserts and fires, and any other worker that finds a deadline due
/// while the owner is busy (a long poll) fires it too.</summary>
/// <remarks>
/// 1. The wheel is guarded by <see cref="_timerLock"/>. The owner takes it for every insert and advance (uncontended in
///    the common case: one lock, no syscall); a peer only ever TryEnters it, so it never waits for the owner.
/// 2. After each change the holder publishes the wheel's next deadline in <see cref="_nextTimerMs"/>, so peers look
///    at a busy worker's timers with one volatile read, no lock.
/// 3. Entries are fired (their units woken) outside the lock. A unit woken by a peer is queued on that peer (it is
///    where the CPU is free), or on its home worker outside work stealing.
/// 4. A worker about to park sleeps no longer than the earliest deadline of its own wheel and of every peer that is
///    not parked itself (a parked peer wakes for its own timers), so a due timer never waits for a long poll to end.
/// 5. An entry that will never fire (its unit was aborted) is taken out of the wheel under the lock.
/// </remarks>
internal sealed partial class Worker
{
    private const long NoTimer = long.MaxValue;

    private readonly Lock _timerLock = new();

    /// <summary>Earliest deadline in <see cref="Timers"/> (ms), or <see cref="NoTimer"/>; written under the lock, read by anyone.</summary>
    private long _nextTimerMs = NoTimer;

    /// <summary>Owner only: inserts a timer; returns false if it is already due.</summary>
    internal bool InsertTimer(TimerEntry entry)
    {
        entry.Wheel = this;
        lock (_timerLock)
        {
            var inserted = Timers.Insert(entry);
            PublishNextTimer();
            return inserted;
        }
    }

    /// <summary>Any thread: takes an entry that will never fire out of the wheel.</summary>
    internal void RemoveTimer(TimerEntry entry)
    {
        lock (_timerLock)
        {
            if (Timers.Remove(entry))
            {
                PublishNextTimer();
            }
        }
    }

    /// <summary>The deadline (ms) this worker may sleep until at most: its own next timer and that of every busy peer.</summary>
    private long EarliestTimerDeadline()
    {
        var earliest = Volatile.Read(ref _nextTimerMs);
        foreach (var peer in _runtime.Workers)
        {
            if (peer != this && !peer.Parker.IsParked)
            {
                earliest = Math.Min(earliest, Volatile.Read(ref peer._nextTimerMs));
            }
        }

        return earliest;
    }

    /// <summary>Owner, every tick: fires this worker's due timers (no clock read while the wheel is empty).</summary>
    private void FireTimers()
    {
        if (Volatile.Read(ref _nextTimerMs) != NoTimer)
        {
            FireDue(this, Clock.NowMs(), wait: true);
        }
    }

    /// <summary>Owner, when out of work and every few dozen ticks: fires the due timers of peers (protocol 1, 3).</summary>
    private void FirePeersTimers()
    {
        long now = 0;
        foreach (var peer in _runtime.Workers)
        {
            if (peer != this && Volatile.Read(ref peer._nextTimerMs) != NoTimer)
            {
                now = now == 0 ? Clock.NowMs() : now;
                FireDue(peer, now, wait: false);
            }
        }
    }

    /// <summary>Advances <paramref name="owner"/>'s wheel to <paramref name="now"/> and wakes what expired, outside the lock.</summary>
    private void FireDue(Worker owner, long now, bool wait)
    {
        if (Volatile.Read(ref owner._nextTimerMs) > now)
        {
            return;
        }

        if (wait)
        {
            owner._timerLock.Enter();
        }
        else if (!owner._timerLock.TryEnter())
        {
            return; // someone is firing them right now
        }

        try
        {
            owner.Timers.Advance(now, _expired);
            owner.PublishNextTimer();
        }
        finally
        {
            owner._timerLock.Exit();
        }

        foreach (var entry in _expired)
        {
            try
            {
                entry.Fire();
            }
            catch (Exception ex)
            {
                _runtime.ReportUnhandled(ex);
            }
        }

        _expired.Clear();
    }

    /// <summary>Under the lock: publishes the wheel's next deadline (protocol 2).</summary>
    private void PublishNextTimer() => Volatile.Write(ref _nextTimerMs, Timers.NextExpiration() ?? NoTimer);
}
