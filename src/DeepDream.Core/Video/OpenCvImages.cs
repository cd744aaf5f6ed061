using System.Runtime.InteropServices;
using DeepDream.Imaging;
using OpenCvSharp;

namespace DeepDream.Video;

/// <summary>Copies pixels between <see cref="RgbImage"/> and OpenCV matrices (channels kept in RGB order).</summary>
internal static class OpenCvImages
{
    /// <summary>A new H×W CV_8UC3 matrix holding the image's RGB bytes.</summary>
    public static Mat Rgb(RgbImage image)
    {
        OpenCvRuntime.EnsureLoaded();
        var mat = new Mat(image.Height, image.Width, MatType.CV_8UC3);
        Marshal.Copy(image.Rgb, 0, mat.Data, image.Rgb.Length);
        return mat;
    }

    /// <summary>A new H×W CV_32FC3 matrix of the image's RGB values, 0-255.</summary>
    public static Mat RgbFloat(RgbImage image)
    {
        using var bytes = Rgb(image);
        var floats = new Mat();
        bytes.ConvertTo(floats, MatType.CV_32FC3);
        return floats;
    }

    /// <summary>A new H×W CV_8UC1 matrix of the image's luma (ITU-R BT.601 weights, as OpenCV's RGB2GRAY).</summary>
    public static Mat Gray(RgbImage image)
    {
        using var rgb = Rgb(image);
        var gray = new Mat();
        Cv2.CvtColor(rgb, gray, ColorConversionCodes.RGB2GRAY);
        return gray;
    }

    /// <summary>The image in <paramref name="mat"/> (CV_8UC3 as is; CV_32FC3 rounded and clamped to 0-255).</summary>
    public static RgbImage ToImage(Mat mat, byte[]? alpha = null)
    {
        using var bytes = new Mat();
        mat.ConvertTo(bytes, MatType.CV_8UC3);
        var rgb = new byte[bytes.Rows * bytes.Cols * 3];
        Marshal.Copy(bytes.Data, rgb, 0, rgb.Length);
        return new RgbImage(bytes.Cols, bytes.Rows, rgb, alpha);
    }

    /// <summary>The values of a continuous single-precision matrix, row-major, channels interleaved.</summary>
    public static float[] Floats(Mat mat)
    {
        var values = new float[mat.Rows * mat.Cols * mat.Channels()];
        using var continuous = mat.IsContinuous() ? null : mat.Clone();
        Marshal.Copy((continuous ?? mat).Data, values, 0, values.Length);
        return values;
    }

    /// <summary>A new H×W single-channel CV_32FC1 matrix of <paramref name="values"/> (row-major).</summary>
    public static Mat FromFloats(float[] values, int height, int width)
    {
        var mat = new Mat(height, width, MatType.CV_32FC1);
        Marshal.Copy(values, 0, mat.Data, values.Length);
        return mat;
    }
}
