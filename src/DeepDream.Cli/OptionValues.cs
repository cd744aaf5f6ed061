using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace DeepDream.Cli;

/// <summary>
/// Parsers for numeric and choice options whose errors speak plainly ("--steps abc: expected a whole number",
/// "--device gpu: expected auto, cpu or cuda") instead of naming .NET types, and choice options whose help lists the
/// choices as they are typed (lower case).
/// </summary>
internal static class OptionValues
{
    /// <summary>Gives every numeric option of <paramref name="command"/> and its subcommands a plain-spoken parser.</summary>
    public static void ApplyTo(Command command)
    {
        foreach (var option in command.Options)
        {
            switch (option)
            {
                case Option<int> o: o.CustomParser ??= Number(o, "a whole number", text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null); break;
                case Option<long> o: o.CustomParser ??= Number(o, "a whole number", text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null); break;
                case Option<float> o: o.CustomParser ??= Number(o, "a number", text => float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null); break;
                case Option<double> o: o.CustomParser ??= Number(o, "a number", text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null); break;
                case Option<float?> o: o.CustomParser ??= NullableNumber(o, text => float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null); break;
            }
        }
        foreach (var subcommand in command.Subcommands) ApplyTo(subcommand);
    }

    /// <summary>An option taking one of <typeparamref name="T"/>'s members, typed in lower case; the first is the default.</summary>
    public static Option<T> Choice<T>(string name, string description) where T : struct, Enum =>
        new(name)
        {
            Description = $"{description} [default: {Names<T>()[0]}]",
            HelpName = string.Join('|', Names<T>()),
            CustomParser = result => ParseChoice<T>(result, name) ?? default,
        };

    /// <summary>An optional choice: null when not given.</summary>
    public static Option<T?> OptionalChoice<T>(string name, string description) where T : struct, Enum =>
        new(name)
        {
            Description = description,
            HelpName = string.Join('|', Names<T>()),
            CustomParser = result => ParseChoice<T>(result, name),
        };

    private static Func<ArgumentResult, T> Number<T>(Option<T> option, string kind, Func<string, T?> parse) where T : struct =>
        result => parse(Token(result)) ?? Fail<T>(result, option.Name, $"expected {kind}");

    private static Func<ArgumentResult, T?> NullableNumber<T>(Option<T?> option, Func<string, T?> parse) where T : struct =>
        result => parse(Token(result)) ?? Fail<T?>(result, option.Name, "expected a number");

    private static T? ParseChoice<T>(ArgumentResult result, string name) where T : struct, Enum
    {
        string text = Token(result);
        foreach (var value in Enum.GetValues<T>())
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase)) return value;
        var names = Names<T>();
        return Fail<T?>(result, name, $"expected {string.Join(", ", names[..^1])} or {names[^1]}");
    }

    private static string[] Names<T>() where T : struct, Enum =>
        Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToArray();

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private static T Fail<T>(ArgumentResult result, string option, string problem)
    {
        result.AddError($"{option} {Token(result)}: {problem}");
        return default!;
    }
}
