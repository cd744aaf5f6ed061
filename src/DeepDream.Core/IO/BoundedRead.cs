namespace DeepDream.IO;

/// <summary>
/// Reads a stream that may block for ever (stdin, a pipe) to its end: at most a given number of bytes, and
/// cancellable — a cancelled read returns at once, leaving the blocked system call to end with the process.
/// </summary>
public static class BoundedRead
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Everything <paramref name="source"/> holds, at most <paramref name="maxBytes"/>.</summary>
    /// <param name="displayName">How the size message names the source, e.g. "&lt;stdin&gt;".</param>
    /// <param name="purpose">What the data is, as the size message names it, e.g. "an image".</param>
    /// <param name="error">Makes the caller's exception from a one-line message.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public static byte[] ReadToEnd(Stream source, long maxBytes, string displayName, string purpose, Func<string, Exception> error,
        CancellationToken cancellation)
    {
        using var collected = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            // A read of stdin cannot be interrupted, so wait for it with the token instead of inside it.
            int count = source.ReadAsync(chunk, 0, chunk.Length, CancellationToken.None).WaitAsync(cancellation).GetAwaiter().GetResult();
            if (count == 0) return collected.ToArray();
            if (collected.Length + count > maxBytes)
                throw error($"{displayName}: more than the {maxBytes}-byte limit for {purpose}");
            collected.Write(chunk, 0, count);
        }
    }
}
