using SkiaSharp;

namespace DeepDream.Imaging;

/// <summary>
/// Turns decoded RGBA pixels, stored as the camera wrote them, into an upright <see cref="RgbImage"/>: applies the
/// EXIF orientation and splits off the alpha plane in one pass.
/// </summary>
internal static class UprightPixels
{
    /// <param name="rgba">Row-major RGBA, 4 bytes per pixel, <paramref name="width"/> × <paramref name="height"/> as stored.</param>
    /// <param name="origin">Where the stored first row and column belong when displayed (EXIF orientation 1-8).</param>
    /// <param name="keepAlpha">Whether to keep the alpha channel as a separate plane.</param>
    public static RgbImage FromRgba(ReadOnlySpan<byte> rgba, int width, int height, SKEncodedOrigin origin, bool keepAlpha)
    {
        var map = SourceMap.For(origin, width, height);
        int outWidth = map.SwapsAxes ? height : width;
        int outHeight = map.SwapsAxes ? width : height;
        var rgb = new byte[(long)outWidth * outHeight * 3];
        byte[]? alpha = keepAlpha ? new byte[(long)outWidth * outHeight] : null;

        // Source pixel of output (x, y) is (A x + B y + C, D x + E y + F), so along an output row the source
        // index moves by a constant step: one multiply per row, additions per pixel.
        long step = (long)map.D * width + map.A;
        long target = 0;
        for (int y = 0; y < outHeight; y++)
        {
            long source = ((long)map.E * y + map.F) * width + (long)map.B * y + map.C;
            for (int x = 0; x < outWidth; x++, source += step, target++)
            {
                int s = (int)(source * 4);
                long t = target * 3;
                rgb[t] = rgba[s];
                rgb[t + 1] = rgba[s + 1];
                rgb[t + 2] = rgba[s + 2];
                if (alpha is not null) alpha[target] = rgba[s + 3];
            }
        }
        return new RgbImage(outWidth, outHeight, rgb, alpha);
    }

    /// <summary>Source coordinates of output pixel (x, y): <c>(A x + B y + C, D x + E y + F)</c>.</summary>
    private readonly record struct SourceMap(int A, int B, int C, int D, int E, int F)
    {
        public bool SwapsAxes => B != 0;

        public static SourceMap For(SKEncodedOrigin origin, int width, int height)
        {
            int right = width - 1, bottom = height - 1;
            return origin switch
            {
                SKEncodedOrigin.TopRight => new(-1, 0, right, 0, 1, 0),          // mirrored horizontally
                SKEncodedOrigin.BottomRight => new(-1, 0, right, 0, -1, bottom), // rotated 180°
                SKEncodedOrigin.BottomLeft => new(1, 0, 0, 0, -1, bottom),       // mirrored vertically
                SKEncodedOrigin.LeftTop => new(0, 1, 0, 1, 0, 0),                // transposed
                SKEncodedOrigin.RightTop => new(0, 1, 0, -1, 0, bottom),         // needs 90° clockwise
                SKEncodedOrigin.RightBottom => new(0, -1, right, -1, 0, bottom), // transverse
                SKEncodedOrigin.LeftBottom => new(0, -1, right, 1, 0, 0),        // needs 90° counter-clockwise
                _ => new(1, 0, 0, 0, 1, 0),                                      // TopLeft: stored upright
            };
        }
    }
}
