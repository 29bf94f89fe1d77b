using System.CommandLine;
using System.CommandLine.Parsing;
using Harness.Running;

namespace Harness.Commands;

/// <summary>
/// <c>compare BASE_DIR DIFF_DIR</c> or <c>compare --previous DIFF_DIR</c>, with <c>--threshold</c> and
/// <c>--allow-partial</c> and <c>--record</c>: parsed into <see cref="CompareOptions"/> for <see cref="CompareCommand"/>.
/// </summary>
public sealed class CompareCommandDefinition : Command
{
    private readonly Argument<string[]> _runs = new("RUN_DIRS")
    {
        Description = "BASE_DIR DIFF_DIR; with --previous only DIFF_DIR, a published run",
        Arity = new ArgumentArity(1, 2),
        HelpName = "BASE_DIR DIFF_DIR",
    };

    private readonly Option<double> _threshold = OptionKinds.Percentage("--threshold",
        "How far the ratio must be shown to lie from 1 to count as slower or faster, as 10% or 10 (percent)", 5);

    private readonly Option<bool> _record = OptionKinds.Flag("--record",
        "DIFF_DIR is a rerun of BASE_DIR (same commit and size, else refused): write the verdict counts, how many of BASE_DIR's "
        + "intervals hold DIFF_DIR's medians and the per-metric ratios to BASE_DIR/rerun.json, which its report then shows");

    private readonly Option<bool> _previous = OptionKinds.Flag("--previous",
        "Compare DIFF_DIR with the newest earlier run published beside it of the same machine class and run size");

    private readonly Option<bool> _allowPartial = OptionKinds.Flag("--allow-partial",
        "Compare incomplete or test-sized runs too, listing every scenario only one run has");

    public CompareCommandDefinition()
        : base(CompareCommand.Command, "Judges every cost both runs measured. Times of runs with several launches: each launch gives "
            + "its median, and a Welch interval (90%) on the ratio of the geometric means of the two runs' launch medians says "
            + "same (not shown to differ by more than the threshold), slower (the whole interval above 1 + threshold) or faster "
            + "(below 1 - threshold); "
            + "runs of one launch by a Mann-Whitney equivalence test on the raw samples; memory by its slope over N. "
            + "Exit code 1 when something got slower or failed only in DIFF_DIR.")
    {
        Add(_runs);
        Add(_threshold);
        Add(_previous);
        Add(_allowPartial);
        Add(_record);
        Validators.Add(Validate);
        SetAction(result => CompareCommand.Run(OptionsOf(result), result.InvocationConfiguration.Output));
    }

    private CompareOptions OptionsOf(ParseResult result)
    {
        string[] runs = result.GetRequiredValue(_runs);
        return new CompareOptions(runs[^1], result.GetValue(_previous) ? null : runs[0])
        {
            ThresholdPercent = result.GetValue(_threshold),
            AllowPartial = result.GetValue(_allowPartial),
            Record = result.GetValue(_record),
        };
    }

    /// <summary>Two folders, or one with --previous; none of them empty.</summary>
    private void Validate(CommandResult command)
    {
        if (command.GetResult(_runs) is not { } given || given.Errors.Any()) return;
        IReadOnlyList<string> runs = given.Tokens.Select(t => t.Value).ToList();
        bool previous = command.GetResult(_previous) is { Implicit: false };
        if (runs.FirstOrDefault(string.IsNullOrWhiteSpace) is { } blank)
            command.AddError($"a run folder path is empty ('{blank}'); usage: {UsageLine.Of(this)}");
        else if (previous && runs.Count != 1)
            command.AddError($"--previous takes one folder, the published run to compare with its predecessor; usage: {UsageLine.Of(this)}");
        else if (!previous && runs.Count != 2)
            command.AddError($"give BASE_DIR and DIFF_DIR, or --previous DIFF_DIR; usage: {UsageLine.Of(this)}");
    }
}
