namespace Green;

/// <summary>How a <see cref="GreenRuntime"/> distributes units over its workers.</summary>
public enum SchedulingMode
{
    /// <summary>One worker per core, local queues, a global injection queue and work stealing (tokio's multi-thread scheduler).</summary>
    WorkStealing,

    /// <summary>One worker per core, no stealing: a unit and all its continuations stay on the worker it was spawned on.</summary>
    ThreadPerCore,

    /// <summary>A single worker driven by the thread that calls <see cref="GreenRuntime.BlockOn{T}"/>.</summary>
    CurrentThread,
}
