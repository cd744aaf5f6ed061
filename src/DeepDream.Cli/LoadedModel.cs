using DeepDream.Dreaming;
using DeepDream.Models;

namespace DeepDream.Cli;

/// <summary>An opened network with how it was found and how long it took to load.</summary>
public sealed record LoadedModel(IDreamNetwork Network, string Source, double LoadSeconds) : IDisposable
{
    /// <summary>Settings with the model's recommended layer filled in when none was asked for.</summary>
    public DreamSettings WithDefaultLayer(DreamSettings settings) =>
        settings.Layers.Count > 0 ? settings : settings with { Layers = [new LayerObjective(Network.RecommendedLayers[0])] };

    public void Dispose() => Network.Dispose();
}
