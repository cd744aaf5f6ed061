using DeepDream.Models.Store;

namespace DeepDream.Import.Graph;

/// <summary>
/// The one small graph form every importer produces: nodes in topological order with ONNX operator
/// semantics (op types, attribute names and input order as in the ONNX operator reference), weights as
/// named constant tensors, and the image input. Importers translate into this; only the executor runs it.
/// </summary>
public sealed class GraphDescription
{
    /// <summary>
    /// The most nodes a graph may have: far more than any network worth dreaming with (InceptionV3 has a few
    /// hundred), and few enough that a hostile file cannot make the importers and executor hold gigabytes of nodes.
    /// </summary>
    public const int MaxNodes = 100_000;

    public required string Name { get; init; }

    /// <summary>
    /// The ONNX operator-set version whose semantics the nodes follow (it decides e.g. whether Softmax flattens,
    /// or whether Unsqueeze takes its axes as an attribute or an input). Importers that do not start from ONNX
    /// write their nodes in opset-13 form, the default.
    /// </summary>
    public int OpsetVersion { get; init; } = 13;

    /// <summary>The image input (N×C×H×W); its declared spatial size is advisory, the executor runs any size.</summary>
    public required GraphInput Input { get; init; }

    public required IReadOnlyList<GraphNode> Nodes { get; init; }

    /// <summary>Constant tensors (weights, shapes) by name.</summary>
    public required IReadOnlyDictionary<string, GraphTensor> Initializers { get; init; }

    /// <summary>The graph's declared outputs (classifier logits or probabilities).</summary>
    public required IReadOnlyList<string> Outputs { get; init; }

    /// <summary>
    /// What the importer changed so that a graph exported for one input size runs at any size, one sentence each
    /// (see <see cref="FixedSizeExport"/>); empty when nothing was.
    /// </summary>
    public IReadOnlyList<string> SizeRewrites { get; init; } = [];

    /// <summary>
    /// Where the weights' fingerprint and SHA-256 of an installed model are kept between runs, for the file this graph
    /// was read from; null for any other graph (one imported from a path, or built in memory).
    /// </summary>
    internal WeightsSummaryCache? SummaryCache { get; init; }
}
