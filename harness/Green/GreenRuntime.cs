using System.Diagnostics;

namespace Green;

/// <summary>An M:N green-thread runtime: async units multiplexed over a few worker threads, plus timers, an epoll reactor and a blocking pool.</summary>
/// <remarks>
/// Files: GreenRuntime.cs (construction, spawn, block-on), GreenRuntime.Scheduling.cs (where a woken unit goes),
/// GreenRuntime.Shutdown.cs (shutdown protocol and counters).
/// </remarks>
public sealed partial class GreenRuntime : IDisposable
{
    /// <summary>Budget used by <see cref="Dispose"/>.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly UnitRegistry _registry = new();
    private readonly BlockingPool _blocking;
    private readonly BlockingMonitor? _monitor;
    private readonly Lock _reactorLock = new();
    private Reactor? _reactor;

    /// <summary>False once shutdown began: spawns from outside the runtime throw. Written once by Shutdown.</summary>
    private volatile bool _acceptingExternal = true;

    /// <summary>True once workers must exit their loops. Written once by Shutdown, read by every worker each tick.</summary>
    private volatile bool _stopping;

    /// <summary>1 while a thread runs the current-thread worker in BlockOn.</summary>
    private int _blockOnActive;

    /// <summary>Round-robin cursor for outside spawns in thread-per-core / current-thread modes.</summary>
    private uint _nextHome;

    /// <summary>Exceptions swallowed so far (posted callbacks, waiter wakes, timer fires, I/O dispatch); any thread.</summary>
    private long _unhandled;

    /// <summary>The first swallowed exception, kept so a counter above zero can be explained; set once.</summary>
    private Exception? _firstUnhandled;

    /// <summary>Creates and starts the runtime (worker threads start at once, except in current-thread mode).</summary>
    public GreenRuntime(GreenRuntimeOptions? options = null)
    {
        options ??= new GreenRuntimeOptions();
        options.Validate();
        _ = LinuxAbi.Current; // refuses an unsupported architecture before any worker starts, in one line
        Options = options;
        Mode = options.Mode;
        var count = Mode == SchedulingMode.CurrentThread ? 1 : options.WorkerCount;
        var detect = options.BlockingDetectionThreshold is not null && Mode != SchedulingMode.CurrentThread;
        Workers = new Worker[count];
        for (var i = 0; i < count; i++)
        {
            Workers[i] = new Worker(this, i, options, detect);
        }

        Idle = Mode == SchedulingMode.WorkStealing ? new Idle(count) : null;
        _blocking = new BlockingPool(options.MaxBlockingThreads, options.BlockingKeepAlive, options.ThreadNamePrefix);
        if (Mode != SchedulingMode.CurrentThread)
        {
            foreach (var worker in Workers)
            {
                var thread = new Thread(worker.ThreadMain)
                {
                    IsBackground = true,
                    Name = $"{options.ThreadNamePrefix}-{worker.Index}",
                };
                worker.Thread = thread;
                thread.Start();
            }
        }

        if (detect)
        {
            _monitor = new BlockingMonitor(this, options.BlockingDetectionThreshold!.Value);
        }
    }

    /// <summary>The runtime whose unit or worker is running on this thread, else null.</summary>
    public static GreenRuntime? Current => GreenUnit.Running?.Runtime ?? Worker.Current?.Runtime;

    /// <summary>Scheduling mode.</summary>
    public SchedulingMode Mode { get; }

    /// <summary>Number of workers.</summary>
    public int WorkerCount => Workers.Length;

    internal GreenRuntimeOptions Options { get; }

    internal Worker[] Workers { get; }

    /// <summary>Global injection queue (work stealing; unused otherwise).</summary>
    internal Injector GlobalQueue { get; } = new();

    /// <summary>Idle coordinator (work stealing only).</summary>
    internal Idle? Idle { get; }

    internal bool IsStopping => _stopping;

    internal BlockingPool BlockingPool => _blocking;

    /// <summary>The live-unit registry (tests check its bounds).</summary>
    internal UnitRegistry Registry => _registry;

