using System.Text.Json.Nodes;
using DeepDream.Import.Tfjs;
using DeepDream.Models;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Tfjs;
using static TorchSharp.torch;

namespace DeepDream.Tests.Models;

public sealed class LayerStatisticsTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ModelDefinition _model;

    /// <summary>conv 3×3 valid → relu → 6×6 average pool → flatten → dense: the head only fits 8×8 inputs.</summary>
    public LayerStatisticsTests()
    {
        TorchRuntime.EnsureLoaded();
        var folder = new TfjsTestModel()
            .Input("input_1", 8, 8, 3)
            .Layer("Conv2D", "conv", new JsonObject { ["filters"] = 2, ["kernel_size"] = 3, ["use_bias"] = false }, "input_1")
            .Layer("Activation", "relu", new JsonObject { ["activation"] = "relu" }, "conv")
            .Layer("AveragePooling2D", "pool", new JsonObject { ["pool_size"] = 6 }, "relu")
            .Layer("Flatten", "flat", new JsonObject(), "pool")
            .Layer("Dense", "dense", new JsonObject { ["units"] = 3 }, "flat")
            .Weight("conv/kernel", [3, 3, 3, 2], TfjsTestModel.Values(8, 54))
            .Weight("dense/kernel", [2, 3], TfjsTestModel.Values(9, 6))
            .Weight("dense/bias", [3], [0, 0, 0])
            .WriteJson(_folder);
        var unchanged = new Preprocessing(ColorOrder.Rgb, 1, [0, 0, 0], [1, 1, 1]);
        _model = ModelDefinition.Create("stats", "", TfjsImporter.Load(folder), unchanged, null, DeepDream.Models.Catalog.ModelCatalog.BuiltIn);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Shapes_of_every_layer_at_the_declared_size()
    {
        var reports = LayerStatistics.Shapes(_model, CPU, 8, 8).ToDictionary(r => r.Layer);

        Assert.Equal([1L, 2, 6, 6], reports["relu"].Shape);
        Assert.Equal([1L, 2, 1, 1], reports["pool"].Shape);
        Assert.Equal([1L, 3], reports["dense"].Shape);
        Assert.All(reports.Values, r => Assert.Null(r.Problem));
        Assert.All(reports.Values, r => Assert.Null(r.Activation));
    }

    [Fact]
    public void Layers_that_cannot_run_at_a_size_are_reported_with_everything_after_them()
    {
        var reports = LayerStatistics.Shapes(_model, CPU, 6, 6);

        Assert.Equal(["conv", "relu", "pool", "flat/channels_last", "flat", "dense"], reports.Select(r => r.Layer));
        Assert.Equal([1L, 2, 4, 4], reports[1].Shape);
        Assert.All(reports.Skip(2), r => Assert.Contains("node 'pool' (AveragePool) failed", r.Problem));
        Assert.All(reports.Skip(2), r => Assert.Null(r.Shape));
    }

    [Fact]
    public void Activation_summary_matches_the_layer_output()
    {
        using var scope = NewDisposeScope();
        var pixels = rand(1, 3, 8, 8) * 255;
        Tensor relu;
        using (var network = _model.Open(CPU)) relu = network.Forward(pixels, ["relu"])["relu"].detach();

        var summary = LayerStatistics.Activations(_model, CPU, pixels).Single(r => r.Layer == "relu").Activation!.Value;

        var exact = relu.to_type(ScalarType.Float64);
        Assert.Equal(exact.mean().item<double>(), summary.Mean, tolerance: 1e-3);
        Assert.Equal(exact.std().item<double>(), summary.Std, tolerance: 1e-3);
        Assert.Equal(exact.max().item<double>(), summary.Max, tolerance: 1e-3);
        Assert.True(summary.Max > summary.Mean && summary.Std > 0);
    }
}
