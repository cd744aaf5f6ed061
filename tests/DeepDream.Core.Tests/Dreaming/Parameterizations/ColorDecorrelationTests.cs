using DeepDream.Dreaming.Parameterizations;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming.Parameterizations;

public sealed class ColorDecorrelationTests
{
    public ColorDecorrelationTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Matrix_is_Lucids_ImageNet_colour_square_root_divided_by_its_largest_column_norm()
    {
        // tensorflow/lucid, lucid/optvis/param/color.py: color_correlation_svd_sqrt; the first column is the largest.
        double[,] published = { { 0.26, 0.09, 0.02 }, { 0.27, 0.00, -0.05 }, { 0.27, -0.09, 0.03 } };
        double largest = Math.Sqrt(0.26 * 0.26 + 0.27 * 0.27 + 0.27 * 0.27);

        for (int row = 0; row < 3; row++)
            for (int column = 0; column < 3; column++)
                Assert.Equal(published[row, column] / largest, ColorDecorrelation.Matrix[row, column], 6);
    }

    [Fact]
    public void ToRgb_multiplies_every_pixel_by_the_matrix()
    {
        using var decorrelated = randn(2, 3, 4, 5, generator: new TorchSharp.torch.Generator(7));
        using var rgb = ColorDecorrelation.ToRgb(decorrelated);

        var m = ColorDecorrelation.Matrix;
        for (int channel = 0; channel < 3; channel++)
        {
            double expected = Enumerable.Range(0, 3).Sum(j => m[channel, j] * decorrelated[1, j, 2, 3].item<float>());
            Assert.Equal(expected, rgb[1, channel, 2, 3].item<float>(), 5);
        }
    }
}
