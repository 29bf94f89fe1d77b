namespace Harness.Models;

// Models/: the execution models a workload runs under, one per kind of unit: ThreadModel (an OS thread per unit),
// TaskModel (a pooled task) and GreenModel (a unit of harness/Green), created by id through ExecutionModels. Each
// gives the same few primitives, ExecutionModel's spawn and join (IUnit), yield (UnitYield), delay, handoffs
// (IHandoff), gates (IGate) and kernel or in-memory links (IByteLink: OneByteLink, HandoffLink), so Workloads/ is
// written once and the models differ only in what those primitives cost.

/// <summary>
/// How units are spawned, how they wait for each other and how they do I/O. A workload is written once
/// against this class, as async code, and runs unchanged under every model.
/// </summary>
/// <remarks>
/// Under the thread model every wait blocks the unit's own OS thread and returns a completed
/// <see cref="ValueTask"/>, so the workload's async methods run synchronously from start to end on that
/// thread; the cost of the synchronously completing state machine is a few nanoseconds, paid alike by all
/// models. Under the task and green models the same awaits really suspend.
/// </remarks>
public abstract class ExecutionModel : IDisposable
{
    /// <summary>The id used on the command line and in result files (see <see cref="ModelIds"/>).</summary>
    public abstract string Id { get; }

    /// <summary>Starts a unit that runs <paramref name="body"/> to completion.</summary>
    public abstract IUnit Spawn(Func<ValueTask> body);

    /// <summary>Creates a counted wake-up between two units.</summary>
    public abstract IHandoff CreateHandoff();

    /// <summary>Creates a kernel byte stream between two units.</summary>
    public abstract IByteLink CreateLink(Transport transport);

    /// <summary>Creates a one-shot gate that any number of units can park on.</summary>
    public abstract IGate CreateGate();

    /// <summary>Suspends the calling unit for about <paramref name="delay"/> using the model's own timers.</summary>
    public abstract ValueTask DelayAsync(TimeSpan delay);

    /// <summary>Lets other units run before the calling unit continues (<c>await model.Yield()</c>).</summary>
    public abstract UnitYield Yield();

    /// <summary>
    /// Runs blocking work off the model's schedulers (green: the blocking pool) and lets the unit await it;
    /// null when the model has no such place, because its units may block anyway (threads) or it has no
    /// dedicated pool for it (tasks).
    /// </summary>
    public virtual Func<Action, ValueTask>? Offload => null;

    /// <summary>Runs <paramref name="body"/> as a unit and waits for it from the calling thread.</summary>
    public void RunToCompletion(Func<ValueTask> body) => Spawn(body).Join();

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
