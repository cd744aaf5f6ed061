using DeepDream.Imaging;

namespace DeepDream.Cli;

/// <summary>
/// The streams a command talks to. Injected so tests run commands in-process and capture what they print.
/// Progress goes to <see cref="Error"/> and only when it is a terminal; results go to <see cref="Out"/>.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal, Func<Stream> OpenStdin, Func<Stream> OpenStdout)
{
    public static CliConsole FromSystem() => new(
        Console.Out, Console.Error, !Console.IsErrorRedirected, Console.OpenStandardInput, Console.OpenStandardOutput);

    /// <summary>Decodes the image at <paramref name="path"/>, or from stdin when it is "-" (Ctrl-C ends a wait for stdin).</summary>
    public RgbImage ReadImage(string path, ImageReadOptions options, CancellationToken cancellation) =>
        path == "-" ? ImageFile.Read(OpenStdin(), "<stdin>", options, cancellation) : ImageFile.Read(path, options);
}
