using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepDream.Cli;

/// <summary>
/// Turns a parse result into one line per problem, as a .NET tool user expects: an unknown option is named as
/// such, with the nearest known options, even where System.CommandLine took it for the input file
/// (<c>dream --verbose cat.jpg</c>); a stray argument is called unexpected; value errors come from
/// <see cref="OptionValues"/>.
/// </summary>
internal static partial class CommandLineErrors
{
    /// <summary>The problems with the command line, one line each; empty when it can run.</summary>
    public static IReadOnlyList<string> Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var unknown = UnknownOptions(parse).Select(option =>
            $"unknown option '{option}'{NameSuggestions.Hint(NameSuggestions.For(option, OptionNames(parse.CommandResult)))}").ToList();
        // An unknown option takes an argument's place, so the arguments after it look out of place: report the cause.
        if (unknown.Count > 0) return unknown;

        var lines = parse.UnmatchedTokens.Select(token => $"unexpected argument '{token}'").ToList();
        // A command that only groups others (dream models) needs one of them.
        if (command.Action is null && command.Subcommands.Count > 0 && lines.Count == 0)
            return [$"'{CommandPath(parse)}' needs a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}"];
        lines.AddRange(parse.Errors
            .Where(error => error.SymbolResult is not CommandResult || parse.UnmatchedTokens.Count == 0)
            .Select(error => error.Message));
        return lines.Distinct().ToList();
    }

    /// <summary>"dream batch" for the command that was parsed, to point at its help.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
            names.Insert(0, command.Parent is null ? "dream" : command.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>
    /// Words written like options (<c>-x</c>, <c>--name</c>, <c>--name=value</c>) that no option of the command
    /// matched, before any <c>--</c> (after it, every word is an argument). Negative numbers are values, not options.
    /// </summary>
    private static List<string> UnknownOptions(ParseResult parse)
    {
        var unknown = new List<string>();
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash) break;
            if (token.Type == TokenType.Argument && OptionLike().Match(token.Value) is { Success: true } match
                && !double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                unknown.Add(match.Groups["name"].Value);
        }
        return unknown;
    }

    /// <summary>The options the command accepts: its own and those its parents pass down (such as --help).</summary>
    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        for (SymbolResult? current = result; current is CommandResult command; current = command.Parent)
        {
            foreach (var option in command.Command.Options.Where(o => !o.Hidden && (current == result || o.Recursive)))
            {
                yield return option.Name;
                foreach (var alias in option.Aliases) yield return alias;
            }
        }
    }

    [GeneratedRegex(@"^(?<name>--?[A-Za-z][A-Za-z0-9-]*)(=.*)?$")]
    private static partial Regex OptionLike();
}
