namespace Harness.Running;

/// <summary>What <c>report</c> is asked to do: regenerate the report of the run in <see cref="Directory"/>.</summary>
public sealed record ReportOptions(string Directory);
