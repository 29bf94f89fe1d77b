using Harness.Measurement;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Measurement;

/// <summary>Known answers on synthetic launches: each launch's level drawn around 100 with a 10% between-launch spread,
/// samples around that level with a 1% spread.</summary>
public sealed class HierarchicalBootstrapTests
{
    private static List<IReadOnlyList<double>> Launches(Random random, int launches = 5) => SyntheticLaunches.Run(random, launches: launches);

    [Fact]
    public void Interval_CoversTheTrueMedian_AcrossLaunches_WhereAOneProcessIntervalDoesNot()
    {
        var random = new Random(20261202);
        int hierarchicalHits = 0, pooledHits = 0;
        const int datasets = 200;
        for (int d = 0; d < datasets; d++)
        {
            List<IReadOnlyList<double>> launches = Launches(random);
            LaunchEstimate hierarchical = HierarchicalBootstrap.Median(launches, seed: d, resamples: 400);
            // The same samples read as if they came from one process: what the suite reported before launches.
            LaunchEstimate pooled = HierarchicalBootstrap.Median([launches.SelectMany(l => l).ToList()], seed: d, resamples: 400);
            if (hierarchical.CiLower <= 100 && 100 <= hierarchical.CiUpper) hierarchicalHits++;
            if (pooled.CiLower <= 100 && 100 <= pooled.CiUpper) pooledHits++;
        }
        // Five launches carry little information about their own spread, so the percentile bootstrap undercovers a
        // little (about 80% here); a one-process interval covers a rerun's truth far less often.
        Assert.InRange(hierarchicalHits / (double)datasets, 0.75, 1.0);
        Assert.InRange(pooledHits / (double)datasets, 0.0, 0.5);
    }

    [Fact]
    public void Spreads_RecoverTheKnownBetweenAndWithinLaunchSpread()
    {
        var random = new Random(7);
        var estimates = Enumerable.Range(0, 100).Select(i => HierarchicalBootstrap.Median(Launches(random, launches: 8), seed: i, resamples: 50)).ToList();
        // Between: SD of launch levels over their mean = 10 / 100.
        Assert.InRange(estimates.Average(e => e.BetweenSpread), 0.085, 0.115);
        // Within: interquartile range of a normal with SD 1 (1.349) over the level (100).
        Assert.InRange(estimates.Average(e => e.WithinSpread), 0.0120, 0.0150);
        Assert.All(estimates, e => Assert.Equal((8, 240), (e.Launches, e.Samples)));
    }

    [Fact]
    public void SameInput_SameSeed_SameInterval()
    {
        List<IReadOnlyList<double>> launches = Launches(new Random(3));
        Assert.Equal(HierarchicalBootstrap.Median(launches, seed: 9), HierarchicalBootstrap.Median(launches, seed: 9));
    }

    [Fact]
    public void PooledMedian_WeighsLaunchesAlike_WhateverTheirSize()
    {
        // One launch of 1 sample at 10 and one of 99 samples at 20: equal weight puts the median at the boundary (10),
        // where weighting by samples would say 20.
        double[][] launches = [[10], Enumerable.Repeat(20.0, 99).ToArray()];
        Assert.Equal(10, HierarchicalBootstrap.PooledMedian(launches));
        Assert.Equal(15, HierarchicalBootstrap.PooledMedian([[10, 20], [10, 20]]));
    }

    [Fact]
    public void OneLaunch_HasNoBetweenSpread_AndBadInputIsRefused()
    {
        LaunchEstimate one = HierarchicalBootstrap.Median([[1, 2, 3, 4, 5]]);
        Assert.Equal(3, one.Median);
        Assert.True(double.IsNaN(one.BetweenSpread));
        Assert.Throws<ArgumentException>(() => HierarchicalBootstrap.Median([]));
        Assert.Throws<ArgumentException>(() => HierarchicalBootstrap.Median([[1, 2], []]));
        Assert.Throws<ArgumentException>(() => HierarchicalBootstrap.Median([[1, double.NaN]]));
    }
}
