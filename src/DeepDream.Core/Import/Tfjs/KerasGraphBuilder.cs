using System.Text.Json;
using System.Text.Json.Nodes;
using DeepDream.Import.Graph;
using DeepDream.Models;

namespace DeepDream.Import.Tfjs;

/// <summary>
/// Translates Keras layers (channels_last) into the graph IR (ONNX operators, N×C×H×W). Each layer's output
/// tensor carries the Keras layer name, so every layer can be dreamed on by its Keras name; helper tensors a
/// layer needs (the value before a fused activation, say) get the layer name plus a suffix.
/// </summary>
internal sealed class KerasGraphBuilder
{
    private const int MaxChannels = 1 << 20;

    /// <summary>TF's 'same': output = ceil(input / stride), the odd padding pixel at the end.</summary>
    private const string SamePadding = "SAME_UPPER";

    /// <summary>Where a channels_last axis lands in N×C×H×W.</summary>
    private static readonly int[] ChannelsFirstAxis = [0, 2, 3, 1];

    private readonly string _source;
    private readonly IReadOnlyDictionary<string, GraphTensor> _weights;
    private readonly Dictionary<string, List<string>> _weightsByShortName = new(StringComparer.Ordinal);
    private readonly List<GraphNode> _nodes = [];
    private readonly Dictionary<string, GraphTensor> _initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KerasTensor> _tensors = new(StringComparer.Ordinal);
    private GraphInput? _input;

    private KerasGraphBuilder(string source, IReadOnlyDictionary<string, GraphTensor> weights)
    {
        _source = source;
        _weights = weights;
        foreach (var name in weights.Keys)
        {
            var shortName = ShortWeightName(name);
            if (!_weightsByShortName.TryGetValue(shortName, out var names)) _weightsByShortName[shortName] = names = [];
            names.Add(name);
        }
    }

    public static GraphDescription Build(string source, KerasTopology topology, IReadOnlyDictionary<string, GraphTensor> weights)
    {
        var builder = new KerasGraphBuilder(source, weights);
        foreach (var layer in topology.Layers) builder.Add(layer);
        var input = builder._input ?? throw new ModelFormatException($"{source}: the model has no InputLayer");
        foreach (var output in topology.Outputs)
            if (!builder._tensors.ContainsKey(output)) throw new ModelFormatException($"{source}: output layer {output} does not exist");
        return new GraphDescription
        {
            Name = topology.Name,
            Input = input,
            Nodes = builder._nodes,
            Initializers = builder._initializers,
            Outputs = topology.Outputs,
        };
    }

    private void Add(KerasLayer layer)
    {
        switch (layer.ClassName)
        {
            case "InputLayer": AddInput(layer); break;
            case "Conv2D": AddConvolution(layer); break;
            case "DepthwiseConv2D": AddDepthwiseConvolution(layer); break;
            case "SeparableConv2D": AddSeparableConvolution(layer); break;
            case "BatchNormalization": AddBatchNormalization(layer); break;
            case "Activation": AddActivationLayer(layer); break;
            case "ReLU": AddRelu(layer); break;
            case "MaxPooling2D": AddPooling(layer, "MaxPool"); break;
            case "AveragePooling2D": AddPooling(layer, "AveragePool"); break;
            case "GlobalAveragePooling2D": AddGlobalPooling(layer, "GlobalAveragePool"); break;
            case "GlobalMaxPooling2D": AddGlobalPooling(layer, "GlobalMaxPool"); break;
            case "ZeroPadding2D": AddZeroPadding(layer); break;
            case "Concatenate": AddConcatenate(layer); break;
            case "Add": AddSum(layer); break;
            case "Dense": AddDense(layer); break;
            case "Flatten": AddFlatten(layer); break;
            case "Dropout" or "SpatialDropout2D": AddInferenceIdentity(layer); break;
            default: throw layer.Error("this layer class is not supported");
        }
    }

