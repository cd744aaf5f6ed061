using DeepDream.Import.Graph;
using DeepDream.Import.Graph.Operators;
using DeepDream.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Models;

/// <summary>
/// A small built-in convolutional network with fixed pseudo-random weights (seeded), for tests and pipeline smoke
/// tests (<c>--model tiny</c>): three 3×3 conv+ReLU layers with a pooling step and a 10-class linear head
/// ("logits", for class objectives). It needs no model file, so it
/// exercises the whole dream path anywhere; it is not trained, so its dreams are textures, not eyes.
/// </summary>
public sealed class TinyTestNetwork : IDreamNetwork
{
    private static readonly string[] Layers = ["conv1", "conv2", "conv3", "logits"];
    private const int Classes = 10;
    private readonly Tensor[] _weights;
    private readonly Tensor[] _biases;
    private readonly Tensor _classifier;

    public TinyTestNetwork(Device? device = null)
    {
        TorchRuntime.EnsureLoaded();
        Device = device ?? CPU;
        var generator = new Random(1234);
        int[] channels = [3, 8, 16, 32];
        _weights = new Tensor[3];
        _biases = new Tensor[3];
        for (int i = 0; i < 3; i++)
        {
            using var weights = Uniform(generator, channels[i] * 9, [channels[i + 1], channels[i], 3, 3]);
            _weights[i] = ChannelsLast.Of(weights);
            _biases[i] = zeros(channels[i + 1], device: Device);
        }
        _classifier = Uniform(generator, channels[3], [Classes, channels[3]]);
    }

    /// <summary>He-uniform initialisation from a seeded generator, so the network is the same everywhere.</summary>
    private Tensor Uniform(Random generator, int fanIn, long[] shape)
    {
        float bound = MathF.Sqrt(6f / fanIn);
        var w = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (int j = 0; j < w.Length; j++) w[j] = (float)(generator.NextDouble() * 2 - 1) * bound;
        return tensor(w, shape, device: Device);
    }

    public string Name => "tiny";

    public IReadOnlyList<string> LayerNames => Layers;

    public IReadOnlyList<string> RecommendedLayers => ["conv2", "conv3"];

    public Device Device { get; }

    public NumericPrecision Precision => NumericPrecision.Float32;

    public string? LogitsLayer => "logits";

    public int? ClassCount => Classes;

    public string WeightsSha256 => field ??= WeightsDigest.Of(_weights.Concat(_biases).Append(_classifier));

    public IReadOnlyDictionary<string, Tensor> Forward(Tensor pixels, IReadOnlyCollection<string> layers)
    {
        foreach (var layer in layers)
            if (!Layers.Contains(layer))
                throw new UnknownLayerException($"model 'tiny' has no layer '{layer}'; its layers are {string.Join(", ", Layers)}");
        int deepest = layers.Max(l => Array.IndexOf(Layers, l));
        var result = new Dictionary<string, Tensor>();
        // Channels-last and through ConvolutionRoute, like the imported graphs: with AVX-512, libtorch 2.10's oneDNN
        // gets the channels-first input gradient of this network's first convolution (3 → 8) wrong.
        using var scaled = pixels.div(127.5).sub(1.0);
        var x = ChannelsLast.Of(scaled);
        for (int i = 0; i <= Math.Min(deepest, 2); i++)
        {
            if (i == 2) x = F.max_pool2d(x, 2, 2);
            x = F.relu(ConvolutionRoute.Conv2d(x, _weights[i], _biases[i], [1, 1], [1, 1], [1, 1], 1));
            if (layers.Contains(Layers[i])) result[Layers[i]] = x;
        }
        if (deepest == 3) result["logits"] = F.linear(x.mean([2, 3]), _classifier);
        return result;
    }

    public void Dispose()
    {
        foreach (var t in _weights.Concat(_biases).Append(_classifier)) t.Dispose();
    }
}
