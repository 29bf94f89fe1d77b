using System.CommandLine;
using Harness.Child;
using Harness.Running;

namespace Harness.Commands;

/// <summary>
/// The hidden <c>scenario</c> command a table run starts in each child process. Its arguments are the child
/// protocol's, passed on unchanged to <see cref="ScenarioChild"/>; it is not for people, so help leaves it out and
/// started by hand (without <see cref="ChildCommand.StartedByParentVariable"/>) it refuses in one line.
/// </summary>
public sealed class ScenarioCommandDefinition : Command
{
    public const string CommandName = ScenarioChild.Command;

    public ScenarioCommandDefinition()
        : base(CommandName, "Runs one scenario in a child process of a table run (internal).")
    {
        Hidden = true;
        TreatUnmatchedTokensAsErrors = false;
    }

    /// <summary>Runs the child with its raw arguments (the command line parser never sees them).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout)
    {
        if (Environment.GetEnvironmentVariable(ChildCommand.StartedByParentVariable) != "1")
            throw new UsageException($"{CommandName}: this command is started by 'table' for each scenario, not by hand; "
                + "run one scenario with 'table --models MODEL --metrics METRIC --shapes SHAPE'");
        return ScenarioChild.Main(args, stdout);
    }
}
