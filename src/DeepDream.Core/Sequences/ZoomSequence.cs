using System.Diagnostics;
using System.Globalization;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Models;

namespace DeepDream.Sequences;

/// <summary>
/// The "long zoom": frame 0 is the dream of the start image; every later frame is the previous dreamed frame zoomed
/// in about its centre (and turned), cropped to the same size and dreamed again, so the camera seems to fly into
/// an endless hallucination. Frames are numbered PNGs (<see cref="FramePattern"/>) in one folder.
/// </summary>
/// <remarks>
/// Resumable: each frame is written atomically, so every frame file is complete. A re-run with the same start
/// image and settings keeps the frames there, reads the last one back, and continues from it, exactly as an
/// uninterrupted run would (the chain runs through the 8-bit frames in both cases). Asking for more frames than
/// before extends a finished sequence. Transparency in the start image is dropped.
/// </remarks>
public sealed class ZoomSequence(IDreamNetwork network)
{
    /// <summary>The frame names in printf form, as ffmpeg's image2 input expects: <c>frame_%05d.png</c>.</summary>
    public const string FramePattern = "frame_%05d.png";

    private readonly ImageDreamer _dreamer = new(network);

    /// <summary>Makes the frames of <paramref name="plan"/> that <paramref name="outputFolder"/> does not have yet.</summary>
    /// <param name="start">The image frame 0 dreams on.</param>
    /// <param name="progress">Told as each frame starts and is written.</param>
    /// <param name="steps">Gives the step progress sink for each frame's dream; null for none.</param>
    /// <param name="cancellation">Stops after the current gradient step; the frames written are kept.</param>
    /// <exception cref="DreamSettingsException">
    /// A setting is out of range, or the folder holds a zoom from another start image or other settings.
    /// </exception>
    /// <exception cref="DreamOutputException">The folder is a file, or a frame cannot be written.</exception>
    public ZoomResult Run(RgbImage start, ZoomPlan plan, string outputFolder, IProgress<ZoomFrameEvent>? progress = null,
        DreamProgressFactory? steps = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        plan.Validate();
        var opaqueStart = new RgbImage(start.Width, start.Height, start.Rgb);
        string settingsKey = SettingsKey.Create(network.Identity, plan.Settings, plan.Guide,
            ("zoom", plan.Motion.Zoom.ToString("R", CultureInfo.InvariantCulture)),
            ("rotate", plan.Motion.RotateDegrees.ToString("R", CultureInfo.InvariantCulture)),
            ("padding", plan.Motion.Padding.ToString().ToLowerInvariant()));
        var folder = ZoomFolder.Prepare(outputFolder, SettingsKey.Digest(opaqueStart), settingsKey, plan.Restart);

        // Continue from the last frame that decodes; one damaged since it was written is made again.
        int kept = Math.Min(folder.CountFrames(), plan.Frames);
        RgbImage? previous = null;
        while (kept > 0 && (previous = folder.TryReadFrame(kept - 1)) is null) kept--;

        int made = 0;
        try
        {
            for (int index = kept; index < plan.Frames; index++)
            {
                long started = Stopwatch.GetTimestamp();
                string path = folder.FramePath(index);
                progress?.Report(new ZoomFrameEvent(ZoomFrameStage.Started, index, plan.Frames, path, 0));
                var input = index == 0 ? opaqueStart : ImageWarp.ZoomAndRotate(previous!, plan.Motion, network.Device);
                var (height, width) = ImageDreamer.FitWithin(input.Height, input.Width, plan.Settings.MaxSide);
                previous = _dreamer.Dream(input, plan.Settings, steps?.Invoke(height, width), cancellation, plan.Guide).Image;
                ImageFile.Write(previous, path, ImageWriteOptions.Default);
                made++;
                progress?.Report(new ZoomFrameEvent(ZoomFrameStage.Written, index, plan.Frames, path,
                    Stopwatch.GetElapsedTime(started).TotalSeconds));
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return new ZoomResult(folder.Path, plan.Frames, kept, made, Cancelled: true, clock.Elapsed.TotalSeconds);
        }
        return new ZoomResult(folder.Path, plan.Frames, kept, made, Cancelled: false, clock.Elapsed.TotalSeconds);
    }
}
