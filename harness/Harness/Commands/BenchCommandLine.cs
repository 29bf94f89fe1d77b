using System.CommandLine;
using System.CommandLine.Help;
using Harness.Running;

namespace Harness.Commands;

// Commands/: the command line. BenchCommandLine builds one System.CommandLine command per *CommandDefinition (table,
// report, compare, publish, help and the hidden scenario), whose options are OptionKinds that parse into the typed
// options records (TableOptions, CompareOptions, ...) and refuse bad values in one line; ParseErrorLine, Suggestion
// and UsageLine turn System.CommandLine's findings into that line, HelpText generates help from the same definitions,
// and FailureBoundary maps what a command throws to ExitCodes. The commands' work is done in Running/ and Child/.

/// <summary>
/// The bench application's commands, built on System.CommandLine: <c>table</c> (the default), <c>report</c>,
/// <c>compare</c>, <c>publish</c>, <c>help</c> and the hidden <c>scenario</c>. Every command keeps the suite's promise
/// on bad input: one line on stderr and exit 2 (<see cref="ParseErrorLine"/>, <see cref="FailureBoundary"/>), never
/// System.CommandLine's several lines of errors and help. Arguments meant for BenchmarkDotNet never come here: the
/// application routes them before (see bench/Program.cs).
/// </summary>
public sealed class BenchCommandLine
{
    /// <summary>No response files (an argument starting with @ is a path, not a file of arguments) and no bundling of
    /// single-letter options (bench has none).</summary>
    private static readonly ParserConfiguration s_parsing = new() { ResponseFileTokenReplacer = null, EnablePosixBundling = false };

    public RootCommand Root { get; }

    public TableCommandDefinition Table { get; }

    /// <param name="progress">The table's progress view for a console, or null for one line per scenario.</param>
    public BenchCommandLine(Func<TextWriter, IRunProgress?>? progress = null)
    {
        Table = new TableCommandDefinition(progress);
        Root = new RootCommand(
            "Threads vs tasks vs green threads, measured in .NET. With no command (or with table options first) bench runs "
            + $"'table': the quick table, {TableCommandDefinition.QuickRunLength}. Options bench does not know (--filter, --list, "
            + "--anyCategories, --allCategories, --job, ...) go to BenchmarkDotNet; see its own help with --list flat.")
        {
            HelpName = "bench",
        };
        Root.Directives.Clear();
        foreach (Command command in (Command[])[Table, new ReportCommandDefinition(), new CompareCommandDefinition(),
                     new PublishCommandDefinition(), new ScenarioCommandDefinition()])
            Root.Add(command);
        Root.Add(new HelpCommandDefinition(Root));
        foreach (HelpOption help in Root.Options.OfType<HelpOption>()) help.Action = new HelpText.Action();
        // --version goes to BenchmarkDotNet (the application routes every other dash option there), so it is not ours to list.
        foreach (VersionOption version in Root.Options.OfType<VersionOption>().ToList()) Root.Options.Remove(version);
    }

    /// <summary>Parses without running anything (tests, and the table's option names).</summary>
    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args, s_parsing);

    /// <summary>Runs the command the arguments name; returns its exit code, bad input already reported on <paramref name="error"/>.</summary>
    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        return FailureBoundary.Run(() => Invoke(args, output, error), error);
    }

    private int Invoke(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        // The child's arguments are its protocol, not options for people: passed on as they are.
        if (args.Count > 0 && args[0] == ScenarioCommandDefinition.CommandName) return ScenarioCommandDefinition.Run(args.Skip(1).ToList(), output);
        ParseResult parsed = Parse(args);
        if (parsed.Action is not HelpText.Action && ParseErrorLine.Of(parsed) is { } line) throw new UsageException(line);
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Exceptions reach FailureBoundary; Ctrl-C and SIGTERM are the table run's to handle.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return parsed.Invoke(invocation);
    }
}
