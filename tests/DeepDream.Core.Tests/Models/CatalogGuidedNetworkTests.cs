using DeepDream.Import.Tfjs;
using DeepDream.Models;
using DeepDream.Models.Catalog;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Models;

public sealed class CatalogGuidedNetworkTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly IDreamNetwork _network;

    public CatalogGuidedNetworkTests()
    {
        TorchRuntime.EnsureLoaded();
        var catalog = ModelCatalog.BuiltIn;
        var graph = TfjsImporter.Load(TestModels.InceptionLike(_folder));
        _network = ModelDefinition.Create("inceptionv3", "", graph, Preprocessing.KerasInception, catalog.Find("inceptionv3"), catalog).Open(CPU);
    }

    public void Dispose()
    {
        _network.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void GoogLeNet_layer_on_InceptionV3_says_which_model_is_active_and_how_to_get_GoogLeNet()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<UnknownLayerException>(() => _network.Forward(zeros(1, 3, 8, 8), ["mixed4", "inception4c"]));

        Assert.Equal(
            "inceptionv3: layer 'inception4c' belongs to GoogLeNet, but the active model is inceptionv3 (InceptionV3); " +
            "its nearest layers are mixed4, mixed3, mixed5; to use GoogLeNet, pass --model googlenet after installing it: " +
            "`dream models install googlenet` (needs internet) or `dream models install /path/to/googlenet-12.onnx` with the file fetched elsewhere " +
            "(download https://github.com/onnx/models/raw/main/validated/vision/classification/inception_and_googlenet/googlenet/model/googlenet-12.onnx)",
            error.Message);
    }

    [Fact]
    public void Asking_the_minimum_size_of_another_model_s_layer_gets_the_same_advice()
    {
        var error = Assert.Throws<UnknownLayerException>(() => _network.MinimumInputSize(["inception4c"]));

        Assert.StartsWith("inceptionv3: layer 'inception4c' belongs to GoogLeNet, but the active model is inceptionv3 (InceptionV3)", error.Message);
    }

    [Fact]
    public void Mistyped_layer_gets_the_nearest_names_of_this_model()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<UnknownLayerException>(() => _network.Forward(zeros(1, 3, 8, 8), ["mixd4"]));

        Assert.StartsWith("inceptionv3: unknown layer 'mixd4'; nearest: mixed4", error.Message);
    }

    [Fact]
    public void Known_layers_pass_through_under_their_friendly_and_raw_names()
    {
        using var scope = NewDisposeScope();

        var outputs = _network.Forward(zeros(1, 3, 8, 8), ["mixed4", "mixed3"]);

        Assert.Equal([1L, 2, 8, 8], outputs["mixed4"].shape);
        Assert.Equal([1L, 2, 8, 8], outputs["mixed3"].shape);
        Assert.Equal(["mixed3", "mixed4", "mixed5"], _network.LayerNames.Take(3));
        Assert.Equal(["mixed4", "mixed3", "mixed5"], _network.RecommendedLayers);
    }
}
