using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using DeepDream.Models;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Import.Graph;

/// <summary>
/// Runs an imported <see cref="GraphDescription"/> with torch so that gradients flow back to the input pixels.
/// Weights are made into device tensors once; each request runs only the nodes its layers depend on (the plan
/// is cached per set of layers), and frees every intermediate value as soon as its last reader has run. In
/// <see cref="NumericPrecision.BFloat16"/> the weights and every real-valued activation are bfloat16, while the
/// pixels going in and the layers coming out stay float32, so objectives and gradients do not change type.
/// </summary>
public sealed class GraphNetwork : IDreamNetwork
{
    private const int MaxSuggestions = 5;

    /// <summary>Input sides beyond this are not searched for a layer's minimum size (no real layer needs that much).</summary>
    private const int MaxSearchedSide = 2048;

    private readonly GraphDescription _description;
    private readonly PreparedGraph _prepared;
    private readonly CompiledGraph _graph;
    private readonly Tensor?[] _constants;
    private readonly IReadOnlyDictionary<string, string> _aliases;
    private readonly ConcurrentDictionary<string, ExecutionPlan> _plans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Height, int Width)?> _minimumSizes = new(StringComparer.Ordinal);
    private readonly bool _reverseChannels;
    private readonly bool _nhwcInput;
    private readonly Tensor _pixelScale;
    private readonly Tensor _pixelShift;
    private readonly ScalarType _realType;
    private bool _disposed;

    /// <param name="graph">The graph to run.</param>
    /// <param name="preprocessing">Turns the RGB 0-255 pixels <see cref="Forward"/> receives into the graph's input.</param>
    /// <param name="layerAliases">Friendly layer name → graph tensor name.</param>
    /// <param name="recommendedLayers">Layers (friendly or graph names) that dream well, best first.</param>
    /// <param name="device">Where the weights live and the computation runs.</param>
    /// <param name="precision">What the network computes in (see <see cref="TorchRuntime.UsePrecision"/> for bfloat16's speed).</param>
    /// <exception cref="ModelFormatException">The graph uses an unsupported operator, is malformed, or an alias or
    /// recommended layer names a tensor the graph does not produce.</exception>
    public GraphNetwork(
        GraphDescription graph,
        Preprocessing preprocessing,
        IReadOnlyDictionary<string, string> layerAliases,
        IReadOnlyList<string> recommendedLayers,
        Device device,
        NumericPrecision precision = NumericPrecision.Float32)
        : this(PreparedGraph.Of(graph), preprocessing, layerAliases, recommendedLayers, device, precision)
    {
    }

    /// <summary>The network of a graph prepared beforehand (<see cref="PreparedGraph"/>); parameters as above.</summary>
    internal GraphNetwork(
        PreparedGraph prepared,
        Preprocessing preprocessing,
        IReadOnlyDictionary<string, string> layerAliases,
        IReadOnlyList<string> recommendedLayers,
        Device device,
        NumericPrecision precision)
    {
        if (preprocessing.Mean.Length != 3 || preprocessing.Std.Length != 3)
            throw new ArgumentException("Preprocessing needs one mean and one std per colour channel.", nameof(preprocessing));
        TorchRuntime.EnsureLoaded();
        var graph = prepared.Description;
        Name = graph.Name;
        Device = device;
        Precision = precision;
        _realType = precision == NumericPrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;
        _description = graph;
        _prepared = prepared;
        _graph = prepared.Graph;
        _aliases = layerAliases;
        LayerNames = [.. layerAliases.Keys, .. _graph.Nodes.Select(node => node.Source.Outputs[0])];
        RecommendedLayers = recommendedLayers;
        LogitsLayer = FindLogits(graph);
        // bfloat16 dreams differ from float32 ones: resuming must not mix them.
        Identity = $"{graph.Name} [{preprocessing}] {prepared.Fingerprint}" + (precision == NumericPrecision.Float32 ? "" : " in bfloat16");
        InputSize = graph.Input.DeclaredSize;
        CheckLayerNames(layerAliases, recommendedLayers);

        _reverseChannels = preprocessing.Order == ColorOrder.Bgr;
        _nhwcInput = graph.Input.IsChannelsLast;
        _constants = new Tensor?[_graph.SlotCount];
        try
        {
            foreach (var (slot, value) in _graph.Constants) _constants[slot] = ToDeviceTensor(slot, value);
            if (_realType != ScalarType.Float32)
            {
                for (int slot = 0; slot < _constants.Length; slot++)
                {
                    if (_constants[slot] is not { dtype: ScalarType.Float32 } weights) continue;
                    // to() keeps a kernel's channels-last strides.
                    _constants[slot] = weights.to(_realType);
                    weights.Dispose();
                }
            }
            // input[c] = (pixel[c] * Scale - Mean[c]) / Std[c], folded into one multiply-add per pixel.
            _pixelScale = tensor(preprocessing.Std.Select(std => preprocessing.Scale / std).ToArray(), [1, 3, 1, 1], device: device);
            _pixelShift = tensor(preprocessing.Mean.Zip(preprocessing.Std, (mean, std) => -mean / std).ToArray(), [1, 3, 1, 1], device: device);
        }
        catch
        {
            foreach (var constant in _constants) constant?.Dispose();
            throw;
        }
    }

    public string Name { get; }

    public IReadOnlyList<string> LayerNames { get; }

    public IReadOnlyList<string> RecommendedLayers { get; }

    public Device Device { get; }

    public NumericPrecision Precision { get; }

    public string? LogitsLayer { get; }

    public string Identity { get; }

    /// <summary>Computed on first use (hashing a large model's weights takes a moment) over every constant tensor.</summary>
    public string WeightsSha256
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _prepared.WeightsSha256;
        }
    }

    public (int Height, int Width)? InputSize { get; }

    /// <summary>How many nodes the last <see cref="Forward"/> ran (tests use it to prove pruning).</summary>
    internal int LastForwardNodeCount { get; private set; }

    public IReadOnlyDictionary<string, Tensor> Forward(Tensor pixels, IReadOnlyCollection<string> layers)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (pixels.dim() != 4 || pixels.shape[1] != 3)
            throw new ArgumentException("Pixels must be N×3×H×W.", nameof(pixels));
        var requests = layers.Distinct().Select(layer => (Layer: layer, Slot: ResolveLayer(layer))).ToArray();
        var plan = PlanFor(requests.Select(request => request.Slot));

        var values = (Tensor?[])_constants.Clone();
        try
        {
            if (plan.ReadsInput) values[CompiledGraph.InputSlot] = Preprocess(pixels);
            foreach (var step in plan.Steps)
            {
                Run(step.Node, values);
                foreach (int slot in step.ReleaseAfter)
                {
                    values[slot]!.Dispose();
                    values[slot] = null;
                }
            }
        }
        catch
        {
            for (int slot = 0; slot < values.Length; slot++)
                if (_constants[slot] is null) values[slot]?.Dispose();
            throw;
        }
        LastForwardNodeCount = plan.Steps.Count;
        // Two names of one layer share its tensor, converted once.
        var outputs = new Dictionary<int, Tensor>();
        return requests.ToDictionary(request => request.Layer,
            request => outputs.TryGetValue(request.Slot, out var output) ? output : outputs[request.Slot] = AsFloat32(values[request.Slot]!));
    }

    /// <summary>
    /// Runs the nodes that <paramref name="tensorNames"/> depend on, in graph order, and hands each requested value to
    /// <paramref name="inspect"/> the moment it is made, then frees it like any other value once nothing more reads it:
    /// memory holds only what later nodes still need, not every requested tensor (<c>dream layers</c> asks for all of
    /// them). A node that fails is reported to <paramref name="failed"/> with its message, as is every requested tensor
    /// computed from it; the others still run. Run under <c>no_grad</c> unless gradients are wanted.
    /// </summary>
    /// <param name="pixels">N×3×H×W, RGB, 0-255.</param>
    /// <param name="tensorNames">Layer or tensor names (see <see cref="LayerNames"/>).</param>
    /// <param name="inspect">Told each requested name and its value; the value is freed when this returns.</param>
    /// <param name="failed">Told each requested name that could not be computed, and why.</param>
    /// <exception cref="UnknownLayerException">A name is not a layer of the graph.</exception>
    internal void Inspect(Tensor pixels, IReadOnlyCollection<string> tensorNames, Action<string, Tensor> inspect, Action<string, string> failed)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var namesBySlot = tensorNames.Distinct().GroupBy(ResolveLayer).ToDictionary(group => group.Key, group => group.ToArray());
        var plan = ExecutionPlan.Build(_graph.Nodes, _graph.ProducerOfSlot, CompiledGraph.InputSlot, namesBySlot.Keys.ToHashSet(), keepTargets: false);
        var problems = new Dictionary<int, string>();
        var values = (Tensor?[])_constants.Clone();
        try
        {
            if (plan.ReadsInput) values[CompiledGraph.InputSlot] = Preprocess(pixels);
            foreach (var step in plan.Steps)
            {
                int output = step.Node.OutputSlot;
                string? inherited = step.Node.InputSlots.Where(problems.ContainsKey).Select(slot => problems[slot]).FirstOrDefault();
                if (inherited is not null) problems[output] = inherited;
                else
                {
                    try
                    {
                        Run(step.Node, values);
                    }
                    catch (ModelFormatException error)
                    {
                        problems[output] = error.Message;
                    }
                }
                foreach (string name in namesBySlot.GetValueOrDefault(output, []))
                {
                    if (problems.TryGetValue(output, out string? problem)) failed(name, problem);
                    else
                    {
                        using var value = AsFloat32(values[output]!.alias());
                        inspect(name, value);
                    }
                }
                foreach (int slot in step.ReleaseAfter)
                {
                    values[slot]?.Dispose();
                    values[slot] = null;
                }
            }
        }
        finally
        {
            for (int slot = 0; slot < values.Length; slot++)
                if (_constants[slot] is null) values[slot]?.Dispose();
        }
    }

    /// <summary>
    /// The smallest input (height, width) on which every convolution and pooling window on the way to
    /// <paramref name="layers"/> still covers at least one position, from the graph's window geometry; each side
    /// is found with the other one large. Null when no size up to 2048 pixels works (e.g. the graph combines its
    /// activations with a tensor of one fixed size). Throws <see cref="UnknownLayerException"/> for an unknown layer.
    /// </summary>
    public (int Height, int Width)? MinimumInputSize(IReadOnlyCollection<string> layers)
    {
        var slots = layers.Distinct().Select(ResolveLayer).ToHashSet();
        return _minimumSizes.GetOrAdd(string.Join(',', slots.Order()), _ =>
        {
            var nodes = PlanFor(slots).Steps.Select(step => step.Node.Source).ToList();
            bool Fits(int height, int width) => SpatialShapes.Infer(_description, nodes, height, width).Problem is null;
            int? Smallest(Func<int, bool> fits)
            {
                for (int side = 1; side <= MaxSearchedSide; side++)
                    if (fits(side)) return side;
                return null;
            }
            var height = Smallest(side => Fits(side, MaxSearchedSide));
            var width = Smallest(side => Fits(MaxSearchedSide, side));
            return height is { } h && width is { } w && Fits(h, w) ? (h, w) : null;
        });
    }

    private ExecutionPlan PlanFor(IEnumerable<int> slots)
    {
        var targets = slots.ToHashSet();
        return _plans.GetOrAdd(string.Join(',', targets.Order()), _ => _graph.PlanFor(targets));
    }

    /// <summary>
    /// The classifier's logits: the input of a softmax that produces the graph's first output (class objectives
    /// must climb logits, not probabilities, which saturate), else that output itself.
    /// </summary>
    private static string? FindLogits(GraphDescription graph)
    {
        if (graph.Outputs.Count == 0) return null;
        var output = graph.Outputs[0];
        var producer = graph.Nodes.LastOrDefault(node => node.Outputs.Contains(output));
        if (producer is null) return null;
        return producer.OpType == "Softmax" ? producer.Inputs[0] : output;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var constant in _constants) constant?.Dispose();
        _pixelScale.Dispose();
        _pixelShift.Dispose();
    }

    private void Run(CompiledNode node, Tensor?[] values)
    {
        // The scope frees a kernel's temporaries (padding copies, masks) as soon as the node is done.
        using var scope = NewDisposeScope();
        var inputs = new Tensor?[node.InputSlots.Length];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = node.InputSlots[i] < 0 ? null : values[node.InputSlots[i]];
        try
        {
            var output = node.Kernel(inputs);
            // Kernels keep their inputs' type, but a Cast to float comes out float32: an activation (two or more
            // dimensions) is brought back to the network's type, while shape arithmetic (scalars, short vectors)
            // stays exact in float32 (bfloat16 holds integers exactly only up to 256).
            if (output.dtype == ScalarType.Float32 && _realType != ScalarType.Float32 && output.dim() >= 2) output = output.to(_realType);
            values[node.OutputSlot] = output.MoveToOuterDisposeScope();
        }
        catch (ExternalException error)
        {
            string reason = error.Message.Split('\n', 2)[0].Trim();
            string where = $"{Name}: node '{node.Source.Name}' ({node.Source.OpType}) failed: {reason}";
            // Running out of (GPU) memory is the machine's limit, not a fault of the model file.
            if (reason.Contains("out of memory", StringComparison.OrdinalIgnoreCase)) throw new TorchRuntimeException(where);
            throw new ModelFormatException(where, error);
        }
    }

    private Tensor Preprocess(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var ordered = _reverseChannels ? pixels.flip(1) : pixels;
        var normalised = _pixelShift.addcmul(ordered, _pixelScale, 1);
        var laidOut = _nhwcInput ? normalised.permute(0, 2, 3, 1) : ChannelsLast.Of(normalised);
        return laidOut.to(_realType).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A layer's value as float32, which objectives compute in; takes ownership of <paramref name="value"/> (returned
    /// as it is when float32 already, else freed once converted).
    /// </summary>
    private static Tensor AsFloat32(Tensor value)
    {
        if (value.dtype != ScalarType.BFloat16) return value;
        using (value) return value.to(ScalarType.Float32);
    }

    private int ResolveLayer(string layer)
    {
        string tensorName = _aliases.TryGetValue(layer, out var aliased) ? aliased : layer;
        if (_graph.LayerSlots.TryGetValue(tensorName, out int slot)) return slot;
        var nearest = LayerNameSuggestions.Nearest(layer, LayerNames, MaxSuggestions);
        throw new UnknownLayerException(
            $"{Name}: unknown layer '{layer}'" + (nearest.Count == 0 ? "" : $"; nearest: {string.Join(", ", nearest)}"));
    }

    private void CheckLayerNames(IReadOnlyDictionary<string, string> layerAliases, IReadOnlyList<string> recommendedLayers)
    {
        foreach (var (alias, tensorName) in layerAliases)
        {
            if (!_graph.LayerSlots.ContainsKey(tensorName))
                throw new ModelFormatException($"{Name}: layer alias '{alias}' names '{tensorName}', which no node of the graph produces");
        }
        foreach (string layer in recommendedLayers)
        {
            if (!layerAliases.ContainsKey(layer) && !_graph.LayerSlots.ContainsKey(layer))
                throw new ModelFormatException($"{Name}: recommended layer '{layer}' is not a layer of the graph");
        }
    }

    /// <summary>
    /// Integer tensors (shapes, axes, indices) stay on the CPU, where shape arithmetic reads them for free. 4-D float
    /// tensors (convolution kernels) are laid out channels-last, like the activations of an NCHW graph: over the
    /// prepared channels-last array where their order changes, else over their own array (on the CPU, no copy).
    /// </summary>
    private Tensor ToDeviceTensor(int slot, GraphTensor value)
    {
        long count = value.Floats?.LongLength ?? value.Longs?.LongLength ?? -1;
        if (count != value.ElementCount)
            throw new ModelFormatException(
                $"{Name}: tensor '{value.Name}' has {count} values for shape [{string.Join(", ", value.Shape)}]");
        long[] shape = [.. value.Shape];
        if (value.Longs is { } longs) return tensor(longs, shape);
        if (shape.Length != 4 || _nhwcInput) return tensor(value.Floats!, shape, device: Device);
        if (_prepared.ChannelsLastValues(slot) is not { } channelsLast)
        {
            // One channel or one position: the stored order is channels-last already (ChannelsLast.Of keeps it too).
            using var flat = as_tensor(value.Floats!, device: Device);
            return flat.view(shape);
        }
        // [N, H, W, C] in memory, seen as [N, C, H, W]: the strides ChannelsLast.Of gives.
        using var values = as_tensor(channelsLast, device: Device);
        using var nhwc = values.view(shape[0], shape[2], shape[3], shape[1]);
        return nhwc.permute(0, 3, 1, 2);
    }
}
