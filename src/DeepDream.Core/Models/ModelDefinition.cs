using DeepDream.Runtime;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Does the part of <see cref="Open"/> that needs no native library (graph compiled, weights laid out, their
    /// fingerprint and SHA-256), so that a caller can run it while libtorch loads; <see cref="Open"/> then uses it.
    /// </summary>
    /// <exception cref="ModelFormatException">An operator is unsupported or malformed, or the graph is inconsistent.</exception>
    public void Prepare() => _ = Prepared().WeightsSha256;

    /// <summary>
    /// Loads the weights onto <paramref name="device"/>, in <paramref name="precision"/> (bfloat16: see
    /// <see cref="TorchRuntime.UsePrecision"/>); the network is named after <see cref="Id"/>.
    /// </summary>
    public IDreamNetwork Open(Device device, NumericPrecision precision = NumericPrecision.Float32) =>
        new CatalogGuidedNetwork(OpenGraph(device, precision), this);

    /// <summary>The graph network itself, without the catalog's layer-name guidance (for inspecting every layer).</summary>
    internal GraphNetwork OpenGraph(Device device, NumericPrecision precision = NumericPrecision.Float32) =>
        new(Prepared(), Preprocessing, LayerAliases, RecommendedLayers, device, precision);

    /// <summary>The prepared graph of <see cref="Graph"/>, named after <see cref="Id"/>; made once per graph and id.</summary>
    private PreparedGraph Prepared() =>
        PreparedGraphs.GetValue(Graph, _ => new()).GetOrAdd(Id, id => new Lazy<PreparedGraph>(() => PreparedGraph.Of(new GraphDescription
        {
            Name = id,
            OpsetVersion = Graph.OpsetVersion,
            Input = Graph.Input,
            Nodes = Graph.Nodes,
            Initializers = Graph.Initializers,
            Outputs = Graph.Outputs,
            SummaryCache = Graph.SummaryCache,
        }))).Value;

    // Outside the record's value (records compare their fields): work derived from a graph, kept while the graph lives.
    private static readonly ConditionalWeakTable<GraphDescription, ConcurrentDictionary<string, Lazy<PreparedGraph>>> PreparedGraphs = new();
}
