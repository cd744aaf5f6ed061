using DeepDream.Import.Graph;
using DeepDream.Models;
using DeepDream.Models.Store;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Import.Graph;

public sealed class GraphNetworkTests
{
    private const string ModelName = "test-net";
    private static readonly Dictionary<string, string> NoAliases = [];

    public GraphNetworkTests() => TorchRuntime.EnsureLoaded();

    /// <summary>
    /// rgb (1×3×5×5) → x: first two channels → conv (3 filters, 3×3, pad 1) → relu → flatten → gemm head. The
    /// head's weight is 4×10 while the flattened relu has 75 columns, so running the head always fails: a request
    /// that succeeds did not run it.
    /// </summary>
    private static (GraphDescription Graph, float[,,,] Weight, float[] Bias) ConvNetWithBrokenHead(Random random)
    {
        var weight = TestTensors.Random4(random, 3, 2, 3, 3);
        var bias = TestTensors.RandomFloats(random, 3);
        var graph = new GraphDescription
        {
            Name = ModelName,
            Input = new GraphInput("rgb", [1, 3, 5, 5]),
            Nodes =
            [
                Node("take2", "Gather", ["rgb", "first_two"], "x", ("axis", GraphAttribute.Of(1L))),
                Node("conv1", "Conv", ["x", "w1", "b1"], "c1", ("pads", GraphAttribute.Of(1L, 1L, 1L, 1L))),
                Node("relu1", "Relu", ["c1"], "r1"),
                Node("flatten", "Flatten", ["r1"], "f"),
                Node("head", "Gemm", ["f", "w_head"], "logits", ("transB", GraphAttribute.Of(1L))),
            ],
            Initializers = new Dictionary<string, GraphTensor>
            {
                ["first_two"] = GraphTensor.FromLongs("first_two", [0, 1], 2),
                ["w1"] = GraphTensor.FromFloats("w1", TestTensors.Flat(weight), 3, 2, 3, 3),
                ["b1"] = GraphTensor.FromFloats("b1", bias, 3),
                ["w_head"] = GraphTensor.FromFloats("w_head", TestTensors.RandomFloats(random, 40), 4, 10),
            },
            Outputs = ["logits"],
        };
        return (graph, weight, bias);
    }

    private static GraphNode Node(string name, string op, string[] inputs, string output, params (string Key, GraphAttribute Value)[] attributes) =>
        new(name, op, inputs, [output], attributes.ToDictionary(a => a.Key, a => a.Value));

    private static GraphNetwork Network(GraphDescription graph, Preprocessing? preprocessing = null, Dictionary<string, string>? aliases = null) =>
        new(graph, preprocessing ?? TestTensors.PassThrough, aliases ?? NoAliases, [], CPU);

    [Fact]
    public void Forward_RunsOnlyTheNodesTheLayerDependsOn()
    {
        var (graph, weight, bias) = ConvNetWithBrokenHead(new Random(1));
        using var network = Network(graph);
        var pixels = TestTensors.Random4(new Random(2), 1, 3, 5, 5);
        using var input = TestTensors.ToTensor(pixels);

        var result = network.Forward(input, ["r1"]);

        Assert.Equal(3, network.LastForwardNodeCount);
        var firstTwo = new float[1, 2, 5, 5];
        Array.Copy(pixels, firstTwo, firstTwo.Length);
        var expected = ReferenceKernels.Conv(firstTwo, weight, bias, [1, 1], [1, 1, 1, 1]);
        TestTensors.AssertClose(TestTensors.Map(expected, x => Math.Max(0, x)), result["r1"]);
        result["r1"].Dispose();
    }

