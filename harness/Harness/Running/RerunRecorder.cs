using Harness.Measurement;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Storage;

namespace Harness.Running;

/// <summary>
/// <c>compare BASE OTHER --record</c>: checks that OTHER is a rerun of BASE (same commit, same size) before anything
/// is compared, and afterwards writes what the comparison found into BASE's rerun.json (<see cref="RerunRecord"/>).
/// A comparison across commits or sizes measures a change, not reproducibility, so it is refused rather than recorded.
/// </summary>
public static class RerunRecorder
{
    /// <summary>The identity of a run a record needs: its commit, size, start and machine.</summary>
    private sealed record Identity(string Commit, string Size, DateTimeOffset Date, string Machine);

    /// <summary>Refuses (one line) unless both runs name one commit and one size, and are two runs: not one folder, nor a
    /// copy of it (the same start on the same machine).</summary>
    public static void RequireRerun(string command, string baseDirectory, string otherDirectory)
    {
        if (Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseDirectory)) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(otherDirectory)))
            throw new UsageException($"{command} --record: '{otherDirectory}' is the base run itself, not a rerun of it");
        Identity before = IdentityOf(command, baseDirectory), after = IdentityOf(command, otherDirectory);
        if (before.Commit != after.Commit)
            throw new UsageException($"{command} --record: '{otherDirectory}' is commit {Short(after.Commit)}, '{baseDirectory}' is "
                + $"{Short(before.Commit)}; a rerun must be of the same commit");
        if (before == after)
            throw new UsageException($"{command} --record: '{otherDirectory}' started when and where '{baseDirectory}' did: "
                + "a copy of the base run, not a rerun of it");
        if (before.Size != after.Size)
            throw new UsageException($"{command} --record: '{otherDirectory}' is a {after.Size} run, '{baseDirectory}' a {before.Size} run; "
                + "a rerun must be of the same size");
    }

    /// <summary>Writes BASE/rerun.json from the comparison's verdicts, coverage and per-metric ratios; returns its path.</summary>
    public static string Write(string command, string baseDirectory, string otherDirectory, double thresholdPercent,
        IReadOnlyList<string> verdicts, (int Inside, int Checked) coverage, IReadOnlyList<(string Metric, double Ratio)> ratios)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(ratios);
        Identity other = IdentityOf(command, otherDirectory);
        int Count(params string[] kinds) => verdicts.Count(v => kinds.Contains(v.Trim('*')));
        var record = new RerunRecord
        {
            Run = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(otherDirectory))),
            Commit = other.Commit,
            Size = other.Size,
            Date = other.Date,
            Machine = other.Machine,
            ThresholdPercent = thresholdPercent,
            Same = Count("same"),
            Faster = Count("faster", "smaller"),
            Slower = Count("slower", "larger"),
            Judged = verdicts.Count,
            Inside = coverage.Inside,
            Covered = coverage.Checked,
            Metrics = RerunRecord.ShiftsOf(ratios, MetricIds.All),
            All = RerunRecord.ShiftOfAll(ratios),
        };
        try
        {
            RunFiles.WriteRerun(baseDirectory, record);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{command}: cannot write {Path.Combine(baseDirectory, RunFiles.RerunFile)}: {e.Message}");
        }
        return Path.Combine(baseDirectory, RunFiles.RerunFile);
    }

    private static Identity IdentityOf(string command, string directory)
    {
        RunManifest? manifest;
        EnvironmentInfo? environment;
        try
        {
            manifest = RunFiles.ReadManifest(directory);
            environment = RunFiles.ReadEnvironment(directory);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"{command}: {e.Message}");
        }
        if (manifest is null || environment is null)
            throw new UsageException($"{command} --record: '{directory}' has no {(manifest is null ? RunFiles.ManifestFile : RunFiles.EnvironmentFile)}, "
                + "so nothing says which commit and size it ran");
        if (environment.GitCommit is not { Length: > 0 } commit)
            throw new UsageException($"{command} --record: '{directory}' does not name its commit ({RunFiles.EnvironmentFile} has no git_commit)");
        string machine = $"{environment.CpuModel}, {environment.LogicalCores} logical cores{(environment.Virtualized ? " (virtual machine)" : "")}, "
            + environment.MachineName;
        return new Identity(commit, manifest.Size, manifest.StartedAt == default ? environment.CapturedAt : manifest.StartedAt, machine);
    }

    private static string Short(string commit) => commit.Length > 7 ? commit[..7] : commit;
}
