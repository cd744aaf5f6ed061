using DeepDream.Cli;

namespace DeepDream.Tests;

/// <summary>Runs the <c>dream</c> command in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error, byte[] StdoutBytes)
{
    public static CliRun Invoke(params string[] args) => InvokeWithStdin(null, args);

    public static CliRun InvokeWithStdin(byte[]? stdin, params string[] args) => Run(stdin, terminal: false, args);

    /// <summary>As if stderr were a terminal: progress lines are drawn.</summary>
    public static CliRun InvokeOnTerminal(params string[] args) => Run(null, terminal: true, args);

    private static CliRun Run(byte[]? stdin, bool terminal, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var stdout = new MemoryStream();
        var console = new CliConsole(output, error, ErrorIsTerminal: terminal,
            OpenStdin: () => new MemoryStream(stdin ?? []), OpenStdout: () => stdout);
        int code = DreamCli.Run(args, console);
        return new CliRun(code, output.ToString(), error.ToString(), stdout.ToArray());
    }
}
