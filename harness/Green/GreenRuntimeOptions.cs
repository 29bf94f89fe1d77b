namespace Green;

/// <summary>Configuration of a <see cref="GreenRuntime"/>; every knob has the default the issue asks for.</summary>
public sealed class GreenRuntimeOptions
{
    /// <summary>Number of workers (ignored in <see cref="SchedulingMode.CurrentThread"/>, which has one). Default: one per core.</summary>
    public int WorkerCount { get; set; } = Environment.ProcessorCount;

    /// <summary>Scheduling mode. Default: <see cref="SchedulingMode.WorkStealing"/>.</summary>
    public SchedulingMode Mode { get; set; } = SchedulingMode.WorkStealing;

    /// <summary>Capacity of each worker's local run queue; a power of two, at least 4 (tokio uses 256; 4 makes overflow reachable in tests).</summary>
    public int LocalQueueCapacity { get; set; } = 256;

    /// <summary>A worker checks the global queue first every this many ticks so injected units cannot starve (tokio's 61).</summary>
    public int GlobalQueueInterval { get; set; } = 61;

    /// <summary>A busy worker polls the I/O driver (without waiting) every this many ticks, so readiness is not left waiting
    /// while every worker has work (tokio's event_interval, 61).</summary>
    public int EventInterval { get; set; } = 61;

    /// <summary>Upper bound on blocking-pool threads (tokio's 512).</summary>
    public int MaxBlockingThreads { get; set; } = 512;

    /// <summary>How long an idle blocking-pool thread waits for work before it retires (tokio's 10 s).</summary>
    public TimeSpan BlockingKeepAlive { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When set, a monitor thread hands the queue of a worker stuck in one poll longer than this to a fresh thread. Null = off.</summary>
    public TimeSpan? BlockingDetectionThreshold { get; set; }

    /// <summary>Prefix of worker thread names ("green-0", "green-1", ...).</summary>
    public string ThreadNamePrefix { get; set; } = "green";

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(WorkerCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(LocalQueueCapacity, 4);
        if ((LocalQueueCapacity & (LocalQueueCapacity - 1)) != 0)
        {
            throw new ArgumentException("LocalQueueCapacity must be a power of two.", nameof(LocalQueueCapacity));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(GlobalQueueInterval, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(EventInterval, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBlockingThreads, 1);
        ArgumentNullException.ThrowIfNull(ThreadNamePrefix);
    }
}