    private void AddInput(KerasLayer layer)
    {
        if (_input is not null) throw layer.Error($"a second input (the first is {_input.Name}); only single-image models are supported");
        if ((layer.Config["batch_input_shape"] ?? layer.Config["batch_shape"]) is not JsonArray { Count: 4 } dims)
            throw layer.Error("the input must be declared as [batch, height, width, channels]");
        long Dimension(JsonNode? node) => node switch
        {
            null => -1,
            _ when node.GetValueKind() == JsonValueKind.Number && node.GetValue<double>() is >= 1 and <= MaxChannels and var d
                && d == Math.Floor(d) => (long)d,
            _ => throw layer.Error("the input shape has an invalid dimension"),
        };
        long channels = Dimension(dims[3]);
        _input = new GraphInput(layer.Name, [-1, channels, Dimension(dims[1]), Dimension(dims[2])]);
        _tensors[layer.Name] = new KerasTensor(4, channels);
    }

    private void AddConvolution(KerasLayer layer)
    {
        var (input, tensor) = SingleInput(layer, rank: 4);
        layer.RequireChannelsLast();
        int filters = layer.Int("filters", 0, 1, MaxChannels);
        var (kh, kw) = layer.Pair("kernel_size", (0, 0), 1, KerasLayer.MaxWindow);
        int groups = layer.Int("groups", 1, 1, MaxChannels);
        if (tensor.Channels > 0 && tensor.Channels % groups != 0)
            throw layer.Error($"{tensor.Channels} input channels do not split into {groups} groups");
        long inPerGroup = tensor.Channels > 0 ? tensor.Channels / groups : KerasTensor.UnknownChannels;
        var kernel = Weight(layer, "kernel", kh, kw, inPerGroup, filters);
        var inputs = new List<string> { input, AddConvolutionKernel(kernel) };
        if (layer.Bool("use_bias", true)) inputs.Add(AddWeight(Weight(layer, "bias", filters)));
        var attributes = WindowAttributes(layer, (kh, kw), (1, 1));
        attributes["group"] = GraphAttribute.Of((long)groups);
        EmitWithActivation(layer, "Conv", inputs, attributes, new KerasTensor(4, filters));
    }

    private void AddDepthwiseConvolution(KerasLayer layer)
    {
        var (input, tensor) = SingleInput(layer, rank: 4);
        var (kernel, attributes, channels) = DepthwiseKernel(layer, tensor);
        var inputs = new List<string> { input, kernel };
        if (layer.Bool("use_bias", true)) inputs.Add(AddWeight(Weight(layer, "bias", channels)));
        EmitWithActivation(layer, "Conv", inputs, attributes, new KerasTensor(4, channels));
    }

    /// <summary>A depthwise convolution followed by a 1×1 convolution that mixes the channels.</summary>
    private void AddSeparableConvolution(KerasLayer layer)
    {
        var (input, tensor) = SingleInput(layer, rank: 4);
        var (depthwiseKernel, attributes, channels) = DepthwiseKernel(layer, tensor);
        var depthwise = layer.Name + "/depthwise";
        Emit("Conv", [input, depthwiseKernel], depthwise, attributes, new KerasTensor(4, channels));
        int filters = layer.Int("filters", 0, 1, MaxChannels);
        var inputs = new List<string> { depthwise, AddConvolutionKernel(Weight(layer, "pointwise_kernel", 1, 1, channels, filters)) };
        if (layer.Bool("use_bias", true)) inputs.Add(AddWeight(Weight(layer, "bias", filters)));
        var pointwise = new Dictionary<string, GraphAttribute> { ["kernel_shape"] = GraphAttribute.Of(1L, 1L) };
        EmitWithActivation(layer, "Conv", inputs, pointwise, new KerasTensor(4, filters));
    }

