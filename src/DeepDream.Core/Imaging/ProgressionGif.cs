using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace DeepDream.Imaging;

/// <summary>
/// An animated GIF of a dream's progression: the original, then the image after each octave, all at the final
/// image's size, looping; the last frame is held longer. Encoded with ImageSharp (SkiaSharp has no GIF encoder),
/// each frame with its own palette.
/// </summary>
public static class ProgressionGif
{
    /// <summary>How long each frame but the last shows, in hundredths of a second.</summary>
    public const int FrameDelay = 70;

    /// <summary>How long the last frame (the result) shows before the loop starts again, in hundredths of a second.</summary>
    public const int FinalDelay = 250;

    /// <summary>Checks, writing nothing, that a GIF can be written at <paramref name="path"/>.</summary>
    /// <exception cref="DreamOutputException">Not a .gif name, a folder, or in a folder that does not exist.</exception>
    public static void CheckWritable(string path)
    {
        if (!string.Equals(Path.GetExtension(path), ".gif", StringComparison.OrdinalIgnoreCase))
            throw new DreamOutputException($"{path}: a progression is written as a GIF; name it .gif");
        if (Directory.Exists(path)) throw new DreamOutputException($"{path}: is a folder; name the GIF file");
        OutputPaths.CheckFolderOf(path);
    }

    /// <summary>Writes <paramref name="original"/> and <paramref name="steps"/> as frames, atomically.</summary>
    /// <param name="original">The image the dream started from; scaled to the last step's size.</param>
    /// <param name="steps">At least one image (e.g. each octave's, coarsest first); each is scaled to the last one's size.</param>
    /// <param name="comment">Text for the GIF's comment extension (DeepDream puts its record there); null for none.</param>
    /// <exception cref="DreamOutputException">See <see cref="CheckWritable"/>; also an I/O error.</exception>
    public static void Write(string path, RgbImage original, IReadOnlyList<RgbImage> steps, string? comment = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(steps.Count);
        CheckWritable(path);
        var (width, height) = (steps[^1].Width, steps[^1].Height);
        using var animation = new Image<Rgb24>(width, height);
        var metadata = animation.Metadata.GetGifMetadata();
        metadata.RepeatCount = 0;
        metadata.ColorTableMode = GifColorTableMode.Local;
        if (comment is not null) metadata.Comments.Add(comment);
        RgbImage[] frames = [original, .. steps];
        for (int i = 0; i < frames.Length; i++)
        {
            using var frame = Image.LoadPixelData<Rgb24>(frames[i].Rgb, frames[i].Width, frames[i].Height);
            if ((frame.Width, frame.Height) != (width, height)) frame.Mutate(pixels => pixels.Resize(width, height, KnownResamplers.Bicubic));
            frame.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = i == frames.Length - 1 ? FinalDelay : FrameDelay;
            animation.Frames.AddFrame(frame.Frames.RootFrame);
        }
        animation.Frames.RemoveFrame(0);
        try
        {
            AtomicFile.Write(path, stream => animation.SaveAsGif(stream, new GifEncoder { ColorTableMode = GifColorTableMode.Local }));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DreamOutputException($"{path}: cannot write ({e.Message})", e);
        }
    }
}
