using System.CommandLine;
using System.CommandLine.Parsing;

namespace Harness.Commands;

/// <summary><c>help [COMMAND]</c>: the whole reference, or one command's help (<see cref="HelpText"/>).</summary>
public sealed class HelpCommandDefinition : Command
{
    public const string CommandName = "help";

    private readonly Argument<string?> _command = new("COMMAND")
    {
        Description = "The command to explain",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public HelpCommandDefinition(RootCommand root)
        : base(CommandName, "Prints this reference, or one command's help.")
    {
        ArgumentNullException.ThrowIfNull(root);
        Add(_command);
        Validators.Add(command =>
        {
            string? name = command.GetValue(_command);
            var names = Visible(root).Select(c => c.Name).ToList();
            if (name is not null && !names.Contains(name))
                command.AddError($"unknown command '{name}'{Suggestion.DidYouMean(name, names)}; valid commands: {string.Join(", ", names)}");
        });
        SetAction(result =>
        {
            string? name = result.GetValue(_command);
            HelpText.Write(root, name is null ? root : Visible(root).Single(c => c.Name == name), result.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
    }

    private static IEnumerable<Command> Visible(RootCommand root) => root.Subcommands.Where(c => !c.Hidden);
}
