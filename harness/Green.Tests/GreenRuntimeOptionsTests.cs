namespace Green.Tests;

/// <summary>Options are checked before a runtime starts.</summary>
public sealed class GreenRuntimeOptionsTests
{

    [Fact]
    public void Options_AreValidated()
    {
        Assert.Throws<ArgumentException>(() => new GreenRuntime(new GreenRuntimeOptions { LocalQueueCapacity = 6 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GreenRuntime(new GreenRuntimeOptions { WorkerCount = 0 }));
    }
}
