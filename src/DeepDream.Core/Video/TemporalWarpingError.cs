using DeepDream.Imaging;

namespace DeepDream.Video;

/// <summary>
/// How steady a dreamed video is: the mean absolute difference (0-255 grey levels, over RGB channels) between each
/// dreamed frame and the previous dreamed frame moved along the <em>source</em> video's motion, over the pixels the
/// motion tracks. Zero means the dream moves exactly with the scene; flicker and sliding patterns raise it.
/// </summary>
public static class TemporalWarpingError
{
    /// <summary>The error of one frame pair; null when no pixel is tracked.</summary>
    /// <param name="sourceMotion">The motion between the two source frames.</param>
    /// <exception cref="ArgumentException">The dreamed frames are not the motion's size.</exception>
    public static double? Between(FrameMotion sourceMotion, RgbImage previousDreamed, RgbImage currentDreamed)
    {
        var warped = sourceMotion.Warp(previousDreamed);
        if ((currentDreamed.Width, currentDreamed.Height) != (warped.Width, warped.Height))
            throw new ArgumentException($"a {currentDreamed.Width}x{currentDreamed.Height} frame does not have the motion's size {warped.Width}x{warped.Height}");
        double sum = 0;
        long count = 0;
        for (int y = 0, i = 0; y < warped.Height; y++)
        for (int x = 0; x < warped.Width; x++, i += 3)
        {
            if (!sourceMotion.IsTracked(x, y)) continue;
            sum += Math.Abs(currentDreamed.Rgb[i] - warped.Rgb[i]) + Math.Abs(currentDreamed.Rgb[i + 1] - warped.Rgb[i + 1])
                + Math.Abs(currentDreamed.Rgb[i + 2] - warped.Rgb[i + 2]);
            count += 3;
        }
        return count == 0 ? null : sum / count;
    }
}
