using DeepDream.Dreaming;
using DeepDream.Runtime;
using DeepDream.Sequences;
using static TorchSharp.torch;

namespace DeepDream.Tests.Sequences;

public sealed class ImageWarpTests
{
    public ImageWarpTests() => TorchRuntime.EnsureLoaded();

    /// <summary>1×3×H×W with every channel equal to <paramref name="value"/>(row, column).</summary>
    private static Tensor Image(int height, int width, Func<int, int, float> value)
    {
        var plane = new float[height * width];
        for (int row = 0; row < height; row++)
            for (int column = 0; column < width; column++)
                plane[row * width + column] = value(row, column);
        return tensor(plane.Concat(plane).Concat(plane).ToArray(), [1, 3, height, width]);
    }

    private static float[] Row(Tensor image, int row) => image[0, 0, row].data<float>().ToArray();

    [Fact]
    public void Zoom_one_without_rotation_changes_nothing()
    {
        using var image = Image(5, 7, (row, column) => row * 10 + column);
        using var warped = ImageWarp.ZoomAndRotate(image, new ZoomMotion(zoom: 1, rotateDegrees: 0));
        Assert.True(warped.allclose(image, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void Zoom_two_samples_halfway_towards_the_centre()
    {
        // Pixel centres of a 4-wide row sit at -1.5, -0.5, 0.5, 1.5 from the centre; zoom 2 samples the input at
        // half those offsets, i.e. at columns 0.75, 1.25, 1.75, 2.25 of the ramp 0, 10, 20, 30.
        using var ramp = Image(4, 4, (_, column) => column * 10);
        using var warped = ImageWarp.ZoomAndRotate(ramp, new ZoomMotion(zoom: 2));
        Assert.Equal([4, 4], warped.shape[2..]);
        for (int row = 0; row < 4; row++)
            Assert.Equal(new[] { 7.5f, 12.5f, 17.5f, 22.5f }, Row(warped, row), (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Fact]
    public void Quarter_turn_of_a_wide_image_moves_pixels_anticlockwise_about_the_centre()
    {
        // 6 wide, 4 high, value 10·row + column. A quarter turn anticlockwise shows at output offset (x, y) from the
        // centre the input at (-y, x): output (row 1, col 2) = offset (-0.5, -0.5) shows input offset (0.5, -0.5) =
        // (row 1, col 3) = 13; output (row 1, col 3) = (0.5, -0.5) shows (0.5, 0.5) = (row 2, col 3) = 23.
        using var image = Image(4, 6, (row, column) => row * 10 + column);
        using var warped = ImageWarp.ZoomAndRotate(image, new ZoomMotion(zoom: 1, rotateDegrees: 90));
        Assert.Equal(13f, warped[0, 0, 1, 2].item<float>(), 3);
        Assert.Equal(23f, warped[0, 0, 1, 3].item<float>(), 3);
        Assert.Equal(22f, warped[0, 0, 2, 3].item<float>(), 3);
        Assert.Equal(12f, warped[0, 0, 2, 2].item<float>(), 3);
    }

    [Theory]
    // Zoom 0.5 samples a 4-wide ramp 0, 10, 20, 30 at columns -1.5, 0.5, 2.5, 4.5: the outer two lie outside.
    [InlineData(WarpPadding.Reflection, new[] { 5f, 5f, 25f, 25f })]
    [InlineData(WarpPadding.Border, new[] { 0f, 5f, 25f, 30f })]
    public void Zooming_out_fills_the_edges_as_the_padding_says(WarpPadding padding, float[] expected)
    {
        using var ramp = Image(4, 4, (_, column) => column * 10);
        using var warped = ImageWarp.ZoomAndRotate(ramp, new ZoomMotion(zoom: 0.5, padding: padding));
        Assert.Equal(expected, Row(warped, 1), (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Theory]
    [InlineData(0.4, 0, "Zoom 0.4")]
    [InlineData(2.5, 0, "Zoom 2.5")]
    [InlineData(double.NaN, 0, "Zoom NaN")]
    [InlineData(1.05, 200, "RotateDegrees 200")]
    public void Out_of_range_motion_is_refused_naming_the_option(double zoom, double degrees, string message)
    {
        var error = Assert.Throws<DreamSettingsException>(() => new ZoomMotion(zoom, degrees));
        Assert.StartsWith(message + ":", error.Message);
    }
}