    /// <summary>
    /// The depthwise kernel as a grouped convolution: Keras [kh,kw,in,multiplier] becomes [in·multiplier,1,kh,kw]
    /// with group = in; output channel c·multiplier+m comes from input channel c, as in TF.
    /// </summary>
    private (string Kernel, Dictionary<string, GraphAttribute> Attributes, long Channels) DepthwiseKernel(KerasLayer layer, KerasTensor input)
    {
        layer.RequireChannelsLast();
        var (kh, kw) = layer.Pair("kernel_size", (0, 0), 1, KerasLayer.MaxWindow);
        int multiplier = layer.Int("depth_multiplier", 1, 1, MaxChannels);
        var kernel = Weight(layer, "depthwise_kernel", kh, kw, input.Channels, multiplier);
        long inChannels = kernel.Shape[2], channels = inChannels * multiplier;
        // Flattened, [kh,kw,in,mult] is [kh,kw,1,in·mult]: the ordinary kernel transposition does the rest.
        var asConvolution = kernel with { Shape = [kh, kw, 1, channels] };
        var attributes = WindowAttributes(layer, (kh, kw), (1, 1));
        attributes["group"] = GraphAttribute.Of(inChannels);
        return (AddConvolutionKernel(asConvolution), attributes, channels);
    }

    private void AddBatchNormalization(KerasLayer layer)
    {
        var (input, tensor) = SingleInput(layer, rank: null);
        int axis = layer.Axis("axis", -1);
        if ((axis < 0 ? axis + tensor.Rank : axis) != tensor.Rank - 1)
            throw layer.Error($"normalising over axis {axis} is not supported (only the channel axis)");
        var mean = Weight(layer, "moving_mean", tensor.Channels);
        long channels = mean.Shape[0];
        var variance = Weight(layer, "moving_variance", channels);
        // Keras leaves out gamma when scale=false and beta when center=false: they are then 1 and 0.
        var gamma = layer.Bool("scale", true)
            ? AddWeight(Weight(layer, "gamma", channels))
            : AddInitializer(layer.Name + "/gamma", Ones(channels), channels);
        var beta = layer.Bool("center", true)
            ? AddWeight(Weight(layer, "beta", channels))
            : AddInitializer(layer.Name + "/beta", new float[channels], channels);
        var attributes = new Dictionary<string, GraphAttribute> { ["epsilon"] = GraphAttribute.Of((float)(layer.Number("epsilon") ?? 1e-3)) };
        Emit("BatchNormalization", [input, gamma, beta, AddWeight(mean), AddWeight(variance)], layer.Name, attributes, tensor with { Channels = channels });
    }

    private void AddActivationLayer(KerasLayer layer)
    {
        var (input, tensor) = SingleInput(layer, rank: null);
        EmitActivation(layer, layer.String("activation", "linear"), input, layer.Name, tensor);
    }

    private void AddRelu(KerasLayer layer)
    {
        var (input, tensor) = SingleInput(layer, rank: null);
        double? maxValue = layer.Number("max_value");
        double slope = layer.Number("negative_slope") ?? 0;
        if ((layer.Number("threshold") ?? 0) != 0) throw layer.Error("a non-zero threshold is not supported");
        if (slope != 0 && maxValue is not null) throw layer.Error("negative_slope together with max_value is not supported");
        if (slope != 0)
            Emit("LeakyRelu", [input], layer.Name, new() { ["alpha"] = GraphAttribute.Of((float)slope) }, tensor);
        else if (maxValue is { } max)
            EmitClip(layer, input, layer.Name, 0f, (float)max, tensor);
        else
            Emit("Relu", [input], layer.Name, [], tensor);
    }

    private void AddPooling(KerasLayer layer, string op)
    {
        var (input, tensor) = SingleInput(layer, rank: 4);
        layer.RequireChannelsLast();
        var pool = layer.Pair("pool_size", (2, 2), 1, KerasLayer.MaxWindow);
        var attributes = WindowAttributes(layer, pool, pool);
        // TF averages over the real pixels only where 'same' padding overhangs the edge.
        if (op == "AveragePool") attributes["count_include_pad"] = GraphAttribute.Of(0L);
        Emit(op, [input], layer.Name, attributes, tensor);
    }

    private void AddGlobalPooling(KerasLayer layer, string op)
    {
        var (input, tensor) = SingleInput(layer, rank: 4);
        layer.RequireChannelsLast();
        if (layer.Bool("keepdims", false))
        {
            Emit(op, [input], layer.Name, [], tensor);
            return;
        }
        var pooled = layer.Name + "/pooled";
        Emit(op, [input], pooled, [], tensor);
        Emit("Flatten", [pooled], layer.Name, new() { ["axis"] = GraphAttribute.Of(1L) }, new KerasTensor(2, tensor.Channels));
    }

