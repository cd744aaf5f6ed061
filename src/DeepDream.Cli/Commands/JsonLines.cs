namespace DeepDream.Cli.Commands;

/// <summary>Writes the <c>--json</c> events of the batch and sequence commands: one JSON object per line, flushed at once.</summary>
internal static class JsonLines
{
    public static void Write<T>(TextWriter writer, T line)
    {
        writer.WriteLine(CliJson.Serialize(line));
        // A consumer reading the pipe sees each item as soon as it is finished, not when a buffer fills.
        writer.Flush();
    }
}
