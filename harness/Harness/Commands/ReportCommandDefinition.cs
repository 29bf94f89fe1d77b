using System.CommandLine;
using Harness.Running;

namespace Harness.Commands;

/// <summary><c>report DIR</c>: regenerates a run's report.md from its files (<see cref="ReportCommand"/>).</summary>
public sealed class ReportCommandDefinition : Command
{
    private readonly Argument<string> _directory = new("DIR")
    {
        Description = "A folder written by the table command",
        CustomParser = result => OptionKinds.NonBlankPath(result, "DIR") ?? "",
    };

    public ReportCommandDefinition()
        : base(ReportCommand.Command, "Regenerates DIR/report.md, with the details/ pages and charts/ it links, from DIR's result "
            + "files (after an interrupted run, or a better report format) and prints the headline table.")
    {
        Add(_directory);
        SetAction(result => ReportCommand.Run(new ReportOptions(result.GetRequiredValue(_directory)), result.InvocationConfiguration.Output));
    }
}
