namespace Green;

/// <summary>Giving the worker to a fresh thread: on blocking detection, or when a poll is about to block in a wait.</summary>
internal sealed partial class Worker
{
    /// <summary>Monitor only: the poll sequence number last seen, and the monitor's timestamp when it was first seen.</summary>
    private long _watchedSeq;
    private long _watchedSince;

    /// <summary>Monitor thread only: hands the worker over if the same poll has been in progress for at least
    /// <paramref name="thresholdTicks"/> (measured from when the monitor first saw it, so a handoff is never early).</summary>
    internal bool TryHandOff(long now, long thresholdTicks)
    {
        var seq = Volatile.Read(ref _pollSeq);
        if (seq <= 0)
        {
            _watchedSeq = 0;
            return false;
        }

        if (seq != _watchedSeq)
        {
            _watchedSeq = seq;
            _watchedSince = now;
            return false;
        }

        if (now - _watchedSince < thresholdTicks)
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _pollSeq, -1, seq) != seq)
        {
            return false; // the poll ended just now
        }

        _watchedSeq = 0;

        Volatile.Write(ref _ownerThread, 0);
        Interlocked.MemoryBarrier();
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _inOwnerOp) != 0)
        {
            spinner.SpinOnce();
        }

        StartReplacementThread();
        return true;
    }

    /// <summary>Owner thread, inside a poll that is about to block (GreenUnit.BlockedPoll.cs): gives the worker to a fresh
    /// thread at once, as tokio's block_in_place does. This thread stops being the owner here: its later owner-only
    /// operations take the remote path, and when its poll ends it requeues the unit remotely and exits (see Poll).</summary>
    internal void HandOffFromBlockedPoll()
    {
        if (t_worker != this)
        {
            return;
        }

        if (_guardOwnerOps)
        {
            // Claim the handoff against the blocking monitor, as its own step 2 does; if it won, it handed off already.
            var seq = Volatile.Read(ref _pollSeq);
            if (seq <= 0 || Interlocked.CompareExchange(ref _pollSeq, -1, seq) != seq)
            {
                return;
            }

            Volatile.Write(ref _ownerThread, 0);
        }

        t_worker = null;
        Interlocked.Increment(ref _blockedPollHandoffs); // before the new thread starts: its polls never see it change
        StartReplacementThread();
    }

    private void StartReplacementThread()
    {
        Stats.Handoffs++;
        var thread = new Thread(ThreadMain)
        {
            IsBackground = true,
            Name = $"{_runtime.Options.ThreadNamePrefix}-{Index}-h{Stats.Handoffs}",
        };
        Thread = thread;
        thread.Start();
    }
}
