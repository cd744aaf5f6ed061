using DeepDream.Import.Graph.Operators;

namespace DeepDream.Import.Graph;

/// <summary>
/// The 4-D shapes of a graph's image-like tensors for one input size, worked out from the operators' geometry
/// (convolution and pooling windows, padding, transposes, concatenation, broadcasting) without running anything.
/// Tensors past a reshape, flatten or matrix product have no spatial layout and are left out; so are the
/// constraints of the nodes that read them. The first node that could not run at this size is <see cref="Problem"/>.
/// </summary>
internal sealed class SpatialShapes
{
    private readonly Dictionary<string, long[]> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GraphTensor> _constants;
    private readonly GraphDescription _graph;

    private SpatialShapes(GraphDescription graph)
    {
        _graph = graph;
        _constants = new Dictionary<string, GraphTensor>(graph.Initializers, StringComparer.Ordinal);
        foreach (var node in graph.Nodes.Where(node => node.OpType == ConstantNode.OpType))
        {
            if (node.Attributes.TryGetValue("value", out var value) && value.Tensor is { } constant) _constants[node.Outputs[0]] = constant;
        }
    }

    /// <summary>Why the input size does not fit, naming the first node that fails; null when every node can run.</summary>
    public string? Problem { get; private set; }

    /// <summary>The tensor's shape (N×C×H×W for an NCHW graph; −1 where unknown), or null where it has no spatial layout.</summary>
    public long[]? Of(string tensor) => _shapes.GetValueOrDefault(tensor);

    /// <summary>
    /// Follows <paramref name="nodes"/> (topologically sorted, a subset of the graph's) from an input image of
    /// <paramref name="height"/>×<paramref name="width"/> pixels, stopping at the first node that cannot run.
    /// </summary>
    public static SpatialShapes Infer(GraphDescription graph, IEnumerable<GraphNode> nodes, long height, long width)
    {
        var shapes = new SpatialShapes(graph);
        shapes._shapes[graph.Input.Name] = graph.Input.IsChannelsLast ? [1, height, width, 3] : [1, 3, height, width];
        foreach (var node in nodes)
        {
            shapes.Visit(node);
            if (shapes.Problem is not null) break;
        }
        return shapes;
    }

    private static readonly HashSet<string> Broadcasting = ["Add", "Sub", "Mul", "Div", "Pow", "Sum", "Mean", "Max", "Min"];

    private static readonly HashSet<string> ShapePreserving =
    [
        "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Clip", "Softplus", "Elu", "HardSigmoid", "PRelu", "LRN", "BatchNormalization",
        "Abs", "Neg", "Sqrt", "Exp", "Reciprocal", "Identity", "Dropout", "Cast", "Softmax",
    ];

    private void Visit(GraphNode node)
    {
        if (OutputOf(node) is { } output && Problem is null) _shapes[node.Outputs[0]] = output;
    }

    private long[]? OutputOf(GraphNode node)
    {
        if (Broadcasting.Contains(node.OpType)) return Broadcast(node);
        if (node.OpType == "Concat") return Concatenated(node);
        if (node.Inputs.Count == 0 || Of(node.Inputs[0]) is not { } input) return null;
        return node.OpType switch
        {
            "Conv" or "MaxPool" or "AveragePool" => Window(node, input),
            "GlobalAveragePool" or "GlobalMaxPool" => [input[0], input[1], 1, 1],
            "Pad" => Padded(node, input),
            "Transpose" => Transposed(node, input),
            _ => ShapePreserving.Contains(node.OpType) ? input : null,
        };
    }

    private long[]? Window(GraphNode node, long[] input)
    {
        var context = new OperatorContext(node, _graph.OpsetVersion, _graph.Name);
        var window = WindowGeometry.Read(context, kernelRequired: node.OpType != "Conv");
        if (window.KernelOf(node, _constants) is not { } kernel) return null;
        long height = window.OutputLength(0, input[2], kernel[0]), width = window.OutputLength(1, input[3], kernel[1]);
        if (height < 1 || width < 1)
        {
            Problem = $"node '{node.Name}' ({node.OpType}, {kernel[0]}x{kernel[1]} window) has a {input[3]}x{input[2]} input, too small for one window";
            return null;
        }
        long channels = node.OpType != "Conv" ? input[1]
            : node.Inputs.Count > 1 && _constants.TryGetValue(node.Inputs[1], out var weight) && weight.Shape.Count == 4 ? weight.Shape[0] : -1;
        return [input[0], channels, height, width];
    }

    private long[]? Padded(GraphNode node, long[] input)
    {
        long[]? pads = _graph.OpsetVersion < 11
            ? node.Ints("pads")?.ToArray()
            : node.Inputs.Count > 1 ? _constants.GetValueOrDefault(node.Inputs[1])?.Longs : null;
        bool allAxes = _graph.OpsetVersion < 18 || node.Inputs.Count < 4 || node.Inputs[3].Length == 0;
        if (pads is not { Length: 8 } || !allAxes) return null;
        var output = new long[4];
        for (int axis = 0; axis < 4; axis++) output[axis] = input[axis] < 0 ? -1 : input[axis] + pads[axis] + pads[axis + 4];
        return output;
    }

    private static long[]? Transposed(GraphNode node, long[] input)
    {
        var perm = node.Ints("perm")?.ToArray() ?? [3, 2, 1, 0];
        return perm.Length == 4 && perm.All(axis => axis is >= 0 and < 4) ? [.. perm.Select(axis => input[axis])] : null;
    }

    private long[]? Concatenated(GraphNode node)
    {
        var parts = node.Inputs.Select(Of).ToList();
        if (parts.Any(part => part is null)) return null;
        long axis = node.Int("axis", 1);
        if (axis < 0) axis += 4;
        var output = (long[])parts[0]!.Clone();
        foreach (var part in parts.Skip(1))
        {
            for (int i = 0; i < 4; i++)
            {
                if (i == axis) output[i] = output[i] < 0 || part![i] < 0 ? -1 : output[i] + part[i];
                else if (Disagree(output[i], part![i], node, i)) return null;
            }
        }
        return output;
    }

    /// <summary>Numpy broadcasting over the inputs with a spatial layout and constant inputs; other inputs make the result unknown.</summary>
    private long[]? Broadcast(GraphNode node)
    {
        long[]? output = null;
        foreach (var name in node.Inputs.Where(name => name.Length > 0))
        {
            var shape = Of(name) ?? (_constants.TryGetValue(name, out var constant) ? [.. constant.Shape] : null);
            if (shape is null || shape.Length > 4) return null;
            long[] aligned = [.. Enumerable.Repeat(1L, 4 - shape.Length), .. shape];
            if (output is null)
            {
                output = aligned;
                continue;
            }
            for (int i = 0; i < 4; i++)
            {
                if (output[i] == 1 || output[i] < 0 && aligned[i] > 1) output[i] = aligned[i];
                else if (aligned[i] != 1 && Disagree(output[i], aligned[i], node, i)) return null;
            }
        }
        return node.Inputs.Any(name => Of(name) is not null) ? output : null;
    }

    private bool Disagree(long a, long b, GraphNode node, int axis)
    {
        if (a < 0 || b < 0 || a == b) return false;
        Problem = $"node '{node.Name}' ({node.OpType}) combines tensors of {a} and {b} along axis {axis}";
        return true;
    }
}