    /// <summary>Spawns a green unit. From a worker it goes to that worker's local queue, from elsewhere to the global queue
    /// (or a worker inbox, round-robin, in thread-per-core mode).</summary>
    /// <exception cref="RuntimeShutdownException">The runtime is shutting down.</exception>
    public GreenUnit Spawn(Func<ValueTask> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var unit = new VoidUnit(this, body);
        Submit(unit);
        return unit;
    }

    /// <summary>Spawns a green unit that produces a result.</summary>
    /// <exception cref="RuntimeShutdownException">The runtime is shutting down.</exception>
    public GreenUnit<T> Spawn<T>(Func<ValueTask<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var unit = new ValueUnit<T>(this, body);
        Submit(unit);
        return unit;
    }

    /// <summary>Spawns a green unit that <paramref name="cancellation"/> aborts (<see cref="GreenUnit.Abort"/>): it is resumed
    /// at its await with <see cref="UnitCancelledException"/>, and its cleanup runs.</summary>
    /// <exception cref="RuntimeShutdownException">The runtime is shutting down.</exception>
    public GreenUnit Spawn(Func<ValueTask> body, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(body);
        return SubmitAbortable(new VoidUnit(this, body), cancellation);
    }

    /// <summary>Spawns a green unit with a result that <paramref name="cancellation"/> aborts.</summary>
    /// <exception cref="RuntimeShutdownException">The runtime is shutting down.</exception>
    public GreenUnit<T> Spawn<T>(Func<ValueTask<T>> body, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(body);
        return SubmitAbortable(new ValueUnit<T>(this, body), cancellation);
    }

    /// <summary>Queues <paramref name="unit"/> and aborts it when <paramref name="cancellation"/> fires; the registration goes
    /// with the unit. A token cancelled already marks the unit before it is queued, so its body never starts.</summary>
    private TUnit SubmitAbortable<TUnit>(TUnit unit, CancellationToken cancellation)
        where TUnit : GreenUnit
    {
        if (cancellation.IsCancellationRequested)
        {
            unit.MarkAborted();
        }

        Submit(unit);
        if (cancellation.CanBeCanceled)
        {
            var registration = cancellation.UnsafeRegister(static state => ((GreenUnit)state!).Abort(), unit);
            unit.AddWaiter(new Waker.InlineCallback(static state => ((CancellationTokenRegistration)state!).Dispose(), registration));
        }

        return unit;
    }

    /// <summary>Runs blocking work on the blocking pool.</summary>
    /// <exception cref="RuntimeShutdownException">The runtime is shutting down.</exception>
    public GreenUnit SpawnBlocking(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThrowIfShutDown();
        var task = NoResult.FromAction(this, work);
        _blocking.Spawn(task);
        return task;
    }

