using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DeepDream.Models;

/// <summary>
/// A small built-in convolutional network with fixed pseudo-random weights (seeded), for tests and pipeline smoke
/// tests (<c>--model tiny</c>): three 3×3 conv+ReLU layers with a pooling step. It needs no model file, so it
/// exercises the whole dream path anywhere; it is not trained, so its dreams are textures, not eyes.
/// </summary>
public sealed class TinyTestNetwork : IDreamNetwork
{
    private static readonly string[] Layers = ["conv1", "conv2", "conv3"];
    private readonly Tensor[] _weights;
    private readonly Tensor[] _biases;

    public TinyTestNetwork(Device? device = null, int seed = 1234)
    {
        Device = device ?? CPU;
        var generator = new Random(seed);
        int[] channels = [3, 8, 16, 32];
        _weights = new Tensor[3];
        _biases = new Tensor[3];
        for (int i = 0; i < 3; i++)
        {
            int fanIn = channels[i] * 9;
            float bound = MathF.Sqrt(6f / fanIn);
            var w = new float[channels[i + 1] * fanIn];
            for (int j = 0; j < w.Length; j++) w[j] = (float)(generator.NextDouble() * 2 - 1) * bound;
            _weights[i] = tensor(w, [channels[i + 1], channels[i], 3, 3], device: Device);
            _biases[i] = zeros(channels[i + 1], device: Device);
        }
    }

    public string Name => "tiny";

    public IReadOnlyList<string> LayerNames => Layers;

    public IReadOnlyList<string> RecommendedLayers => ["conv2", "conv3"];

    public Device Device { get; }

    public IReadOnlyDictionary<string, Tensor> Forward(Tensor pixels, IReadOnlyCollection<string> layers)
    {
        foreach (var layer in layers)
            if (!Layers.Contains(layer))
                throw new UnknownLayerException($"model 'tiny' has no layer '{layer}'; its layers are {string.Join(", ", Layers)}");
        int deepest = layers.Max(l => Array.IndexOf(Layers, l));
        var result = new Dictionary<string, Tensor>();
        var x = pixels.div(127.5).sub(1.0);
        for (int i = 0; i <= deepest; i++)
        {
            if (i == 2) x = F.max_pool2d(x, 2, 2);
            x = F.relu(F.conv2d(x, _weights[i], _biases[i], padding: [1, 1]));
            if (layers.Contains(Layers[i])) result[Layers[i]] = x;
        }
        return result;
    }

    public void Dispose()
    {
        foreach (var t in _weights.Concat(_biases)) t.Dispose();
    }
}
