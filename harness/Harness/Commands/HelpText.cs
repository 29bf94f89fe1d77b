using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Harness.Commands;

/// <summary>
/// Help generated from the command definitions by System.CommandLine, so it cannot go stale: one command's, or the
/// whole reference (the root's and every visible command's) for <c>bench help</c> and <c>bench --help</c>.
/// </summary>
public static class HelpText
{
    /// <summary>Wide enough that option descriptions stay on one line in a terminal of common width.</summary>
    private const int Width = 120;

    /// <summary>Writes the help of <paramref name="command"/> (the whole reference for the root) to <paramref name="output"/>.</summary>
    public static void Write(RootCommand root, Command command, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(command);
        string[] asking = command == root ? ["--help"] : [command.Name, "--help"];
        root.Parse(asking).Invoke(new InvocationConfiguration { Output = output, Error = output });
    }

    /// <summary>The help option's action: the whole reference at the root, a command's own help on a command.</summary>
    public sealed class Action : SynchronousCommandLineAction
    {
        /// <summary>Help asked for is given even when the rest of the arguments are incomplete (<c>compare --help</c>).</summary>
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            ArgumentNullException.ThrowIfNull(parseResult);
            new HelpAction { MaxWidth = Width }.Invoke(parseResult);
            Command command = parseResult.CommandResult.Command;
            if (command is not RootCommand root) return ExitCodes.Success;
            TextWriter output = parseResult.InvocationConfiguration.Output;
            foreach (Command sub in root.Subcommands.Where(c => !c.Hidden && c is not HelpCommandDefinition))
            {
                output.WriteLine(new string('-', Width / 2));
                Write(root, sub, output);
            }
            return ExitCodes.Success;
        }
    }
}
