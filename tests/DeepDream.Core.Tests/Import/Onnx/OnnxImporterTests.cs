using System.Runtime.InteropServices;
using DeepDream.Import.Graph;
using DeepDream.Import.Onnx;
using DeepDream.Import.Onnx.Protobuf;
using DeepDream.Models;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Graph;
using Google.Protobuf;
using static DeepDream.Tests.Import.Onnx.OnnxModelBuilder;
using static TorchSharp.torch;
using DataType = DeepDream.Import.Onnx.Protobuf.TensorProto.Types.DataType;

namespace DeepDream.Tests.Import.Onnx;

public sealed class OnnxImporterTests : IDisposable
{
    private readonly TempFolder _directory = new();
    private readonly Random _random = new(77);

    public OnnxImporterTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => _directory.Dispose();

    private string ModelPath => _directory["model.onnx"];

    /// <summary>x → conv (6 filters, 3×3, pad 1) → relu → flatten → gemm (to 4) → softmax, declared for 1×3×5×5.</summary>
    private (OnnxModelBuilder Model, float[,,,] Weight, float[] Bias) ClassifierModel()
    {
        var weight = TestTensors.Random4(_random, 6, 3, 3, 3);
        var bias = TestTensors.RandomFloats(_random, 6);
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Floats("w", TestTensors.Flat(weight), 6, 3, 3, 3)
            .Floats("b", bias, 6)
            .Floats("fc", TestTensors.RandomFloats(_random, 4 * 150), 4, 150)
            .Node("Conv", ["x", "w", "b"], "conv", Ints("pads", 1, 1, 1, 1))
            .Node("Relu", ["conv"], "relu")
            .Node("Flatten", ["relu"], "flat")
            .Node("Gemm", ["flat", "fc"], "logits", Attribute("transB", 1L))
            .Node("Softmax", ["logits"], "prob")
            .Output("prob");
        return (model, weight, bias);
    }

    private static GraphNetwork Network(GraphDescription graph) =>
        new(graph, TestTensors.PassThrough, new Dictionary<string, string>(), [], CPU);

    private ModelFormatException LoadFails(string path, OnnxImportOptions? options = null) =>
        Assert.Throws<ModelFormatException>(() => OnnxImporter.Load(path, options));

    [Fact]
    public void Load_DescribesTheGraph()
    {
        var (model, _, _) = ClassifierModel();

        var graph = OnnxImporter.Load(model.Save(ModelPath));

        Assert.Equal("model.onnx", graph.Name);
        Assert.Equal(13, graph.OpsetVersion);
        Assert.Equal("x", graph.Input.Name);
        Assert.Equal([1L, 3, 5, 5], graph.Input.Shape);
        Assert.Equal(["Conv", "Relu", "Flatten", "Gemm", "Softmax"], graph.Nodes.Select(node => node.OpType));
        Assert.Equal([1L, 1, 1, 1], graph.Nodes[0].Ints("pads"));
        Assert.Equal(["w", "b", "fc"], graph.Initializers.Keys);
        Assert.Equal(["prob"], graph.Outputs);
    }

    [Fact]
    public void Identity_changes_with_preprocessing_and_weights()
    {
        var (model, _, _) = ClassifierModel();
        var graph = OnnxImporter.Load(model.Save(ModelPath));
        // The same graph again with new random weights, under the same file name.
        Directory.CreateDirectory(_directory["again"]);
        var other = OnnxImporter.Load(ClassifierModel().Model.Save(_directory["again/model.onnx"]));
        using var a = Network(graph);
        using var b = Network(graph);
        using var bgr = new GraphNetwork(graph, Preprocessing.CaffeBgr, new Dictionary<string, string>(), [], CPU);
        using var reweighted = Network(other);

        Assert.Equal(a.Identity, b.Identity);
        Assert.NotEqual(a.Identity, bgr.Identity);
        Assert.NotEqual(a.Identity, reweighted.Identity);
        Assert.StartsWith("model.onnx [RGB, scale 1", a.Identity);
    }

    [Fact]
    public void Logits_are_the_input_of_the_final_softmax()
    {
        var (model, _, _) = ClassifierModel();
        using var network = Network(OnnxImporter.Load(model.Save(ModelPath)));
        Assert.Equal("logits", network.LogitsLayer);
    }

