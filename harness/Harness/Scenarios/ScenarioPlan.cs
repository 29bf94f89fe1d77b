using Harness.Models;
using Harness.Running;
using Harness.Workloads;

namespace Harness.Scenarios;

// Scenarios/: what a table run measures. ScenarioPlan turns the options into ScenarioSpecs (one record per shape,
// with the quick, full or tiny sizes) grouped into ScenarioGroups; a spec travels to its child as JSON
// (ScenarioSpecJson), where ScenarioRunner runs it and reports Series (a quantity's samples) that come back as a
// ScenarioOutcome. MetricIds, Shapes and Quantities are the names a result is identified by.

/// <summary>
/// Turns a table run's options into the ordered list of scenarios to run, with the sizes of the quick and
/// the full run. Every scenario of one metric uses the same sizes under every model: same work per unit.
/// </summary>
public static class ScenarioPlan
{
    /// <summary>Blandy's brigade length.</summary>
    public const int BrigadeUnits = 500;

    /// <summary>The yield storm of the green runtime's target: 200 units yielding at once, 500 times each. Runs before
    /// 2026-12-03 did 1,000 yields a unit; the time per yield is what is compared, and a launch of 200 threads
    /// yielding 1,000 times took 8 s (13 s on one CPU), the longest launch of a quick run.</summary>
    public const int YieldUnits = 200, YieldsPerUnit = 500;

    /// <summary>Sizes for one run size (quick, full, tiny).</summary>
    public sealed record Sizes(
        int CreationUnits, int CreationIdleRuns, int BrigadeRounds, int PingPongExchanges, int Warmup, int WarmupMilliseconds, int Samples,
        IReadOnlyList<int> MemorySweep, IReadOnlyList<int> LightMemorySweep, int LightTouchedMax, int Launches,
        IReadOnlyList<int> StallHoldsUs, IReadOnlyList<int> StallOffendersPerWorker, IReadOnlyList<BlockKind> StallKinds, int StallWindowMs,
        bool StallVariantsAtReadHoldOnly = false);

    /// <summary>The stall holds the headline reads: 1 ms (a short block, as a sleep or a syscall gives) and 100 ms (long
    /// enough for blocking detection, which acts after 10 ms, to have something to detect).</summary>
    public const int ShortHoldUs = 1_000, LongHoldUs = 100_000;

    /// <summary>The one hold at which the report reads a green remedy variant of the stall (the offloaded sleeps at the
    /// short hold, blocking detection at the long one), or null for a shape read at every hold.</summary>
    public static int? ReadHoldUs(string stallShape) => stallShape switch
    {
        Shapes.StallOffload => ShortHoldUs,
        Shapes.StallDetect => LongHoldUs,
        _ => null,
    };

    /// <summary>The default run, all three models and four metrics; how long it takes is stated once, in the table command's help.</summary>
    public static readonly Sizes Quick = new(
        // Two launches of 15 samples each: 15 is the fewest that lets the drift test compare thirds of 5. Each sample is
        // kept short (half the units and exchanges of the one-launch quick run, a quarter of its brigade rounds: 5 rounds
        // are still 2,505 hops a sample) so two launches cost about what one did. One warm-up pass with a 250 ms minimum:
        // with the call-counting delay at 0, hot code reaches tier 1 in well under that.
        CreationUnits: 1_000, CreationIdleRuns: 10, BrigadeRounds: 5, PingPongExchanges: 5_000, Warmup: 1, WarmupMilliseconds: 250, Samples: 15,
        // Every model at the same N up to what threads reach (so their slopes divide over one range), one reading per N
        // per launch: 3 N x 2 launches leave four degrees of freedom for the slope's CI. Threads stop at 3,000 (a launch
        // of 10,000 threads took 17 s, the 3,000 one 3 s); light units, a few tenths of a second a launch, go on to 30,000.
        MemorySweep: [1_000, 2_000, 3_000], LightMemorySweep: [1_000, 2_000, 3_000, 10_000, 30_000], LightTouchedMax: int.MaxValue, Launches: 2,
        // The two holds the headline shows: 1 ms, and 100 ms so blocking detection (10 ms) has something to detect.
        // Phases of 300 ms (the window is two of them each side) still hold three 100 ms holds and 600 probe ticks.
        // The green remedy variants run only at the hold the report reads them at (offload 1 ms, detection 100 ms):
        // each other launch cost 2.3 s and fed no cell of the quick report.
        StallHoldsUs: [ShortHoldUs, LongHoldUs], StallOffendersPerWorker: [OnePerWorker], StallKinds: [BlockKind.Sleep], StallWindowMs: 600,
        StallVariantsAtReadHoldOnly: true);

    /// <summary>Shapes only full runs measure, to keep quick runs short (variants of a shape the quick run has: pipes
    /// beside socketpairs, touched or other-sized stacks beside the plain parked unit).</summary>
    public static readonly IReadOnlyList<string> FullOnlyShapes =
        [Shapes.BrigadePipe, Shapes.ParkedTouch, Shapes.ParkedSmallStack, Shapes.ParkedDefaultStack];

