namespace DeepDream.Imaging;

/// <summary>How <see cref="ImageFile"/> reads an image.</summary>
public sealed record ImageReadOptions
{
    public const long DefaultMaxPixels = 64_000_000;

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
    /// Told, in one line naming the image, what was done that the caller may not expect: of an animated GIF or WebP,
    /// only the first frame is read. Null: nothing is told.
    /// </summary>
    public Action<string>? Notice { get; init; }
}