    [Fact]
    public void Load_TakesTheFirstInputThatIsNotAnInitializerAsTheImage()
    {
        var model = new OnnxModelBuilder("image", 1, 3, -1, -1)
            .Floats("w", [1f, 2f, 3f], 1, 3, 1, 1)
            .InputListingInitializer("w")
            .Node("Conv", ["image", "w"], "y");

        var graph = OnnxImporter.Load(model.Save(ModelPath));

        Assert.Equal("image", graph.Input.Name);
        Assert.Equal([1L, 3, -1, -1], graph.Input.Shape);
    }

    [Fact]
    public void Load_ConvertsEveryStoredElementTypeToFloatsOrLongs()
    {
        var halves = new[] { (Half)1.5f, (Half)(-2f) };
        var doubles = new[] { 0.25, -8.5 };
        var ints = new[] { 3, -4 };
        var typed = new TensorProto { Name = "typed_float", DataType = (int)DataType.Float, Dims = { 2 }, FloatData = { 0.5f, 6f } };
        var typedHalf = new TensorProto { Name = "typed_half", DataType = (int)DataType.Float16, Dims = { 2 } };
        typedHalf.Int32Data.AddRange(halves.Select(half => (int)BitConverter.HalfToUInt16Bits(half)));
        var model = new OnnxModelBuilder("x", 1, 3, 2, 2)
            .Initializer(typed)
            .Initializer(typedHalf)
            .Initializer(Raw("raw_half", DataType.Float16, MemoryMarshal.AsBytes(halves.AsSpan()).ToArray(), 2))
            .Initializer(Raw("raw_double", DataType.Double, MemoryMarshal.AsBytes(doubles.AsSpan()).ToArray(), 2))
            .Initializer(new TensorProto { Name = "typed_double", DataType = (int)DataType.Double, Dims = { 2 }, DoubleData = { doubles } })
            .Initializer(Raw("raw_int32", DataType.Int32, MemoryMarshal.AsBytes(ints.AsSpan()).ToArray(), 2))
            .Initializer(new TensorProto { Name = "typed_int32", DataType = (int)DataType.Int32, Dims = { 2 }, Int32Data = { ints } })
            .Initializer(Raw("raw_int64", DataType.Int64, MemoryMarshal.AsBytes(new long[] { 1L << 40, -1 }.AsSpan()).ToArray(), 2))
            .Node("Identity", ["x"], "y");

        var tensors = OnnxImporter.Load(model.Save(ModelPath)).Initializers;

        Assert.Equal([0.5f, 6f], tensors["typed_float"].Floats!);
        Assert.Equal([1.5f, -2f], tensors["typed_half"].Floats!);
        Assert.Equal([1.5f, -2f], tensors["raw_half"].Floats!);
        Assert.Equal([0.25f, -8.5f], tensors["raw_double"].Floats!);
        Assert.Equal([0.25f, -8.5f], tensors["typed_double"].Floats!);
        Assert.Equal([3L, -4], tensors["raw_int32"].Longs!);
        Assert.Equal([3L, -4], tensors["typed_int32"].Longs!);
        Assert.Equal([1L << 40, -1], tensors["raw_int64"].Longs!);
    }

    [Fact]
    public void Load_ReadsExternalDataAtItsOffset()
    {
        float[] weights = [1f, -2f, 3f];
        var bytes = MemoryMarshal.AsBytes(weights.AsSpan()).ToArray();
        File.WriteAllBytes(_directory["weights.bin"], [.. new byte[4096], .. bytes, .. new byte[8]]);
        var model = new OnnxModelBuilder("x", 1, 3, 2, 2)
            .Initializer(External("w", 3, ("location", "weights.bin"), ("offset", "4096"), ("length", "12")))
            .Node("Identity", ["x"], "y");

        var graph = OnnxImporter.Load(model.Save(ModelPath));

        Assert.Equal(weights, graph.Initializers["w"].Floats);
    }

    [Theory]
    [InlineData("../weights.bin")]
    [InlineData("sub/../../weights.bin")]
    [InlineData("/etc/hostname")]
    public void Load_RefusesExternalDataOutsideTheModelFolder(string location)
    {
        var model = new OnnxModelBuilder("x", 1, 3, 2, 2)
            .Initializer(External("w", 3, ("location", location)))
            .Node("Identity", ["x"], "y");

        var error = LoadFails(model.Save(ModelPath));

        Assert.Equal($"{ModelPath}: tensor 'w' refers to external data '{location}' outside the model's folder", error.Message);
    }

