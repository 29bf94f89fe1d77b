namespace Green;

/// <summary>What <see cref="GreenRuntime.Shutdown"/> did and what it could not finish.</summary>
public sealed class ShutdownReport
{
    /// <summary>Mode requested.</summary>
    public ShutdownMode Mode { get; init; }

    /// <summary>Wall time spent in Shutdown.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Live units when shutdown began.</summary>
    public int LiveUnitsAtStart { get; init; }

    /// <summary>Units that finished on their own during shutdown (graceful drain or before their abort was noticed).</summary>
    public int FinishedDuringShutdown { get; init; }

    /// <summary>Units cancelled by shutdown (their handles report <see cref="UnitStatus.Cancelled"/>).</summary>
    public int CancelledUnits { get; init; }

    /// <summary>Units still inside a poll when the budget ran out (e.g. blocking forever); their handles stay Running
    /// until that poll returns, after which they are cancelled.</summary>
    public required IReadOnlyList<GreenUnit> StuckUnits { get; init; }

    /// <summary>Queued blocking-pool work cancelled before it started.</summary>
    public int CancelledBlockingTasks { get; init; }

    /// <summary>Blocking-pool work still running when the budget ran out.</summary>
    public int AbandonedBlockingTasks { get; init; }

    /// <summary>Worker threads that did not exit within the budget (stuck in a poll).</summary>
    public int StuckWorkerThreads { get; init; }

    /// <summary>True when everything stopped: no stuck unit, thread or blocking task.</summary>
    public bool IsClean => StuckUnits.Count == 0 && StuckWorkerThreads == 0 && AbandonedBlockingTasks == 0;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Mode} shutdown in {Elapsed.TotalMilliseconds:F0} ms: live {LiveUnitsAtStart}, finished {FinishedDuringShutdown}, " +
        $"cancelled {CancelledUnits}, stuck {StuckUnits.Count}, blocking cancelled {CancelledBlockingTasks} / abandoned " +
        $"{AbandonedBlockingTasks}, stuck threads {StuckWorkerThreads}";
}
