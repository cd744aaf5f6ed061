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

    private const string SupportedList = "supported: JPEG, PNG, WebP, BMP, GIF";

    /// <param name="stream">A seekable stream positioned at the image's first byte.</param>
    public static RgbImage Decode(Stream stream, string displayName, ImageReadOptions options)
    {
        var source = new CallbackSafeStream(stream);
        if (UnsupportedFormat(source) is { } named) throw Unsupported(displayName, named);
        ThrowIfReadFailed(source, displayName);
        // Skia deletes the wrapper stream with the codec; the caller's stream stays open either way.
        using var codec = SKCodec.Create(new SKManagedStream(source, disposeManagedStream: false), out var openResult);
        ThrowIfReadFailed(source, displayName);
        if (codec is null) throw new DreamInputException($"{displayName}: {DescribeOpenFailure(openResult)}");

        if (!SupportedFormats.Contains(codec.EncodedFormat)) throw Unsupported(displayName, codec.EncodedFormat.ToString().ToUpperInvariant());

        var stored = codec.Info;
        CheckSize(displayName, stored.Width, stored.Height, options.MaxPixels);

        bool hasAlpha = stored.AlphaType != SKAlphaType.Opaque;
        // Unpremultiplied keeps colour exact under transparent pixels; sRGB converts tagged wide-gamut photos,
        // since outputs are written without a colour profile.
        var target = new SKImageInfo(stored.Width, stored.Height, SKColorType.Rgba8888,
            hasAlpha ? SKAlphaType.Unpremul : SKAlphaType.Opaque, SKColorSpace.CreateSrgb());
        var rgba = new byte[target.BytesSize64];
        var result = codec.GetPixels(target, rgba);
        ThrowIfReadFailed(source, displayName);
        // IncompleteInput and ErrorInInput still fill part of the buffer; a half-grey photo is not a success.
        if (result != SKCodecResult.Success)
            throw new DreamInputException($"{displayName}: {DescribeDecodeFailure(result)}");

        return UprightPixels.FromRgba(rgba, stored.Width, stored.Height, codec.EncodedOrigin, hasAlpha);
    }

    /// <summary>The format the first bytes name, when it is one Skia cannot or may not read here; the stream is rewound.</summary>
    private static string? UnsupportedFormat(Stream stream)
    {
        long start = stream.Position;
        var head = new byte[ImageSignature.HeadBytes];
        int length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        return ImageSignature.UnsupportedFormat(head.AsSpan(0, length));
    }

    private static DreamInputException Unsupported(string displayName, string format) =>
        new($"{displayName}: unsupported image format {format} ({SupportedList})");

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
                $"{displayName}: image is {width}x{height} ({Megapixels(pixels)} megapixels), over the limit of {Megapixels(maxPixels)} megapixels; raise it with --max-pixels");
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
