namespace Green;

/// <summary>The worker's side of blocking detection: giving the worker to a fresh thread.</summary>
internal sealed partial class Worker
{
    /// <summary>Monitor thread only: hands the worker over if its current poll started more than <paramref name="thresholdTicks"/> ago.</summary>
    internal bool TryHandOff(long now, long thresholdTicks)
    {
        var started = Volatile.Read(ref _pollStartedAt);
        if (started <= 0 || now - started < thresholdTicks)
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _pollStartedAt, -1, started) != started)
        {
            return false; // the poll ended just now
        }

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