    /// <summary>Runs blocking work with a result on the blocking pool.</summary>
    /// <exception cref="RuntimeShutdownException">The runtime is shutting down.</exception>
    public GreenUnit<T> SpawnBlocking<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThrowIfShutDown();
        var task = new BlockingWork<T>(this, work);
        _blocking.Spawn(task);
        return task;
    }

    /// <summary>Runs <paramref name="main"/> as a unit and blocks the caller until it finishes, rethrowing its exception.
    /// In current-thread mode the caller's thread becomes the worker for the duration.</summary>
    /// <exception cref="InvalidOperationException">Called from a worker of this runtime, or concurrently in current-thread mode.</exception>
    public T BlockOn<T>(Func<ValueTask<T>> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        if (Worker.Current?.Runtime == this)
        {
            throw new InvalidOperationException("BlockOn cannot be called from a worker of the same runtime (it would block it).");
        }

        var handle = Spawn(main);
        if (Mode == SchedulingMode.CurrentThread)
        {
            if (Interlocked.Exchange(ref _blockOnActive, 1) != 0)
            {
                handle.Abort();
                throw new InvalidOperationException("Another thread is already driving this current-thread runtime.");
            }

            try
            {
                var worker = Workers[0];
                handle.AddWaiter(worker.Parker);
                worker.RunLoop(handle);
            }
            finally
            {
                Volatile.Write(ref _blockOnActive, 0);
            }

            if (!handle.IsCompleted)
            {
                // Only possible when the runtime stopped under us.
                handle.Wait(DefaultShutdownTimeout);
            }
        }
        else
        {
            var done = new ManualResetEventSlim(false, 0);
            handle.AddWaiter(done);
            done.Wait();
        }

        return handle.GetResultOrThrow();
    }

    /// <summary>Graceful shutdown with <see cref="DefaultShutdownTimeout"/> (no-op if already shut down).</summary>
    public void Dispose() => Shutdown(ShutdownMode.Graceful, DefaultShutdownTimeout);

    /// <summary>True once shutdown closed the registry: an aborted unit whose poll ends is cancelled on the spot then.</summary>
    internal bool IsClosing => _registry.IsClosed;

    /// <summary>Where a finished unit reports so shutdown stops tracking it.</summary>
    internal void OnUnitFinished(GreenUnit unit) => _registry.Remove(unit);

    /// <summary>Posts run on the thread pool because their unit was inside a poll (see <see cref="GreenUnit.Post"/>).</summary>
    private long _postsRunOffUnit;

    internal void CountPostRunOffUnit() => Interlocked.Increment(ref _postsRunOffUnit);

    /// <summary>Continuations queued on a unit's side queue of posts (the rare path; see <see cref="RuntimeCounters.PostsQueued"/>).</summary>
    private long _postsQueued;

    internal void CountPostQueued() => Interlocked.Increment(ref _postsQueued);

    /// <summary>Counts an exception that code with nobody to throw to had to swallow, and keeps the first one.</summary>
    internal void ReportUnhandled(Exception exception)
    {
        Interlocked.CompareExchange(ref _firstUnhandled, exception, null);
        Interlocked.Increment(ref _unhandled);
    }

    /// <summary>The reactor, created on first use (a runtime without I/O never calls epoll).</summary>
    internal Reactor GetReactor()
    {
        var reactor = Volatile.Read(ref _reactor);
        if (reactor is not null)
        {
            return reactor;
        }

        lock (_reactorLock)
        {
            ThrowIfShutDown();
            if (_stopping)
            {
                throw new RuntimeShutdownException(); // the reactor is (being) disposed; a new one would never be
            }

            if (_reactor is null)
            {
                Volatile.Write(ref _reactor, new Reactor(ReportUnhandled));

                // Workers already asleep on their futexes would not see readiness: wake them all once, so
                // that the next to park takes the driver's blocking turn.
                foreach (var worker in Workers)
                {
                    worker.Parker.Unpark();
                }
            }

            return _reactor;
        }
    }

    /// <summary>The reactor if some fd created it, else null (workers skip I/O polling then). Any thread.</summary>
    internal Reactor? ReactorOrNull => Volatile.Read(ref _reactor);

    private void ThrowIfShutDown()
    {
        if (!_acceptingExternal && Worker.Current?.Runtime != this)
        {
            throw new RuntimeShutdownException();
        }
    }

    private void Submit(GreenUnit unit)
    {
        var worker = Worker.Current;
        var inside = worker is not null && worker.Runtime == this;
        if (!inside && !_acceptingExternal)
        {
            throw new RuntimeShutdownException();
        }

        if (!_registry.TryAdd(unit))
        {
            throw new RuntimeShutdownException();
        }

        if (inside && Mode != SchedulingMode.WorkStealing)
        {
            unit.Home = worker;
        }

        if (inside && worker!.TryEnterOwnerOp())
        {
            try
            {
                worker.ScheduleLocal(unit, lifo: false);
            }
            finally
            {
                worker.ExitOwnerOp();
            }

            return;
        }

        if (!inside && Mode != SchedulingMode.WorkStealing)
        {
            var index = (int)(Interlocked.Increment(ref _nextHome) % (uint)Workers.Length);
            unit.Home = Workers[index];
        }

        ScheduleRemote(unit);
    }

    private static long ElapsedMs(long startTimestamp) => (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}