    private void AddZeroPadding(KerasLayer layer)
    {
        var (input, tensor) = SingleInput(layer, rank: 4);
        layer.RequireChannelsLast();
        long top, bottom, left, right;
        if (layer.Config["padding"] is JsonArray { Count: 2 } pair && pair[0] is JsonArray && pair[1] is JsonArray)
        {
            (top, bottom) = layer.PairOf(pair[0], "padding", (0, 0), 0, KerasLayer.MaxWindow);
            (left, right) = layer.PairOf(pair[1], "padding", (0, 0), 0, KerasLayer.MaxWindow);
        }
        else
        {
            var (height, width) = layer.Pair("padding", (1, 1), 0, KerasLayer.MaxWindow);
            (top, bottom, left, right) = (height, height, width, width);
        }
        var pads = AddInt64Initializer(layer.Name + "/pads", [0, 0, top, left, 0, 0, bottom, right]);
        Emit("Pad", [input, pads], layer.Name, new() { ["mode"] = GraphAttribute.Of("constant") }, tensor);
    }

    private void AddConcatenate(KerasLayer layer)
    {
        var inputs = Inputs(layer);
        if (inputs.Count < 2) throw layer.Error("needs at least two inputs");
        int rank = inputs[0].Tensor.Rank;
        if (inputs.Any(i => i.Tensor.Rank != rank)) throw layer.Error("inputs of different rank");
        int axis = ChannelsFirst(layer, layer.Axis("axis", -1), rank);
        long channels = inputs[0].Tensor.Channels;
        if (axis == 1)
            channels = inputs.All(i => i.Tensor.Channels > 0) ? inputs.Sum(i => i.Tensor.Channels) : KerasTensor.UnknownChannels;
        Emit("Concat", inputs.Select(i => i.Name).ToList(), layer.Name, new() { ["axis"] = GraphAttribute.Of((long)axis) },
            new KerasTensor(rank, channels));
    }

    /// <summary>Keras adds any number of tensors; ONNX Add takes two, so longer sums become a chain.</summary>
    private void AddSum(KerasLayer layer)
    {
        var inputs = Inputs(layer);
        if (inputs.Count < 2) throw layer.Error("needs at least two inputs");
        var tensor = inputs[0].Tensor;
        if (inputs.Any(i => i.Tensor.Rank != tensor.Rank || i.Tensor.Channels != tensor.Channels))
            throw layer.Error("inputs of different shape");
        string sum = inputs[0].Name;
        for (int i = 1; i < inputs.Count; i++)
        {
            var output = i == inputs.Count - 1 ? layer.Name : $"{layer.Name}/partial_sum_{i}";
            Emit("Add", [sum, inputs[i].Name], output, [], tensor);
            sum = output;
        }
    }

    /// <summary>Keras Dense computes x·kernel + bias with kernel [in, units]: exactly Gemm with B = kernel.</summary>
    private void AddDense(KerasLayer layer)
    {
        var (input, tensor) = SingleInput(layer, rank: null);
        if (tensor.Rank != 2) throw layer.Error($"Dense on a rank-{tensor.Rank} tensor is not supported (only after Flatten or global pooling)");
        int units = layer.Int("units", 0, 1, MaxChannels);
        var inputs = new List<string> { input, AddWeight(Weight(layer, "kernel", tensor.Channels, units)) };
        if (layer.Bool("use_bias", true)) inputs.Add(AddWeight(Weight(layer, "bias", units)));
        EmitWithActivation(layer, "Gemm", inputs, [], new KerasTensor(2, units));
    }

