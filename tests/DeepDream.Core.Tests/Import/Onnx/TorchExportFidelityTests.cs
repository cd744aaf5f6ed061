using System.Text.Json;
using DeepDream.Import.Graph;
using DeepDream.Import.Onnx;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Graph;
using static TorchSharp.torch;

namespace DeepDream.Tests.Import.Onnx;

/// <summary>
/// ONNX files exported by PyTorch itself (tests/fixtures/torch-export, made by make_fixture.py there), and the
/// values PyTorch computed for one input: ours must match to 1e-4 relative.
/// </summary>
public sealed class TorchExportFidelityTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "torch-export");

    public TorchExportFidelityTests() => TorchRuntime.EnsureLoaded();

    private static Dictionary<string, Tensor> References(string stem)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, stem + ".bin"));
        using var header = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, stem + ".json")));
        var tensors = new Dictionary<string, Tensor>();
        foreach (var entry in header.RootElement.GetProperty("tensors").EnumerateArray())
        {
            var shape = entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            int offset = entry.GetProperty("offset").GetInt32();
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            Buffer.BlockCopy(bytes, offset, values, 0, values.Length * sizeof(float));
            tensors[entry.GetProperty("name").GetString()!] = tensor(values, shape);
        }
        return tensors;
    }

    [Theory]
    [InlineData("small_inception", "reference", "conv1")]
    [InlineData("small_inception", "reference", "pool1")]
    [InlineData("small_inception", "reference", "inception")]
    [InlineData("small_inception", "reference", "prob")]
    [InlineData("elementwise", "elementwise_reference", "reduce_mean")]
    [InlineData("elementwise", "elementwise_reference", "reduce_sum")]
    [InlineData("elementwise", "elementwise_reference", "reduce_max")]
    [InlineData("elementwise", "elementwise_reference", "prelu")]
    [InlineData("elementwise", "elementwise_reference", "elu")]
    [InlineData("elementwise", "elementwise_reference", "softplus")]
    [InlineData("elementwise", "elementwise_reference", "hardsigmoid")]
    [InlineData("elementwise", "elementwise_reference", "max_min_flip")]
    [InlineData("elementwise", "elementwise_reference", "arith")]
    [InlineData("elementwise", "elementwise_reference", "slice")]
    public void Values_match_PyTorch(string model, string reference, string layer)
    {
        var references = References(reference);
        var graph = OnnxImporter.Load(Path.Combine(Folder, model + ".onnx"));
        using var network = new GraphNetwork(graph, TestTensors.PassThrough, new Dictionary<string, string>(), [], CPU);
        using var _ = no_grad();
        var actual = network.Forward(references["input"], [layer])[layer];
        var expected = references[layer];
        Assert.Equal(expected.shape, actual.shape);
        double error = actual.sub(expected).abs().max().item<float>();
        double scale = expected.abs().max().item<float>();
        Assert.True(error <= 1e-4 * scale, $"{layer}: max error {error:G3} against max |value| {scale:G3}");
    }
}