    /// <summary>
    /// Every model (peers too) in five launches within 45 minutes on two cores. A full run differs from a quick one in
    /// launches (5, for the launch-to-launch spread), models (all nine), shapes (the variants too), N (up to 100,000
    /// threads where the machine allows and 1,000,000 light units) and stall holds (sleep, spin and wait), not in the work
    /// of one launch: 1,215 launches of the old full sizes (20 samples of 20 brigade rounds, 2,000 units a creation sample,
    /// five warm-ups of at least 500 ms) took about 90 minutes, 15 of them a round of every cell once; measured per
    /// launch on 2026-12-02, a round of the sizes below costs about 460 s (creation 40 s, switch 145 s, memory 125 s, stall
    /// 150 s). Fifteen samples still give the drift test thirds of 5. Touched light units stop at 100,000: their 1,000,000
    /// point cost 80 s a round (allocating a GB of state) and adds nothing the per-decade rows of plain parked units lack.
    /// </summary>
    public static readonly Sizes Full = new(
        CreationUnits: 1_000, CreationIdleRuns: 10, BrigadeRounds: 10, PingPongExchanges: 5_000, Warmup: 1, WarmupMilliseconds: 250, Samples: 15,
        MemorySweep: [1_000, 3_000, 10_000, 100_000], LightMemorySweep: [1_000, 10_000, 100_000, 1_000_000], LightTouchedMax: 100_000, Launches: 5,
        StallHoldsUs: [ShortHoldUs, LongHoldUs], StallOffendersPerWorker: [OnePerWorker],
        StallKinds: [BlockKind.Sleep, BlockKind.Spin, BlockKind.Wait], StallWindowMs: 800);

    /// <summary>
    /// Test-only sizes, chosen with <see cref="TinyVariable"/>=1: every scenario runs in well under a second, so
    /// end-to-end tests of the table (faults, interruption) stay fast. Never used for published numbers.
    /// </summary>
    public static readonly Sizes Tiny = new(
        CreationUnits: 50, CreationIdleRuns: 5, BrigadeRounds: 2, PingPongExchanges: 100, Warmup: 1, WarmupMilliseconds: 0, Samples: 3,
        MemorySweep: [50, 100], LightMemorySweep: [50, 100], LightTouchedMax: int.MaxValue, Launches: 1,
        StallHoldsUs: [ShortHoldUs], StallOffendersPerWorker: [OnePerWorker], StallKinds: [BlockKind.Sleep], StallWindowMs: 100);

    /// <summary>Environment variable that selects <see cref="Tiny"/> sizes (tests only).</summary>
    public const string TinyVariable = "BENCH_TINY_SIZES";

    /// <summary>Codes for the stall's offender counts: one in all, one per worker, two per worker.</summary>
    public const int SingleOffender = 0, OnePerWorker = 1, TwoPerWorker = 2;

    /// <summary>The sizes a run uses: tiny when <see cref="TinyVariable"/> is set, else quick or full.</summary>
    public static Sizes SizesFor(TableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Environment.GetEnvironmentVariable(TinyVariable) == "1" ? Tiny : options.Quick ? Quick : Full;
    }

    /// <summary>Launches per cell: what was asked for, else the size's own count.</summary>
    public static int LaunchesFor(TableOptions options) => options.Launches ?? SizesFor(options).Launches;

    /// <summary>Every scenario of the run, in order.</summary>
    public static IReadOnlyList<ScenarioSpec> For(TableOptions options) =>
        Groups(options, threadCap: int.MaxValue, lightCap: long.MaxValue, warnings: []).SelectMany(g => g.Specs).ToList();

    /// <summary>
    /// The run's scenarios in groups, with memory sweeps capped at what the machine allows: a point above the
    /// cap is replaced by the cap, and a warning says so.
    /// </summary>
    public static IReadOnlyList<ScenarioGroup> Groups(TableOptions options, int threadCap, long lightCap, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(warnings);
        Sizes sizes = SizesFor(options);
        var groups = new List<ScenarioGroup>();
        foreach (string metric in MetricIds.All.Where(options.Metrics.Contains))
        {
            // Asked-for shapes run even in quick runs; otherwise quick runs leave out the full-only ones.
            foreach (string shape in Shapes.Of(metric).Where(shape => options.Shapes?.Contains(shape)
                ?? !(options.Quick && FullOnlyShapes.Contains(shape))))
            {
                // Creation and memory are measured as the runtime sees the machine; switches also pinned to one
                // CPU, where no two units can run at once and every handoff is a real switch.
                bool[] pinnings = metric == MetricIds.Switch ? [false, true] : [false];
                foreach (bool pinned in pinnings)
                {
                    foreach (string model in ModelIds.All.Where(options.Models.Contains).Where(m => Shapes.AppliesTo(shape, m)))
                    {
                        if (metric == MetricIds.Stall)
                        {
                            groups.AddRange(StallSpecs(model, shape, sizes).Select(spec => new ScenarioGroup(metric, model, shape, [spec])));
                            continue;
                        }
                        IReadOnlyList<ScenarioSpec> specs = metric == MetricIds.Memory
                            ? MemorySweep(model, shape, sizes, threadCap, lightCap, warnings)
                            : [Spec(model, shape, pinned, sizes)];
                        groups.Add(new ScenarioGroup(metric, model, shape, specs));
                    }
                }
            }
        }
        return groups;
    }

