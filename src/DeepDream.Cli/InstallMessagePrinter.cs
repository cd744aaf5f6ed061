using DeepDream.Models.Store;

namespace DeepDream.Cli;

/// <summary>Prints model-install steps on stderr; byte progress only on a terminal, as one rewritten line.</summary>
public sealed class InstallMessagePrinter(TextWriter writer, bool terminal) : IProgress<InstallProgress>
{
    private bool _lineOpen;

    public void Report(InstallProgress value)
    {
        if (value.BytesDone is { } done)
        {
            if (!terminal) return;
            var total = value.BytesTotal is { } t ? $" / {t / 1e6:F1} MB" : "";
            writer.Write($"\r{value.Message}: {done / 1e6:F1} MB{total}   ");
            _lineOpen = true;
            return;
        }
        if (_lineOpen) writer.WriteLine();
        _lineOpen = false;
        writer.WriteLine($"dream: {value.Message}");
    }
}
