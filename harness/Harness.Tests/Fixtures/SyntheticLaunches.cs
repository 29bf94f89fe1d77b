namespace Harness.Tests.Fixtures;

/// <summary>Synthetic measurements for the statistics' known-answer tests: normal noise, and runs of launches whose
/// levels wander around a true level as fresh processes do.</summary>
internal static class SyntheticLaunches
{
    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary><paramref name="launches"/> launches of <paramref name="samples"/> samples: each launch's level is drawn
    /// around <paramref name="level"/> with a relative spread <paramref name="between"/>, its samples around that level with
    /// a relative spread <paramref name="within"/>.</summary>
    public static List<IReadOnlyList<double>> Run(Random random, double level = 100, int launches = 5, int samples = 30, double between = 0.10, double within = 0.01) =>
        Enumerable.Range(0, launches).Select(_ =>
        {
            double launchLevel = level * (1 + between * Normal(random));
            return (IReadOnlyList<double>)Enumerable.Range(0, samples).Select(_ => launchLevel * (1 + within * Normal(random))).ToList();
        }).ToList();
}
