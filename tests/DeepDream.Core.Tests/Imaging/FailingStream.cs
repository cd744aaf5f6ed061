namespace DeepDream.Tests.Imaging;

/// <summary>
/// A view of <paramref name="inner"/> whose reads and writes throw once they would go past byte
/// <paramref name="limit"/>, like a failing or full disk.
/// </summary>
internal sealed class FailingStream(Stream inner, long limit) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (inner.Position + count > limit) throw new IOException("device gone");
        return inner.Read(buffer, offset, count);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (inner.Position + count > limit) throw new IOException("disk full");
        inner.Write(buffer, offset, count);
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => inner.SetLength(value);
    public override void Flush() => inner.Flush();
}
