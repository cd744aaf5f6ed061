using DeepDream.Runtime;
using DeepDream.Import.Graph;
using static TorchSharp.torch;

namespace DeepDream.Models;

/// <summary>
/// Checks requested layers before the network runs. A name that belongs to another known model (say
/// <c>inception4c</c> while InceptionV3 is active) gets a message naming the active model, its closest layers
/// and how to get the other model, instead of a plain "unknown layer". Nothing is ever substituted.
/// </summary>
internal sealed class CatalogGuidedNetwork(IDreamNetwork inner, ModelDefinition model) : IDreamNetwork
{
    private const int MaxSuggestions = 5;
    private readonly HashSet<string> _known = new(inner.LayerNames, StringComparer.Ordinal);

    public string Name => inner.Name;
    public IReadOnlyList<string> LayerNames => inner.LayerNames;
    public IReadOnlyList<string> RecommendedLayers => inner.RecommendedLayers;
    public Device Device => inner.Device;

    public NumericPrecision Precision => inner.Precision;
    /// <summary>A catalog model's head counts only where it classifies ImageNet (others were fine-tuned elsewhere or have none).</summary>
    public string? LogitsLayer => model.Entry is { Labels: null } ? null : inner.LogitsLayer;
    public string Identity => inner.Identity;
    public string? WeightsSha256 => inner.WeightsSha256;
    public (int Height, int Width)? InputSize => inner.InputSize;
    public IReadOnlyList<string> ClassLabels => model.Entry?.Labels ?? [];
    public (int Height, int Width)? MinimumInputSize(IReadOnlyCollection<string> layers)
    {
        CheckLayers(layers);
        return inner.MinimumInputSize(layers);
    }

    public IReadOnlyDictionary<string, Tensor> Forward(Tensor pixels, IReadOnlyCollection<string> layers)
    {
        CheckLayers(layers);
        return inner.Forward(pixels, layers);
    }

    private void CheckLayers(IReadOnlyCollection<string> layers)
    {
        foreach (var layer in layers)
        {
            if (_known.Contains(layer) || model.Catalog.OwnerOfLayer(layer, model.Entry) is not { } owner) continue;
            var nearest = RecommendedLayers.Count > 0 ? RecommendedLayers : LayerNameSuggestions.Nearest(layer, LayerNames, MaxSuggestions);
            var active = model.Entry is null ? model.Id : $"{model.Id} ({model.Entry.Family})";
            throw new UnknownLayerException(
                $"{Name}: layer '{layer}' belongs to {owner.Family}, but the active model is {active}; its nearest layers are " +
                $"{string.Join(", ", nearest)}; to use {owner.Family}, pass --model {owner.Id} after installing it: {owner.InstallAdvice}");
        }
    }

    public void Dispose() => inner.Dispose();
}
