using DeepDream.Dreaming;
using DeepDream.Import.Graph;
using DeepDream.Import.Onnx;
using DeepDream.Pipeline;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Graph;
using DeepDream.Tests.Import.Onnx;
using static DeepDream.Tests.Import.Onnx.OnnxModelBuilder;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming;

/// <summary>
/// A classifier head with a fixed pooling window and a fully connected layer (as in Caffe's GoogLeNet and Keras'
/// InceptionV3) built for 16×16: class dreams must still work on octaves of other sizes, where the head could not run.
/// </summary>
public sealed class FixedHeadClassTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public FixedHeadClassTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => _folder.Dispose();

    private GraphNetwork Network()
    {
        var random = new Random(3);
        var path = new OnnxModelBuilder("x", 1, 3, 16, 16)
            .Floats("w", TestTensors.RandomFloats(random, 4 * 3 * 9), 4, 3, 3, 3)
            .Floats("fc", TestTensors.RandomFloats(random, 5 * 4), 5, 4)
            .Node("Conv", ["x", "w"], "conv", Ints("pads", 1, 1, 1, 1))
            .Node("Relu", ["conv"], "relu")
            .Node("AveragePool", ["relu"], "pool", Ints("kernel_shape", 16, 16))
            .Node("Flatten", ["pool"], "flat")
            .Node("Gemm", ["flat", "fc"], "logits", Attribute("transB", 1L))
            .Node("Softmax", ["logits"], "prob")
            .Output("prob")
            .Save(Path.Combine(_folder, "head.onnx"));
        return new GraphNetwork(OnnxImporter.Load(path), TestTensors.PassThrough, new Dictionary<string, string>(), ["relu"], CPU);
    }

    [Fact]
    public void The_pool_over_the_whole_declared_map_runs_at_any_size()
    {
        using var network = Network();
        using var scope = TorchSharp.torch.NewDisposeScope();

        Assert.Equal((1, 1), network.MinimumInputSize(["pool"]));
        Assert.Equal([1L, 4, 1, 1], network.Forward(TestImages.Random(5, 7, 6), ["pool"])["pool"].shape);
    }

    [Fact]
    public void Class_objective_rises_on_octaves_of_other_sizes()
    {
        using var network = Network();
        Assert.Equal((16, 16), network.InputSize);
        using var image = TestImages.Random(27, 22, 5, 0, 2);
        var settings = new DreamSettings { Octaves = 3, OctaveScale = 1.5, Steps = 5, Jitter = 1, StepSize = 0.05f, Classes = [2] };

        using var result = new DreamPipeline(network, settings).Dream(image);

        Assert.Equal([(12, 10), (18, 15), (27, 22)], result.Octaves.Select(o => (o.Height, o.Width)));
        Assert.All(result.Octaves, o => Assert.True(o.Objective[^1] > o.Objective[0], string.Join(", ", o.Objective)));
    }
}
