using Harness.Measurement;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Measurement;

public sealed class ModalityTests
{
    private static double Normal(Random random) => SyntheticLaunches.Normal(random);

    [Fact]
    public void TwoClearClusters_AreFlagged()
    {
        // The kind of launch a review found unmarked: half the operations near 50 ns, half near 103 ns.
        var random = new Random(5);
        int flagged = Enumerable.Range(0, 50).Count(_ => Modality.Of(Enumerable.Range(0, 15).Select(_ => 50 + 3 * Normal(random))
            .Concat(Enumerable.Range(0, 15).Select(_ => 103 + 2 * Normal(random))).OrderBy(_ => random.Next()).ToList()) == 2);
        Assert.InRange(flagged, 40, 50);
    }

    [Fact]
    public void OneNormalOrSkewedSample_IsNotFlagged()
    {
        var random = new Random(6);
        int normal = Enumerable.Range(0, 50).Count(_ => Modality.Of(Enumerable.Range(0, 30).Select(_ => 100 + 5 * Normal(random)).ToList()) > 1);
        int skewed = Enumerable.Range(0, 50).Count(_ => Modality.Of(Enumerable.Range(0, 30).Select(_ => 100 - 20 * Math.Log(1 - random.NextDouble())).ToList()) > 1);
        Assert.InRange(normal, 0, 2);
        Assert.InRange(skewed, 0, 2);
    }

    [Fact]
    public void LaunchesAreJudgedApart_NotPooled()
    {
        // Two launches, each steady but at different levels: a between-launch spread, not a bimodal operation.
        IReadOnlyList<double> slow = Enumerable.Range(0, 20).Select(i => 200 + (i % 5)).Select(v => (double)v).ToList();
        IReadOnlyList<double> fast = Enumerable.Range(0, 20).Select(i => 100 + (i % 5)).Select(v => (double)v).ToList();
        Assert.Equal(1, Modality.Worst([slow, fast]));
        Assert.Equal(2, Modality.Of([.. slow, .. fast]));
    }

    [Fact]
    public void TooFewSamples_CountAsOneMode() => Assert.Equal(1, Modality.Of([1, 1, 1, 100, 100]));
}
