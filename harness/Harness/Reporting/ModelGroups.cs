using Harness.Models;
using Harness.Peers;

namespace Harness.Reporting;

/// <summary>
/// The models as the report groups them: OS threads (a unit is a kernel thread) and async / green (a unit is a
/// task a user-mode scheduler polls), with what a unit of each is, in one line.
/// </summary>
public static class ModelGroups
{
    /// <summary>One group of models, in column order.</summary>
    public sealed record Group(string Name, IReadOnlyList<string> Models);

    public static readonly Group OsThreads = new("OS threads", [ModelIds.Thread, PeerModelIds.RustThread, PeerModelIds.CThread]);

    public static readonly Group Async = new("Async and green", [ModelIds.Task, ModelIds.Green, PeerModelIds.Tokio,
        PeerModelIds.TokioCurrentThread, PeerModelIds.AsyncStd, PeerModelIds.Go]);

    public static readonly IReadOnlyList<Group> All = [OsThreads, Async];

    /// <summary>What a unit of each model is and how it waits.</summary>
    public static readonly IReadOnlyDictionary<string, (string Unit, string Waits)> Descriptions = new Dictionary<string, (string, string)>
    {
        [ModelIds.Thread] = ("a dedicated .NET OS thread", "blocking: POSIX semaphores, blocking read/write"),
        [PeerModelIds.RustThread] = ("a Rust std::thread with a 1 MiB stack, as Blandy used", "blocking read/write, Mutex + Condvar"),
        [PeerModelIds.CThread] = ("a pthread with the default stack", "blocking read/write, POSIX semaphores"),
        [ModelIds.Task] = ("a pooled task on the default .NET ThreadPool", "await: Channel<int>, Socket async I/O (epoll)"),
        [ModelIds.Green] = ("a unit of our own M:N work-stealing runtime (harness/Green)", "await on its channels and epoll driver"),
        [PeerModelIds.Tokio] = ("a tokio task, multi-thread runtime, a worker per CPU", "await (AsyncFd readiness, tokio channels)"),
        [PeerModelIds.TokioCurrentThread] = ("a tokio task, current-thread runtime (Blandy's 2020 flavour)", "await"),
        [PeerModelIds.AsyncStd] = ("an async-std task", "await (async-io)"),
        [PeerModelIds.Go] = ("a goroutine, GOMAXPROCS = CPUs of the affinity mask", "channels; sockets and pipes in the netpoller"),
    };

    /// <summary>The models of <paramref name="group"/> that the run has, in column order.</summary>
    public static IReadOnlyList<string> Present(Group group, IReadOnlyList<string> models)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Models.Where(models.Contains).ToList();
    }
}
