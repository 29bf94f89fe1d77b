using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Harness.Commands;

/// <summary>
/// Turns what System.CommandLine found wrong with the arguments into the one line bench prints: the first problem,
/// named with the command and our words (unknown option with a suggestion and the valid ones, an option given
/// twice, a missing value), instead of its several lines of errors followed by the whole help.
/// </summary>
public static class ParseErrorLine
{
    /// <summary>The line for the first problem, or null when the arguments are fine.</summary>
    public static string? Of(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Command command = result.CommandResult.Command;
        string prefix = command is RootCommand ? "" : $"{command.Name}: ";

        // Checked first and even without a parse error: System.CommandLine takes a flag given twice, and for a value it
        // says "expects a single argument". Which one should win is a guess the user did not ask for.
        foreach (OptionResult option in result.CommandResult.Children.OfType<OptionResult>())
        {
            if (option.IdentifierTokenCount > 1)
                return $"{prefix}option {option.Option.Name} is given more than once; give it once";
        }
        if (result.Errors.Count == 0) return null;

        if (result.UnmatchedTokens.Count > 0) return prefix + Unmatched(command, result.UnmatchedTokens[0]);
        foreach (OptionResult option in result.CommandResult.Children.OfType<OptionResult>())
        {
            if (!option.Implicit && option.Tokens.Count < option.Option.Arity.MinimumNumberOfValues)
                return $"{prefix}option {option.Option.Name} needs a value";
        }
        foreach (Argument argument in command.Arguments)
        {
            int given = result.GetResult(argument)?.Tokens.Count ?? 0;
            if (given < argument.Arity.MinimumNumberOfValues)
                return $"{prefix}{argument.HelpName ?? argument.Name} is missing; usage: {UsageLine.Of(command)}";
        }
        // Our parsers' and validators' own refusals (already one line each), or System.CommandLine's.
        return prefix + result.Errors[0].Message.ReplaceLineEndings(" ");
    }

    private static string Unmatched(Command command, string token)
    {
        if (command is RootCommand)
        {
            var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
            return $"unknown command '{token}'; valid commands: {string.Join(", ", names)}, or BenchmarkDotNet options such as --filter"
                + Suggestion.DidYouMean(token, names);
        }
        if (token.StartsWith('-') && token.Length > 1)
        {
            string name = token.Split('=', 2)[0];
            var options = command.Options.Where(o => !o.Hidden && o is not HelpOption).Select(o => o.Name).ToList();
            return $"unknown option '{name}'{Suggestion.DidYouMean(name, options)}; valid options: {string.Join(", ", options)}";
        }
        return $"unexpected argument '{token}'; usage: {UsageLine.Of(command)}";
    }
}
