using DeepDream.Import.Graph;
using DeepDream.Import.Onnx;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Graph;
using static TorchSharp.torch;

namespace DeepDream.Tests.Import.Onnx;

/// <summary>
/// torchvision's GoogLeNet (conv1 to inception5b, full channel widths, random weights) as PyTorch exports it: every
/// inception block's activations match PyTorch's own to 1e-4 relative at 1 and at 2 threads. At 2 threads on an
/// AVX-512 CPU, libtorch 2.10's oneDNN kernels put inception4b onwards 0.3-0.7% off unless DeepDream caps its ISA.
/// </summary>
public sealed class GoogLeNetDepthFidelityTests
{
    private static readonly string[] Blocks =
        ["inception3a", "inception3b", "inception4a", "inception4b", "inception4c", "inception4d", "inception4e", "inception5a", "inception5b"];

    public GoogLeNetDepthFidelityTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Every_inception_block_matches_pytorch(int threads)
    {
        var references = TorchExportFixture.References("googlenet_depth_reference");
        var graph = OnnxImporter.Load(TorchExportFixture.Path("googlenet_depth.onnx"));
        using var network = new GraphNetwork(graph, TestTensors.PassThrough, new Dictionary<string, string>(), [], CPU);
        using var _ = no_grad();

        var activations = TorchThreads.With(threads, () => network.Forward(references["input"], Blocks));

        var errors = Blocks.Select(block => (block, error: TorchExportFixture.RelativeError(activations[block], references[block]))).ToList();
        Assert.True(errors.All(e => e.error <= 1e-4),
            $"at {threads} threads: " + string.Join(", ", errors.Select(e => $"{e.block} {e.error:G3}")));
    }
}
