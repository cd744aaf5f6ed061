namespace DeepDream.Imaging;

/// <summary>How <see cref="ImageFile"/> reads an image.</summary>
public sealed record ImageReadOptions
{
    public const long DefaultMaxPixels = 64_000_000;

    /// <summary>1 GiB: more than any encoding of <see cref="DefaultMaxPixels"/> pixels needs.</summary>
    public const long DefaultMaxFileBytes = 1L << 30;

    public static ImageReadOptions Default { get; } = new();

    /// <summary>
    /// Largest width × height accepted. Checked against the header before any pixel is decoded, so a huge or
    /// hostile image costs nothing to refuse.
    /// </summary>
    public long MaxPixels
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = DefaultMaxPixels;

    /// <summary>
    /// Largest encoded size accepted, in bytes: a file's size is checked before it is read, and stdin is not read past it.
    /// </summary>
    public long MaxFileBytes
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = DefaultMaxFileBytes;

    /// <summary>
    /// Told, in one line naming the image, what was done that the caller may not expect: of an animated GIF or WebP,
    /// only the first frame is read. Null: nothing is told.
    /// </summary>
    public Action<string>? Notice { get; init; }
}
