namespace Harness.Tests.Running;

public sealed class ReproCheckTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "repro-check-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    [Fact]
    public void ARunThatCannotStart_StopsTheCheck_WithItsExitCode_AndNothingIsCompared()
    {
        (int exit, string output) = Scripts.Run("repro-check.sh", null, _out, "10%", "--launches", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--launches must be between 1", output, StringComparison.Ordinal);
        Assert.Contains("the first quick run exited 2; not comparing", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_out, "second")));
    }
}
