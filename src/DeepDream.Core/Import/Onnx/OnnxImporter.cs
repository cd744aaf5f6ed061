using DeepDream.Import.Graph;
using DeepDream.Import.Onnx.Protobuf;
using DeepDream.IO;
using DeepDream.Models;
using Google.Protobuf;

namespace DeepDream.Import.Onnx;

/// <summary>Reads an .onnx file into a <see cref="GraphDescription"/>.</summary>
public static class OnnxImporter
{
    public const int MinOpsetVersion = 3;
    public const int MaxOpsetVersion = 22;

    private const long FloatElementType = (long)TensorProto.Types.DataType.Float;

    /// <summary>
    /// Parses the model at <paramref name="path"/> (external data files are looked up next to it). The image
    /// input is the first graph input that is not also an initializer; nodes come back topologically sorted, and
    /// what an exporter baked in for the declared input size is undone (<see cref="FixedSizeExport"/>).
    /// </summary>
    /// <exception cref="ModelFormatException">The file is missing, not a regular file, too large, not ONNX, truncated,
    /// uses an opset outside 3-22, holds inconsistent tensors or references, or has more nodes or weights than
    /// <paramref name="options"/> allow. External data that is not a regular file inside the model's folder (links
    /// resolved) is refused. The message names the file.</exception>
    public static GraphDescription Load(string path, OnnxImportOptions? options = null)
    {
        options ??= OnnxImportOptions.Default;
        var model = Parse(path, options);
        var graph = model.Graph;
        if (graph.Node.Count > options.MaxNodes)
            throw new ModelFormatException($"{path}: {graph.Node.Count} nodes, over the limit of {options.MaxNodes} for a model");
        int opset = OperatorSetVersion(model, path);
        using var tensors = new OnnxTensorReader(path, options);

        var initializers = new Dictionary<string, GraphTensor>(StringComparer.Ordinal);
        foreach (var proto in graph.Initializer)
        {
            if (!initializers.TryAdd(proto.Name, tensors.Read(proto, proto.Name)))
                throw new ModelFormatException($"{path}: initializer '{proto.Name}' is defined twice");
        }
        var input = ImageInput(graph, initializers, path);
        var nodes = graph.Node.Select((node, index) => ToGraphNode(node, index, tensors)).ToArray();
        var given = new HashSet<string>(initializers.Keys, StringComparer.Ordinal) { input.Name };

        return FixedSizeExport.Generalize(new GraphDescription
        {
            Name = Path.GetFileName(path),
            OpsetVersion = opset,
            Input = input,
            Nodes = GraphOrdering.Sort(nodes, given, path),
            Initializers = initializers,
            Outputs = [.. graph.Output.Select(output => output.Name)],
        });
    }

    private static ModelProto Parse(string path, OnnxImportOptions options)
    {
        ModelProto model;
        using var file = RegularFile.Open(path, options.MaxFileBytes, "model files", message => new ModelFormatException(message));
        try
        {
            // Unknown fields (docs, value_info, sub-graphs) are of no use here; dropping them holds memory to the fields the importer reads.
            model = ModelProto.Parser.WithDiscardUnknownFields(true).ParseFrom(file.Stream);
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new ModelFormatException($"{path}: truncated or corrupt ONNX protobuf", error);
        }
        catch (IOException error)
        {
            throw new ModelFormatException($"{path}: cannot be read ({error.Message})", error);
        }
        if (model.IrVersion <= 0 || model.Graph is null)
            throw new ModelFormatException($"{path}: not an ONNX model (no IR version or no graph)");
        return model;
    }

    private static int OperatorSetVersion(ModelProto model, string path)
    {
        var versions = model.OpsetImport.Where(set => IsStandardDomain(set.Domain)).Select(set => set.Version).ToArray();
        if (versions.Length == 0)
            throw new ModelFormatException($"{path}: not an ONNX model (it imports no standard ONNX operator set)");
        long version = versions.Max();
        if (version is < MinOpsetVersion or > MaxOpsetVersion)
            throw new ModelFormatException($"{path}: ONNX opset {version} is not supported (supported: {MinOpsetVersion} to {MaxOpsetVersion})");
        return (int)version;
    }

    /// <summary>Older exporters list the weights among the graph inputs too; the image is the first input that is not one.</summary>
    private static GraphInput ImageInput(GraphProto graph, Dictionary<string, GraphTensor> initializers, string path)
    {
        var input = graph.Input.FirstOrDefault(candidate => !initializers.ContainsKey(candidate.Name))
            ?? throw new ModelFormatException($"{path}: the graph has no input besides its weights");
        var tensorType = input.Type?.TensorType;
        if (tensorType is not null && tensorType.ElemType != 0 && tensorType.ElemType != FloatElementType)
            throw new ModelFormatException(
                $"{path}: input '{input.Name}' has element type {(TensorProto.Types.DataType)tensorType.ElemType}; only float32 image inputs are supported");
        var dimensions = tensorType?.Shape?.Dim ?? [];
        long[] shape = [.. dimensions.Select(dimension => dimension.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? dimension.DimValue : -1)];
        return new GraphInput(input.Name, shape);
    }

    /// <summary>
    /// Unnamed nodes (common in older exports) are called after their first output. Operators from other domains
    /// keep the domain in their op type, so the executor reports them as unsupported instead of misreading them.
    /// </summary>
    private static GraphNode ToGraphNode(NodeProto node, int index, OnnxTensorReader tensors)
    {
        string name = node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault(output => output.Length > 0) ?? $"#{index}";
        string opType = IsStandardDomain(node.Domain) ? node.OpType : $"{node.Domain}.{node.OpType}";
        var attributes = new Dictionary<string, GraphAttribute>(StringComparer.Ordinal);
        foreach (var attribute in node.Attribute)
        {
            var value = ToGraphAttribute(attribute, $"{name}.{attribute.Name}", tensors);
            if (value is not null) attributes[attribute.Name] = value;
        }
        return new GraphNode(name, opType, [.. node.Input], [.. node.Output], attributes);
    }

    /// <summary>Attribute kinds the IR has no form for (graphs, string lists, sparse tensors) only serve unsupported operators; they are left out.</summary>
    private static GraphAttribute? ToGraphAttribute(AttributeProto attribute, string tensorName, OnnxTensorReader tensors) => attribute.Type switch
    {
        AttributeProto.Types.AttributeType.Float => GraphAttribute.Of(attribute.F),
        AttributeProto.Types.AttributeType.Int => GraphAttribute.Of(attribute.I),
        AttributeProto.Types.AttributeType.String => GraphAttribute.Of(attribute.S.ToStringUtf8()),
        AttributeProto.Types.AttributeType.Floats => GraphAttribute.Of(attribute.Floats.ToArray()),
        AttributeProto.Types.AttributeType.Ints => GraphAttribute.Of(attribute.Ints.ToArray()),
        AttributeProto.Types.AttributeType.Tensor when attribute.T is not null => GraphAttribute.Of(tensors.Read(attribute.T, tensorName)),
        _ => null,
    };

    private static bool IsStandardDomain(string domain) => domain is "" or "ai.onnx";
}
