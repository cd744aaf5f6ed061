using static TorchSharp.torch;

namespace DeepDream.Dreaming.Parameterizations;

/// <summary>A linear way of writing an N×3×H×W image as coefficients: what a step in "other coordinates" steps in.</summary>
internal interface ISpatialBasis : IDisposable
{
    /// <summary>The shape of each group of coefficients.</summary>
    IReadOnlyList<long[]> Shapes { get; }

    /// <summary>The image (N×3×H×W, centred on 0) the coefficients describe; linear and differentiable.</summary>
    Tensor Synthesize(IReadOnlyList<Tensor> coefficients);
}
