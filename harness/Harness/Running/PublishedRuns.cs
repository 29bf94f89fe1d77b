using Harness.Measurement;
using Harness.Reporting;
using Harness.Storage;

namespace Harness.Running;

/// <summary>
/// The runs published side by side in a results/ folder, told apart by what their files say (env.json's machine and
/// capture time, run.json's size), never by their folder names.
/// </summary>
public static class PublishedRuns
{
    /// <summary>The newest earlier run of the same machine class and size, or a null directory when there is none.</summary>
    public sealed record Previous(string? Directory, string MachineClass, string? Size);

    /// <summary>
    /// The newest run published beside <paramref name="published"/> (in its parent folder) that was captured before it
    /// on a machine of the same class with the same run size. Folders whose files cannot be read are passed over: they
    /// cannot be compared with anyway.
    /// </summary>
    public static Previous FindPrevious(string published)
    {
        string run = Path.TrimEndingDirectorySeparator(Path.GetFullPath(published));
        EnvironmentInfo environment = TryRead(() => RunFiles.ReadEnvironment(run))
            ?? throw new UsageException($"{CompareCommand.Command}: '{run}' has no readable {RunFiles.EnvironmentFile}: its machine class is unknown");
        string machineClass = PublishCommand.MachineClass(environment);
        string? size = TryRead(() => RunFiles.ReadManifest(run))?.Size;
        string results = Path.GetDirectoryName(run) ?? run;
        string? newest = null;
        DateTimeOffset newestAt = DateTimeOffset.MinValue;
        foreach (string candidate in Directory.EnumerateDirectories(results))
        {
            if (candidate == run || !RunFiles.HasSamples(candidate)) continue;
            if (TryRead(() => RunFiles.ReadEnvironment(candidate)) is not { } other) continue;
            if (PublishCommand.MachineClass(other) != machineClass || other.CapturedAt >= environment.CapturedAt) continue;
            if (TryRead(() => RunFiles.ReadManifest(candidate))?.Size != size || other.CapturedAt <= newestAt) continue;
            newest = candidate;
            newestAt = other.CapturedAt;
        }
        return new Previous(newest, machineClass, size);
    }

    /// <summary>What <paramref name="read"/> reads of a published run, or null where its file is unreadable: such a run is
    /// passed over, not an error.</summary>
    public static T? TryRead<T>(Func<T?> read) where T : class
    {
        try
        {
            return read();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
