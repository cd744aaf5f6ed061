using DeepDream.Cli;

namespace DeepDream.Tests;

/// <summary>Runs the <c>dream</c> command in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error, byte[] StdoutBytes)
{
    public static CliRun Invoke(params string[] args) => InvokeWithStdin(null, args);

    public static CliRun InvokeWithStdin(byte[]? stdin, params string[] args) => Run(stdin, terminal: false, 80, args);

    /// <summary>As if stderr were a terminal <paramref name="width"/> columns wide: progress lines are drawn.</summary>
    public static CliRun InvokeOnTerminal(int width, params string[] args) => Run(null, terminal: true, width, args);

    /// <summary>As if stderr were an 80-column terminal.</summary>
    public static CliRun InvokeOnTerminal(params string[] args) => Run(null, terminal: true, 80, args);

    private static CliRun Run(byte[]? stdin, bool terminal, int width, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var stdout = new MemoryStream();
        var console = new CliConsole(output, error, errorIsTerminal: terminal,
            openStdin: () => new MemoryStream(stdin ?? []), openStdout: () => stdout, terminalWidth: width);
        int code = DreamCli.Run(args, console);
        return new CliRun(code, output.ToString(), error.ToString(), stdout.ToArray());
    }
}
