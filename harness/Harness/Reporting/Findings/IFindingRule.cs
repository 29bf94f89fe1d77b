namespace Harness.Reporting.Findings;

/// <summary>
/// One rule of "What this run shows": it reads the run's cells and returns its sentence only when the data support
/// it (every cell it needs measured, intervals that separate where it says one is larger), and null otherwise.
/// </summary>
public interface IFindingRule
{
    Finding? Evaluate(ReportData data);
}
