using static TorchSharp.torch;

namespace DeepDream.Dreaming.Regularizers;

/// <summary>
/// Colour-preserving mode: keeps only the part of the step that changes luminance (Rec. 601 weights), applied
/// equally to R, G and B, so the dream draws in light and shade and the photo keeps its colours.
/// </summary>
public static class LuminanceProjection
{
    public static Tensor Apply(Tensor gradient)
    {
        using var scope = NewDisposeScope();
        var weights = tensor(new[] { 0.299f, 0.587f, 0.114f }, device: gradient.device).view(1, 3, 1, 1);
        var luminance = gradient.mul(weights).sum(1, keepdim: true);
        return luminance.expand_as(gradient).contiguous().MoveToOuterDisposeScope();
    }
}
