using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace DeepDream.Cli.Commands;

/// <summary>
/// Help for a subcommand that ends with its examples and exit codes. System.CommandLine shows a command's
/// description both in its own help and in its parent's command list, so the long text lives here instead,
/// and the parent's list keeps one line per command.
/// </summary>
internal sealed class HelpWithExamples(string epilogue) : SynchronousCommandLineAction
{
    private readonly HelpAction _help = new();

    /// <summary>Help is shown even when required options are missing, as with the standard help.</summary>
    public override bool ClearsParseErrors => true;

    /// <summary>A --help option for <paramref name="command"/> that prints <paramref name="epilogue"/> after the usual help.</summary>
    public static void AddTo(Command command, string epilogue) =>
        command.Options.Add(new HelpOption { Action = new HelpWithExamples(epilogue) });

    public override int Invoke(ParseResult parseResult)
    {
        int code = _help.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(epilogue);
        return code;
    }
}
