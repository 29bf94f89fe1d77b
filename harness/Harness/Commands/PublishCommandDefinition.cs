using System.CommandLine;
using System.CommandLine.Parsing;
using Harness.Running;

namespace Harness.Commands;

/// <summary>
/// <c>publish RUN_DIR [--results DIR]</c>, <c>publish --reindex [--results DIR]</c> or <c>publish --upgrade DIR</c>: parsed into
/// <see cref="PublishOptions"/> for <see cref="PublishCommand"/>.
/// </summary>
public sealed class PublishCommandDefinition : Command
{
    private readonly Argument<string?> _run = new("RUN_DIR")
    {
        Description = "A complete run of real sizes (not interrupted, not test-sized)",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = result => OptionKinds.NonBlankPath(result, "RUN_DIR"),
    };

    private readonly Option<string?> _results = OptionKinds.Folder("--results", "The published results folder [default: the repository's results/]");

    private readonly Option<string?> _bdn = OptionKinds.Folder("--bdn",
        "A BenchmarkDotNet results folder (BenchmarkDotNet.Artifacts/results) whose GitHub markdown and full JSON reports are published with the run [default: RUN_DIR/bdn, if there]");

    private readonly Option<bool> _reindex = OptionKinds.Flag("--reindex", "Rebuild the results folder's README.md alone (e.g. after withdrawing a run)");

    private readonly Option<string?> _upgrade = OptionKinds.Folder("--upgrade",
        "A published run's folder to convert in place to the current file formats (results.csv, series.csv.gz); re-render its report with `report` after");

    public PublishCommandDefinition()
        : base(PublishCommand.Command, "Copies a finished run into results/<date>_<machine class>/ (never over an existing folder) and "
            + "rebuilds results/README.md; prints the published folder.")
    {
        Add(_run);
        Add(_results);
        Add(_bdn);
        Add(_reindex);
        Add(_upgrade);
        Validators.Add(Validate);
        SetAction(result => PublishCommand.Run(
            new PublishOptions(result.GetValue(_reindex) ? null : result.GetValue(_run), result.GetValue(_results) ?? PublishCommand.DefaultResultsDirectory)
            {
                BenchmarkDotNetResults = result.GetValue(_bdn),
                Upgrade = result.GetValue(_upgrade),
            },
            result.InvocationConfiguration.Output));
    }

    /// <summary>A run folder, --reindex or --upgrade: one of the three.</summary>
    private void Validate(CommandResult command)
    {
        bool run = command.GetResult(_run) is { Tokens.Count: > 0 };
        bool reindex = command.GetResult(_reindex) is { Implicit: false };
        bool upgrade = command.GetResult(_upgrade) is { Implicit: false };
        int given = (run ? 1 : 0) + (reindex ? 1 : 0) + (upgrade ? 1 : 0);
        if (given != 1)
            command.AddError($"{(given > 1 ? "give one of RUN_DIR, --reindex and --upgrade DIR, not several" : "give RUN_DIR, --reindex or --upgrade DIR")}; usage: {UsageLine.Of(this)}");
        else if (!run && command.GetResult(_bdn) is { Implicit: false })
            command.AddError($"--bdn goes with a RUN_DIR to publish, not with {(reindex ? "--reindex" : "--upgrade")}; usage: {UsageLine.Of(this)}");
        else if (upgrade && command.GetResult(_results) is { Implicit: false })
            command.AddError($"--results goes with a RUN_DIR or --reindex, not with --upgrade (which names the folder itself); usage: {UsageLine.Of(this)}");
    }
}
