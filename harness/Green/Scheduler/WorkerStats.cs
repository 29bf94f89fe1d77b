namespace Green;

/// <summary>Mutable per-worker counters; written only by the thread that currently runs the worker, read racily by snapshots.</summary>
internal sealed class WorkerStats
{
    internal long Polls;
    internal long StealOperations;
    internal long UnitsStolen;
    internal long Parks;
    internal long Unparks;
    internal long Overflows;
    internal long Injections;
    internal long LifoHits;
    internal long Handoffs;
}
