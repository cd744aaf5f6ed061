using DeepDream.Imaging;
using OpenCvSharp;

namespace DeepDream.Video;

/// <summary>
/// The motion between two consecutive frames of a video, from dense optical flow (OpenCV's Farneback): for every
/// pixel of the current frame, where it was in the previous one, and whether that is trustworthy.
/// </summary>
/// <remarks>
/// The flow is estimated both ways. A pixel is <em>tracked</em> when the backward flow (current → previous) and the
/// forward flow at the point it leads to (previous → current) cancel out, as in Ruder et al., "Artistic style
/// transfer for videos" (2016): <c>|b + f|² ≤ 0.01 (|b|² + |f|²) + 0.5</c>; when that point lies inside the previous
/// frame; and when the pixel looks like where it came from (luma within <see cref="MaxLumaChange"/>). Pixels that
/// fail are occluded or newly revealed. A frame in which fewer than <see cref="CutFraction"/> of the pixels are
/// tracked is taken for a scene cut.
/// </remarks>
public sealed class FrameMotion : IDisposable
{
    /// <summary>Below this fraction of tracked pixels the frame is a cut to another scene.</summary>
    public const double CutFraction = 0.5;

    /// <summary>Largest luma difference (0-255) between a tracked pixel and where it came from.</summary>
    public const float MaxLumaChange = 24;

    private readonly Mat _mapX, _mapY;
    private readonly bool[] _tracked;

    private FrameMotion(Mat mapX, Mat mapY, bool[] tracked, float[] backward)
    {
        _mapX = mapX;
        _mapY = mapY;
        _tracked = tracked;
        Backward = backward;
        Height = mapX.Rows;
        Width = mapX.Cols;
        TrackedFraction = tracked.Count(t => t) / (double)tracked.Length;
    }

    public int Height { get; }

    public int Width { get; }

    /// <summary>
    /// The backward flow, row-major, two values per pixel of the current frame (dx, dy, in pixels): the pixel at
    /// (x, y) was at (x + dx, y + dy) in the previous frame.
    /// </summary>
    public IReadOnlyList<float> Backward { get; }

    /// <summary>Fraction of the current frame's pixels that are tracked, 0-1.</summary>
    public double TrackedFraction { get; }

    /// <summary>True when too few pixels are tracked for the frames to show the same scene.</summary>
    public bool IsCut => TrackedFraction < CutFraction;

    /// <summary>Whether the pixel at (x, y) of the current frame is tracked.</summary>
    public bool IsTracked(int x, int y) => _tracked[y * Width + x];

