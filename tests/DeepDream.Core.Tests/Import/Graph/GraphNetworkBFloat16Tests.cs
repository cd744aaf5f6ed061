using DeepDream.Import.Graph;
using DeepDream.Import.Onnx;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Onnx;
using static DeepDream.Tests.Import.Onnx.OnnxModelBuilder;
using static TorchSharp.torch;

namespace DeepDream.Tests.Import.Graph;

/// <summary>
/// How a bfloat16 network keeps types apart: activations and weights in bfloat16, shape arithmetic exact in float32,
/// and a float32 value meeting an activation (a bias, or an activation after a Cast to float) converted, so that no
/// operator sees mixed types.
/// </summary>
public sealed class GraphNetworkBFloat16Tests : IDisposable
{
    private readonly TempFolder _directory = new();

    public GraphNetworkBFloat16Tests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => _directory.Dispose();

    /// <summary>
    /// x → Conv (bias) → Relu → GlobalAveragePool → Reshape to a vector → Cast to float → MatMul: a tf2onnx-style head;
    /// and Shape(x) → Cast to float → Add 257 → Cast to int64: sizes computed in floats.
    /// </summary>
    private GraphNetwork Network(NumericPrecision precision)
    {
        var path = new OnnxModelBuilder("x", 1, 3, 8, 8)
            .Floats("w", [.. Enumerable.Range(0, 4 * 3 * 3 * 3).Select(i => MathF.Sin(i) * 0.3f)], 4, 3, 3, 3)
            .Floats("b", [0.1f, -0.2f, 0.3f, 0.05f], 4)
            .Floats("head", [.. Enumerable.Range(0, 8).Select(i => MathF.Cos(i))], 4, 2)
            .Longs("vector", [4], 1)
            .Floats("offset", [257, 257, 257, 257], 4)
            .Node("Conv", ["x", "w", "b"], "conv", Ints("pads", 1, 1, 1, 1))
            .Node("Relu", ["conv"], "relu")
            .Node("GlobalAveragePool", ["relu"], "pool")
            .Node("Reshape", ["pool", "vector"], "flat")
            .Node("Cast", ["flat"], "features", Attribute("to", 1L))
            .Node("MatMul", ["features", "head"], "logits")
            .Node("Shape", ["x"], "shape")
            .Node("Cast", ["shape"], "shape_float", Attribute("to", 1L))
            .Node("Add", ["shape_float", "offset"], "bigger")
            .Node("Cast", ["bigger"], "sizes", Attribute("to", 7L))
            .Output("logits")
            .Output("sizes")
            .Save(_directory["head.onnx"]);
        return new GraphNetwork(OnnxImporter.Load(path), TestTensors.PassThrough, new Dictionary<string, string>(), [], CPU, precision);
    }

    [Fact]
    public void A_cast_head_runs_in_bfloat16_close_to_float32_and_sizes_stay_exact()
    {
        using var exact = Network(NumericPrecision.Float32);
        using var rounded = Network(NumericPrecision.BFloat16);
        using var scope = NewDisposeScope();
        var pixels = rand(1, 3, 8, 8, generator: new Generator(1)).mul_(255);

        var expected = exact.Forward(pixels, ["logits", "sizes", "relu"]);
        var actual = rounded.Forward(pixels, ["logits", "sizes", "relu"]);

        Assert.Equal([258L, 260, 265, 265], actual["sizes"].data<long>().ToArray());
        Assert.Equal(expected["sizes"].data<long>().ToArray(), actual["sizes"].data<long>().ToArray());
        Assert.Equal(ScalarType.Float32, actual["logits"].dtype);
        Assert.Equal(ScalarType.Float32, actual["relu"].dtype);
        foreach (string layer in new[] { "logits", "relu" })
        {
            double distance = actual[layer].sub(expected[layer]).norm().item<float>() / expected[layer].norm().item<float>();
            Assert.InRange(distance, 1e-5, 0.02);
        }
    }
}