    [Fact]
    public void Forward_LeavesOnlyTheRequestedTensorsAlive()
    {
        var (graph, _, _) = ConvNetWithBrokenHead(new Random(1));
        using var network = Network(graph, Preprocessing.CaffeBgr);
        using var input = rand(1, 3, 5, 5);

        using var scope = NewDisposeScope();
        var result = network.Forward(input, ["f"]);

        // The preprocessed input, x, c1 and r1 were freed as soon as their last reader had run.
        Assert.Equal(4, network.LastForwardNodeCount);
        Assert.Equal([result["f"]], scope.DisposablesView);
    }

    [Fact]
    public void Forward_ReportsAFailingNodeByNameAndOperator()
    {
        var (graph, _, _) = ConvNetWithBrokenHead(new Random(1));
        using var network = Network(graph);
        using var input = zeros(1, 3, 5, 5);

        var error = Assert.Throws<ModelFormatException>(() => network.Forward(input, ["logits"]));

        Assert.StartsWith("test-net: node 'head' (Gemm) failed: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Forward_LetsTheGradientReachThePixels()
    {
        var (graph, _, _) = ConvNetWithBrokenHead(new Random(3));
        using var network = Network(graph, Preprocessing.CaffeBgr);
        using var pixels = (rand(1, 3, 5, 5) * 255).requires_grad_(true);

        using (var activation = network.Forward(pixels, ["c1"])["c1"])
        using (var loss = activation.square().mean())
            loss.backward();

        Assert.NotNull(pixels.grad);
        Assert.True(pixels.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Forward_AppliesCaffePreprocessing_ReorderingToBgrAndSubtractingTheMean()
    {
        var graph = IdentityGraph([1, 3, 1, 2]);
        using var network = Network(graph, Preprocessing.CaffeBgr);
        // Pixel (R, G, B) = (10, 20, 30) and (200, 100, 50).
        using var pixels = tensor(new float[] { 10, 200, 20, 100, 30, 50 }, [1, 3, 1, 2]);

        using var output = network.Forward(pixels, ["out"])["out"];

        float[,,,] expected = { { { { 30 - 104, 50 - 104 } }, { { 20 - 117, 100 - 117 } }, { { 10 - 123, 200 - 123 } } } };
        TestTensors.AssertClose(expected, output);
    }

    [Fact]
    public void Forward_AppliesTorchvisionPreprocessing_ScalingThenStandardising()
    {
        using var network = Network(IdentityGraph([1, 3, 1, 1]), Preprocessing.TorchvisionImageNet);
        using var pixels = tensor(new float[] { 255, 0, 127.5f }, [1, 3, 1, 1]);

        using var output = network.Forward(pixels, ["out"])["out"];

        float[,,,] expected = { { { { (1 - 0.485f) / 0.229f } }, { { -0.456f / 0.224f } }, { { (0.5f - 0.406f) / 0.225f } } } };
        TestTensors.AssertClose(expected, output);
    }

    [Fact]
    public void WeightsSha256_IsTheDigestOfTheWeightTensorsAsLoaded()
    {
        // Outputs record this digest and --again compares it, so reading it from the arrays must not change it.
        var (graph, _, _) = ConvNetWithBrokenHead(new Random(3));
        using var network = Network(graph);
        var init = graph.Initializers;
        using var firstTwo = tensor(init["first_two"].Longs!, [2]);
        using var w1 = tensor(init["w1"].Floats!, [3, 2, 3, 3]);
        using var w1ChannelsLast = ChannelsLast.Of(w1);
        using var b1 = tensor(init["b1"].Floats!, [3]);
        using var head = tensor(init["w_head"].Floats!, [4, 10]);

        // The order in which the graph first reads them.
        Assert.Equal(WeightsDigest.Of([firstTwo, w1ChannelsLast, b1, head]), network.WeightsSha256);
        Assert.NotEqual(WeightsDigest.Of([w1ChannelsLast, firstTwo, b1, head]), network.WeightsSha256);
    }

    [Theory]
    [InlineData(4, 3, 3, 3, false)]
    [InlineData(4, 1, 3, 3, false)]
    [InlineData(4, 5, 1, 1, false)]
    [InlineData(2, 3, 2, 5, false)]
    [InlineData(1, 7, 1, 3, false)]
    [InlineData(4, 3, 3, 3, true)]
    [InlineData(4, 1, 3, 3, true)]
    [InlineData(2, 3, 2, 5, true)]
    public void Weights_AreTheTensorsChannelsLastOfMakes_ValuesAndStrides(long outputs, long inputs, long height, long width, bool throughModelFile)
    {
        // Made from host arrays prepared while libtorch loads, or read channels-last from a model file; the convolutions
        // must see exactly what they saw when the weights were copied channels-last by torch (same values, same
        // strides, also for size-1 dimensions).
        var values = TestTensors.RandomFloats(new Random(5), (int)(outputs * inputs * height * width));
        var graph = new GraphDescription
        {
            Name = ModelName,
            Input = new GraphInput("rgb", [1, 3, 5, 5]),
            Nodes = [Node("read", "Identity", ["w"], "w_out")],
            Initializers = new Dictionary<string, GraphTensor> { ["w"] = GraphTensor.FromFloats("w", values, outputs, inputs, height, width) },
            Outputs = ["w_out"],
        };
        using var folder = new TempFolder();
        if (throughModelFile)
        {
            GraphFile.Write(graph, folder["model.ddm"]);
            graph = GraphFile.Read(folder["model.ddm"]);
        }
        using var network = Network(graph);
        using var input = zeros(1, 3, 5, 5);
        using var stored = tensor(values, [outputs, inputs, height, width]);
        using var expected = ChannelsLast.Of(stored);

        using var weight = network.Forward(input, ["w_out"])["w_out"];

        Assert.Equal(expected.shape, weight.shape);
        Assert.Equal(expected.stride(), weight.stride());
        using var flatExpected = expected.flatten();
        using var flatWeight = weight.flatten();
        Assert.Equal(flatExpected.data<float>().ToArray(), flatWeight.data<float>().ToArray());
    }

    [Fact]
    public void Forward_HandsChannelsLastGraphsTheirLayout()
    {
        using var network = Network(IdentityGraph([1, 2, 2, 3]));
        using var pixels = arange(12, dtype: ScalarType.Float32).reshape(1, 3, 2, 2);

        using var output = network.Forward(pixels, ["out"])["out"];

        Assert.Equal(new long[] { 1, 2, 2, 3 }, output.shape);
        Assert.Equal(new float[] { 0, 4, 8 }, output[0, 0, 0].data<float>().ToArray());
    }

    [Fact]
    public void Forward_UnknownLayer_NamesTheModelAndTheNearestLayers()
    {
        var (graph, _, _) = ConvNetWithBrokenHead(new Random(1));
        using var network = Network(graph);
        using var input = zeros(1, 3, 5, 5);

        var error = Assert.Throws<UnknownLayerException>(() => network.Forward(input, ["r2"]));

        Assert.Equal("test-net: unknown layer 'r2'; nearest: r1, x, c1, f, logits", error.Message);
    }

    [Fact]
    public void Aliases_AreListedFirstAndResolveToTheirTensors()
    {
        var (graph, _, _) = ConvNetWithBrokenHead(new Random(1));
        using var network = Network(graph, aliases: new Dictionary<string, string> { ["relu"] = "r1" });
        using var input = ones(1, 3, 5, 5);

        var byAlias = network.Forward(input, ["relu"]);
        var byName = network.Forward(input, ["r1"]);

        Assert.Equal(["relu", "x", "c1", "r1", "f", "logits"], network.LayerNames);
        Assert.Equal(byName["r1"].data<float>().ToArray(), byAlias["relu"].data<float>().ToArray());
        byAlias["relu"].Dispose();
        byName["r1"].Dispose();
    }

    [Fact]
    public void Constructor_RefusesAnAliasToAMissingTensor()
    {
        var (graph, _, _) = ConvNetWithBrokenHead(new Random(1));

        var error = Assert.Throws<ModelFormatException>(() => Network(graph, aliases: new() { ["deep"] = "r9" }));

        Assert.Equal("test-net: layer alias 'deep' names 'r9', which no node of the graph produces", error.Message);
    }

    [Fact]
    public void Constructor_RefusesAnUnsupportedOperatorBeforeAnyForward()
    {
        var graph = IdentityGraph([1, 3, 2, 2]);
        graph = new GraphDescription
        {
            Name = graph.Name, Input = graph.Input, Initializers = graph.Initializers, Outputs = ["e"], OpsetVersion = 17,
            Nodes = [.. graph.Nodes, Node("mystery", "Erf", ["out"], "e")],
        };

        var error = Assert.Throws<ModelFormatException>(() => Network(graph));

        Assert.Equal("test-net: node 'mystery' uses unsupported operator 'Erf' (opset 17)", error.Message);
    }

    [Fact]
    public void Constructor_SortsNodesGivenOutOfOrder()
    {
        var (graph, _, _) = ConvNetWithBrokenHead(new Random(4));
        var shuffled = new GraphDescription
        {
            Name = graph.Name, Input = graph.Input, Initializers = graph.Initializers, Outputs = graph.Outputs,
            Nodes = [.. graph.Nodes.Reverse()],
        };
        using var ordered = Network(graph);
        using var reversed = Network(shuffled);
        using var input = rand(1, 3, 5, 5);

        using var expected = ordered.Forward(input, ["r1"])["r1"];
        using var actual = reversed.Forward(input, ["r1"])["r1"];

        Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
    }

    [Fact]
    public void Constructor_RefusesACycle()
    {
        var graph = new GraphDescription
        {
            Name = ModelName, Input = new GraphInput("x", [1, 3, 2, 2]), Initializers = new Dictionary<string, GraphTensor>(), Outputs = ["b"],
            Nodes = [Node("first", "Add", ["x", "b"], "a"), Node("second", "Relu", ["a"], "b")],
        };

        var error = Assert.Throws<ModelFormatException>(() => Network(graph));

        Assert.Equal("test-net: the graph has a cycle through node 'first' (Add)", error.Message);
    }

    [Fact]
    public void Constructor_RefusesAReadOfAMissingTensor()
    {
        var graph = new GraphDescription
        {
            Name = ModelName, Input = new GraphInput("x", [1, 3, 2, 2]), Initializers = new Dictionary<string, GraphTensor>(), Outputs = ["a"],
            Nodes = [Node("scale", "Mul", ["x", "factor"], "a")],
        };

        var error = Assert.Throws<ModelFormatException>(() => Network(graph));

        Assert.Equal("test-net: node 'scale' (Mul) reads 'factor', which no node, initializer or graph input provides", error.Message);
    }

    [Fact]
    public void Constructor_RefusesReadsOfASecondaryOutput()
    {
        var graph = new GraphDescription
        {
            Name = ModelName, Input = new GraphInput("x", [1, 3, 2, 2]), Initializers = new Dictionary<string, GraphTensor>(), Outputs = ["b"],
            Nodes =
            [
                new GraphNode("drop", "Dropout", ["x"], ["a", "mask"], new Dictionary<string, GraphAttribute>()),
                Node("use_mask", "Relu", ["mask"], "b"),
            ],
        };

        var error = Assert.Throws<ModelFormatException>(() => Network(graph));

        Assert.Equal("test-net: node 'use_mask' reads 'mask', a secondary output of node 'drop' (Dropout), which is not supported", error.Message);
    }

    private static GraphDescription IdentityGraph(long[] inputShape) => new()
    {
        Name = ModelName,
        Input = new GraphInput("x", inputShape),
        Nodes = [Node("identity", "Identity", ["x"], "out")],
        Initializers = new Dictionary<string, GraphTensor>(),
        Outputs = ["out"],
    };
}
