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
    public TorchExportFidelityTests() => TorchRuntime.EnsureLoaded();

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
        var references = TorchExportFixture.References(reference);
        var graph = OnnxImporter.Load(TorchExportFixture.Path(model + ".onnx"));
        using var network = new GraphNetwork(graph, TestTensors.PassThrough, new Dictionary<string, string>(), [], CPU);
        using var _ = no_grad();
        var actual = network.Forward(references["input"], [layer])[layer];
        var expected = references[layer];
        Assert.Equal(expected.shape, actual.shape);
        double error = TorchExportFixture.RelativeError(actual, expected);
        Assert.True(error <= 1e-4, $"{layer}: max error {error:G3} of the largest |value|");
    }
}