    /// <summary>Estimates the motion from <paramref name="previous"/> to <paramref name="current"/>.</summary>
    /// <exception cref="ArgumentException">The frames differ in size.</exception>
    /// <exception cref="FlowUnavailableException">OpenCV cannot be loaded here.</exception>
    public static FrameMotion Estimate(RgbImage previous, RgbImage current)
    {
        if ((previous.Width, previous.Height) != (current.Width, current.Height))
            throw new ArgumentException($"frames of {previous.Width}x{previous.Height} and {current.Width}x{current.Height} pixels: motion needs equal sizes");
        using var previousGray = OpenCvImages.Gray(previous);
        using var currentGray = OpenCvImages.Gray(current);
        using var backwardMat = Flow(currentGray, previousGray);
        using var forwardMat = Flow(previousGray, currentGray);

        int height = current.Height, width = current.Width;
        float[] backward = OpenCvImages.Floats(backwardMat);
        var sourceX = new float[height * width];
        var sourceY = new float[height * width];
        for (int y = 0, i = 0; y < height; y++)
        for (int x = 0; x < width; x++, i++)
        {
            sourceX[i] = x + backward[2 * i];
            sourceY[i] = y + backward[2 * i + 1];
        }
        var mapX = OpenCvImages.FromFloats(sourceX, height, width);
        var mapY = OpenCvImages.FromFloats(sourceY, height, width);

        // The forward flow and the previous frame's luma, sampled where each current pixel came from.
        using var forwardAtSource = Remap(forwardMat, mapX, mapY);
        using var previousAtSource = new Mat();
        using (var previousLuma = new Mat())
        {
            previousGray.ConvertTo(previousLuma, MatType.CV_32FC1);
            Cv2.Remap(previousLuma, previousAtSource, mapX, mapY, InterpolationFlags.Linear, BorderTypes.Replicate);
        }
        using var currentLuma = new Mat();
        currentGray.ConvertTo(currentLuma, MatType.CV_32FC1);
        float[] forward = OpenCvImages.Floats(forwardAtSource);
        float[] lumaThen = OpenCvImages.Floats(previousAtSource);
        float[] lumaNow = OpenCvImages.Floats(currentLuma);

        var tracked = new bool[height * width];
        for (int i = 0; i < tracked.Length; i++)
        {
            float bx = backward[2 * i], by = backward[2 * i + 1], fx = forward[2 * i], fy = forward[2 * i + 1];
            float sumX = bx + fx, sumY = by + fy;
            bool consistent = sumX * sumX + sumY * sumY <= 0.01f * (bx * bx + by * by + fx * fx + fy * fy) + 0.5f;
            // Pixels are squares centred on whole coordinates, so a source up to half a pixel out still lies on the frame.
            bool inside = sourceX[i] >= -0.5f && sourceX[i] <= width - 0.5f && sourceY[i] >= -0.5f && sourceY[i] <= height - 0.5f;
            tracked[i] = consistent && inside && Math.Abs(lumaNow[i] - lumaThen[i]) <= MaxLumaChange;
        }
        return new FrameMotion(mapX, mapY, tracked, backward);
    }

    /// <summary>
    /// <paramref name="image"/>, a picture aligned with the previous frame, moved along the motion into the current
    /// frame (bilinear; untracked pixels get whatever the flow points at).
    /// </summary>
    /// <exception cref="ArgumentException">The image is not the frames' size.</exception>
    public RgbImage Warp(RgbImage image)
    {
        CheckSize(image.Width, image.Height);
        using var pixels = OpenCvImages.RgbFloat(image);
        using var warped = Remap(pixels, _mapX, _mapY);
        return OpenCvImages.ToImage(warped, image.Alpha);
    }

    /// <summary>A CV_32FC3 matrix aligned with the previous frame, moved into the current frame (bilinear).</summary>
    internal Mat Warp(Mat previousAligned)
    {
        CheckSize(previousAligned.Cols, previousAligned.Rows);
        return Remap(previousAligned, _mapX, _mapY);
    }

    public void Dispose()
    {
        _mapX.Dispose();
        _mapY.Dispose();
    }

    private void CheckSize(int width, int height)
    {
        if ((width, height) != (Width, Height))
            throw new ArgumentException($"a {width}x{height} image cannot follow the motion of {Width}x{Height} frames");
    }

    /// <summary>
    /// Farneback's dense flow from <paramref name="from"/> to <paramref name="to"/> (CV_32FC2): five pyramid levels
    /// at scale 0.5 for motions of tens of pixels, 13-pixel box windows. (Of the settings tried on bench/'s clip,
    /// these warped source frames onto their successors most closely and left two identical frames wholly tracked.)
    /// </summary>
    private static Mat Flow(Mat from, Mat to)
    {
        var flow = new Mat();
        Cv2.CalcOpticalFlowFarneback(from, to, flow, pyrScale: 0.5, levels: 5, winsize: 13, iterations: 3, polyN: 5,
            polySigma: 1.1, flags: 0);
        return flow;
    }

    private static Mat Remap(Mat source, Mat mapX, Mat mapY)
    {
        var result = new Mat();
        Cv2.Remap(source, result, mapX, mapY, InterpolationFlags.Linear, BorderTypes.Replicate);
        return result;
    }
}
