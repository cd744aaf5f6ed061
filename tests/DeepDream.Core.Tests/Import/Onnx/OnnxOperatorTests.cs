using DeepDream.Import.Graph;
using DeepDream.Import.Onnx;
using DeepDream.Models;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Graph;
using static DeepDream.Tests.Import.Onnx.OnnxModelBuilder;
using static TorchSharp.torch;

namespace DeepDream.Tests.Import.Onnx;

/// <summary>
/// Each operator, in a model built and saved as .onnx, imported and run, against the plain-loop reference on a
/// 1×3×5×5 input.
/// </summary>
public sealed class OnnxOperatorTests : IDisposable
{
    private readonly TempFolder _directory = new();
    private readonly Random _random = new(20240601);
    private readonly float[,,,] _pixels;

    public OnnxOperatorTests()
    {
        TorchRuntime.EnsureLoaded();
        _pixels = TestTensors.Random4(_random, 1, 3, 5, 5);
    }

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(1, new[] { 1, 1 }, new[] { 1, 1, 1, 1 }, 1)]
    [InlineData(3, new[] { 2, 2 }, new[] { 1, 0, 1, 2 }, 1)]
    [InlineData(1, new[] { 1, 2 }, new[] { 2, 2, 2, 2 }, 2)]
    public void Conv_MatchesReference(int group, int[] strides, int[] pads, int dilation)
    {
        var weight = TestTensors.Random4(_random, 6, 3 / group, 3, 3);
        var bias = TestTensors.RandomFloats(_random, 6);
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Floats("w", TestTensors.Flat(weight), 6, 3 / group, 3, 3)
            .Floats("b", bias, 6)
            .Node("Conv", ["x", "w", "b"], "y",
                Attribute("group", group), Ints("strides", [.. strides.Select(s => (long)s)]),
                Ints("pads", [.. pads.Select(p => (long)p)]), Ints("dilations", dilation, dilation), Ints("kernel_shape", 3, 3));

        using var result = Run(model, "y");

        TestTensors.AssertClose(ReferenceKernels.Conv(_pixels, weight, bias, strides, pads, group, dilation), result);
    }

    /// <summary>
    /// One input and two output channels per group, stride 2: oneDNN's channels-last kernels get this input gradient
    /// wrong even with AVX2 (Runtime/OneDnnConvolutionTests), so Conv runs it channels-first. The gradient through
    /// the imported graph matches float64 autograd on the same convolution.
    /// </summary>
    [Fact]
    public void Conv_ChannelMultiplierInputGradientMatchesFloat64()
    {
        var weight = TestTensors.Random4(_random, 6, 1, 3, 3);
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Floats("w", TestTensors.Flat(weight), 6, 1, 3, 3)
            .Node("Conv", ["x", "w"], "y", Attribute("group", 3L), Ints("strides", 2, 2), Ints("pads", 1, 0, 1, 2));
        using var network = Network(Import(model));
        using var scope = NewDisposeScope();
        var pixels = TestTensors.ToTensor(_pixels).requires_grad_(true);
        var output = network.Forward(pixels, ["y"])["y"];
        var upstream = randn(output.shape, generator: new Generator(5));
        output.backward([upstream]);

        var pixels64 = TestTensors.ToTensor(_pixels).to(float64).requires_grad_(true);
        var padded = TorchSharp.torch.nn.functional.pad(pixels64, [0, 2, 1, 1]);
        var output64 = TorchSharp.torch.nn.functional.conv2d(padded, TestTensors.ToTensor(weight).to(float64), null, [2, 2], [0, 0], [1, 1], 3);
        output64.backward([upstream.to(float64)]);

        double error = pixels.grad!.to(float64).sub(pixels64.grad!).abs().max().item<double>();
        Assert.True(error <= 1e-4 * pixels64.grad!.abs().max().item<double>(), $"input gradient off by {error:G3}");
    }

    [Fact]
    public void Conv_SameUpperPutsTheOddPaddingAtTheEnd()
    {
        var weight = TestTensors.Random4(_random, 2, 3, 2, 2);
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Floats("w", TestTensors.Flat(weight), 2, 3, 2, 2)
            .Node("Conv", ["x", "w"], "y", Ints("strides", 2, 2), Attribute("auto_pad", "SAME_UPPER"));

        using var result = Run(model, "y");

        // Output ceil(5 / 2) = 3 needs (3 − 1)·2 + 2 − 5 = 1 padding row and column, at the end.
        TestTensors.AssertClose(ReferenceKernels.Conv(_pixels, weight, null, [2, 2], [0, 0, 1, 1]), result);
    }

    [Theory]
    [InlineData(2, 2, new[] { 0, 0, 0, 0 }, false, 2)]
    [InlineData(2, 2, new[] { 0, 0, 0, 0 }, true, 3)]
    [InlineData(3, 2, new[] { 1, 1, 1, 1 }, true, 3)]
    [InlineData(2, 2, new[] { 1, 1, 1, 1 }, true, 3)] // ceil gives 4, but the 4th window would start in the padding
    [InlineData(2, 2, new[] { 1, 0, 1, 1 }, true, 3)]
    [InlineData(3, 1, new[] { 2, 0, 0, 2 }, false, 5)]
    [InlineData(3, 2, new[] { 0, 0, 1, 1 }, false, 2)] // Caffe's ceil mode, as exporters write it
    [InlineData(2, 2, new[] { 0, 0, 1, 0 }, true, 3)]
    public void MaxPool_MatchesReference(int kernel, int stride, int[] pads, bool ceil, int expectedHeight)
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Node("MaxPool", ["x"], "y", Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride),
                Ints("pads", [.. pads.Select(p => (long)p)]), Attribute("ceil_mode", ceil ? 1L : 0L));

        using var result = Run(model, "y");

        Assert.Equal(expectedHeight, result.shape[2]);
        TestTensors.AssertClose(ReferenceKernels.MaxPool(_pixels, [kernel, kernel], [stride, stride], pads, ceil), result);
    }

    [Theory]
    [InlineData(3, 1, new[] { 1, 1, 1, 1 }, false, false)]
    [InlineData(3, 1, new[] { 1, 1, 1, 1 }, false, true)]
    [InlineData(2, 2, new[] { 0, 0, 1, 1 }, false, false)]
    [InlineData(2, 2, new[] { 0, 0, 1, 1 }, false, true)]
    [InlineData(2, 2, new[] { 0, 0, 0, 0 }, true, true)]
    [InlineData(3, 2, new[] { 0, 0, 0, 1 }, true, false)]
    [InlineData(3, 2, new[] { 0, 0, 0, 1 }, true, true)]
    public void AveragePool_MatchesReference(int kernel, int stride, int[] pads, bool ceil, bool countIncludePad)
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Node("AveragePool", ["x"], "y", Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride),
                Ints("pads", [.. pads.Select(p => (long)p)]), Attribute("ceil_mode", ceil ? 1L : 0L),
                Attribute("count_include_pad", countIncludePad ? 1L : 0L));

        using var result = Run(model, "y");

        TestTensors.AssertClose(
            ReferenceKernels.AveragePool(_pixels, [kernel, kernel], [stride, stride], pads, ceil, countIncludePad), result);
    }

    [Fact]
    public void AveragePool_TensorFlowSamePaddingExcludesThePadding()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Node("AveragePool", ["x"], "y", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), Attribute("auto_pad", "SAME_UPPER"));

        using var result = Run(model, "y");

        TestTensors.AssertClose(ReferenceKernels.AveragePool(_pixels, [2, 2], [2, 2], [0, 0, 1, 1], false, false), result);
    }

    [Fact]
    public void GlobalPools_ReduceEachChannelToOneValue()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Node("GlobalAveragePool", ["x"], "mean")
            .Node("GlobalMaxPool", ["x"], "max");

        using var mean = Run(model, "mean");
        using var max = Run(model, "max");

        TestTensors.AssertClose(ReferenceKernels.AveragePool(_pixels, [5, 5], [1, 1], [0, 0, 0, 0], false, false), mean);
        TestTensors.AssertClose(ReferenceKernels.MaxPool(_pixels, [5, 5], [1, 1], [0, 0, 0, 0], false), max);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Lrn_MatchesReference(int size)
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Node("LRN", ["x"], "y", Attribute("size", size), Attribute("alpha", 0.5f), Attribute("beta", 0.75f), Attribute("bias", 2f));

        using var result = Run(model, "y");

        TestTensors.AssertClose(ReferenceKernels.Lrn(_pixels, size, 0.5f, 0.75f, 2f), result);
    }

    [Fact]
    public void BatchNormalization_UsesTheRunningStatistics()
    {
        float[] scale = [0.5f, 2f, -1f], shift = [0.1f, -0.2f, 0.3f], mean = [0.2f, -0.1f, 0f], variance = [0.25f, 1f, 4f];
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Floats("scale", scale, 3).Floats("shift", shift, 3).Floats("mean", mean, 3).Floats("var", variance, 3)
            .Node("BatchNormalization", ["x", "scale", "shift", "mean", "var"], "y", Attribute("epsilon", 1e-3f));

        using var result = Run(model, "y");

        TestTensors.AssertClose(ReferenceKernels.BatchNormalization(_pixels, scale, shift, mean, variance, 1e-3f), result);
    }

    [Fact]
    public void Concat_JoinsAlongChannels()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Node("Relu", ["x"], "r")
            .Node("Concat", ["r", "x"], "y", Attribute("axis", 1L));

        using var result = Run(model, "y");

        var expected = new float[1, 6, 5, 5];
        for (int c = 0; c < 3; c++)
        for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
        {
            expected[0, c, i, j] = Math.Max(0, _pixels[0, c, i, j]);
            expected[0, c + 3, i, j] = _pixels[0, c, i, j];
        }
        TestTensors.AssertClose(expected, result);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Gemm_AfterFlatten_MatchesReference(bool transposedWeight)
    {
        var weight = new float[4, 75];
        var values = TestTensors.RandomFloats(_random, weight.Length);
        Buffer.BlockCopy(values, 0, weight, 0, values.Length * sizeof(float));
        var bias = TestTensors.RandomFloats(_random, 4);
        var stored = transposedWeight ? weight : Transpose(weight);
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Floats("w", TestTensors.Flat(stored), stored.GetLength(0), stored.GetLength(1))
            .Floats("c", bias, 4)
            .Node("Flatten", ["x"], "flat")
            .Node("Gemm", ["flat", "w", "c"], "y",
                Attribute("alpha", 0.5f), Attribute("beta", 2f), Attribute("transB", transposedWeight ? 1L : 0L));

        using var result = Run(model, "y");

        var flat = new float[1, 75];
        Buffer.BlockCopy(TestTensors.Flat(_pixels), 0, flat, 0, 75 * sizeof(float));
        TestTensors.AssertClose(ReferenceKernels.GemmTransposedB(flat, weight, bias, 0.5f, 2f), result);
    }

    [Fact]
    public void Softmax_Opset13_NormalisesAlongTheAxisOnly()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5).Node("Softmax", ["x"], "y", Attribute("axis", 1L));

        using var result = Run(model, "y");

        var expected = new float[1, 3, 5, 5];
        for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
        {
            var channels = ReferenceKernels.SoftmaxRows(new float[,] { { _pixels[0, 0, i, j], _pixels[0, 1, i, j], _pixels[0, 2, i, j] } });
            for (int c = 0; c < 3; c++) expected[0, c, i, j] = channels[0, c];
        }
        TestTensors.AssertClose(expected, result);
    }

    [Fact]
    public void Softmax_BeforeOpset13_NormalisesTheWholeBlockAfterTheAxis()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5).Opset(11).Node("Softmax", ["x"], "y", Attribute("axis", 1L));

        using var result = Run(model, "y");

        var rows = new float[1, 75];
        Buffer.BlockCopy(TestTensors.Flat(_pixels), 0, rows, 0, 75 * sizeof(float));
        var expected = new float[1, 3, 5, 5];
        Buffer.BlockCopy(TestTensors.Flat(ReferenceKernels.SoftmaxRows(rows)), 0, expected, 0, 75 * sizeof(float));
        TestTensors.AssertClose(expected, result);
    }

    /// <summary>The flatten exporters write as shape arithmetic: Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0)), [−1])).</summary>
    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    public void Reshape_ThroughShapeGatherUnsqueezeConcat_Flattens(int opset)
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5).Opset(opset)
            .Longs("zero", [0])
            .Longs("minus_one", [-1], 1)
            .Longs("axes", [0], 1)
            .Node("Shape", ["x"], "shape")
            .Node("Gather", ["shape", "zero"], "batch", Attribute("axis", 0L));
        model = opset < 13
            ? model.Node("Unsqueeze", ["batch"], "batch_1d", Ints("axes", 0))
            : model.Node("Unsqueeze", ["batch", "axes"], "batch_1d");
        model.Node("Concat", ["batch_1d", "minus_one"], "target", Attribute("axis", 0L))
            .Node("Reshape", ["x", "target"], "y");
        using var network = Network(Import(model));
        using var input = TestTensors.ToTensor(_pixels);

        using var first = network.Forward(input, ["y"])["y"];
        using var second = network.Forward(input, ["y"])["y"];

        var expected = new float[1, 75];
        Buffer.BlockCopy(TestTensors.Flat(_pixels), 0, expected, 0, 75 * sizeof(float));
        TestTensors.AssertClose(expected, first);
        TestTensors.AssertClose(expected, second); // reading the int64 constants did not free them
    }

    [Fact]
    public void PadTransposeAndArithmetic_FollowOnnxSemantics()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Longs("pads", [0, 0, 1, 0, 0, 0, 0, 2], 8)
            .Floats("fill", [7f])
            .Floats("half", [0.5f], 1)
            .Node("Pad", ["x", "pads", "fill"], "padded")
            .Node("Transpose", ["padded"], "swapped", Ints("perm", 0, 1, 3, 2))
            .Node("Mul", ["swapped", "half"], "y");

        using var result = Run(model, "y");

        var expected = new float[1, 3, 7, 6];
        for (int c = 0; c < 3; c++)
        for (int w = 0; w < 7; w++)
        for (int h = 0; h < 6; h++)
            expected[0, c, w, h] = 0.5f * (h >= 1 && w < 5 ? _pixels[0, c, h - 1, w] : 7f);
        TestTensors.AssertClose(expected, result);
    }

    [Fact]
    public void ElementwiseActivations_MatchTheirDefinitions()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Floats("low", [0f]).Floats("high", [0.5f])
            .Node("Relu", ["x"], "relu")
            .Node("LeakyRelu", ["x"], "leaky", Attribute("alpha", 0.2f))
            .Node("Sigmoid", ["x"], "sigmoid")
            .Node("Tanh", ["x"], "tanh")
            .Node("Clip", ["x", "low", "high"], "clip")
            .Node("Dropout", ["x"], "dropout", Attribute("ratio", 0.5f));
        using var network = Network(Import(model));
        using var input = TestTensors.ToTensor(_pixels);

        var results = network.Forward(input, ["relu", "leaky", "sigmoid", "tanh", "clip", "dropout"]);

        Assert.Equal(6, network.LastForwardNodeCount);
        TestTensors.AssertClose(TestTensors.Map(_pixels, x => Math.Max(0, x)), results["relu"]);
        TestTensors.AssertClose(TestTensors.Map(_pixels, x => x < 0 ? 0.2f * x : x), results["leaky"]);
        TestTensors.AssertClose(TestTensors.Map(_pixels, x => 1 / (1 + MathF.Exp(-x))), results["sigmoid"]);
        TestTensors.AssertClose(TestTensors.Map(_pixels, MathF.Tanh), results["tanh"]);
        TestTensors.AssertClose(TestTensors.Map(_pixels, x => Math.Clamp(x, 0, 0.5f)), results["clip"]);
        TestTensors.AssertClose(_pixels, results["dropout"]);
        foreach (var result in results.Values) result.Dispose();
    }

    [Fact]
    public void Clip_BeforeOpset11_TakesItsBoundsFromAttributes()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5).Opset(9)
            .Node("Clip", ["x"], "y", Attribute("min", -0.25f), Attribute("max", 0.25f));

        using var result = Run(model, "y");

        TestTensors.AssertClose(TestTensors.Map(_pixels, x => Math.Clamp(x, -0.25f, 0.25f)), result);
    }

    [Fact]
    public void SubAndDiv_Broadcast()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Floats("offsets", [1f, 2f, 3f], 3, 1, 1)
            .Floats("divisor", [4f])
            .Node("Sub", ["x", "offsets"], "shifted")
            .Node("Div", ["shifted", "divisor"], "y");

        using var result = Run(model, "y");

        var expected = (float[,,,])_pixels.Clone();
        for (int c = 0; c < 3; c++)
        for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            expected[0, c, i, j] = (_pixels[0, c, i, j] - (c + 1)) / 4f;
        TestTensors.AssertClose(expected, result);
    }

    [Fact]
    public void Div_OfIntegerShapesTruncates_AndCastMakesThemFloats()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Longs("two", [2], 1)
            .Node("Shape", ["x"], "shape")
            .Node("Div", ["shape", "two"], "halves")
            .Node("Cast", ["halves"], "y", Attribute("to", 1L));

        using var result = Run(model, "y");

        Assert.Equal(ScalarType.Float32, result.dtype);
        Assert.Equal([0f, 1, 2, 2], result.data<float>().ToArray());
    }

    [Fact]
    public void MatMul_MultipliesTheLastTwoAxes()
    {
        var weight = new float[5, 2];
        Buffer.BlockCopy(TestTensors.RandomFloats(_random, 10), 0, weight, 0, 10 * sizeof(float));
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Floats("w", TestTensors.Flat(weight), 5, 2)
            .Node("MatMul", ["x", "w"], "y");

        using var result = Run(model, "y");

        var expected = new float[1, 3, 5, 2];
        for (int c = 0; c < 3; c++)
        for (int i = 0; i < 5; i++)
        for (int j = 0; j < 2; j++)
            expected[0, c, i, j] = Enumerable.Range(0, 5).Sum(k => _pixels[0, c, i, k] * weight[k, j]);
        TestTensors.AssertClose(expected, result);
    }

    /// <summary>
    /// Operands libtorch cannot multiply fail the node with a message; TorchSharp's native matmul would end the
    /// process instead (its error escapes as a C++ exception), so a regression here crashes the test host.
    /// </summary>
    [Theory]
    [InlineData(new long[] { 4, 2 }, "multiplies [1, 3, 5, 5] by [4, 2]: inner sizes 5 and 4 differ")]
    [InlineData(new long[] { 2, 5, 2 }, "multiplies [1, 3, 5, 5] by [2, 5, 2]: batch sizes 3 and 2 do not broadcast")]
    [InlineData(new long[0], "multiplies [1, 3, 5, 5] by []: each side needs at least one axis")]
    public void MatMul_of_shapes_that_do_not_multiply_fails_the_node(long[] weightShape, string problem)
    {
        int count = (int)weightShape.Aggregate(1L, (product, size) => product * size);
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5)
            .Floats("w", TestTensors.RandomFloats(_random, count), weightShape)
            .Node("MatMul", "mm", ["x", "w"], ["y"]);

        var error = Assert.Throws<ModelFormatException>(() => Run(model, "y"));

        Assert.EndsWith($"node 'mm' (MatMul) {problem}", error.Message);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    public void SqueezeAndUnsqueeze_FollowTheirOpsetsAxesConvention(int opset)
    {
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5).Opset(opset)
            .Longs("spatial", [-1, 2], 2)
            .Longs("front", [0], 1)
            .Node("GlobalAveragePool", ["x"], "pooled")
            .Node("Squeeze", ["pooled"], "all");
        model = opset < 13
            ? model.Node("Squeeze", ["pooled"], "some", Ints("axes", -1, 2)).Node("Unsqueeze", ["all"], "back", Ints("axes", 0))
            : model.Node("Squeeze", ["pooled", "spatial"], "some").Node("Unsqueeze", ["all", "front"], "back");
        using var network = Network(Import(model));
        using var input = TestTensors.ToTensor(_pixels);

        var results = network.Forward(input, ["all", "some", "back"]);

        var means = ReferenceKernels.AveragePool(_pixels, [5, 5], [1, 1], [0, 0, 0, 0], false, false);
        Assert.Equal([3L], results["all"].shape);
        Assert.Equal([1L, 3], results["some"].shape);
        Assert.Equal([1L, 3], results["back"].shape);
        TestTensors.AssertClose(new[,] { { means[0, 0, 0, 0], means[0, 1, 0, 0], means[0, 2, 0, 0] } }, results["back"]);
        foreach (var result in results.Values) result.Dispose();
    }

    /// <summary>
    /// Opset 3-6 conventions (the ONNX model zoo's oldest GoogLeNet files): Reshape's shape as an attribute, Concat
    /// without an axis meaning the channels, and a per-channel bias added with broadcast=1 at axis 1.
    /// </summary>
    [Fact]
    public void LegacyOpsets_ReshapeConcatAndAxisBroadcast()
    {
        var bias = new[] { 1f, -2f, 3f };
        var model = new OnnxModelBuilder("x", 1, 3, 5, 5).Opset(3)
            .Floats("bias", bias, 3)
            .Node("Add", ["x", "bias"], "biased", Attribute("broadcast", 1L), Attribute("axis", 1L))
            .Node("Concat", ["x", "biased"], "joined")
            .Node("Reshape", ["joined"], "flat", Ints("shape", 1, -1));
        using var network = Network(Import(model));
        using var input = TestTensors.ToTensor(_pixels);

        var results = network.Forward(input, ["biased", "joined", "flat"]);

        var expected = TestTensors.Map(_pixels, v => v);
        for (int c = 0; c < 3; c++)
        for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            expected[0, c, i, j] += bias[c];
        TestTensors.AssertClose(expected, results["biased"]);
        Assert.Equal([1L, 6, 5, 5], results["joined"].shape);
        Assert.Equal([1L, 150], results["flat"].shape);
        foreach (var result in results.Values) result.Dispose();
    }

    private GraphDescription Import(OnnxModelBuilder model) =>
        OnnxImporter.Load(model.Save(_directory["model.onnx"]));

    private static GraphNetwork Network(GraphDescription graph) =>
        new(graph, TestTensors.PassThrough, new Dictionary<string, string>(), [], CPU);

    private Tensor Run(OnnxModelBuilder model, string layer)
    {
        using var network = Network(Import(model));
        using var input = TestTensors.ToTensor(_pixels);
        return network.Forward(input, [layer])[layer];
    }

    private static float[,] Transpose(float[,] matrix)
    {
        var result = new float[matrix.GetLength(1), matrix.GetLength(0)];
        for (int i = 0; i < matrix.GetLength(0); i++)
        for (int j = 0; j < matrix.GetLength(1); j++)
            result[j, i] = matrix[i, j];
        return result;
    }
}
