using DeepDream.Models;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming;

/// <summary>A "network" whose only layer is its input, so a dream step can be computed by hand.</summary>
internal sealed class IdentityNetwork(bool recommendsItsLayer = true) : IDreamNetwork
{
    public string Name => "identity";
    public IReadOnlyList<string> LayerNames => ["input"];
    public IReadOnlyList<string> RecommendedLayers => recommendsItsLayer ? ["input"] : [];
    public Device Device => CPU;
    public NumericPrecision Precision => NumericPrecision.Float32;

    public IReadOnlyDictionary<string, Tensor> Forward(Tensor pixels, IReadOnlyCollection<string> layers) =>
        new Dictionary<string, Tensor> { ["input"] = pixels.alias() };

    public void Dispose() { }
}
