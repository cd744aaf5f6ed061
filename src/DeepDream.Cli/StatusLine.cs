namespace DeepDream.Cli;

/// <summary>
/// One rewritable line at the bottom of a terminal, on stderr: <see cref="Show"/> redraws it in place (carriage
/// return, never wider than the terminal, so it never wraps), <see cref="Clear"/> blanks it. Off a terminal nothing is
/// drawn.
/// </summary>
internal sealed class StatusLine(TextWriter error, bool terminal, int terminalWidth)
{
    /// <summary>How many columns the line covers on screen now; 0 when none is shown.</summary>
    private int _shown;

    /// <summary>The most characters a line may have: one column is left free so the cursor never wraps.</summary>
    public int Width { get; } = Math.Max(20, terminalWidth - 1);

    public void Show(string line)
    {
        if (!terminal) return;
        if (line.Length > Width) line = line[..Width];
        error.Write('\r' + line + new string(' ', Math.Max(0, _shown - line.Length)));
        _shown = Math.Max(_shown, line.Length);
        error.Flush();
    }

    public void Clear()
    {
        if (_shown == 0) return;
        error.Write('\r' + new string(' ', _shown) + '\r');
        _shown = 0;
    }
}
