namespace DeepDream.Imaging;

/// <summary>Copies an <see cref="RgbImage"/> into Skia's RGBA pixel memory.</summary>
internal static class SkiaPixels
{
    /// <summary>
    /// Fills <paramref name="target"/> (RGBA8888 rows of <paramref name="rowBytes"/> bytes) with <paramref name="image"/>;
    /// alpha is 255 where <paramref name="alpha"/> is null.
    /// </summary>
    public static void FillRgba(Span<byte> target, int rowBytes, RgbImage image, byte[]? alpha)
    {
        ReadOnlySpan<byte> rgb = image.Rgb;
        for (int y = 0; y < image.Height; y++)
        {
            var row = target.Slice(y * rowBytes, image.Width * 4);
            int pixel = y * image.Width;
            for (int x = 0; x < image.Width; x++, pixel++)
            {
                row[x * 4] = rgb[pixel * 3];
                row[x * 4 + 1] = rgb[pixel * 3 + 1];
                row[x * 4 + 2] = rgb[pixel * 3 + 2];
                row[x * 4 + 3] = alpha is null ? (byte)255 : alpha[pixel];
            }
        }
    }
}
