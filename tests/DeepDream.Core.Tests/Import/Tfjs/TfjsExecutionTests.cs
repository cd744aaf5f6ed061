using System.Text.Json.Nodes;
using DeepDream.Import.Graph;
using DeepDream.Import.Tfjs;
using DeepDream.Models;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Graph;
using static TorchSharp.torch;
using R = DeepDream.Tests.Import.Tfjs.KerasReference;

namespace DeepDream.Tests.Import.Tfjs;

/// <summary>A small Keras model, written as TF.js files, imported and run, checked layer by layer against plain loops.</summary>
public sealed class TfjsExecutionTests : IDisposable
{
    private static readonly Preprocessing Unchanged = new(ColorOrder.Rgb, 1f, [0f, 0f, 0f], [1f, 1f, 1f]);
    private readonly TempFolder _folder = new();

    public TfjsExecutionTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Imported_layers_compute_what_keras_computes()
    {
        var image = new float[7, 7, 3];
        Buffer.BlockCopy(TfjsTestModel.Values(10, image.Length), 0, image, 0, image.Length * 4);
        float[] convKernel = TfjsTestModel.Values(11, 3 * 3 * 3 * 4), convBias = TfjsTestModel.Values(12, 4);
        float[] depthwiseKernel = TfjsTestModel.Values(13, 3 * 3 * 4 * 2), depthwiseBias = TfjsTestModel.Values(14, 8);
        float[] beta = TfjsTestModel.Values(15, 8), mean = TfjsTestModel.Values(16, 8);
        float[] variance = TfjsTestModel.Values(17, 8).Select(v => v + 1.5f).ToArray();
        float[] mixKernel = TfjsTestModel.Values(18, 16 * 16);
        float[] denseKernel = TfjsTestModel.Values(19, 144 * 5), denseBias = TfjsTestModel.Values(20, 5);
        float[] separableDepthwise = TfjsTestModel.Values(21, 3 * 3 * 16), separablePointwise = TfjsTestModel.Values(22, 16 * 4);
        float[] separableBias = TfjsTestModel.Values(23, 4);

        var folder = new TfjsTestModel()
            .Input("input_1", 7, 7, 3)
            .Layer("Conv2D", "conv_a", Window(new JsonObject { ["filters"] = 4, ["kernel_size"] = 3, ["activation"] = "relu" }, 2, "same"), "input_1")
            .Layer("DepthwiseConv2D", "dw", Window(new JsonObject { ["kernel_size"] = 3, ["depth_multiplier"] = 2 }, 1, "same"), "conv_a")
            .Layer("BatchNormalization", "bn", new JsonObject { ["axis"] = -1, ["epsilon"] = 0.001, ["scale"] = false }, "dw")
            .Layer("ZeroPadding2D", "pad", new JsonObject { ["padding"] = new JsonArray(new JsonArray(1, 0), new JsonArray(0, 1)) }, "bn")
            .Layer("MaxPooling2D", "max", Window(new JsonObject { ["pool_size"] = 3 }, 2, "same"), "pad")
            .Layer("AveragePooling2D", "avg", Window(new JsonObject { ["pool_size"] = 2 }, 2, "same"), "pad")
            .Layer("Concatenate", "cat", new JsonObject { ["axis"] = -1 }, "max", "avg")
            .Layer("Conv2D", "mix", Window(new JsonObject { ["filters"] = 16, ["kernel_size"] = 1, ["use_bias"] = false }, 1, "valid"), "cat")
            .Layer("Add", "sum", new JsonObject(), "cat", "mix")
            .Layer("Flatten", "flat", new JsonObject(), "sum")
            .Layer("Dense", "dense", new JsonObject { ["units"] = 5, ["activation"] = "tanh" }, "flat")
            .Layer("SeparableConv2D", "sep", Window(new JsonObject { ["filters"] = 4, ["kernel_size"] = 3 }, 1, "same"), "sum")
            .Layer("ReLU", "relu6", new JsonObject { ["max_value"] = 0.5 }, "sep")
            .Layer("GlobalAveragePooling2D", "gap", new JsonObject(), "relu6")
            .Weight("conv_a/kernel", [3, 3, 3, 4], convKernel).Weight("conv_a/bias", [4], convBias)
            .Weight("dw/depthwise_kernel", [3, 3, 4, 2], depthwiseKernel).Weight("dw/bias", [8], depthwiseBias)
            .Weight("bn/beta", [8], beta).Weight("bn/moving_mean", [8], mean).Weight("bn/moving_variance", [8], variance)
            .Weight("mix/kernel", [1, 1, 16, 16], mixKernel)
            .Weight("dense/kernel", [144, 5], denseKernel).Weight("dense/bias", [5], denseBias)
            .Weight("sep/depthwise_kernel", [3, 3, 16, 1], separableDepthwise).Weight("sep/pointwise_kernel", [1, 1, 16, 4], separablePointwise)
            .Weight("sep/bias", [4], separableBias)
            .WriteJson(_folder);

        var convA = R.Relu(R.Conv2DSame(image, convKernel, convBias, 3, 3, 4, stride: 2));
        var depthwise = R.DepthwiseSame(convA, depthwiseKernel, depthwiseBias, 3, 2);
        var normalised = R.BatchNorm(depthwise, beta, mean, variance, 0.001f);
        var padded = R.ZeroPad(normalised, 1, 0, 0, 1);
        var maxPooled = R.PoolSame(padded, 3, 2, max: true);
        var averaged = R.PoolSame(padded, 2, 2, max: false);
        var concatenated = R.ConcatChannels(maxPooled, averaged);
        var summed = R.Add(concatenated, R.Conv2DSame(concatenated, mixKernel, null, 1, 1, 16, stride: 1));
        var dense = R.DenseTanhOfFlattened(summed, denseKernel, denseBias);
        var separable = R.Conv2DSame(R.DepthwiseSame(summed, separableDepthwise, new float[16], 3, 1), separablePointwise, separableBias, 1, 1, 4, stride: 1);
        var clipped = R.Clip(separable, 0.5f);
        var pooled = R.GlobalAverage(clipped);

        var graph = TfjsImporter.Load(folder);
        using var network = new GraphNetwork(graph, Unchanged, new Dictionary<string, string>(), [], CPU);
        using var scope = NewDisposeScope();
        var pixels = TestTensors.ToTensor(R.ChannelsFirst(image));
        var outputs = network.Forward(pixels, ["conv_a", "dw", "bn", "pad", "max", "avg", "cat", "sum", "dense", "sep", "relu6", "gap"]);

        TestTensors.AssertClose(R.ChannelsFirst(convA), outputs["conv_a"]);
        TestTensors.AssertClose(R.ChannelsFirst(depthwise), outputs["dw"]);
        TestTensors.AssertClose(R.ChannelsFirst(normalised), outputs["bn"]);
        TestTensors.AssertClose(R.ChannelsFirst(padded), outputs["pad"]);
        TestTensors.AssertClose(R.ChannelsFirst(maxPooled), outputs["max"]);
        TestTensors.AssertClose(R.ChannelsFirst(averaged), outputs["avg"]);
        TestTensors.AssertClose(R.ChannelsFirst(concatenated), outputs["cat"]);
        TestTensors.AssertClose(R.ChannelsFirst(summed), outputs["sum"]);
        TestTensors.AssertClose(dense, outputs["dense"]);
        TestTensors.AssertClose(R.ChannelsFirst(separable), outputs["sep"]);
        TestTensors.AssertClose(R.ChannelsFirst(clipped), outputs["relu6"]);
        TestTensors.AssertClose(pooled, outputs["gap"]);
    }

    private static JsonObject Window(JsonObject config, int stride, string padding)
    {
        config["strides"] = new JsonArray(stride, stride);
        config["padding"] = padding;
        config["data_format"] = "channels_last";
        return config;
    }
}
