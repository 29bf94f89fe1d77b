using System.CommandLine;
using System.CommandLine.Help;
using Harness.Commands;
using Harness.Tests.Fixtures;

namespace Harness.Tests.Commands;

/// <summary>
/// Every command fed bad arguments generated from its own definition (so a new option is covered without a new test):
/// each option given twice, without its value, with an empty or blank value, with huge numbers where it takes
/// one; unknown options and commands, empty and extra plain arguments. Each must end in exit 2 and one line on stderr,
/// never an internal error (3) and never a run.
/// </summary>
public sealed class GeneratedBadArgumentsTests
{
    private static readonly RootCommand s_root = new BenchCommandLine().Root;

    /// <summary>Plain arguments that make a command otherwise complete, so only the generated fault is wrong.</summary>
    private static readonly Dictionary<string, string[]> s_validPositionals = new()
    {
        ["table"] = [],
        ["report"] = ["/nonexistent-run"],
        ["compare"] = ["/nonexistent-a", "/nonexistent-b"],
        ["publish"] = ["/nonexistent-run"],
        ["help"] = [],
    };

    /// <summary>Numbers no option of bench accepts.</summary>
    private static readonly string[] s_hugeNumbers =
        ["99999999999999999999999999999", "-99999999999999999999", "2147483648", "-2147483649", "1e400", "1e400%", "NaN", "Infinity%", "0x7fffffff"];

    public static TheoryData<string[]> BadArguments()
    {
        var data = new TheoryData<string[]>();
        // Each case once: two generators can make the same arguments (help with an empty positional, say).
        foreach (string[] args in Cases().DistinctBy(args => string.Join('\0', args), StringComparer.Ordinal)) data.Add(args);
        return data;
    }

    private static List<string[]> Cases()
    {
        var cases = new List<string[]>();
        foreach (Command command in s_root.Subcommands.Where(c => !c.Hidden))
        {
            string name = command.Name;
            string[] positionals = s_validPositionals[name];
            var options = command.Options.Where(o => o is not HelpOption).ToList();
            foreach (Option option in options)
            {
                bool flag = option.Arity.MaximumNumberOfValues == 0;
                string[] once = flag ? [option.Name] : [option.Name, "x"];
                cases.Add([name, .. positionals, .. once, .. once]);
                cases.Add([name, .. positionals, $"{option.Name}{option.Name[^1]}"]); // a typo: one letter doubled
                cases.Add([name, .. positionals, option.Name, ""]);
                cases.Add([name, .. positionals, option.Name, "   "]);
                if (flag) continue;
                cases.Add([name, .. positionals, option.Name]);
                cases.Add([name, .. positionals, $"{option.Name}="]);
                if (option.ValueType == typeof(string)) continue; // a folder may be named 2147483648
                foreach (string number in s_hugeNumbers) cases.Add([name, .. positionals, option.Name, number]);
            }
            cases.Add([name, .. positionals, "--no-such-option"]);
            cases.Add([name, .. positionals, "-x"]);
            cases.Add([name, .. positionals, "extra", "arguments", "here"]);
            cases.Add([name, .. positionals, ""]);
            if (positionals.Length > 0)
            {
                cases.Add([name]);
                cases.Add([name, .. positionals.Select(_ => "")]);
                cases.Add([name, .. positionals.Select(_ => " ")]);
            }
        }
        foreach (string unknown in (string[])["", " ", "tabel", "Table", "reports", "scenarios", "help me", "\t", "bench"])
            cases.Add([unknown]);
        cases.Add(["help", "tabel"]);
        cases.Add(["help", ""]);
        cases.Add(["scenario"]);
        cases.Add(["scenario", "--metric", "creation", "--model", "task", "--shape", "spawn-join"]);
        cases.Add(["scenario", ""]);
        return cases;
    }

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void BadArguments_ExitWith2AndOneLine_NeverAnInternalError(string[] args)
    {
        InProcessCommands.Result result = InProcessCommands.Run(args);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode} for [{string.Join(", ", args.Select(a => $"'{a}'"))}]: {result.Stderr}");
        Assert.Single(result.StderrLines);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void TheGeneratedSet_CoversEveryVisibleCommand()
    {
        var covered = Cases().Select(args => args[0]).ToHashSet();

        Assert.All(s_root.Subcommands.Where(c => !c.Hidden), command => Assert.Contains(command.Name, covered));
    }
}
