using Harness.Reporting;
using Harness.Storage;

namespace Harness.Tests.Storage;

/// <summary>A published run's series rows give back every sample exactly: launch, index, unit and the same double.</summary>
public sealed class SampleSeriesTests
{
    private static readonly ResultIdentity s_lateness = new()
    {
        Metric = "stall", Model = "task", Shape = "stall", Pinning = "unpinned", Quantity = "lateness", Block = "sleep", HoldMicroseconds = 1_000, Offenders = 2,
    };

    private static readonly ResultIdentity s_creation = new() { Metric = "creation", Model = "thread", Shape = "spawn-join", Pinning = "unpinned", Quantity = "total" };

    private static List<SampleRow> Series(ResultIdentity identity, int launch, IEnumerable<double> values, string unit = "ns") =>
        values.Select((v, i) => new SampleRow(identity) { Launch = launch, Index = i, Value = v, Unit = unit }).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void PackThenUnpack_GivesBackEverySample_WholeAndFractional(int seed)
    {
        var random = new Random(seed);
        var samples = new List<SampleRow>();
        for (int launch = 0; launch < 3; launch++)
        {
            // Whole numbers (sorted order statistics, then in time order, with negatives and huge ones) and fractions.
            samples.AddRange(Series(s_lateness, launch, Enumerable.Range(0, 200).Select(_ => (double)random.Next(-5_000, 5_000_000)).Order()));
            samples.AddRange(Series(s_lateness with { Quantity = "hold" }, launch,
                Enumerable.Range(0, 1 + random.Next(300)).Select(_ => (double)random.NextInt64(-(1L << 53), 1L << 53))));
            samples.AddRange(Series(s_creation, launch, Enumerable.Range(0, 30).Select(_ => random.NextDouble() * 1e6)));
        }
        samples.AddRange(Series(s_creation with { Quantity = "spawn" }, 0, [0.0, -0.0, 1e300, -1.5e-300, 3.0]));

        IReadOnlyList<SeriesRow> rows = SampleSeries.Pack(samples.OrderBy(_ => random.Next()).ToList());

        Assert.Equal(10, rows.Count);
        Assert.Contains(rows, r => r.Coding == SampleSeries.Delta);
        Assert.Contains(rows, r => r.Coding == SampleSeries.Plain);
        List<SampleRow> unpacked = rows.SelectMany(SampleSeries.Unpack).ToList();
        Assert.Equal(samples.Count, unpacked.Count);
        var expected = samples.ToDictionary(s => (s.Key, s.Launch, s.Index));
        foreach (SampleRow sample in unpacked)
        {
            SampleRow original = expected[(sample.Key, sample.Launch, sample.Index)];
            Assert.Equal(original, sample);
            Assert.Equal(BitConverter.DoubleToInt64Bits(original.Value), BitConverter.DoubleToInt64Bits(sample.Value)); // -0 stays -0
        }
    }

    [Fact]
    public void ASeriesWithAGapOrARepeatedIndex_IsRefused()
    {
        List<SampleRow> gap = Series(s_creation, 0, [1.0, 2.0, 3.0]);
        gap[2] = gap[2] with { Index = 5 };
        List<SampleRow> repeat = Series(s_creation, 0, [1.0, 2.0]);
        repeat[1] = repeat[1] with { Index = 0 };

        Assert.Throws<InvalidDataException>(() => SampleSeries.Pack(gap));
        Assert.Throws<InvalidDataException>(() => SampleSeries.Pack(repeat));
    }

    [Theory]
    [InlineData("delta", "5 x 3")]
    [InlineData("delta", "1.5 2")]
    [InlineData("delta", "9223372036854775807 1")]
    [InlineData("plain", "1 NaN")]
    [InlineData("plain", "")]
    [InlineData("zip", "1 2")]
    public void ARowNoPackWrites_HasAProblem_AndUnpackRefusesIt(string coding, string values)
    {
        var row = new SeriesRow(s_creation) { Unit = "ns", Coding = coding, Values = values };

        Assert.NotNull(SampleSeries.ProblemOf(row));
        if (coding != "plain" || values.Length == 0) Assert.Throws<InvalidDataException>(() => SampleSeries.Unpack(row));
    }
}