    [Fact]
    public void Load_RefusesExternalDataShorterThanItsShape()
    {
        File.WriteAllBytes(_directory["weights.bin"], new byte[10]);
        var model = new OnnxModelBuilder("x", 1, 3, 2, 2)
            .Initializer(External("w", 3, ("location", "weights.bin")))
            .Node("Identity", ["x"], "y");

        var error = LoadFails(model.Save(ModelPath));

        Assert.Equal($"{ModelPath}: tensor 'w' has 10 bytes of Float data, but its shape [3] needs 12", error.Message);
    }

    [Fact]
    public void Load_RefusesRawDataWhoseLengthDoesNotMatchTheShape()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 2, 2)
            .Initializer(FloatTensor("w", new float[10], 3, 3))
            .Node("Identity", ["x"], "y");

        var error = LoadFails(model.Save(ModelPath));

        Assert.Equal($"{ModelPath}: tensor 'w' has 40 bytes of Float data, but its shape [3, 3] needs 36", error.Message);
    }

    [Theory]
    [InlineData(new long[] { 1L << 40, 1L << 40 }, "is too large (shape [1099511627776, 1099511627776])")]
    [InlineData(new long[] { 4, -1 }, "has a negative dimension in its shape [4, -1]")]
    public void Load_RefusesAbsurdShapesBeforeAllocating(long[] shape, string problem)
    {
        var model = new OnnxModelBuilder("x", 1, 3, 2, 2)
            .Initializer(FloatTensor("w", [], shape))
            .Node("Identity", ["x"], "y");

        var error = LoadFails(model.Save(ModelPath));

        Assert.Equal($"{ModelPath}: tensor 'w' {problem}", error.Message);
    }

    [Fact]
    public void Load_HoldsTheWeightsToTheirByteLimit()
    {
        var (model, _, _) = ClassifierModel();

        var error = LoadFails(model.Save(ModelPath), new OnnxImportOptions { MaxTensorBytes = 1000 });

        Assert.Equal($"{ModelPath}: the weights need more than the 1000-byte limit", error.Message);
    }

    [Fact]
    public void Load_RefusesFilesOverTheSizeLimitBeforeReading()
    {
        var (model, _, _) = ClassifierModel();
        long size = new FileInfo(model.Save(ModelPath)).Length;

        var error = LoadFails(ModelPath, new OnnxImportOptions { MaxFileBytes = 100 });

        Assert.Equal($"{ModelPath}: {size} bytes, over the 100-byte limit for model files", error.Message);
    }

    [Fact]
    public void Load_RefusesRandomBytes()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        File.WriteAllBytes(ModelPath, bytes);

        var error = LoadFails(ModelPath);

        Assert.Equal($"{ModelPath}: truncated or corrupt ONNX protobuf", error.Message);
    }

    [Fact]
    public void Load_RefusesATruncatedModel()
    {
        var (model, _, _) = ClassifierModel();
        var bytes = model.Build().ToByteArray();
        File.WriteAllBytes(ModelPath, bytes[..(bytes.Length / 2)]);

        var error = LoadFails(ModelPath);

        Assert.Equal($"{ModelPath}: truncated or corrupt ONNX protobuf", error.Message);
    }

    [Fact]
    public void Load_RefusesProtobufThatIsNotAModel()
    {
        File.WriteAllBytes(ModelPath, new OperatorSetIdProto { Domain = "x", Version = 3 }.ToByteArray());

        var error = LoadFails(ModelPath);

        Assert.Equal($"{ModelPath}: not an ONNX model (no IR version or no graph)", error.Message);
    }

    [Fact]
    public void Load_RefusesAMissingFile()
    {
        var error = LoadFails(_directory["absent.onnx"]);

        Assert.Equal($"{_directory["absent.onnx"]}: file not found", error.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(23)]
    public void Load_RefusesOpsetsOutsideTheSupportedRange(int opset)
    {
        var model = new OnnxModelBuilder("x", 1, 3, 2, 2).Opset(opset).Node("Relu", ["x"], "y");

        var error = LoadFails(model.Save(ModelPath));

        Assert.Equal($"{ModelPath}: ONNX opset {opset} is not supported (supported: 3 to 22)", error.Message);
    }

    [Fact]
    public void Load_NamesTheNodeThatReadsAMissingTensor()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 2, 2).Node("Conv", ["x", "missing_weight"], "y");

        var error = LoadFails(model.Save(ModelPath));

        Assert.Equal($"{ModelPath}: node 'y' (Conv) reads 'missing_weight', which no node, initializer or graph input provides", error.Message);
    }

    [Fact]
    public void Load_SortsNodesStoredOutOfOrder()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 2, 2)
            .Node("Sigmoid", ["b"], "c")
            .Node("Tanh", ["a"], "b")
            .Node("Relu", ["x"], "a");

        var graph = OnnxImporter.Load(model.Save(ModelPath));

        Assert.Equal(["Relu", "Tanh", "Sigmoid"], graph.Nodes.Select(node => node.OpType));
    }

    [Theory]
    [InlineData("", "Erf", "Erf")]
    [InlineData("com.microsoft", "FusedConv", "com.microsoft.FusedConv")]
    public void Network_RefusesAnUnsupportedOperatorNamingNodeAndOperator(string domain, string opType, string reported)
    {
        var built = new OnnxModelBuilder("x", 1, 3, 2, 2).Node("Relu", ["x"], "a").Build();
        built.Graph.Node.Add(new NodeProto { Name = "mystery", OpType = opType, Domain = domain, Input = { "a" }, Output = { "b" } });
        File.WriteAllBytes(ModelPath, built.ToByteArray());
        var graph = OnnxImporter.Load(ModelPath);

        var error = Assert.Throws<ModelFormatException>(() => Network(graph));

        Assert.Equal($"model.onnx: node 'mystery' uses unsupported operator '{reported}' (opset 13)", error.Message);
    }

    [Fact]
    public void Forward_RunsAConvolutionPrefixOnAnyInputSize_WithoutTouchingTheHead()
    {
        var (model, weight, bias) = ClassifierModel();
        using var network = Network(OnnxImporter.Load(model.Save(ModelPath)));
        var pixels = TestTensors.Random4(_random, 1, 3, 9, 7);
        using var input = TestTensors.ToTensor(pixels);

        using var conv = network.Forward(input, ["conv"])["conv"];

        // Only Conv ran: on a 9×7 input the Gemm head (150 inputs) would have failed.
        Assert.Equal(1, network.LastForwardNodeCount);
        TestTensors.AssertClose(ReferenceKernels.Conv(pixels, weight, bias, [1, 1], [1, 1, 1, 1]), conv);
        var error = Assert.Throws<ModelFormatException>(() => network.Forward(input, ["prob"]));
        Assert.StartsWith("model.onnx: node 'logits' (Gemm) failed: ", error.Message);
    }

    [Fact]
    public void Forward_RunsTheWholeClassifierAtTheDeclaredSize()
    {
        var (model, _, _) = ClassifierModel();
        using var network = Network(OnnxImporter.Load(model.Save(ModelPath)));
        using var input = rand(1, 3, 5, 5);

        using var probabilities = network.Forward(input, ["prob"])["prob"];

        Assert.Equal(5, network.LastForwardNodeCount);
        Assert.Equal([1L, 4], probabilities.shape);
        Assert.Equal(1f, probabilities.sum().item<float>(), 5);
    }

    [Fact]
    public void Forward_PassesTheGradientBackToThePixels()
    {
        var (model, _, _) = ClassifierModel();
        model.Node("LRN", ["relu"], "norm", Attribute("size", 5L))
            .Node("MaxPool", ["norm"], "pool", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Attribute("ceil_mode", 1L));
        using var network = Network(OnnxImporter.Load(model.Save(ModelPath)));
        using var pixels = (rand(1, 3, 8, 8) * 255).requires_grad_(true);

        using (var pool = network.Forward(pixels, ["pool"])["pool"])
        using (var loss = pool.square().mean())
            loss.backward();

        Assert.NotNull(pixels.grad);
        Assert.True(pixels.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Forward_FoldsConstantNodes()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 2, 2)
            .Node("Constant", [], "offset", Attribute("value", FloatTensor("offset", [10f, 20f, 30f], 1, 3, 1, 1)))
            .Node("Add", ["x", "offset"], "y");
        using var network = Network(OnnxImporter.Load(model.Save(ModelPath)));
        using var input = zeros(1, 3, 2, 2);

        using var result = network.Forward(input, ["y"])["y"];

        Assert.Equal(1, network.LastForwardNodeCount);
        Assert.Equal([10f, 10, 10, 10, 20, 20, 20, 20, 30, 30, 30, 30], result.data<float>().ToArray());
    }

    private static TensorProto Raw(string name, DataType type, byte[] bytes, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }
}
