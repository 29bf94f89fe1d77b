namespace Green;

/// <summary>The worker's side of blocking detection: giving the worker to a fresh thread.</summary>
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

        Stats.Handoffs++;
        var thread = new Thread(ThreadMain)
        {
            IsBackground = true,
            Name = $"{_runtime.Options.ThreadNamePrefix}-{Index}-h{Stats.Handoffs}",
        };
        Thread = thread;
        thread.Start();
        return true;
    }
}
