using DeepDream.Import.Graph;
using DeepDream.Import.Onnx;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Graph;
using static DeepDream.Tests.Import.Onnx.OnnxModelBuilder;
using static TorchSharp.torch;

namespace DeepDream.Tests.Import.Onnx;

/// <summary>
/// A residual block exported the way CNTK writes ResNets for 16×16 input: SAME padding baked into explicit
/// asymmetric pads ([1,1,0,0] on stride-2 3×3 windows) and a final average pool as large as the whole map. The
/// importer must make it run at any size with SAME_LOWER semantics and global pooling.
/// </summary>
public sealed class FixedSizeExportTests : IDisposable
{
    private readonly TempFolder _directory = new();
    private readonly Random _random = new(909);
    private readonly float[,,,] _stem, _main, _shortcut;

    public FixedSizeExportTests()
    {
        TorchRuntime.EnsureLoaded();
        _stem = TestTensors.Random4(_random, 4, 3, 3, 3);
        _main = TestTensors.Random4(_random, 4, 4, 3, 3);
        _shortcut = TestTensors.Random4(_random, 4, 4, 1, 1);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>x → conv 3×3/2 → relu → (conv 3×3/2 + conv 1×1/2) → relu → average pool over the 4×4 map.</summary>
    private string CntkStyleBlock(long[] stridedPads) =>
        new OnnxModelBuilder("x", 1, 3, 16, 16)
            .Floats("w_stem", TestTensors.Flat(_stem), 4, 3, 3, 3)
            .Floats("w_main", TestTensors.Flat(_main), 4, 4, 3, 3)
            .Floats("w_short", TestTensors.Flat(_shortcut), 4, 4, 1, 1)
            .Node("Conv", ["x", "w_stem"], "stem", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", stridedPads))
            .Node("Relu", ["stem"], "stem_relu")
            .Node("Conv", ["stem_relu", "w_main"], "main", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", stridedPads))
            .Node("Conv", ["stem_relu", "w_short"], "short", Ints("kernel_shape", 1, 1), Ints("strides", 2, 2), Ints("pads", 0, 0, 0, 0))
            .Node("Add", ["main", "short"], "sum")
            .Node("Relu", ["sum"], "block")
            .Node("AveragePool", ["block"], "pooled", Ints("kernel_shape", 4, 4), Ints("strides", 1, 1), Ints("pads", 0, 0, 0, 0))
            .Output("pooled")
            .Save(_directory[$"block-{string.Join("", stridedPads)}.onnx"]);

    [Fact]
    public void Explicit_pads_equal_to_same_lower_at_the_declared_size_become_same_lower()
    {
        var graph = OnnxImporter.Load(CntkStyleBlock([1, 1, 0, 0]));

        Assert.All(graph.Nodes.Where(n => n.OpType == "Conv"), conv =>
        {
            Assert.Equal("SAME_LOWER", conv.String("auto_pad", ""));
            Assert.Null(conv.Ints("pads"));
        });
        Assert.Equal("GlobalAveragePool", graph.Nodes.Single(n => n.Outputs[0] == "pooled").OpType);
        Assert.Equal(
        [
            "the explicit pads of 3 Conv/pool nodes equal SAME_LOWER padding at the declared 16x16 (2 of them asymmetric): recomputed for each input size",
            "AveragePool 'pooled' covers its whole 4x4 input at 16x16: made global, for any size",
        ], graph.SizeRewrites);
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(17, 23)]
    [InlineData(9, 30)]
    public void Rewritten_block_matches_same_padding_computed_by_hand_at_any_size(int height, int width)
    {
        using var network = new GraphNetwork(OnnxImporter.Load(CntkStyleBlock([1, 1, 0, 0])), TestTensors.PassThrough,
            new Dictionary<string, string>(), [], CPU);
        var x = TestTensors.Random4(_random, 1, 3, height, width);
        using var input = TestTensors.ToTensor(x);

        var outputs = network.Forward(input, ["block", "pooled"]);

        // SAME_LOWER: output ceil(n / 2), the odd padding row or column at the start.
        var stem = TestTensors.Map(ReferenceKernels.Conv(x, _stem, null, [2, 2], SameLower(height, width, 3)), v => MathF.Max(v, 0));
        int h = stem.GetLength(2), w = stem.GetLength(3);
        var main = ReferenceKernels.Conv(stem, _main, null, [2, 2], SameLower(h, w, 3));
        var shortcut = ReferenceKernels.Conv(stem, _shortcut, null, [2, 2], [0, 0, 0, 0]);
        var block = new float[1, 4, main.GetLength(2), main.GetLength(3)];
        var pooled = new float[1, 4, 1, 1];
        for (int c = 0; c < 4; c++)
        for (int i = 0; i < block.GetLength(2); i++)
        for (int j = 0; j < block.GetLength(3); j++)
        {
            block[0, c, i, j] = MathF.Max(main[0, c, i, j] + shortcut[0, c, i, j], 0);
            pooled[0, c, 0, 0] += block[0, c, i, j] / (block.GetLength(2) * block.GetLength(3));
        }
        TestTensors.AssertClose(block, outputs["block"]);
        TestTensors.AssertClose(pooled, outputs["pooled"]);
        Assert.Equal([1L, 4, (height + 3) / 4, (width + 3) / 4], outputs["block"].shape);
    }

    [Fact]
    public void Without_the_rewrite_the_block_fails_at_odd_sizes()
    {
        // The premise: the pads as written disagree between the branches at 19 (9 → 4 rows in the main branch, 5 in the shortcut).
        var graph = OnnxImporter.Load(CntkStyleBlock([1, 1, 0, 0]));
        var asExported = new GraphDescription
        {
            Name = graph.Name,
            Input = graph.Input,
            Nodes = [.. graph.Nodes.Select(n => n.OpType == "Conv" && n.Ints("kernel_shape")![0] == 3
                ? n with { Attributes = new Dictionary<string, GraphAttribute>(n.Attributes) { ["auto_pad"] = GraphAttribute.Of("NOTSET"), ["pads"] = GraphAttribute.Of(1L, 1, 0, 0) } }
                : n)],
            Initializers = graph.Initializers,
            Outputs = graph.Outputs,
        };
        using var network = new GraphNetwork(asExported, TestTensors.PassThrough, new Dictionary<string, string>(), [], CPU);

        using var input = zeros(1, 3, 19, 19);
        Assert.ThrowsAny<Exception>(() => network.Forward(input, ["block"]));
    }

    [Fact]
    public void Symmetric_explicit_pads_are_kept()
    {
        // torchvision's exports pad stride-2 3×3 windows by 1 on every side: the same at every size, no evidence of SAME.
        var graph = OnnxImporter.Load(CntkStyleBlock([1, 1, 1, 1]));

        Assert.All(graph.Nodes.Where(n => n.OpType == "Conv"), conv => Assert.Equal("NOTSET", conv.String("auto_pad", "NOTSET")));
        Assert.Equal([1L, 1, 1, 1], graph.Nodes.First(n => n.OpType == "Conv").Ints("pads"));
        Assert.Single(graph.SizeRewrites);
    }

    [Fact]
    public void A_graph_without_a_declared_size_is_left_alone()
    {
        var path = new OnnxModelBuilder("x", 1, 3, -1, -1)
            .Floats("w", TestTensors.Flat(_stem), 4, 3, 3, 3)
            .Node("Conv", ["x", "w"], "y", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 0, 0))
            .Save(_directory["dynamic.onnx"]);

        var graph = OnnxImporter.Load(path);

        Assert.Empty(graph.SizeRewrites);
        Assert.Equal([1L, 1, 0, 0], graph.Nodes[0].Ints("pads"));
    }

    private static int[] SameLower(int height, int width, int kernel)
    {
        int Total(int size) => Math.Max(0, ((size + 1) / 2 - 1) * 2 + kernel - size);
        int th = Total(height), tw = Total(width);
        return [th - th / 2, tw - tw / 2, th / 2, tw / 2];
    }
}
