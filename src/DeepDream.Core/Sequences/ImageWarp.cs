using DeepDream.Imaging;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Sequences;

/// <summary>Zooms and rotates an image about its centre, keeping its size: the step between frames of a zoom.</summary>
public static class ImageWarp
{
    /// <summary>
    /// A new 1×3×H×W tensor: <paramref name="pixels"/> magnified by <see cref="ZoomMotion.Zoom"/> and turned by
    /// <see cref="ZoomMotion.RotateDegrees"/> about the centre, sampled bilinearly.
    /// </summary>
    /// <param name="pixels">1×3×H×W image tensor (any device).</param>
    public static Tensor ZoomAndRotate(Tensor pixels, ZoomMotion motion)
    {
        if (pixels.shape is not [1, 3, var height, var width])
            throw new ArgumentException($"expected a 1x3xHxW image tensor, got [{string.Join("x", pixels.shape)}]", nameof(pixels));

        using var scope = NewDisposeScope();
        // affine_grid maps each output position, in coordinates running from -1 to 1 across each side, to the input
        // position it samples. In pixels that is rotate(output offset from the centre) / zoom; the width/height
        // ratios convert the rotation's cross terms between the two axes' differently sized -1..1 scales.
        double radians = motion.RotateDegrees * Math.PI / 180;
        double cos = Math.Cos(radians) / motion.Zoom;
        double sin = Math.Sin(radians) / motion.Zoom;
        double aspect = (double)width / height;
        var theta = tensor(new[] { (float)cos, (float)(-sin / aspect), 0f, (float)(sin * aspect), (float)cos, 0f },
            [1, 2, 3], device: pixels.device);
        var grid = F.affine_grid(theta, [1, 3, height, width], align_corners: false);
        var padding = motion.Padding == WarpPadding.Border ? GridSamplePaddingMode.Border : GridSamplePaddingMode.Reflection;
        var warped = F.grid_sample(pixels.to(ScalarType.Float32), grid, GridSampleMode.Bilinear, padding, align_corners: false);
        return warped.MoveToOuterDisposeScope();
    }

    /// <summary>The warped image, computed on <paramref name="device"/>; alpha is not carried.</summary>
    public static RgbImage ZoomAndRotate(RgbImage image, ZoomMotion motion, Device device)
    {
        using var pixels = ImageTensor.ToTensor(image, device);
        using var warped = ZoomAndRotate(pixels, motion);
        return ImageTensor.ToImage(warped);
    }
}
