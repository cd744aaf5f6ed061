using System.Runtime.InteropServices;
using SkiaSharp;

namespace DeepDream.Imaging;

/// <summary>Decodes an encoded image stream with Skia, refusing anything odd with a one-line message.</summary>
internal static class ImageDecoder
{
    private static readonly HashSet<SKEncodedImageFormat> SupportedFormats =
    [
        SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp,
        SKEncodedImageFormat.Bmp, SKEncodedImageFormat.Gif,
    ];

    // The RGBA decode buffer is one managed array.
    private static readonly long MaxDecodablePixels = Array.MaxLength / 4;

    public static RgbImage Decode(Stream stream, string displayName, ImageReadOptions options)
    {
        var source = new CallbackSafeStream(stream);
        // Skia deletes the wrapper stream with the codec; the caller's stream stays open either way.
        SKStream skiaStream = stream.CanSeek
            ? new SKManagedStream(source, disposeManagedStream: false)
            : new SKFrontBufferedManagedStream(source, SKCodec.MinBufferedBytesNeeded, disposeUnderlyingStream: false);
        long start = stream.CanSeek ? stream.Position : 0;
        using var codec = SKCodec.Create(skiaStream, out var openResult);
        ThrowIfReadFailed(source, displayName);
        if (codec is null)
        {
            string? format = ImageSignature.UnsupportedFormat(stream.CanSeek ? ReadHead(stream, start) : source.Head);
            throw new DreamInputException($"{displayName}: " + (format is null ? DescribeOpenFailure(openResult) : Unsupported(format)));
        }
        if (!SupportedFormats.Contains(codec.EncodedFormat))
            throw new DreamInputException($"{displayName}: {Unsupported(Name(codec.EncodedFormat))}");
        if (codec.FrameCount > 1)
            options.Notice?.Invoke($"{displayName}: animated {Name(codec.EncodedFormat)} of {codec.FrameCount} frames; using the first frame");

        var stored = codec.Info;
        CheckSize(displayName, stored.Width, stored.Height, options.MaxPixels);

        bool hasAlpha = stored.AlphaType != SKAlphaType.Opaque;
        // Unpremultiplied keeps colour exact under transparent pixels; sRGB converts tagged wide-gamut photos,
        // since outputs are written without a colour profile.
        var target = new SKImageInfo(stored.Width, stored.Height, SKColorType.Rgba8888,
            hasAlpha ? SKAlphaType.Unpremul : SKAlphaType.Opaque, SKColorSpace.CreateSrgb());
        // Outside the managed heap, and freed at once: a garbage array of a photo's RGBA (96 MB at 6000x4000) would
        // stay in the process until a full collection.
        int length = checked((int)target.BytesSize64);
        unsafe
        {
            byte* rgba = (byte*)NativeMemory.Alloc((nuint)length);
            try
            {
                var result = codec.GetPixels(target, (IntPtr)rgba);
                ThrowIfReadFailed(source, displayName);
                // IncompleteInput and ErrorInInput still fill part of the buffer; a half-grey photo is not a success.
                if (result != SKCodecResult.Success)
                    throw new DreamInputException($"{displayName}: {DescribeDecodeFailure(result)}");
                return UprightPixels.FromRgba(new ReadOnlySpan<byte>(rgba, length), stored.Width, stored.Height, codec.EncodedOrigin, hasAlpha);
            }
            finally
            {
                NativeMemory.Free(rgba);
            }
        }
    }

    /// <summary>The format as people write it: JPEG, PNG, WebP, GIF, BMP, AVIF, ...</summary>
    private static string Name(SKEncodedImageFormat format) =>
        format == SKEncodedImageFormat.Webp ? "WebP" : format.ToString().ToUpperInvariant();

    private static string Unsupported(string format) => $"unsupported image format {format} (supported: JPEG, PNG, WebP, BMP, GIF)";

    /// <summary>The first bytes of a seekable stream from <paramref name="start"/>; empty if they cannot be read.</summary>
    private static byte[] ReadHead(Stream stream, long start)
    {
        try
        {
            stream.Position = start;
            var head = new byte[CallbackSafeStream.HeadLength];
            return head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static void ThrowIfReadFailed(CallbackSafeStream source, string displayName)
    {
        if (source.Failure is { } failure)
            throw new DreamInputException($"{displayName}: read error ({failure.Message})", failure);
    }

    private static void CheckSize(string displayName, int width, int height, long maxPixels)
    {
        long pixels = (long)width * height;
        if (pixels > maxPixels)
            throw new DreamInputException(
                $"{displayName}: image is {width}x{height} ({Megapixels(pixels)} megapixels), over the limit of {Megapixels(maxPixels)} megapixels", limit: nameof(ImageReadOptions.MaxPixels));
        if (pixels > MaxDecodablePixels)
            throw new DreamInputException(
                $"{displayName}: image is {width}x{height} ({Megapixels(pixels)} megapixels), more than the {Megapixels(MaxDecodablePixels)} megapixels this program can hold");
    }

    private static string Megapixels(long pixels) => (pixels / 1e6).ToString("0.0#");

    private static string DescribeOpenFailure(SKCodecResult result) => result switch
    {
        // Skia reports an unreadable header as incomplete whether it was cut short or is malformed.
        SKCodecResult.IncompleteInput => "truncated or corrupt image (its header cannot be read)",
        SKCodecResult.InvalidInput or SKCodecResult.ErrorInInput => "corrupt image header",
        _ => "not an image (unrecognised data)",
    };

    private static string DescribeDecodeFailure(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "truncated image (the pixel data ends early)",
        SKCodecResult.ErrorInInput or SKCodecResult.InvalidInput => "corrupt image data",
        _ => $"cannot decode the image ({result})",
    };
}
