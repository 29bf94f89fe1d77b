namespace Harness.Workloads;

/// <summary>How an offender unit holds its worker for a while without yielding; its id (<see cref="Ids"/>) is the
/// <c>block</c> of a stall spec and of a result row. <see cref="Blocking.Block"/> holds a thread the given way.</summary>
public enum BlockKind
{
    /// <summary>A blocking syscall: nanosleep, the thread sleeps in the kernel.</summary>
    Sleep,

    /// <summary>A busy loop on the CPU, as a long computation between awaits would be.</summary>
    Spin,

    /// <summary>Task.Wait on a task completed D later by a precise timer thread: blocking the ThreadPool knows about and
    /// may compensate for (Task.Delay itself would hold 0 for D under 1 ms and about 4 ms for 1 ms here).</summary>
    Wait,
}
