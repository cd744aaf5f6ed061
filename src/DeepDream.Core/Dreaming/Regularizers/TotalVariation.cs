using static TorchSharp.torch;

namespace DeepDream.Dreaming.Regularizers;

/// <summary>
/// Smoothness prior: the gradient of the squared total variation (sum of squared differences between neighbouring
/// pixels). Stepping against it is a discrete Laplacian smoothing, so it damps the high-frequency noise that pure
/// ascent produces, most visibly when dreaming from noise.
/// </summary>
public static class TotalVariation
{
    /// <summary>Squared total variation of a 1×C×H×W image.</summary>
    public static Tensor Value(Tensor image)
    {
        var dy = image[.., .., 1.., ..] - image[.., .., ..^1, ..];
        var dx = image[.., .., .., 1..] - image[.., .., .., ..^1];
        return dy.square().sum() + dx.square().sum();
    }

    /// <summary>The gradient of <see cref="Value"/> with respect to the image.</summary>
    public static Tensor Gradient(Tensor image)
    {
        using var scope = NewDisposeScope();
        var x = image.detach().requires_grad_(true);
        using (enable_grad()) Value(x).backward();
        return x.grad!.detach().MoveToOuterDisposeScope();
    }
}
