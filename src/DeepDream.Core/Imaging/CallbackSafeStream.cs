namespace DeepDream.Imaging;

/// <summary>
/// A read-only view of a stream for Skia. Skia reads through native-to-managed callbacks, where an exception
/// cannot unwind and ends the process; this view records the first failure and reports end of data instead,
/// so the decoder stops and the caller can raise the recorded failure.
/// </summary>
internal sealed class CallbackSafeStream(Stream inner) : Stream
{
    /// <summary>The first exception the underlying stream threw, if any.</summary>
    public Exception? Failure { get; private set; }

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => Guarded(() => inner.Length, 0L);

    public override long Position
    {
        get => Guarded(() => inner.Position, 0L);
        set => Guarded(() => inner.Position = value, 0L);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (Failure is not null) return 0;
        try
        {
            return inner.Read(buffer);
        }
        catch (Exception e)
        {
            Failure = e;
            return 0;
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => Guarded(() => inner.Seek(offset, origin), 0L);

    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override void Flush() { }

    private T Guarded<T>(Func<T> action, T fallback)
    {
        try
        {
            return action();
        }
        catch (Exception e)
        {
            Failure ??= e;
            return fallback;
        }
    }
}
