namespace DeepDream.Imaging;

/// <summary>
/// A read-only view of a stream for Skia. Skia reads through native-to-managed callbacks, where an exception
/// cannot unwind and ends the process; this view records the first failure and reports end of data instead,
/// so the decoder stops and the caller can raise the recorded failure.
/// </summary>
internal sealed class CallbackSafeStream(Stream inner) : Stream
{
    private readonly MemoryStream _head = new();
    private bool _sequential = true;

    /// <summary>The first exception the underlying stream threw, if any.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>
    /// The first bytes read (up to <see cref="HeadLength"/>), while reading has been sequential from the start: what a
    /// non-seekable source said about its format.
    /// </summary>
    public ReadOnlySpan<byte> Head => _sequential ? _head.GetBuffer().AsSpan(0, (int)_head.Length) : [];

    public const int HeadLength = ImageSignature.HeadBytes;

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => Guarded(() => inner.Length, 0L);

    public override long Position
    {
        get => Guarded(() => inner.Position, 0L);
        set
        {
            _sequential = false;
            Guarded(() => inner.Position = value, 0L);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (Failure is not null) return 0;
        try
        {
            int read = inner.Read(buffer);
            if (_sequential && _head.Length < HeadLength) _head.Write(buffer[..Math.Min(read, HeadLength - (int)_head.Length)]);
            return read;
        }
        catch (Exception e)
        {
            Failure = e;
            return 0;
        }
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        // After a seek the bytes read are no longer the file's start.
        _sequential = false;
        return Guarded(() => inner.Seek(offset, origin), 0L);
    }

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
