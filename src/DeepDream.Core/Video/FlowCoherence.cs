using DeepDream.Imaging;
using OpenCvSharp;

namespace DeepDream.Video;

/// <summary>
/// Temporal coherence along the motion: the previous frame's dream detail (dreamed minus source) is carried into the
/// current frame along the optical flow, so the hallucinated patterns travel with the objects they grew on.
/// </summary>
public static class FlowCoherence
{
    /// <summary>
    /// The image the current frame's dream starts from: <c>current + carry × W(previousDreamed − previousSource)</c>
    /// on tracked pixels, where W moves a picture along <paramref name="motion"/>; untracked pixels (occlusions, new
    /// ground) start from the plain frame. Rounded and clamped to 0-255; the current frame's alpha is kept.
    /// </summary>
    /// <param name="motion">The motion from <paramref name="previousSource"/> to <paramref name="current"/>.</param>
    /// <param name="carry">How much of the detail is carried, 0-1.</param>
    /// <exception cref="ArgumentException">The images are not all the size of <paramref name="motion"/>.</exception>
    public static RgbImage Start(RgbImage current, RgbImage previousSource, RgbImage previousDreamed, FrameMotion motion, double carry)
    {
        using var detail = OpenCvImages.RgbFloat(previousDreamed);
        using (var source = OpenCvImages.RgbFloat(previousSource))
            Cv2.Subtract(detail, source, detail);
        using var carried = motion.Warp(detail);
        using var mask = TrackedMask(motion, (float)carry);
        Cv2.Multiply(carried, mask, carried);
        using var start = OpenCvImages.RgbFloat(current);
        if ((start.Cols, start.Rows) != (motion.Width, motion.Height))
            throw new ArgumentException($"a {current.Width}x{current.Height} frame does not have the motion's size {motion.Width}x{motion.Height}");
        Cv2.Add(start, carried, start);
        return OpenCvImages.ToImage(start, current.Alpha);
    }

    /// <summary>A CV_32FC3 matrix of <paramref name="weight"/> on tracked pixels and 0 elsewhere, in all three channels.</summary>
    internal static Mat TrackedMask(FrameMotion motion, float weight)
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
