using System.CommandLine;
using System.CommandLine.Help;

namespace Harness.Commands;

/// <summary>
/// "bench compare RUN_DIRS... [--threshold PERCENT] [--previous]": a command's synopsis generated from its
/// definition, for the one-line errors (the full help is System.CommandLine's).
/// </summary>
public static class UsageLine
{
    public static string Of(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parts = new List<string> { "bench" };
        if (command is not RootCommand) parts.Add(command.Name);
        foreach (Argument argument in command.Arguments.Where(a => !a.Hidden))
        {
            string name = argument.HelpName ?? (argument.Arity.MaximumNumberOfValues > 1 ? argument.Name + "..." : argument.Name);
            parts.Add(argument.Arity.MinimumNumberOfValues == 0 ? $"[{name}]" : name);
        }
        foreach (Option option in command.Options.Where(o => !o.Hidden && o is not HelpOption and not VersionOption))
            parts.Add(option.Arity.MaximumNumberOfValues == 0 ? $"[{option.Name}]" : $"[{option.Name} {option.HelpName ?? "VALUE"}]");
        return string.Join(' ', parts);
    }
}
