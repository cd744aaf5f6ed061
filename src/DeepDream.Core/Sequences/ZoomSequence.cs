using System.Diagnostics;
using System.Globalization;
using DeepDream.Dreaming;
using DeepDream.Imaging;
using DeepDream.Pipeline;

namespace DeepDream.Sequences;

/// <summary>
/// The "long zoom": frame 0 is the dream of the start image; every later frame is the previous dreamed frame zoomed
/// in about its centre (and turned), cropped to the same size and dreamed again, so the camera seems to fly into
/// an endless hallucination. Frames are numbered PNGs (<see cref="FramePattern"/>) in one folder, optionally
/// assembled into a video by ffmpeg at the end.
/// </summary>
/// <remarks>
/// Resumable: each frame is written atomically, so every frame file is complete. A re-run with the same start
/// image and settings keeps the frames there, reads the last one back, and continues from it, exactly as an
/// uninterrupted run would (the chain runs through the 8-bit frames in both cases). Asking for more frames than
/// before extends a finished sequence. Transparency in the start image is dropped.
/// </remarks>
public sealed class ZoomSequence(DreamPipeline pipeline)
{
    /// <summary>The frame names in printf form, as ffmpeg's image2 input expects: <c>frame_%05d.png</c>.</summary>
    public const string FramePattern = "frame_%05d.png";

    /// <summary>
    /// Checks before any work that the plan's outputs can be made, and finds ffmpeg when a video is asked for.
    /// </summary>
    /// <returns>The ffmpeg executable; null when no video is asked for.</returns>
    /// <exception cref="DreamOutputException">The folder, or a folder above it, is a file; the video is a folder or its folder is missing.</exception>
    /// <exception cref="DreamSettingsException">A video is asked for but ffmpeg is not on PATH.</exception>
    public static string? CheckOutputs(ZoomPlan plan)
    {
        OutputPaths.CheckOutputFolder(plan.Folder);
        if (plan.Video is not { } video) return null;
        if (Directory.Exists(video)) throw new DreamOutputException($"{video}: is a folder; name the video file");
        OutputPaths.CheckFolderOf(video);
        return FrameVideo.FindFfmpeg(Environment.GetEnvironmentVariable("PATH"))
            ?? throw new DreamSettingsException(nameof(ZoomPlan.Video), video,
                "ffmpeg is not on PATH; install it, or leave out the video and assemble the frames yourself");
    }

    /// <summary>Makes the frames of <paramref name="plan"/> that its folder does not have yet, then the video.</summary>
    /// <param name="start">The image frame 0 dreams on.</param>
    /// <param name="progress">Told as each frame starts and is written.</param>
    /// <param name="dreamEvents">Told the plan, steps and octaves of each frame's dream.</param>
    /// <param name="cancellation">Stops after the current gradient step; the frames written are kept, no video is made.</param>
    /// <exception cref="DreamSettingsException">The folder holds a zoom from another start image or other settings.</exception>
    /// <exception cref="DreamOutputException">An output cannot be written (see <see cref="CheckOutputs"/>).</exception>
    /// <exception cref="VideoAssemblyException">ffmpeg failed.</exception>
    public ZoomResult Run(RgbImage start, ZoomPlan plan, IProgress<ZoomFrameEvent>? progress = null,
        IProgress<DreamEvent>? dreamEvents = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        string? ffmpeg = CheckOutputs(plan);
        var opaqueStart = new RgbImage(start.Width, start.Height, start.Rgb);
        string settingsKey = SettingsKey.Create(pipeline.NetworkKey, pipeline.Settings, pipeline.Guide,
            ("zoom", plan.Motion.Zoom.ToString("R", CultureInfo.InvariantCulture)),
            ("rotate", plan.Motion.RotateDegrees.ToString("R", CultureInfo.InvariantCulture)),
            ("padding", plan.Motion.Padding.ToString().ToLowerInvariant()));
        var folder = ZoomFolder.Prepare(plan.Folder, SettingsKey.Digest(opaqueStart), settingsKey, plan.Restart);

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
                var input = index == 0 ? opaqueStart : ImageWarp.ZoomAndRotate(previous!, plan.Motion, pipeline.Network.Device);
                var source = DreamSource.Image(index == 0 ? "the zoom's start image" : string.Create(CultureInfo.InvariantCulture,
                    $"zoom frame {index - 1} zoomed by {plan.Motion.Zoom} and turned {plan.Motion.RotateDegrees} degrees"));
                previous = pipeline.Dream(input, source, ImageTarget.File(path), dreamEvents, cancellation).Image;
                made++;
                progress?.Report(new ZoomFrameEvent(ZoomFrameStage.Written, index, plan.Frames, path,
                    Stopwatch.GetElapsedTime(started).TotalSeconds));
            }
            string? video = plan.Video is null ? null : Path.GetFullPath(plan.Video);
            if (video is not null)
                FrameVideo.Assemble(ffmpeg!, folder.Path, FramePattern, plan.Frames, plan.Fps, video, cancellation);
            return new ZoomResult(folder.Path, plan.Frames, kept, made, Cancelled: false, clock.Elapsed.TotalSeconds, video);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return new ZoomResult(folder.Path, plan.Frames, kept, made, Cancelled: true, clock.Elapsed.TotalSeconds);
        }
    }
}
