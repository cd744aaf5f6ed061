using System.Text.Json;
using DeepDream.Import.Graph;
using DeepDream.Import.Onnx;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Graph;
using static TorchSharp.torch;

namespace DeepDream.Tests.Import.Onnx;

/// <summary>
/// An ONNX file exported by PyTorch itself (tests/fixtures/torch-export, made by make_fixture.py there), and the
/// activations PyTorch computed for one input: ours must match to 1e-4 relative.
/// </summary>
public sealed class TorchExportFidelityTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "torch-export");

    public TorchExportFidelityTests() => TorchRuntime.EnsureLoaded();

    private static Dictionary<string, Tensor> References()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, "reference.bin"));
        using var header = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "reference.json")));
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
    [InlineData("conv1")]
    [InlineData("pool1")]
    [InlineData("inception")]
    [InlineData("prob")]
    public void ActivationsMatchPyTorch(string layer)
    {
        var references = References();
        var graph = OnnxImporter.Load(Path.Combine(Folder, "small_inception.onnx"));
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
