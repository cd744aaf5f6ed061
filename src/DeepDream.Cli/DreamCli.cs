using System.CommandLine;
using DeepDream.Batch;
using DeepDream.Cli.Commands;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;
using DeepDream.Runtime;
using DeepDream.Sequences;
using DeepDream.Video;

namespace DeepDream.Cli;

/// <summary>Builds the <c>dream</c> command tree and turns failures into one-line messages and exit codes.</summary>
public static class DreamCli
{
    /// <summary>The first arguments of commands that never load torch (help, the version, the model store, records).</summary>
    private static readonly HashSet<string> TorchFree = ["--help", "-h", "-?", "--version", "help", "models", "info"];

    /// <summary>Whether <paramref name="args"/> may run a command that loads torch (a dream, batch, layers, ...).</summary>
    public static bool MayLoadTorch(string[] args) => args.Length > 0 && !TorchFree.Contains(args[0]);

    public static int Run(string[] args, CliConsole console)
    {
        // Response files (@file) are off: '@list.txt' is our own list format for `dream batch`, read by BatchInputs.
        var parser = new ParserConfiguration { ResponseFileTokenReplacer = null };
        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl-C cancels the token; give the current step time to finish so outputs stay whole.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
        };
        var root = DreamCommand.Create(console);
        root.Subcommands.Add(HelpCommand.Create(root, parser, invocation));
        OptionValues.ApplyTo(root);
        try
        {
            var parse = root.Parse(args, parser);
            var problems = CommandLineErrors.Describe(parse);
            if (problems.Count > 0)
            {
                foreach (var problem in problems) console.Error.WriteLine($"dream: error: {problem}");
                console.Error.WriteLine($"Try '{CommandLineErrors.CommandPath(parse)} --help'.");
                return ExitCodes.UsageError;
            }
            return parse.Invoke(invocation);
        }
        catch (Exception ex)
        {
            var (code, message) = Describe(ex);
            console.Error.WriteLine($"dream: error: {message}");
            return code;
        }
        finally
        {
            // A load still running (a command that failed early) is ProcessEnd's to handle.
            console.ClearStatus();
        }
    }

    /// <summary>Exit code and one-line message for a failure.</summary>
    public static (int Code, string Message) Describe(Exception ex) => ex switch
    {
        OperationCanceledException => (ExitCodes.Interrupted, "interrupted"),
        DreamSettingsException settings => (ExitCodes.UsageError, SettingFlags.Describe(settings)),
        UnknownLayerException or UnknownModelException or PreprocessingException => (ExitCodes.UsageError, ex.Message),
        DreamInputException input => (ExitCodes.BadInput, SettingFlags.Describe(input)),
        ModelFormatException => (ExitCodes.BadInput, ex.Message),
        TorchRuntimeException => (ExitCodes.RuntimeFailure, ex.Message),
        UsageException => (ExitCodes.UsageError, ex.Message),
        BatchOptionException => (ExitCodes.UsageError, ex.Message),
        BatchInputException => (ExitCodes.BadInput, ex.Message),
        VideoAssemblyException => (ExitCodes.RuntimeFailure, ex.Message),
        FlowUnavailableException => (ExitCodes.RuntimeFailure, $"{ex.Message} (--no-flow)"),
        DeepDreamException => (ExitCodes.RuntimeFailure, ex.Message),
        IOException or UnauthorizedAccessException => (ExitCodes.RuntimeFailure, ex.Message),
        // A bug: the message, without .NET's type names, and a request to report it.
        _ => (ExitCodes.RuntimeFailure, $"internal error (please report it): {ex.Message}"),
    };
}
