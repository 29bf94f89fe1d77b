namespace Green.Tests;

/// <summary>
/// Tests that count the process's open descriptors (/proc/self/fd) to prove nothing leaked. xunit runs other test
/// classes in parallel, and their runtimes, pipes and epoll instances open and close descriptors at the same time, so
/// these tests run in a collection of their own that runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DescriptorCounting
{
    public const string Name = "descriptor counting";
}
