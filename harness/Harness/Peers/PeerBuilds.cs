using Harness.Child;
using Harness.Running;
using Harness.Scenarios;

namespace Harness.Peers;

/// <summary>
/// The peers of one table run, each prepared once before its first scenario: a peer model's scenario runs the peer's
/// binary as its child (<see cref="CommandFor"/>), or is recorded without starting anything when its peer was skipped
/// or failed to build (<see cref="Unavailable"/>).
/// </summary>
public sealed class PeerBuilds
{
    private readonly Dictionary<string, PeerBuild> _byModel = new(StringComparer.Ordinal);

    private PeerBuilds(IReadOnlyList<PeerBuild> builds)
    {
        Builds = builds;
        foreach (PeerBuild build in builds)
            foreach (string model in build.Peer.Models) _byModel[model] = build;
    }

    /// <summary>No peer needed (a .NET-only run).</summary>
    public static PeerBuilds None { get; } = new([]);

    public IReadOnlyList<PeerBuild> Builds { get; }

    /// <summary>Builds (or finds in the cache) every peer one of <paramref name="models"/> belongs to.</summary>
    public static PeerBuilds Prepare(IEnumerable<string> models, PeerBuildSettings settings)
    {
        ArgumentNullException.ThrowIfNull(models);
        var peers = PeerCatalog.All.Where(p => p.Models.Any(models.Contains)).ToList();
        return peers.Count == 0 ? None : new PeerBuilds(peers.Select(p => PeerBuilder.Build(p, settings)).ToList());
    }

    /// <summary>The child command of a peer model whose binary is ready, or null (.NET models, unavailable peers).</summary>
    public ChildCommand? CommandFor(string model) =>
        _byModel.TryGetValue(model, out PeerBuild? build) && build.Binary is not null ? new ChildCommand(build.Binary, []) : null;

    /// <summary>The recorded outcome of a scenario whose peer was skipped or failed to build; null when it can run.</summary>
    public ScenarioOutcome? Unavailable(ScenarioSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!_byModel.TryGetValue(spec.Model, out PeerBuild? build)) return null;
        if (build.SkipNote is not null) return ScenarioOutcome.Failed(spec, build.SkipNote) with { Skipped = true };
        return build.Failure is not null ? ScenarioOutcome.Failed(spec, build.Failure) : null;
    }

    /// <summary>env.json's record of the run's peers.</summary>
    public IReadOnlyList<PeerEnvironment> Environment => Builds.Select(PeerEnvironment.Of).ToList();

    /// <summary>One console line on what was prepared, or null when no peer was asked for.</summary>
    public string? Summary()
    {
        if (Builds.Count == 0) return null;
        var skipped = Builds.Where(b => b.SkipNote is not null).ToList();
        if (skipped.Count == Builds.Count)
            return $"peers skipped: {string.Join(", ", skipped.Select(b => $"{b.Peer.Name} ({b.MissingToolchain} not installed)"))}; "
                + "their scenarios are recorded as skipped (run scripts/install-peers.sh)";
        return "peers: " + string.Join("; ", Builds.Select(b =>
            $"{b.Peer.Name} {(b.SkipNote ?? (b.Failure is not null ? "build failed (recorded as failed)" : b.Cached ? "cached" : "built"))}"));
    }
}
