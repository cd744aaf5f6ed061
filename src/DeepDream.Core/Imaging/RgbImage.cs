namespace DeepDream.Imaging;

/// <summary>
/// An upright 8-bit RGB image in managed memory, with an optional alpha plane kept apart so the dream never
/// touches it and PNG/WebP output can put it back.
/// </summary>
public sealed class RgbImage
{
    /// <param name="width">Width in pixels (at least 1).</param>
    /// <param name="height">Height in pixels (at least 1).</param>
    /// <param name="rgb">Row-major pixels, 3 bytes (R, G, B) each: <c>width * height * 3</c> bytes.</param>
    /// <param name="alpha">Row-major alpha, 1 byte per pixel, or null for an opaque image.</param>
    public RgbImage(int width, int height, byte[] rgb, byte[]? alpha = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(rgb);
        long pixels = (long)width * height;
        if (rgb.LongLength != pixels * 3)
            throw new ArgumentException($"{width}x{height} RGB needs {pixels * 3} bytes, got {rgb.LongLength}", nameof(rgb));
        if (alpha is not null && alpha.LongLength != pixels)
            throw new ArgumentException($"{width}x{height} alpha needs {pixels} bytes, got {alpha.LongLength}", nameof(alpha));
        Width = width;
        Height = height;
        Rgb = rgb;
        Alpha = alpha;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major pixels, 3 bytes (R, G, B) each.</summary>
    public byte[] Rgb { get; }

    /// <summary>Row-major alpha, 1 byte per pixel; null when the image is opaque.</summary>
    public byte[]? Alpha { get; }

    public long PixelCount => (long)Width * Height;
}
