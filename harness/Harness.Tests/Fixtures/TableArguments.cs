using System.CommandLine;
using Harness.Commands;
using Harness.Running;

namespace Harness.Tests.Fixtures;

/// <summary>The table command's parse, as the bench application does it: typed options, or the one-line refusal.</summary>
internal static class TableArguments
{
    private static readonly BenchCommandLine s_commands = new();

    public static TableOptions Parse(params string[] args)
    {
        ParseResult result = s_commands.Parse(["table", .. args]);
        Assert.Null(ParseErrorLine.Of(result));
        return s_commands.Table.OptionsOf(result);
    }

    public static string Refusal(params string[] args) =>
        ParseErrorLine.Of(s_commands.Parse(["table", .. args])) ?? throw new InvalidOperationException($"table {string.Join(' ', args)} was accepted");
}
