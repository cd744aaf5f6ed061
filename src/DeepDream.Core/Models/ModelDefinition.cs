using DeepDream.Import.Graph;
using DeepDream.Models.Catalog;
using static TorchSharp.torch;

namespace DeepDream.Models;

/// <summary>A model ready to run: its graph, how to feed it, and its layer names.</summary>
public sealed record ModelDefinition
{
    /// <summary>Installed id, or the file name for a model opened from a path.</summary>
    public required string Id { get; init; }

    public required string Description { get; init; }

    public required GraphDescription Graph { get; init; }

    public required Preprocessing Preprocessing { get; init; }

    /// <summary>Friendly layer name → graph tensor name.</summary>
    public required IReadOnlyDictionary<string, string> LayerAliases { get; init; }

    public required IReadOnlyList<string> RecommendedLayers { get; init; }

    /// <summary>The catalog entry whose layout the model has, if any.</summary>
    public CatalogEntry? Entry { get; init; }

    /// <summary>The catalog consulted for hints when a layer of another model is asked for.</summary>
    public ModelCatalog Catalog { get; init; } = ModelCatalog.BuiltIn;

    /// <summary>
    /// A definition for <paramref name="graph"/> laid out like <paramref name="entry"/>: the entry's aliases are
    /// resolved against the graph, and only recommended layers that exist are kept.
    /// </summary>
    public static ModelDefinition Create(
        string id, string description, GraphDescription graph, Preprocessing preprocessing, CatalogEntry? entry, ModelCatalog catalog)
    {
        var aliases = entry?.ResolveLayerNames(graph) ?? new Dictionary<string, string>();
        var tensors = graph.Nodes.SelectMany(n => n.Outputs).ToHashSet(StringComparer.Ordinal);
        return new ModelDefinition
        {
            Id = id,
            Description = description,
            Graph = graph,
            Preprocessing = preprocessing,
            LayerAliases = aliases,
            RecommendedLayers = (entry?.RecommendedLayers ?? []).Where(l => aliases.ContainsKey(l) || tensors.Contains(l)).ToList(),
            Entry = entry,
            Catalog = catalog,
        };
    }

    /// <summary>Loads the weights onto <paramref name="device"/>; the network is named after <see cref="Id"/>.</summary>
    public IDreamNetwork Open(Device device) => new CatalogGuidedNetwork(OpenGraph(device), this);

    /// <summary>The graph network itself, without the catalog's layer-name guidance (for inspecting every layer).</summary>
    internal GraphNetwork OpenGraph(Device device)
    {
        var named = new GraphDescription
        {
            Name = Id,
            OpsetVersion = Graph.OpsetVersion,
            Input = Graph.Input,
            Nodes = Graph.Nodes,
            Initializers = Graph.Initializers,
            Outputs = Graph.Outputs,
        };
        return new GraphNetwork(named, Preprocessing, LayerAliases, RecommendedLayers, device);
    }
}
