using static TorchSharp.torch;

namespace DeepDream.Dreaming.Parameterizations;

/// <summary>The image's own pixels as coefficients (used with decorrelated colour only).</summary>
internal sealed class PixelBasis(long[] imageShape) : ISpatialBasis
{
    public IReadOnlyList<long[]> Shapes { get; } = [imageShape];

    public Tensor Synthesize(IReadOnlyList<Tensor> coefficients) => coefficients[0].alias();

    public void Dispose()
    {
    }
}
