using DeepDream.Dreaming.Parameterizations;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming.Parameterizations;

public sealed class FourierBasisTests
{
    public FourierBasisTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(2, 1.0)]
    [InlineData(4, 0.5)]
    public void A_unit_coefficient_is_a_wave_whose_amplitude_falls_as_one_over_its_frequency(int cycles, double amplitude)
    {
        // 32×32, orthonormal: a coefficient and its mirror make 2/32 cos(...), scaled by 1/f = 32/cycles.
        using var basis = new FourierBasis([1, 3, 32, 32], CPU);
        using var coefficients = zeros(basis.Shapes[0]);
        coefficients[0, 1, 0, cycles, 0] = tensor(1f);
        using var image = basis.Synthesize([coefficients]);

        using var expected = (arange(32) * (2 * Math.PI * cycles / 32)).cos().mul(amplitude).view(1, -1).expand(32, 32);
        Assert.True(allclose(image[0, 1], expected, rtol: 0, atol: 1e-5));
        Assert.Equal(0, image[0, 0].abs().max().item<float>());
    }

    [Fact]
    public void The_mean_is_scaled_as_the_lowest_frequency()
    {
        using var basis = new FourierBasis([1, 3, 16, 32], CPU);
        using var coefficients = zeros(basis.Shapes[0]);
        coefficients[0, 2, 0, 0, 0] = tensor(1f);
        using var image = basis.Synthesize([coefficients]);

        // 1/sqrt(16·32) per pixel, times the cap of 1/f at f = 1/32.
        Assert.True(allclose(image[0, 2], full(16, 32, 32 / Math.Sqrt(16 * 32)), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Odd_sizes_have_half_the_columns_plus_one_and_synthesize_to_the_image_size()
    {
        using var basis = new FourierBasis([2, 3, 15, 21], CPU);
        using var coefficients = randn(basis.Shapes[0]);
        using var image = basis.Synthesize([coefficients]);

        Assert.Equal([2L, 3, 15, 11, 2], basis.Shapes[0]);
        Assert.Equal([2L, 3, 15, 21], image.shape);
    }
}
