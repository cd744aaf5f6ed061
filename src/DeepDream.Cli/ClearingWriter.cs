using System.Text;

namespace DeepDream.Cli;

/// <summary>
/// A writer that clears the status line before anything is written through it: stdout and stderr share the terminal
/// with the progress line, so every message starts on a clean line.
/// </summary>
internal sealed class ClearingWriter(TextWriter inner, StatusLine status) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        status.Clear();
        inner.Write(value);
    }

    public override void Write(string? value)
    {
        status.Clear();
        inner.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        status.Clear();
        inner.Write(buffer, index, count);
    }

    public override void Flush() => inner.Flush();
}
