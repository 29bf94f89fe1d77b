using Harness.Tests.Fixtures;

namespace Harness.Tests.Scripts;

/// <summary>scripts/repro-check.sh: two quick runs compared, and a first run that fails stops it.</summary>
public sealed class ReproCheckTests : TempFolder
{
    private string Out => Path.Combine(Folder, "repro");

    [Fact]
    public void ARunThatCannotStart_StopsTheCheck_WithItsExitCode_AndNothingIsCompared()
    {
        (int exit, string output) = ShellScripts.Run("repro-check.sh", null, Out, "10%", "--launches", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--launches must be between 1", output, StringComparison.Ordinal);
        Assert.Contains("the first quick run exited 2; not comparing", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Out, "second")));
    }
}
