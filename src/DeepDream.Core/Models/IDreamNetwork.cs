using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Models;

/// <summary>
/// A network the dream can climb: for an image it returns the activations of the named layers.
/// The dream code never knows which architecture or file format is behind it.
/// </summary>
public interface IDreamNetwork : IDisposable
{
    /// <summary>Display name, e.g. "inceptionv3-nsfwjs" or the ONNX file name.</summary>
    string Name { get; }

    /// <summary>Every name <see cref="Forward"/> accepts (aliases first, then raw graph tensor names).</summary>
    IReadOnlyList<string> LayerNames { get; }

    /// <summary>The layers that give the classic look on this network, best first.</summary>
    IReadOnlyList<string> RecommendedLayers { get; }

    /// <summary>The device the weights live on.</summary>
    Device Device { get; }

    /// <summary>What the network computes in; its <see cref="Forward"/> returns float32 either way.</summary>
    NumericPrecision Precision { get; }

    /// <summary>
    /// What identifies this network's outputs beyond its name — preprocessing and weights — so resumable runs notice
    /// when the same name now means another model. Defaults to the name.
    /// </summary>
    string Identity => Name;

    /// <summary>
    /// SHA-256 (lower-case hex) of the weights as loaded, recorded in outputs so a repeat can tell it runs the same
    /// model; null where the network cannot say.
    /// </summary>
    string? WeightsSha256 => null;

    /// <summary>The tensor holding the classifier's logits (before softmax), or null when the model has no usable head.</summary>
    string? LogitsLayer => null;

    /// <summary>How many classes <see cref="LogitsLayer"/> has, when known.</summary>
    int? ClassCount => ClassLabels.Count > 0 ? ClassLabels.Count : null;

    /// <summary>
    /// The input size the model was built for (height, width), where its classifier head needs at least that much;
    /// null when any size works.
    /// </summary>
    (int Height, int Width)? InputSize => null;

    /// <summary>
    /// The smallest input (height, width) on which <paramref name="layers"/> can be computed: every convolution and
    /// pooling window on their way must cover at least one position. Null when unknown; (1, 1) where any size works.
    /// </summary>
    (int Height, int Width)? MinimumInputSize(IReadOnlyCollection<string> layers) => (1, 1);

    /// <summary>Class names in logit order, where the model has them.</summary>
    IReadOnlyList<string> ClassLabels => [];

    /// <summary>
    /// Runs the network on <paramref name="pixels"/> (N×3×H×W, RGB, float32, 0-255; the network applies its own
    /// preprocessing) and returns the requested activations, computing only what they depend on. The result
    /// tensors stay attached to the autograd graph so a gradient can flow back to <paramref name="pixels"/>.
    /// Throws <see cref="UnknownLayerException"/> for a name it does not know.
    /// </summary>
    IReadOnlyDictionary<string, Tensor> Forward(Tensor pixels, IReadOnlyCollection<string> layers);
}