    /// <summary>Keras flattens in H, W, C order; going back to channels_last first keeps Dense weights valid.</summary>
    private void AddFlatten(KerasLayer layer)
    {
        var (input, tensor) = SingleInput(layer, rank: null);
        if (tensor.Rank == 2)
        {
            Emit("Identity", [input], layer.Name, [], tensor);
            return;
        }
        var channelsLast = layer.Name + "/channels_last";
        Emit("Transpose", [input], channelsLast, new() { ["perm"] = GraphAttribute.Of(0L, 2L, 3L, 1L) }, tensor);
        Emit("Flatten", [channelsLast], layer.Name, new() { ["axis"] = GraphAttribute.Of(1L) }, new KerasTensor(2, KerasTensor.UnknownChannels));
    }

    /// <summary>Layers that only act in training (dropout) pass their input through.</summary>
    private void AddInferenceIdentity(KerasLayer layer)
    {
        var (input, tensor) = SingleInput(layer, rank: null);
        Emit("Identity", [input], layer.Name, [], tensor);
    }

    private void EmitWithActivation(KerasLayer layer, string op, List<string> inputs, Dictionary<string, GraphAttribute> attributes, KerasTensor result)
    {
        var activation = layer.String("activation", "linear");
        if (activation == "linear")
        {
            Emit(op, inputs, layer.Name, attributes, result);
            return;
        }
        var preActivation = layer.Name + "/preactivation";
        Emit(op, inputs, preActivation, attributes, result);
        EmitActivation(layer, activation, preActivation, layer.Name, result);
    }

    private void EmitActivation(KerasLayer layer, string activation, string input, string output, KerasTensor tensor)
    {
        switch (activation)
        {
            case "linear": Emit("Identity", [input], output, [], tensor); break;
            case "relu": Emit("Relu", [input], output, [], tensor); break;
            case "relu6": EmitClip(layer, input, output, 0f, 6f, tensor); break;
            case "sigmoid": Emit("Sigmoid", [input], output, [], tensor); break;
            case "tanh": Emit("Tanh", [input], output, [], tensor); break;
            // Keras normalises over the last (channel) axis, which is axis 1 in N×C×H×W and in N×C alike.
            case "softmax": Emit("Softmax", [input], output, new() { ["axis"] = GraphAttribute.Of(1L) }, tensor); break;
            default: throw layer.Error($"activation '{activation}' is not supported");
        }
    }

    private void EmitClip(KerasLayer layer, string input, string output, float min, float max, KerasTensor tensor)
    {
        var low = AddInitializer(layer.Name + "/clip_min", [min]);
        var high = AddInitializer(layer.Name + "/clip_max", [max]);
        Emit("Clip", [input, low, high], output, [], tensor);
    }

    private void Emit(string op, IReadOnlyList<string> inputs, string output, Dictionary<string, GraphAttribute> attributes, KerasTensor result)
    {
        if (!_tensors.TryAdd(output, result)) throw new ModelFormatException($"{_source}: two tensors are named {output}");
        _nodes.Add(new GraphNode(output, op, inputs, [output], attributes));
    }

    /// <summary>kernel_shape, strides, dilations and auto_pad of a sliding-window layer.</summary>
    private static Dictionary<string, GraphAttribute> WindowAttributes(KerasLayer layer, (int Height, int Width) kernel, (int Height, int Width) defaultStrides)
    {
        var strides = layer.Pair("strides", defaultStrides, 1, KerasLayer.MaxWindow);
        var dilations = layer.Pair("dilation_rate", (1, 1), 1, KerasLayer.MaxWindow);
        var attributes = new Dictionary<string, GraphAttribute>
        {
            ["kernel_shape"] = GraphAttribute.Of(kernel.Height, (long)kernel.Width),
            ["strides"] = GraphAttribute.Of(strides.Height, (long)strides.Width),
        };
        if (dilations != (1, 1)) attributes["dilations"] = GraphAttribute.Of(dilations.Height, (long)dilations.Width);
        switch (layer.String("padding", "valid"))
        {
            case "valid": break;
            case "same": attributes["auto_pad"] = GraphAttribute.Of(SamePadding); break;
            case var other: throw layer.Error($"padding '{other}' is not supported");
        }
        return attributes;
    }

