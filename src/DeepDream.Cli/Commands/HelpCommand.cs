using System.CommandLine;

namespace DeepDream.Cli.Commands;

/// <summary><c>dream help [command]</c>: the same help as <c>dream [command] --help</c>, for those who type it this way.</summary>
internal static class HelpCommand
{
    public static Command Create(RootCommand root, ParserConfiguration parser, InvocationConfiguration invocation)
    {
        var path = new Argument<string[]>("command") { Description = "The command to explain, e.g. batch or models install", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("help", "Show help for dream or one of its commands") { path };
        command.SetAction(parse =>
        {
            string[] words = parse.GetValue(path) ?? [];
            Command current = root;
            foreach (string word in words)
            {
                var names = current.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
                var suggestions = NameSuggestions.For(word, names);
                current = current.Subcommands.FirstOrDefault(c => c.Name == word && !c.Hidden)
                    ?? throw new UsageException($"help {string.Join(' ', words)}: no command '{word}'" + (suggestions.Count > 0
                        ? NameSuggestions.Hint(suggestions)
                        : names.Count > 0 ? $"; the commands are {string.Join(", ", names)}" : ""));
            }
            return root.Parse([.. words, "--help"], parser).Invoke(invocation);
        });
        return command;
    }
}
