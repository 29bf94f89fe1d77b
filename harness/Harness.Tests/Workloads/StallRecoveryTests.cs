using Harness.Workloads;

namespace Harness.Tests.Workloads;

public sealed class StallRecoveryTests
{
    private static List<StallWorkload.Observation> Phase(Func<double, double> latenessAtMs, int ms = 500) =>
        Enumerable.Range(0, ms).Select(t => new StallWorkload.Observation(t * 1e6, latenessAtMs(t))).ToList();

    [Fact]
    public void NeverLate_RecoversAtOnce() =>
        Assert.Equal(0, StallWorkload.RecoveryNs(Phase(_ => 50_000), thresholdNs: 1e6));

    [Fact]
    public void LateUntilThreadsAreInjected_RecoversAtTheFirstGoodBucket() =>
        Assert.Equal(200e6, StallWorkload.RecoveryNs(Phase(t => t < 180 ? 5e6 : 10_000), thresholdNs: 1e6));

    [Fact]
    public void LateToTheEnd_DoesNotRecover() =>
        Assert.Null(StallWorkload.RecoveryNs(Phase(t => t > 300 ? 5e6 : 10_000), thresholdNs: 1e6));

    [Fact]
    public void OneStrayLateWakeUp_IsNotAStall() =>
        Assert.Equal(0, StallWorkload.RecoveryNs(Phase(t => t == 420 ? 50e6 : 10_000), thresholdNs: 1e6));

    [Fact]
    public void OnlyTheLastBucketsQuiet_IsNotARecovery() =>
        Assert.Null(StallWorkload.RecoveryNs(Phase(t => t < 400 ? 5e6 : 10_000), thresholdNs: 1e6)); // 2 good buckets of 10

    [Fact]
    public void EnoughQuietBucketsAtTheEnd_IsARecovery() =>
        Assert.Equal(300e6, StallWorkload.RecoveryNs(Phase(t => t < 300 ? 5e6 : 10_000), thresholdNs: 1e6)); // 4 good buckets

    [Fact]
    public void SteadyHalfHoldLateness_NeverReadsAsRecovery()
    {
        // A cooperative worker held 1 ms at a time: probes wait about half a hold, with the jitter of a real run.
        var random = new Random(3);
        double threshold = StallWorkload.RecoveryThresholdNs(baselineP99Ns: 20_000);

        Assert.Null(StallWorkload.RecoveryNs(Phase(_ => 350_000 + (random.NextDouble() * 300_000), ms: 3000), threshold));
        Assert.Equal(0, StallWorkload.RecoveryNs(Phase(_ => 15_000 + (random.NextDouble() * 10_000), ms: 3000), threshold));
    }
}
