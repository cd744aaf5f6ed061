using DeepDream.Models.Store;

namespace DeepDream.Cli;

/// <summary>Prints model-install steps on stderr; byte progress as the status line (on a terminal only).</summary>
public sealed class InstallMessagePrinter(CliConsole console) : IProgress<InstallProgress>
{
    public void Report(InstallProgress value)
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
