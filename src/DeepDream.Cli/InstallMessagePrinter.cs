using DeepDream.Models.Store;

namespace DeepDream.Cli;

/// <summary>Prints install steps (models, libtorch) on stderr; byte progress as the status line (on a terminal only).</summary>
public sealed class InstallMessagePrinter(CliConsole console) : IProgress<InstallProgress>
{
    /// <summary>libtorch installs on the loader's worker thread while a model may install on the command's: one line at a time.</summary>
    private static readonly Lock Gate = new();

    public void Report(InstallProgress value)
    {
        lock (Gate) Print(value);
    }

    private void Print(InstallProgress value)
    {
        if (value.BytesDone is { } done)
        {
            var total = value.BytesTotal is { } t ? $" / {t / 1e6:F1} MB" : "";
            console.ShowStatus($"{value.Message}: {done / 1e6:F1} MB{total}");
            return;
        }
        console.Error.WriteLine($"dream: {value.Message}");
    }
}
