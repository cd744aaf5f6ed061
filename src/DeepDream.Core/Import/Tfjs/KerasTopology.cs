using System.Text.Json;
using System.Text.Json.Nodes;
using DeepDream.Import.Graph;
using DeepDream.Models;

namespace DeepDream.Import.Tfjs;

/// <summary>
/// The layers of a Keras model description in an order where every layer follows its inputs, with the
/// model's output layers. Reads functional models (<c>Model</c>/<c>Functional</c>, Keras 2 and Keras 3 call
/// records) and <c>Sequential</c> ones. Each layer must be called once: shared layers are refused.
/// </summary>
internal sealed class KerasTopology
{
    private const int MaxLayers = GraphDescription.MaxNodes;

    private KerasTopology(string name, IReadOnlyList<KerasLayer> layers, IReadOnlyList<string> outputs)
    {
        Name = name;
        Layers = layers;
        Outputs = outputs;
    }

    public string Name { get; }
    public IReadOnlyList<KerasLayer> Layers { get; }
    public IReadOnlyList<string> Outputs { get; }

    public static KerasTopology Read(string source, JsonObject modelConfig)
    {
        var className = StringOf(modelConfig["class_name"]) ?? "";
        var config = modelConfig["config"];
        var layerList = (config as JsonObject)?["layers"] as JsonArray ?? config as JsonArray
            ?? throw new ModelFormatException($"{source}: the model description has no layer list");
        if (layerList.Count > MaxLayers) throw new ModelFormatException($"{source}: more than {MaxLayers} layers");
        var name = StringOf((config as JsonObject)?["name"]) ?? Path.GetFileNameWithoutExtension(source);
        return className switch
        {
            "Model" or "Functional" => ReadFunctional(source, name, (JsonObject)config!, layerList),
            "Sequential" => ReadSequential(source, name, layerList),
            _ => throw new ModelFormatException($"{source}: model class '{className}' is not supported (Model, Functional or Sequential)"),
        };
    }

    private static KerasTopology ReadFunctional(string source, string name, JsonObject config, JsonArray layerList)
    {
        var layers = layerList.Select(node =>
        {
            var (layerName, className, layerConfig) = Describe(source, node);
            return new KerasLayer(source, layerName, className, layerConfig, CalledWith(source, layerName, (node as JsonObject)?["inbound_nodes"]));
        }).ToList();
        var outputs = (config["output_layers"] as JsonArray ?? throw new ModelFormatException($"{source}: no output_layers"))
            .Select(entry => HistoryName(source, entry)).ToList();
        return new KerasTopology(name, Sorted(source, layers), outputs);
    }

    private static KerasTopology ReadSequential(string source, string name, JsonArray layerList)
    {
        var layers = new List<KerasLayer>();
        foreach (var node in layerList)
        {
            var (layerName, className, layerConfig) = Describe(source, node);
            if (layers.Count == 0 && className != "InputLayer")
            {
                // Keras 2 Sequential models declare their input on the first layer instead of an InputLayer.
                var inputName = layerName + "_input";
                var inputConfig = new JsonObject { ["batch_input_shape"] = layerConfig["batch_input_shape"]?.DeepClone() };
                layers.Add(new KerasLayer(source, inputName, "InputLayer", inputConfig, []));
            }
            IReadOnlyList<string> inputs = layers.Count == 0 ? [] : [layers[^1].Name];
            layers.Add(new KerasLayer(source, layerName, className, layerConfig, inputs));
        }
        if (layers.Count == 0) throw new ModelFormatException($"{source}: the model has no layers");
        return new KerasTopology(name, layers, [layers[^1].Name]);
    }

    private static (string Name, string ClassName, JsonObject Config) Describe(string source, JsonNode? node)
    {
        var layer = node as JsonObject ?? throw new ModelFormatException($"{source}: a layer entry is not an object");
        var config = layer["config"] as JsonObject ?? new JsonObject();
        var name = StringOf(layer["name"]) ?? StringOf(config["name"])
            ?? throw new ModelFormatException($"{source}: a layer has no name");
        var className = StringOf(layer["class_name"]) ?? throw new ModelFormatException($"{source}: layer {name} has no class_name");
        return (name, className, config);
    }

    /// <summary>
    /// The input layer names of a layer's single call. Keras 2 writes <c>[[["conv2d_1",0,0,{}], …]]</c>;
    /// Keras 3 writes <c>[{args:[{config:{keras_history:["conv2d_1",0,0]}}, …]}]</c>.
    /// </summary>
    private static List<string> CalledWith(string source, string layer, JsonNode? inboundNodes)
    {
        if (inboundNodes is not JsonArray calls || calls.Count == 0) return [];
        if (calls.Count > 1)
            throw new ModelFormatException($"{source}: layer {layer} is called {calls.Count} times (shared layers are not supported)");
        var names = new List<string>();
        switch (calls[0])
        {
            case JsonArray keras2:
                names.AddRange(keras2.Select(entry => HistoryName(source, entry)));
                break;
            case JsonObject keras3:
                CollectHistories(source, keras3["args"], names, depth: 0);
                break;
            default:
                throw new ModelFormatException($"{source}: layer {layer} has an unreadable inbound_nodes entry");
        }
        return names;
    }

    private static void CollectHistories(string source, JsonNode? node, List<string> names, int depth)
    {
        if (depth > JsLiteralParser.MaxDepth) return;
        switch (node)
        {
            case JsonObject tensor when tensor["config"] is JsonObject config && config["keras_history"] is { } history:
                names.Add(HistoryName(source, history));
                break;
            case JsonArray list:
                foreach (var item in list) CollectHistories(source, item, names, depth + 1);
                break;
        }
    }

    /// <summary>The layer name of a <c>[name, node_index, tensor_index, …]</c> reference; only first calls and outputs exist here.</summary>
    private static string HistoryName(string source, JsonNode? entry)
    {
        if (entry is not JsonArray { Count: >= 3 } reference || StringOf(reference[0]) is not { } name)
            throw new ModelFormatException($"{source}: unreadable layer reference in the model description");
        if (!IsZero(reference[1]) || !IsZero(reference[2]))
            throw new ModelFormatException($"{source}: layer {name} is used with several outputs or calls (not supported)");
        return name;
    }

    /// <summary>Stable topological order (Kahn's algorithm, ties in file order).</summary>
    private static List<KerasLayer> Sorted(string source, List<KerasLayer> layers)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < layers.Count; i++)
            if (!index.TryAdd(layers[i].Name, i)) throw new ModelFormatException($"{source}: two layers are named {layers[i].Name}");
        var waitingOn = new int[layers.Count];
        var consumers = new List<int>[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            consumers[i] = [];
            foreach (var input in layers[i].Inputs)
            {
                if (!index.TryGetValue(input, out int producer))
                    throw new ModelFormatException($"{source}: layer {layers[i].Name} takes input from unknown layer {input}");
                waitingOn[i]++;
                consumers[producer].Add(i);
            }
        }
        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < layers.Count; i++)
            if (waitingOn[i] == 0) ready.Enqueue(i, i);
        var order = new List<KerasLayer>(layers.Count);
        while (ready.TryDequeue(out int next, out _))
        {
            order.Add(layers[next]);
            foreach (var consumer in consumers[next])
                if (--waitingOn[consumer] == 0) ready.Enqueue(consumer, consumer);
        }
        if (order.Count != layers.Count) throw new ModelFormatException($"{source}: the layers form a cycle");
        return order;
    }

    private static bool IsZero(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number && node.GetValue<double>() == 0;

    private static string? StringOf(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
