using CsvHelper;

namespace Harness.Storage;

/// <summary>
/// Which version of results.csv a file is, told from its first line, so that no reader misreads an older or a newer
/// file as its own:
/// <list type="number">
/// <item>format 1: no version line, a <c>variant</c> column folding the identity into one string (converted by
/// <see cref="Legacy.LegacyResults"/>);</item>
/// <item>format 2: no version line, typed identity columns, estimators in words, "NaN" for what was not measured;</item>
/// <item>format 3: the line <c># results format 3</c> above the header, estimators as short ids
/// (<see cref="Reporting.Statistics.EstimatorDescriptions"/>), an empty field for what was not measured.</item>
/// </list>
/// A file of a newer version than <see cref="Current"/> is refused in one line naming its version.
/// </summary>
public static class ResultsFormat
{
    /// <summary>The version this harness writes.</summary>
    public const int Current = 3;

    /// <summary>Starts the comment lines of results.csv (only the version line, so far).</summary>
    public const char CommentPrefix = '#';

    /// <summary>The text of the version line, after <see cref="CommentPrefix"/>.</summary>
    public const string VersionText = " results format ";

    /// <summary>Writes the version line of <see cref="Current"/>; before the header.</summary>
    public static void WriteVersion(CsvWriter writer) => writer.WriteComment(VersionText + Current.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The version of the results.csv at <paramref name="path"/> (1, 2 or 3); an <see cref="InvalidDataException"/>
    /// naming the file for a version line this harness cannot read.</summary>
    public static int Of(string path)
    {
        using var reader = new StreamReader(SafeFile.OpenRead(path, SafeFile.MaxCsvBytes));
        string first = reader.ReadLine() ?? "";
        if (first.StartsWith("metric,model,variant,", StringComparison.Ordinal)) return 1;
        if (first.Length == 0 || first[0] != CommentPrefix) return 2;
        string prefix = CommentPrefix + VersionText;
        if (!first.StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(first.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int version)
            || version < Current)
            throw new InvalidDataException($"{path}:1: '{first}' is not a results format line (expected '{prefix}{Current}')");
        return version == Current ? version
            : throw new InvalidDataException($"{path}:1: results format {version} is newer than this harness reads (formats 1 to {Current}); use a newer harness");
    }
}
