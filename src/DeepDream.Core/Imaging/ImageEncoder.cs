using SkiaSharp;

namespace DeepDream.Imaging;

/// <summary>Encodes an <see cref="RgbImage"/> with Skia.</summary>
internal static class ImageEncoder
{
    /// <summary>
    /// Writes the encoded image, with <paramref name="recipe"/> in its XMP metadata when given, to
    /// <paramref name="destination"/>; false when Skia refuses (e.g. too large for WebP).
    /// </summary>
    /// <exception cref="IOException">Writing to <paramref name="destination"/> failed.</exception>
    /// <exception cref="ArgumentException">A recipe too long for a JPEG's metadata segment (64 KB).</exception>
    public static bool TryEncode(RgbImage image, Stream destination, ImageFormat format, int quality, string? recipe = null)
    {
        // JPEG has no alpha channel; the others keep it when the image has one.
        byte[]? alpha = format == ImageFormat.Jpeg ? null : image.Alpha;
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888,
            alpha is null ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        if (info.BytesSize64 > int.MaxValue) return false; // the pixels are filled through one span
        using var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(info)) return false;
        SkiaPixels.FillRgba(bitmap.GetPixelSpan(), bitmap.RowBytes, image, alpha);

        using var pixmap = bitmap.PeekPixels();
        // Encoded into native memory first: a managed stream written from Skia's native callbacks would end the
        // process on an I/O error (disk full) instead of throwing here.
        using var encoded = format switch
        {
            // Dream patterns are fine, colourful detail that 4:2:0 chroma subsampling would smear.
            ImageFormat.Jpeg => pixmap.Encode(
                new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample444, SKJpegEncoderAlphaOption.Ignore)),
            ImageFormat.Png => pixmap.Encode(SKPngEncoderOptions.Default),
            ImageFormat.Webp => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, quality)),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        if (encoded is null) return false;
        if (recipe is null)
            destination.Write(encoded.AsSpan());
        else
            destination.Write(XmpEmbedding.Insert(encoded.AsSpan(), format, RecipeXmp.Packet(recipe, $"DeepDream {ProgramVersion.Text}"), image.Width, image.Height, alpha is not null));
        return true;
    }
}
