using Harness.Reporting;
using Harness.Storage;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Storage;

/// <summary>run.json as written by this version and by the one before it.</summary>
public sealed class RunFilesTests : TempFolder
{
    [Fact]
    public void ReadManifest_OfARunWrittenBeforeFormat2_ReadsItsFlavourAsSize()
    {
        File.WriteAllText(Path.Combine(Folder, RunFiles.ManifestFile), """{ "flavour": "full", "models": ["thread"], "metrics": ["creation"] }""");

        RunManifest? manifest = RunFiles.ReadManifest(Folder);

        Assert.Equal("full", manifest?.Size);
    }

    [Fact]
    public void WrittenManifest_SaysSize_AndNoLongerFlavour()
    {
        using (RunWriter writer = RunWriter.Create(Folder))
            writer.WriteManifest(new RunManifest { Size = "quick", Models = ["task"], Metrics = ["creation"] });

        string json = File.ReadAllText(Path.Combine(Folder, RunFiles.ManifestFile));
        Assert.Contains("\"size\": \"quick\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("flavour", json, StringComparison.Ordinal);
        Assert.Equal("quick", RunFiles.ReadManifest(Folder)?.Size);
    }

    [Fact]
    public void ReadManifest_WithoutASize_IsRefused_NamingTheFile()
    {
        File.WriteAllText(Path.Combine(Folder, RunFiles.ManifestFile), """{ "models": ["thread"], "metrics": ["creation"] }""");

        var refused = Assert.Throws<InvalidDataException>(() => RunFiles.ReadManifest(Folder));

        Assert.Contains("run.json", refused.Message, StringComparison.Ordinal);
        Assert.Contains("no size", refused.Message, StringComparison.Ordinal);
    }
}