    /// <summary>Kinds x offender counts x hold durations; workers are the CPUs, as every model but tokio-ct runs one per CPU.</summary>
    private static IEnumerable<ScenarioSpec> StallSpecs(string model, string shape, Sizes sizes)
    {
        int workers = Peers.PeerModelIds.Workers(model);
        foreach (BlockKind kind in sizes.StallKinds)
        {
            // With one worker, "a single offender" and "one per worker" are the same scenario: run it once.
            foreach (int offenders in sizes.StallOffendersPerWorker.Select(code => code == SingleOffender ? 1 : code * workers).Distinct())
            {
                int? readHold = sizes.StallVariantsAtReadHoldOnly ? ReadHoldUs(shape) : null;
                foreach (int hold in sizes.StallHoldsUs.Where(hold => readHold is null || hold == readHold))
                {
                    yield return new StallSpec
                    {
                        Model = model,
                        StallShape = shape,
                        Block = kind,
                        HoldMicroseconds = hold,
                        Offenders = offenders,
                        WindowMilliseconds = sizes.StallWindowMs,
                        WarmupMilliseconds = sizes.WarmupMilliseconds,
                    };
                }
            }
        }
    }

    private static List<ScenarioSpec> MemorySweep(string model, string shape, Sizes sizes, int threadCap, long lightCap, List<string> warnings)
    {
        bool isThread = model == ModelIds.Thread || Peers.PeerModelIds.Threads.Contains(model);
        IReadOnlyList<int> wanted = isThread ? sizes.MemorySweep
            : shape == Shapes.ParkedTouch ? [.. sizes.LightMemorySweep.Where(n => n <= sizes.LightTouchedMax)] : sizes.LightMemorySweep;
        long cap = isThread ? threadCap : lightCap;
        var points = new SortedSet<int>();
        foreach (int n in wanted)
        {
            if (n <= cap)
            {
                points.Add(n);
                continue;
            }
            int capped = (int)Math.Min(cap, int.MaxValue);
            // A cap just above the last point measured (10,798 threads after 10,000) would only repeat it at twice the cost.
            bool repeats = points.Count > 0 && capped <= points.Max * NearestDistinctRatio;
            string warning = $"memory/{model}/{shape}: N={n} " + (repeats
                ? $"left out: this machine's limits cap it at {capped}, too close to N={points.Max} to add a point"
                : $"capped to {capped} by this machine's limits");
            if (!warnings.Contains(warning)) warnings.Add(warning);
            if (capped > 0 && !repeats) points.Add(capped);
        }
        return points
            .Select(n => (ScenarioSpec)new ParkedSpec
            {
                Model = model,
                Units = n,
                TouchBytes = shape == Shapes.ParkedTouch ? TouchBytes : 0,
                StackBytes = shape == Shapes.ParkedSmallStack ? Shapes.SmallStackBytes : shape == Shapes.ParkedDefaultStack ? Shapes.RustDefaultStackBytes : 0,
            })
            .ToList();
    }

    /// <summary>A capped N at most this many times the largest N below it is left out of a sweep (see MemorySweep).</summary>
    public const double NearestDistinctRatio = 1.25;

    /// <summary>State each unit of parked-touch fills before parking.</summary>
    public const int TouchBytes = ParkedUnits.TouchedStateBytes;

    private static ScenarioSpec Spec(string model, string shape, bool pinned, Sizes sizes)
    {
        ScenarioSpec spec = shape switch
        {
            Shapes.SpawnJoin => new CreationSpec { Model = model, Units = sizes.CreationUnits, IdleRuns = sizes.CreationIdleRuns },
            Shapes.Brigade or Shapes.BrigadePipe or Shapes.BrigadeMemory =>
                new BrigadeSpec { Model = model, Transport = Shapes.TransportOf(shape), Units = BrigadeUnits, Rounds = sizes.BrigadeRounds },
            Shapes.PingPong => new PingPongSpec { Model = model, RoundTrips = sizes.PingPongExchanges },
            Shapes.Yield => new YieldSpec { Model = model, Units = YieldUnits, Yields = YieldsPerUnit },
            _ => throw new ArgumentException($"unknown shape '{shape}'", nameof(shape)),
        };
        return spec with { Pinned = pinned, Warmup = sizes.Warmup, WarmupMilliseconds = sizes.WarmupMilliseconds, Samples = sizes.Samples };
    }
}
