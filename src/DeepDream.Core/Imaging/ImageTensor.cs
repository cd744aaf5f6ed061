using DeepDream.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepDream.Imaging;

/// <summary>
/// Moves pixels between <see cref="RgbImage"/> and the 1×3×H×W float tensors (RGB, 0-255) the dream works on,
/// and resizes those tensors for the octave pyramid.
/// </summary>
public static class ImageTensor
{
    /// <summary>A new float32 tensor of shape 1×3×H×W on <paramref name="device"/>, RGB, exact integer values 0-255.</summary>
    public static Tensor ToTensor(RgbImage image, Device device)
    {
        using var bytes = ToByteTensor(image, device);
        return bytes.to(ScalarType.Float32);
    }

    /// <summary>
    /// A new uint8 tensor of shape 1×3×H×W on <paramref name="device"/>, RGB: the image at a quarter of the float
    /// size (a 6000x4000 photo: 72 MB instead of 288 MB), for holding a start image that is read once per octave.
    /// </summary>
    public static Tensor ToByteTensor(RgbImage image, Device device)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        // One bulk copy of the interleaved bytes; the device transfer and the planar layout happen in uint8.
        var interleaved = tensor(image.Rgb, [image.Height, image.Width, 3], ScalarType.Byte);
        var planar = interleaved.to(device).permute(2, 0, 1).unsqueeze(0).contiguous();
        return planar.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The image in <paramref name="pixels"/> (1×3×H×W, RGB, 0-255, any device): values rounded to the nearest
    /// integer and clamped to 0..255 (NaN becomes 0). <paramref name="alpha"/>, if given, must have H×W bytes.
    /// </summary>
    public static RgbImage ToImage(Tensor pixels, byte[]? alpha = null)
    {
        var shape = pixels.shape;
        if (shape is not [1, 3, var height, var width])
            throw new ArgumentException($"expected a 1x3xHxW image tensor, got [{string.Join("x", shape)}]", nameof(pixels));

        // Band by band, straight into the managed array: a float copy of the whole image would cost 4 bytes a
        // subpixel (288 MB for a 6000x4000 photo) next to the pixels themselves.
        var rgb = new byte[height * width * 3];
        long rows = Math.Max(1, ToImageBandSubpixels / (3 * width));
        for (long top = 0; top < height; top += rows)
        {
            using var scope = NewDisposeScope();
            long band = Math.Min(rows, height - top);
            var rounded = pixels.detach().narrow(2, top, band).nan_to_num(0).round_().clamp_(0, 255);
            var interleaved = rounded.to(ScalarType.Byte).squeeze(0).permute(1, 2, 0).contiguous().cpu();
            interleaved.data<byte>().CopyTo(rgb, checked((int)(top * width * 3)));
        }
        return new RgbImage((int)width, (int)height, rgb, alpha);
    }

    /// <summary>Subpixels converted at a time by <see cref="ToImage"/> (4 MB of float32 temporaries).</summary>
    internal const long ToImageBandSubpixels = 1 << 20;

    /// <summary>
    /// A new tensor on the same device resized to <paramref name="height"/> × <paramref name="width"/> with bicubic
    /// interpolation, in the input's type when that is floating point and in float32 otherwise (uint8 pixels).
    /// Antialiasing makes shrinking average over the pixels it drops instead of aliasing them; growing is plain bicubic.
    /// </summary>
    public static Tensor Resize(Tensor pixels, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (pixels.dim() != 4) throw new ArgumentException($"expected an NxCxHxW tensor, got {pixels.dim()} dimensions", nameof(pixels));
        var type = pixels.is_floating_point() ? pixels.dtype : ScalarType.Float32;
        var resized = empty(pixels.shape[0], pixels.shape[1], height, width, dtype: type, device: pixels.device);
        // One plane at a time (the same numbers: planes are interpolated independently), so that the interpolation's
        // intermediate and a float copy of uint8 pixels are a plane's size, not the whole image's: for a 6000x4000
        // photo 96 MB instead of 288.
        for (long n = 0; n < pixels.shape[0]; n++)
        {
            for (long c = 0; c < pixels.shape[1]; c++)
            {
                using var scope = NewDisposeScope();
                var plane = pixels.narrow(0, n, 1).narrow(1, c, 1).to(type);
                resized.narrow(0, n, 1).narrow(1, c, 1).copy_(nn.functional.interpolate(plane, size: [height, width],
                    mode: InterpolationMode.Bicubic, align_corners: false, antialias: true));
            }
        }
        return resized;
    }
}