    private static int ChannelsFirst(KerasLayer layer, int axis, int rank)
    {
        int positive = axis < 0 ? axis + rank : axis;
        if (positive < 0 || positive >= rank) throw layer.Error($"axis {axis} does not exist in a rank-{rank} tensor");
        return rank == 4 ? ChannelsFirstAxis[positive] : positive;
    }

    private (string Name, KerasTensor Tensor) SingleInput(KerasLayer layer, int? rank)
    {
        var inputs = Inputs(layer);
        if (inputs.Count != 1) throw layer.Error($"expects one input, has {inputs.Count}");
        var input = inputs[0];
        if (input.Tensor.Rank is not (2 or 4) || (rank is { } wanted && input.Tensor.Rank != wanted))
            throw layer.Error($"input {input.Name} has rank {input.Tensor.Rank}, which this layer does not take");
        return input;
    }

    private List<(string Name, KerasTensor Tensor)> Inputs(KerasLayer layer) =>
        layer.Inputs.Select(name => _tensors.TryGetValue(name, out var tensor)
            ? (name, tensor)
            : throw layer.Error($"input {name} is not defined before this layer")).ToList();

    /// <summary>A weight of the layer with its Keras shape checked; -1 in <paramref name="shape"/> accepts any size.</summary>
    private GraphTensor Weight(KerasLayer layer, string parameter, params long[] shape)
    {
        var wanted = $"{layer.Name}/{parameter}";
        var tensor = _weights.GetValueOrDefault(wanted);
        if (tensor is null && _weightsByShortName.TryGetValue(wanted, out var candidates))
        {
            if (candidates.Count > 1) throw layer.Error($"weight {wanted} is ambiguous ({string.Join(", ", candidates)})");
            tensor = _weights[candidates[0]];
        }
        if (tensor is null) throw layer.Error($"weight {wanted} is missing from the weights manifest");
        bool matches = tensor.Shape.Count == shape.Length && shape.Select((d, i) => d < 0 || d == tensor.Shape[i]).All(ok => ok);
        if (!matches)
            throw layer.Error($"weight {tensor.Name} has shape [{string.Join(",", tensor.Shape)}], expected [{string.Join(",", shape.Select(d => d < 0 ? "?" : d.ToString()))}]");
        return tensor;
    }

    /// <summary>Keras conv kernel [kh,kw,in,out] as ONNX Conv weight [out,in,kh,kw].</summary>
    private string AddConvolutionKernel(GraphTensor kernel)
    {
        int kh = (int)kernel.Shape[0], kw = (int)kernel.Shape[1], inChannels = (int)kernel.Shape[2], outChannels = (int)kernel.Shape[3];
        var source = kernel.Floats!;
        var transposed = new float[source.Length];
        for (int y = 0; y < kh; y++)
            for (int x = 0; x < kw; x++)
                for (int i = 0; i < inChannels; i++)
                {
                    int from = ((y * kw + x) * inChannels + i) * outChannels;
                    for (int o = 0; o < outChannels; o++)
                        transposed[((o * inChannels + i) * kh + y) * kw + x] = source[from + o];
                }
        return AddInitializer(kernel.Name, transposed, outChannels, inChannels, kh, kw);
    }

    private string AddWeight(GraphTensor weight)
    {
        _initializers[weight.Name] = weight;
        return weight.Name;
    }

    private string AddInitializer(string name, float[] data, params long[] shape) =>
        AddWeight(GraphTensor.FromFloats(name, data, shape));

    private string AddInt64Initializer(string name, long[] data) =>
        AddWeight(GraphTensor.FromLongs(name, data, data.Length));

    private static float[] Ones(long count)
    {
        var ones = new float[count];
        Array.Fill(ones, 1f);
        return ones;
    }

    /// <summary>"model/conv2d_1/kernel:0" → "conv2d_1/kernel": converters differ in prefixes and suffixes.</summary>
    private static string ShortWeightName(string name)
    {
        var bare = name.EndsWith(":0", StringComparison.Ordinal) ? name[..^2] : name;
        var parts = bare.Split('/');
        return parts.Length >= 2 ? $"{parts[^2]}/{parts[^1]}" : bare;
    }
}
