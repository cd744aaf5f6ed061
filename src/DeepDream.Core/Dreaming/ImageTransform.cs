using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Dreaming;

/// <summary>
/// How the network sees the image at one step (transformation robustness): rolled by (<paramref name="ShiftY"/>,
/// <paramref name="ShiftX"/>) pixels with wrap-around, after scaling by <paramref name="Scale"/> and rotating by
/// <paramref name="Degrees"/> anticlockwise about the centre (reflection fills what the turn reveals). A pattern
/// that survives every such view is one the network sees in the image, not a quirk of its pixel grid.
/// </summary>
internal readonly record struct ImageTransform(int ShiftY, int ShiftX, double Scale = 1, double Degrees = 0)
{
    /// <summary>Only a roll: no resampling, so no warp in the gradient's path.</summary>
    public bool IsShiftOnly => Scale == 1 && Degrees == 0;

    /// <summary>
    /// A random view within <see cref="DreamSettings.Jitter"/>, <see cref="DreamSettings.RandomScale"/> and
    /// <see cref="DreamSettings.RandomRotation"/>, uniformly drawn. Scale and angle draw nothing when off, so dreams
    /// without them are the same as before they existed.
    /// </summary>
    public static ImageTransform Draw(DreamSettings settings, Random random)
    {
        int dy = random.Next(-settings.Jitter, settings.Jitter + 1);
        int dx = random.Next(-settings.Jitter, settings.Jitter + 1);
        double scale = settings.RandomScale > 0 ? 1 + settings.RandomScale * (2 * random.NextDouble() - 1) : 1;
        double degrees = settings.RandomRotation > 0 ? settings.RandomRotation * (2 * random.NextDouble() - 1) : 0;
        return new ImageTransform(dy, dx, scale, degrees);
    }

    /// <summary>
    /// The image (N×C×H×W) scaled and rotated, differentiably (bilinear <c>grid_sample</c>), so a gradient at the
    /// warped image flows back to <paramref name="image"/>. The roll is not applied here.
    /// </summary>
    public Tensor Warp(Tensor image)
    {
        using var scope = NewDisposeScope();
        long n = image.shape[0], height = image.shape[2], width = image.shape[3];
        double angle = Degrees * Math.PI / 180, cos = Math.Cos(angle) / Scale, sin = Math.Sin(angle) / Scale;
        // affine_grid maps output to input positions in coordinates running from -1 to 1 along each axis; the
        // aspect ratio terms keep the turn a rotation on non-square images.
        var theta = tensor(new[]
        {
            (float)cos, (float)(-sin * height / width), 0f,
            (float)(sin * width / height), (float)cos, 0f,
        }, [1, 2, 3], device: image.device).expand(n, 2, 3);
        var grid = F.affine_grid(theta, [n, image.shape[1], height, width], align_corners: false);
        return F.grid_sample(image, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Reflection, align_corners: false)
            .MoveToOuterDisposeScope();
    }
}
