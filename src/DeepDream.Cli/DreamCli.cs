using System.CommandLine;
using DeepDream.Batch;
using DeepDream.Cli.Commands;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Runtime;

namespace DeepDream.Cli;

/// <summary>Builds the <c>dream</c> command tree and turns failures into one-line messages and exit codes.</summary>
public static class DreamCli
{
    public static int Run(string[] args, CliConsole console)
    {
        var root = DreamCommand.Create(console);
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl-C cancels the token; give the current step time to finish so outputs stay whole.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
        };
        try
        {
            // "@list.txt" is a batch input that BatchInputs reads (relative to the list's folder, bounded, regular files
            // only), not a response file for the parser to expand unchecked.
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors) console.Error.WriteLine($"dream: error: {error.Message}");
                console.Error.WriteLine("Try 'dream --help'.");
                return ExitCodes.UsageError;
            }
            return parse.Invoke(configuration);
        }
        catch (Exception ex)
        {
            var (code, message) = Describe(ex);
            console.Error.WriteLine($"dream: error: {message}");
            return code;
        }
    }

    /// <summary>Exit code and one-line message for a failure.</summary>
    public static (int Code, string Message) Describe(Exception ex) => ex switch
    {
        OperationCanceledException => (ExitCodes.Interrupted, "interrupted"),
        DreamSettingsException or UnknownLayerException or UnknownModelException or PreprocessingException => (ExitCodes.UsageError, ex.Message),
        DreamInputException or ModelFormatException or ImageTooSmallException => (ExitCodes.BadInput, ex.Message),
        TorchRuntimeException => (ExitCodes.RuntimeFailure, ex.Message),
        UsageException => (ExitCodes.UsageError, ex.Message),
        BatchOptionException => (ExitCodes.UsageError, ex.Message),
        BatchInputException => (ExitCodes.BadInput, ex.Message),
        DeepDreamException => (ExitCodes.RuntimeFailure, ex.Message),
        IOException or UnauthorizedAccessException => (ExitCodes.RuntimeFailure, ex.Message),
        _ => (ExitCodes.RuntimeFailure, $"internal error: {ex.GetType().Name}: {ex.Message}"),
    };
}
