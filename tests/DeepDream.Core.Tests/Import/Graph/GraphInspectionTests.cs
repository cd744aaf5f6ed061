using DeepDream.Import.Graph;
using DeepDream.Import.Onnx;
using DeepDream.Models;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Onnx;
using TorchSharp;
using static DeepDream.Tests.Import.Onnx.OnnxModelBuilder;
using static TorchSharp.torch;

namespace DeepDream.Tests.Import.Graph;

/// <summary>
/// Looking at every layer (<c>dream layers</c>) holds only the activations later nodes still need, not one per node:
/// a 55 KB file with a chain of 2,000 ReLUs once took 3.3 GB that way.
/// </summary>
public sealed class GraphInspectionTests : IDisposable
{
    private const int ChainLength = 300;
    private readonly TempFolder _directory = new();

    public GraphInspectionTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => _directory.Dispose();

    /// <summary>x → relu → relu → … (<see cref="ChainLength"/> nodes), with a conv branch off the first relu that fails below 9×9.</summary>
    private GraphNetwork Chain() =>
        new(OnnxImporter.Load(SaveChain()), TestTensors.PassThrough, new Dictionary<string, string>(), [], CPU);

    private string SaveChain()
    {
        var model = new OnnxModelBuilder("x", 1, 3, -1, -1)
            .Floats("w", new float[2 * 3 * 9 * 9], 2, 3, 9, 9)
            .Node("Relu", ["x"], "r0")
            .Node("Conv", ["r0", "w"], "wide")
            .Node("Relu", ["wide"], "after_wide");
        for (int i = 1; i < ChainLength; i++) model.Node("Relu", [$"r{i - 1}"], $"r{i}");
        return model.Save(_directory["chain.onnx"]);
    }

    [Fact]
    public void Every_layer_is_seen_while_only_a_few_activations_are_alive()
    {
        using var network = Chain();
        using var pixels = rand(1, 3, 16, 16);
        var names = Enumerable.Range(0, ChainLength).Select(i => $"r{i}").Append("wide").Append("after_wide").ToArray();
        var seen = new Dictionary<string, long[]>();
        long baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount, peak = 0;

        using (no_grad())
            network.Inspect(pixels, names, (name, value) =>
            {
                seen[name] = value.shape;
                peak = Math.Max(peak, DisposeScopeManager.Statistics.ThreadTotalLiveCount - baseline);
            }, (name, problem) => throw new InvalidOperationException($"{name}: {problem}"));

        Assert.Equal(names.Order(), seen.Keys.Order());
        Assert.Equal([1L, 3, 16, 16], seen[$"r{ChainLength - 1}"]);
        Assert.Equal([1L, 2, 8, 8], seen["after_wide"]);
        // The input, the value being looked at, the one it came from and the branch point: a handful, not 300.
        Assert.InRange(peak, 1, 8);
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void A_node_that_fails_is_reported_with_what_depends_on_it_and_the_rest_still_runs()
    {
        using var network = Chain();
        using var pixels = rand(1, 3, 6, 6);
        var seen = new List<string>();
        var failed = new Dictionary<string, string>();

        using (no_grad())
            network.Inspect(pixels, ["r0", "wide", "after_wide", "r1", $"r{ChainLength - 1}"], (name, _) => seen.Add(name), (name, problem) => failed[name] = problem);

        Assert.Equal(["r0", "r1", $"r{ChainLength - 1}"], seen.Order());
        Assert.Equal(["after_wide", "wide"], failed.Keys.Order());
        Assert.StartsWith("chain.onnx: node 'wide' (Conv) failed", failed["wide"]);
        Assert.Equal(failed["wide"], failed["after_wide"]);
    }

    [Fact]
    public void Layer_statistics_lists_every_layer_of_the_chain()
    {
        var graph = OnnxImporter.Load(SaveChain());
        var model = ModelDefinition.Create("chain", "", graph, TestTensors.PassThrough, null, DeepDream.Models.Catalog.ModelCatalog.BuiltIn);

        var reports = LayerStatistics.Shapes(model, CPU, 12, 12);

        Assert.Equal(ChainLength + 2, reports.Count);
        Assert.All(reports, report => Assert.Null(report.Problem));
        Assert.Equal([1L, 2, 4, 4], reports.Single(r => r.Layer == "wide").Shape);
    }
}
