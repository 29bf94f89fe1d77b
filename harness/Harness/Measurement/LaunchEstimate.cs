namespace Harness.Measurement;

/// <summary>
/// A quantity measured in several fresh processes (launches): its median with a 95% interval that includes the
/// launch-to-launch spread (<see cref="HierarchicalBootstrap"/>), and the two spreads beside it, so a reader sees
/// whether a rerun or the noise inside one process dominates.
/// </summary>
/// <param name="Median">The median of all samples, every launch weighted alike.</param>
/// <param name="WithinSpread">Relative spread inside a launch: the median over launches of each launch's
/// interquartile range divided by its median.</param>
/// <param name="BetweenSpread">Relative spread between launches: the standard deviation of the launch medians divided
/// by their mean (NaN with one launch).</param>
public sealed record LaunchEstimate(
    double Median, double CiLower, double CiUpper, double WithinSpread, double BetweenSpread, int Launches, int Samples);
