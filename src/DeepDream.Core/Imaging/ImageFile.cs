using System.Runtime.CompilerServices;
using DeepDream.IO;
using SkiaSharp;

namespace DeepDream.Imaging;

/// <summary>
/// Reads images (JPEG, PNG, WebP, BMP, GIF first frame; TIFF, AVIF, HEIC and SVG are named and refused) upright as 8-bit RGB, and writes JPEG, PNG or WebP
/// atomically. Every problem a user can cause surfaces as a one-line <see cref="DeepDreamException"/>.
/// </summary>
public static class ImageFile
{
    /// <summary>
    /// Starts SkiaSharp's one-time set-up on a worker thread and returns at once; the first image read or written
    /// waits for it. That set-up loads the native library and, through SkiaSharp's static font manager, parses every
    /// font under /usr/share/fonts (libSkiaSharp without fontconfig): 100-200 ms with a Debian desktop's fonts, more
    /// with more fonts, which a command can overlap with parsing its command line.
    /// </summary>
    public static void BeginSetUp() => ThreadPool.UnsafeQueueUserWorkItem(_ =>
    {
        try
        {
            RuntimeHelpers.RunClassConstructor(typeof(SKObject).TypeHandle);
        }
        catch (TypeInitializationException)
        {
            // libSkiaSharp cannot load here: the first image read reports it (commands that read none still run).
        }
    }, null);

    /// <summary>Reads the image at <paramref name="path"/>; see <see cref="Read(Stream, string, ImageReadOptions, CancellationToken)"/>.</summary>
    /// <exception cref="DreamInputException">Missing, not a regular file (a folder, a FIFO, a device), over
    /// <see cref="ImageReadOptions.MaxFileBytes"/>, empty, unreadable, not an image, corrupt, or too large.</exception>
    public static RgbImage Read(string path, ImageReadOptions options)
    {
        using var file = RegularFile.Open(path, options.MaxFileBytes, "an image file", message => new DreamInputException(message));
        return Read(file.Stream, path, options);
    }

    /// <summary>
    /// Decodes one image from <paramref name="stream"/> (left open), applying its EXIF orientation. Grey, palette,
    /// 16-bit and alpha inputs all become 8-bit RGB plus, when the format has transparency, an alpha plane. A stream
    /// that cannot seek (stdin, a pipe) is read to its end first, at most <see cref="ImageReadOptions.MaxFileBytes"/>;
    /// <paramref name="cancellation"/> ends a read that waits for data.
    /// </summary>
    /// <param name="displayName">How errors name the source, e.g. the file name.</param>
    /// <exception cref="DreamInputException">Empty, too long, not an image, unsupported, corrupt, truncated, or more than <see cref="ImageReadOptions.MaxPixels"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled while waiting for data.</exception>
    public static RgbImage Read(Stream stream, string displayName, ImageReadOptions options, CancellationToken cancellation = default)
    {
        if (!stream.CanSeek)
        {
            byte[] bytes;
            try
            {
                bytes = BoundedRead.ReadToEnd(stream, options.MaxFileBytes, displayName, "an image", message => new DreamInputException(message), cancellation);
            }
            catch (IOException e)
            {
                throw new DreamInputException($"{displayName}: read error ({e.Message})", e);
            }
            using var buffered = new MemoryStream(bytes, writable: false);
            return Read(buffered, displayName, options, cancellation);
        }
        if (stream.Position == stream.Length) throw new DreamInputException($"{displayName}: empty file (0 bytes)");
        return ImageDecoder.Decode(stream, displayName, options);
    }

    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="path"/> in the format its extension names (.jpg, .jpeg,
    /// .png, .webp). The file appears complete or not at all: on failure no output and no temporary file remain.
    /// </summary>
    /// <exception cref="DreamOutputException">Unknown extension, missing folder, the input without
    /// <see cref="ImageWriteOptions.InPlace"/>, encoder refusal, or an I/O error.</exception>
    public static void Write(RgbImage image, string path, ImageWriteOptions options)
    {
        var format = CheckWritable(path, options);
        try
        {
            AtomicFile.Write(path, stream => Write(image, stream, path, format, options));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DreamOutputException($"{path}: cannot write ({e.Message})", e);
        }
    }

    /// <summary>
    /// Checks, without writing anything, that an image can be written to <paramref name="path"/>, and returns the
    /// format its extension names.
    /// </summary>
    /// <exception cref="DreamOutputException">
    /// Unknown extension, a folder, a missing folder, or the input without <see cref="ImageWriteOptions.InPlace"/>.
    /// </exception>
    public static ImageFormat CheckWritable(string path, ImageWriteOptions options)
    {
        if (Directory.Exists(path)) throw new DreamOutputException($"{path}: is a folder; name the output file");
        if (!TryGetFormat(path, out var format))
            throw new DreamOutputException(
                $"{path}: unsupported output format '{Path.GetExtension(path)}' (use .jpg, .jpeg, .png or .webp)");
        if (options.InputPath is not null && !options.InPlace && OutputPaths.IsSameFile(options.InputPath, path))
            throw new DreamOutputException($"{path}: refusing to overwrite the input image (choose another output, or write in place)");
        OutputPaths.CheckFolderOf(path);
        return format;
    }

    /// <summary>Encodes <paramref name="image"/> as <paramref name="format"/> into <paramref name="destination"/> (left open).</summary>
    /// <param name="displayName">How errors name the destination.</param>
    /// <exception cref="DreamOutputException">The encoder refuses the image (e.g. wider than WebP's 16383 pixels), or a
    /// <see cref="ImageWriteOptions.Recipe"/> too long for a JPEG's metadata segment (64 KB).</exception>
    /// <exception cref="IOException">Writing to <paramref name="destination"/> failed.</exception>
    public static void Write(RgbImage image, Stream destination, string displayName, ImageFormat format, ImageWriteOptions options)
    {
        bool encoded;
        try
        {
            encoded = ImageEncoder.TryEncode(image, destination, format, options.Quality, options.Recipe);
        }
        catch (ArgumentException e) when (e.ParamName == "packet")
        {
            throw new DreamOutputException($"{displayName}: cannot record the settings in it ({e.Message})", e);
        }
        if (!encoded)
            throw new DreamOutputException(
                $"{displayName}: cannot encode a {image.Width}x{image.Height} image as {format.ToString().ToUpperInvariant()}");
    }

    /// <summary>The output format named by <paramref name="path"/>'s extension (case-insensitive).</summary>
    public static bool TryGetFormat(string path, out ImageFormat format)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".jpg" or ".jpeg": format = ImageFormat.Jpeg; return true;
            case ".png": format = ImageFormat.Png; return true;
            case ".webp": format = ImageFormat.Webp; return true;
            default: format = default; return false;
        }
    }
}
