using System.Text;
using DeepDream.Sequences;
using static TorchSharp.torch;

namespace DeepDream.Imaging;

/// <summary>
/// An animated GIF of a dream's progression: the original, then the image after each octave, all at the final
/// image's size, looping; the last frame is held longer. Encoded by ffmpeg (SkiaSharp has no GIF encoder), each frame
/// with its own palette; ffmpeg writes no GIF comments, so the comment extension is added here.
/// </summary>
public static class ProgressionGif
{
    /// <summary>How long each frame but the last shows, in hundredths of a second.</summary>
    public const int FrameDelay = 70;

    /// <summary>How long the last frame (the result) shows before the loop starts again, in hundredths of a second.</summary>
    public const int FinalDelay = 250;

    private const string FramePattern = "frame_%03d.png";

    /// <summary>
    /// ffmpeg's filter and muxer options: a palette per frame (palettegen/paletteuse, so the photo and the dream each
    /// keep their colours) and the result's longer hold.
    /// </summary>
    private static readonly string[] GifOptions =
    [
        "-vf", "split[a][b];[a]palettegen=stats_mode=single[p];[b][p]paletteuse=new=1",
        "-final_delay", FinalDelay.ToString(System.Globalization.CultureInfo.InvariantCulture), "-loop", "0",
    ];

    /// <summary>Checks, writing nothing, that a GIF can be written at <paramref name="path"/>.</summary>
    /// <exception cref="DreamOutputException">Not a .gif name, a folder, or in a folder that does not exist.</exception>
    public static void CheckWritable(string path)
    {
        if (!string.Equals(Path.GetExtension(path), ".gif", StringComparison.OrdinalIgnoreCase))
            throw new DreamOutputException($"{path}: a progression is written as a GIF; name it .gif");
        if (Directory.Exists(path)) throw new DreamOutputException($"{path}: is a folder; name the GIF file");
        OutputPaths.CheckFolderOf(path);
    }

    /// <summary>The ffmpeg that will encode the GIF <paramref name="path"/>, from the folders of <paramref name="searchPath"/> (PATH's form).</summary>
    /// <exception cref="VideoAssemblyException">There is none: one line naming ffmpeg and how to install it.</exception>
    public static string FindEncoder(string path, string? searchPath) =>
        FrameVideo.FindFfmpeg(searchPath)
        ?? throw new VideoAssemblyException(
            $"--gif {path}: ffmpeg, which encodes the GIF, is not on PATH; install it (on Debian or Ubuntu: apt-get install ffmpeg), or leave out --gif");

    /// <summary>Writes <paramref name="original"/> and <paramref name="steps"/> as frames, atomically.</summary>
    /// <param name="ffmpeg">The encoder (<see cref="FindEncoder"/>).</param>
    /// <param name="path">The GIF to write.</param>
    /// <param name="original">The image the dream started from; scaled to the last step's size.</param>
    /// <param name="steps">At least one image (e.g. each octave's, coarsest first); each is scaled to the last one's size.</param>
    /// <param name="comment">Text for the GIF's comment extension, stored as UTF-8 (DeepDream puts its record there); null for none.</param>
    /// <param name="cancellation">Stops ffmpeg; nothing is written.</param>
    /// <exception cref="DreamOutputException">See <see cref="CheckWritable"/>; also an I/O error.</exception>
    /// <exception cref="VideoAssemblyException">ffmpeg cannot be started or fails.</exception>
    public static void Write(string ffmpeg, string path, RgbImage original, IReadOnlyList<RgbImage> steps, string? comment = null,
        CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(steps.Count);
        CheckWritable(path);
        var (width, height) = (steps[^1].Width, steps[^1].Height);
        RgbImage[] frames = [original, .. steps];
        DirectoryInfo? work = null;
        try
        {
            work = Directory.CreateTempSubdirectory("deepdream-gif-");
            for (int i = 0; i < frames.Length; i++)
                ImageFile.Write(Fit(frames[i], width, height), Path.Combine(work.FullName, $"frame_{i:D3}.png"), ImageWriteOptions.Default);
            FrameVideo.Encode(ffmpeg, path,
                temporary => FrameVideo.Arguments(work.FullName, FramePattern, frames.Length, 100.0 / FrameDelay, temporary, "gif", GifOptions),
                cancellation, temporary =>
                {
                    if (comment is not null) AddComment(temporary, comment);
                });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DreamOutputException($"{path}: cannot write ({e.Message})", e);
        }
        finally
        {
            work?.Delete(recursive: true);
        }
    }

    /// <summary><paramref name="image"/> at <paramref name="width"/> × <paramref name="height"/> (bicubic, as the dream's octaves are scaled).</summary>
    private static RgbImage Fit(RgbImage image, int width, int height)
    {
        if ((image.Width, image.Height) == (width, height)) return image;
        using var pixels = ImageTensor.ToTensor(image, CPU);
        using var resized = ImageTensor.Resize(pixels, height, width);
        return ImageTensor.ToImage(resized);
    }

    /// <summary>
    /// Puts a comment extension (0x21 0xFE, then the text in sub-blocks of up to 255 bytes, then 0) just before the
    /// trailer of the GIF at <paramref name="gif"/>, where GIF89a allows one.
    /// </summary>
    private static void AddComment(string gif, string comment)
    {
        const byte Trailer = 0x3B;
        byte[] text = Encoding.UTF8.GetBytes(comment);
        using var file = new FileStream(gif, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        file.Seek(-1, SeekOrigin.End);
        if (file.ReadByte() != Trailer) throw new VideoAssemblyException($"{gif}: ffmpeg wrote a GIF without its trailer");
        file.Seek(-1, SeekOrigin.End);
        file.Write([0x21, 0xFE]);
        for (int offset = 0; offset < text.Length; offset += 255)
        {
            int length = Math.Min(255, text.Length - offset);
            file.WriteByte((byte)length);
            file.Write(text, offset, length);
        }
        file.Write([0, Trailer]);
    }
}
