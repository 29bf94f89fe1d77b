using Pragmastat;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Harness.Measurement;

/// <summary>
/// Least-squares line y = intercept + slope·x with a 95% confidence interval for the slope (Student's t
/// with n-2 degrees of freedom): memory per unit is the slope of memory against N, not one peak over N.
/// </summary>
public sealed record LinearFit(double Slope, double Intercept, double SlopeCiLower, double SlopeCiUpper, double RSquared, int Points)
{
    public static LinearFit Of(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.Count;
        if (n < 2) throw new ArgumentException("a line needs at least two points", nameof(points));
        double meanX = points.Average(p => p.X), meanY = points.Average(p => p.Y);
        double sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        if (sxx == 0) throw new ArgumentException("all points have the same x: the slope is undefined", nameof(points));
        double sxy = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        double syy = points.Sum(p => (p.Y - meanY) * (p.Y - meanY));
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double residual = points.Sum(p => Math.Pow(p.Y - (intercept + slope * p.X), 2));
        double rSquared = syy == 0 ? 1 : 1 - residual / syy;
        if (n == 2) return new LinearFit(slope, intercept, double.NaN, double.NaN, rSquared, n);
        double standardError = Math.Sqrt(residual / (n - 2) / sxx);
        double t = new StudentDistribution(n - 2).Quantile(new Probability(0.975));
        return new LinearFit(slope, intercept, slope - t * standardError, slope + t * standardError, rSquared, n);
    }
}
