namespace Harness.Child;

/// <summary>
/// The exit codes of a scenario child, .NET or peer (peers/PROTOCOL.md, sections 1 and 3): the parent reads them to
/// say why a child gave no result, so every child gives each one the same meaning.
/// </summary>
public static class ChildExitCodes
{
    /// <summary>The child was given a spec it cannot run (bad input): it printed <c>BENCH-FAILURE bad spec: ...</c>.</summary>
    public const int BadSpec = 2;

    /// <summary>The child's scenario threw: it printed a <see cref="ChildProtocol.FailurePrefix"/> line.</summary>
    public const int ScenarioFailed = 3;

    /// <summary>The child's parent went away (<see cref="ParentWatchdog"/>): nobody was left to read a result.</summary>
    public const int ParentGone = 125;
}
