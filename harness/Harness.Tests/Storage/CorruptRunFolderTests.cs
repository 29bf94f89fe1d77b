using System.Diagnostics;
using Harness.Reporting;
using Harness.Scenarios;
using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Storage;

/// <summary>
/// Every reader of a run's files (report, compare, publish: results.csv, samples.csv or a published run's
/// samples.csv.gz, run.json, env.json) fed a generated set of corrupt inputs: wrong types, nulls, duplicates, NaN and
/// infinities, special files, empty and huge files, broken and inflating gzip. Each must end in exit 2 with one line on stderr: never an internal error (3), never a hang.
/// </summary>
public sealed class CorruptRunFolderTests : TempFolder
{
    /// <summary>A valid, complete run of two ping-pong scenarios.</summary>
    private string ValidRun(string name) => RunFolders.WriteFinished(Path.Combine(Folder, name), new[] { false, true }.Select(pinned =>
        new ScenarioOutcome(Specs.PingPong(pinned: pinned, samples: 12),
            [new Series(Quantities.Switch, "ns", Enumerable.Range(0, 12).Select(i => 100.0 + i).ToList())], "0,1", 2)));

    /// <summary>How to spoil one file of a run.</summary>
    public static TheoryData<string, string> Corruptions()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in new[] { RunFiles.ResultsFile, RunFiles.SamplesFile })
        {
            foreach (string how in new[] { "appended-to-itself", "empty", "header-only", "fifo", "dev-zero", "huge", "wrong-type", "infinity", "truncated-row" })
                data.Add(file, how);
        }
        data.Add(RunFiles.SamplesFile, "nan-sample"); // a sample is a measurement; results may say NaN for "not measured"
        foreach (string how in new[] { "empty", "fifo", "not-gzip", "cut-short", "gzip-bomb", "gzipped-wrong-type", "gzipped-appended-to-itself" })
            data.Add(RunFiles.CompressedSamplesFile, how);
        foreach (string file in new[] { RunFiles.ManifestFile, RunFiles.EnvironmentFile })
        {
            foreach (string how in new[] { "json-null", "json-wrong-types", "json-null-fields", "json-array", "empty", "fifo", "dev-zero", "huge", "not-json" })
                data.Add(file, how);
        }
        return data;
    }

    private static void Spoil(string path, string how)
    {
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            SpoilCompressed(path, how);
            return;
        }
        string text = File.Exists(path) ? File.ReadAllText(path) : "";
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // results.csv opens with its format's version line (ResultsFormat): kept above whatever the spoiled rows are.
        string version = lines.Length > 0 && lines[0].StartsWith('#') ? lines[0] + "\n" : "";
        if (version.Length > 0) lines = lines[1..];
        File.Delete(path);
        switch (how)
        {
            case "appended-to-itself": File.WriteAllText(path, text + string.Join('\n', lines.Skip(1)) + "\n"); break;
            case "empty": File.WriteAllText(path, ""); break;
            case "header-only": File.WriteAllText(path, version + lines[0] + "\n"); break;
            case "fifo": using (Process p = Process.Start("mkfifo", path)) p.WaitForExit(); break;
            case "dev-zero": File.CreateSymbolicLink(path, "/dev/zero"); break;
            case "huge": using (var f = new FileStream(path, FileMode.CreateNew)) f.SetLength(SafeFileCap(path) + 1); break; // sparse
            case "wrong-type": File.WriteAllText(path, version + lines[0] + "\n" + string.Join('\n', lines.Skip(1).Select(l => l.Replace(",ns", ",ns").Replace(",0,", ",zero,"))) + "\n"); break;
            case "infinity": File.WriteAllText(path, version + ReplaceValue(lines, "Infinity")); break;
            case "nan-sample": File.WriteAllText(path, version + ReplaceValue(lines, "NaN")); break;
            case "truncated-row": File.WriteAllText(path, text[..(text.Length - 12)]); break;
            case "json-null": File.WriteAllText(path, "null"); break;
            case "json-array": File.WriteAllText(path, "[1, 2]"); break;
            case "json-wrong-types": File.WriteAllText(path, text.Replace("\"quick\"", "3").Replace("\"complete\": true", "\"complete\": \"yes\"").Replace("\"logical_cores\": ", "\"logical_cores\": \"many\", \"x\": ")); break;
            case "json-null-fields": File.WriteAllText(path, text.Replace("\"quick\"", "null").Replace("[\n    \"task\"\n  ]", "null").Replace("\"cpu_model\": \"", "\"cpu_model\": null, \"y\": \"")); break;
            case "not-json": File.WriteAllText(path, "{ \"size\": "); break;
            default: throw new ArgumentException(how);
        }
    }

    /// <summary>Spoils a published run's samples.csv.gz, made from its samples.csv (which is then removed).</summary>
    private static void SpoilCompressed(string path, string how)
    {
        string plain = path[..^".gz".Length];
        if (how.StartsWith("gzipped-", StringComparison.Ordinal)) Spoil(plain, how["gzipped-".Length..]);
        GzipFile.Compress(plain, path, SafeFile.MaxCsvBytes);
        File.Delete(plain);
        byte[] bytes = File.ReadAllBytes(path);
        switch (how)
        {
            case "empty" or "fifo": Spoil(plain, how); File.Delete(path); File.Move(plain, path); break;
            case "not-gzip": File.WriteAllText(path, "metric,model\n"); break;
            case "cut-short": File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]); break;
            case "gzip-bomb": File.WriteAllBytes(path, s_bomb.Value); break;
            case "gzipped-wrong-type" or "gzipped-appended-to-itself": break;
            default: throw new ArgumentException(how);
        }
    }

    /// <summary>A gzip file of a megabyte more than the CSV cap, all newlines: about half a megabyte. Its trailer tells
    /// its size, so it is refused before it inflates (GzipFileTests has the bomb whose trailer lies, which only counting
    /// while inflating refuses: inflating half a gigabyte in every reader here would take a minute).</summary>
    private static readonly Lazy<byte[]> s_bomb = new(() =>
    {
        var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            byte[] newlines = new byte[1 << 20];
            Array.Fill(newlines, (byte)'\n');
            for (long written = 0; written <= SafeFile.MaxCsvBytes; written += newlines.Length) gzip.Write(newlines);
        }
        return buffer.ToArray();
    });

    private static long SafeFileCap(string path) => path.EndsWith(".csv", StringComparison.Ordinal) ? Harness.Storage.SafeFile.MaxCsvBytes : Harness.Storage.SafeFile.MaxJsonBytes;

    /// <summary>The first data row's value column (the 12th in samples.csv, the 14th in results.csv) set to a word.</summary>
    private static string ReplaceValue(string[] lines, string word)
    {
        string[] header = lines[0].Split(',');
        int column = Array.IndexOf(header, "value");
        string[] first = lines[1].Split(',');
        first[column] = word;
        return string.Join('\n', new[] { lines[0], string.Join(',', first) }.Concat(lines.Skip(2))) + "\n";
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void EveryReader_RefusesACorruptFile_WithOneLineAndExit2(string file, string how)
    {
        string good = ValidRun("good");
        string bad = ValidRun("bad");
        Spoil(Path.Combine(bad, file), how);
        string results = Path.Combine(Folder, "results");

        // The commands that read this file (report renders from results.csv, run.json and env.json; compare reads the
        // CSVs and run.json; publish checks all four).
        var readers = new List<string[]> { new[] { "publish", bad, "--results", results } };
        if (file is not (RunFiles.SamplesFile or RunFiles.CompressedSamplesFile)) readers.Add(["report", bad]);
        if (file != RunFiles.EnvironmentFile)
        {
            readers.Add(["compare", good, bad, "--allow-partial"]);
            readers.Add(["compare", bad, good, "--allow-partial"]);
        }
        foreach (string[] command in readers)
        {
            var clock = Stopwatch.StartNew();
            InProcessCommands.Result result = InProcessCommands.Run(command);
            string what = $"{command[0]} with {file} {how}: exit {result.ExitCode}, stderr: {result.Stderr}";
            Assert.True(result.ExitCode == 2, what);
            Assert.Single(result.StderrLines);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), what + " (took too long: a hang guard)");
        }
        Assert.False(Directory.Exists(results) && Directory.EnumerateDirectories(results).Any(), "a corrupt run was published");
    }
}
