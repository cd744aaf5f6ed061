using DeepDream.Dreaming;
using DeepDream.Models;

namespace DeepDream.Cli;

/// <summary>An opened network, what it is, and how long it took to load.</summary>
public sealed record LoadedModel(IDreamNetwork Network, string Description, double LoadSeconds) : IDisposable
{
    /// <summary>
    /// Settings made concrete for this model: --class values resolved to indices, and the recommended layer filled
    /// in when neither a layer nor a class was asked for.
    /// </summary>
    public DreamSettings Complete(DreamSettings settings, IReadOnlyList<string> classSpecs)
    {
        var completed = settings with { Classes = ClassSelection.Resolve(classSpecs, Network) };
        return completed.Layers.Count > 0 || completed.Classes.Count > 0
            ? completed
            : completed with { Layers = [LayerObjective.DefaultFor(Network)] };
    }

    public void Dispose() => Network.Dispose();
}
