using DeepDream.Imaging;
using DeepDream.Models.Store;
using OpenCvSharp;

namespace DeepDream.Video;

/// <summary>
/// Temporal coherence along the motion: the previous frame's dream detail (dreamed minus source) is carried into the
/// current frame along the optical flow, so the hallucinated patterns travel with the objects they grew on.
/// </summary>
public static class FlowCoherence
{
    /// <summary>
    /// Checks that optical flow can run here, before any work: OpenCV's native library is installed on first use
    /// (from NuGet, into <c>$DEEPDREAM_HOME/native/opencv/</c>) and loads.
    /// </summary>
    /// <param name="progress">Told the install's steps, when it is installed now.</param>
    /// <param name="cancellation">Stops an install in progress.</param>
    /// <exception cref="FlowUnavailableException">It cannot: the message names the platform, the failed install or the missing library.</exception>
    public static void CheckAvailable(IProgress<InstallProgress>? progress = null, CancellationToken cancellation = default) =>
        OpenCvRuntime.EnsureLoaded(progress, cancellation);

    /// <summary>
    /// The image the current frame's dream starts from: <c>current + carry × W(previousDreamed − previousSource)</c>
    /// on tracked pixels, where W moves a picture along the motion from <paramref name="previousSource"/> to
    /// <paramref name="current"/> (<see cref="FrameMotion"/>); untracked pixels (occlusions, new ground) start from
    /// the plain frame. Rounded and clamped to 0-255, at the current frame's size, with its alpha.
    /// </summary>
    /// <remarks>
    /// The motion and the detail are worked out at the dream's size (<paramref name="dreamSize"/>); when the frames
    /// are larger, the sources are shrunk for that and the carried detail is scaled up to the frame.
    /// </remarks>
    /// <param name="current">The current source frame.</param>
    /// <param name="previousSource">The previous source frame.</param>
    /// <param name="previousDreamed">The previous frame's dream, at the dream's size.</param>
    /// <param name="carry">How much of the detail is carried, 0-1.</param>
    /// <param name="dreamSize">The size the current frame will be dreamed at.</param>
    /// <returns>
    /// Null when the dream must start afresh: the frames show different scenes (<see cref="FrameMotion.IsCut"/>), or
    /// the previous frame was not of this size or not dreamed at this frame's dream size.
    /// </returns>
    /// <exception cref="FlowUnavailableException">OpenCV cannot be loaded here.</exception>
    public static RgbImage? Start(RgbImage current, RgbImage previousSource, RgbImage previousDreamed, double carry,
        (int Height, int Width) dreamSize)
    {
        if ((previousSource.Width, previousSource.Height) != (current.Width, current.Height)
            || (previousDreamed.Height, previousDreamed.Width) != dreamSize)
            return null;

        using var previousAtDreamSize = Fit(OpenCvImages.RgbFloat(previousSource), dreamSize);
        using var currentAtDreamSize = Fit(OpenCvImages.RgbFloat(current), dreamSize);
        using var motion = FrameMotion.Estimate(OpenCvImages.ToImage(previousAtDreamSize), OpenCvImages.ToImage(currentAtDreamSize));
        if (motion.IsCut) return null;

        using var detail = OpenCvImages.RgbFloat(previousDreamed);
        Cv2.Subtract(detail, previousAtDreamSize, detail);
        using var carried = motion.Warp(detail);
        using (var mask = TrackedMask(motion, (float)carry))
            Cv2.Multiply(carried, mask, carried);
        using var start = OpenCvImages.RgbFloat(current);
        if ((current.Height, current.Width) == dreamSize)
        {
            Cv2.Add(start, carried, start);
        }
        else
        {
            using var scaled = new Mat();
            Cv2.Resize(carried, scaled, new Size(current.Width, current.Height), interpolation: InterpolationFlags.Linear);
            Cv2.Add(start, scaled, start);
        }
        return OpenCvImages.ToImage(start, current.Alpha);
    }

    /// <summary><paramref name="image"/> (CV_32FC3, disposed here if replaced) at <paramref name="size"/>, shrunk by area averaging.</summary>
    private static Mat Fit(Mat image, (int Height, int Width) size)
    {
        if ((image.Rows, image.Cols) == size) return image;
        using (image)
        {
            var fitted = new Mat();
            Cv2.Resize(image, fitted, new Size(size.Width, size.Height), interpolation: InterpolationFlags.Area);
            return fitted;
        }
    }

    /// <summary>A CV_32FC3 matrix of <paramref name="weight"/> on tracked pixels and 0 elsewhere, in all three channels.</summary>
    private static Mat TrackedMask(FrameMotion motion, float weight)
    {
        var values = new float[motion.Height * motion.Width];
        for (int y = 0, i = 0; y < motion.Height; y++)
        for (int x = 0; x < motion.Width; x++, i++)
            values[i] = motion.IsTracked(x, y) ? weight : 0;
        using var plane = OpenCvImages.FromFloats(values, motion.Height, motion.Width);
        var mask = new Mat();
        Cv2.Merge([plane, plane, plane], mask);
        return mask;
    }
}
