using DeepDream.Imaging;

namespace DeepDream.Cli;

/// <summary>
/// The streams a command talks to. Injected so tests run commands in-process and capture what they print.
/// Results go to <see cref="Out"/>; messages and, on a terminal only, one rewritten status line (progress) go to
/// <see cref="Error"/>. Anything printed on either stream first clears the status line, so no message ever lands
/// on a progress line.
/// </summary>
public sealed class CliConsole
{
    private readonly StatusLine _status;

    /// <param name="output">stdout, for results.</param>
    /// <param name="error">stderr, for messages and progress.</param>
    /// <param name="errorIsTerminal">Whether stderr is a terminal: progress is drawn only then.</param>
    /// <param name="openStdin">Opens stdin as bytes (an input of "-").</param>
    /// <param name="openStdout">Opens stdout as bytes (an output of "-").</param>
    /// <param name="terminalWidth">Columns of the terminal; the status line stays shorter, so it never wraps.</param>
    public CliConsole(TextWriter output, TextWriter error, bool errorIsTerminal, Func<Stream> openStdin, Func<Stream> openStdout,
        int terminalWidth = 80)
    {
        _status = new StatusLine(error, errorIsTerminal, terminalWidth);
        Out = new ClearingWriter(output, _status);
        Error = new ClearingWriter(error, _status);
        ErrorIsTerminal = errorIsTerminal;
        OpenStdin = openStdin;
        OpenStdout = openStdout;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool ErrorIsTerminal { get; }

    public Func<Stream> OpenStdin { get; }

    public Func<Stream> OpenStdout { get; }

    /// <summary>Columns the status line may use (one less than the terminal's, so the cursor never wraps).</summary>
    public int StatusWidth => _status.Width;

    public static CliConsole FromSystem() => new(
        Console.Out, Console.Error, !Console.IsErrorRedirected, Console.OpenStandardInput, Console.OpenStandardOutput,
        TerminalWidth());

    /// <summary>Draws <paramref name="line"/> as the status line (terminal only), replacing the previous one.</summary>
    public void ShowStatus(string line) => _status.Show(line);

    /// <summary>Removes the status line, if one is shown.</summary>
    public void ClearStatus() => _status.Clear();

    /// <summary>Decodes the image at <paramref name="path"/>, or from stdin when it is "-" (Ctrl-C ends a wait for stdin).</summary>
    public RgbImage ReadImage(string path, ImageReadOptions options, CancellationToken cancellation) =>
        path == "-" ? ImageFile.Read(OpenStdin(), "<stdin>", options, cancellation) : ImageFile.Read(path, options);

    private static int TerminalWidth()
    {
        try
        {
            if (Console.WindowWidth > 0) return Console.WindowWidth;
        }
        catch (IOException)
        {
            // No terminal size to ask (stdout redirected): COLUMNS, else the classic 80.
        }
        return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns > 0 ? columns : 80;
    }
}
