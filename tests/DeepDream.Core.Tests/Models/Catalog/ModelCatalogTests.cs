using DeepDream.Import.Graph;
using DeepDream.Models;
using DeepDream.Models.Catalog;

namespace DeepDream.Tests.Models.Catalog;

public class ModelCatalogTests
{
    private static readonly ModelCatalog BuiltIn = ModelCatalog.BuiltIn;

    /// <summary>A chain of Identity nodes producing the given tensor names in order.</summary>
    private static GraphDescription GraphProducing(params string[] tensors) => new()
    {
        Name = "names",
        Input = new GraphInput("data", [-1, 3, -1, -1]),
        Nodes = tensors.Select((t, i) => new GraphNode(t, "Identity", [i == 0 ? "data" : tensors[i - 1]], [t], new Dictionary<string, GraphAttribute>())).ToList(),
        Initializers = new Dictionary<string, GraphTensor>(),
        Outputs = [tensors[^1]],
    };

    [Fact]
    public void One_tarball_holds_two_models_and_the_asked_one_wins()
    {
        const string Sha = "585cd178f3b994337c4d10a87b080d342fc52f8b9bf0085c4d1f345a3a1c5382";
        Assert.Equal("inceptionv3", BuiltIn.FindBySource(24_973_068, Sha)?.Entry.Id);
        var mobile = BuiltIn.FindBySource(24_973_068, Sha, "mobilenetv2");
        Assert.Equal("mobilenetv2", mobile?.Entry.Id);
        Assert.Equal("dist/models/mobilenet_v2", Assert.IsType<NpmModelSource>(mobile?.Source).PathInPackage);
        Assert.Contains("`dream models install /path/to/nsfwjs-4.4.0.tgz --as mobilenetv2`", BuiltIn.Find("mobilenetv2")!.InstallAdvice);
    }

    [Fact]
    public void Only_the_ImageNet_classifiers_have_class_labels()
    {
        Assert.Equal(["googlenet", "googlenet-torchvision"], BuiltIn.Entries.Where(e => e.Labels is not null).Select(e => e.Id));
        Assert.All(BuiltIn.Entries.Where(e => e.Labels is not null), e => Assert.Equal("tabby", e.Labels![281]));
    }

    [Fact]
    public void Built_in_entries_and_the_offline_default()
    {
        Assert.Equal(["resnet18", "inceptionv3", "googlenet", "googlenet-torchvision", "mobilenetv2"], BuiltIn.Entries.Select(e => e.Id));
        Assert.Equal("resnet18", BuiltIn.Default.Id);
        var nuget = Assert.IsType<NuGetModelSource>(Assert.Single(BuiltIn.Default.Sources));
        Assert.Equal(("Microsoft.ML.DnnImageFeaturizer.ResNet18", "0.23.1", "tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx", "ResNet18.onnx"),
            (nuget.PackageId, nuget.Version, nuget.PathInPackage, nuget.FileName));
        Assert.Equal((63_653_533L, "e2552f19db2dfdb01b3669537b6a0f1b44da38d18279535492ed5dfc2ef1ff8f"), (nuget.Size, nuget.Sha256));
        Assert.Same(Preprocessing.MlNetResNet, BuiltIn.Default.Preprocessing);
        Assert.Equal("resnet18", BuiltIn.FindBySource(nuget.Size, nuget.Sha256)?.Entry.Id);
        Assert.Same(BuiltIn.Find("inceptionv3"), BuiltIn.Find("NSFWJS"));
        Assert.Null(BuiltIn.Find("alexnet"));
    }

    [Fact]
    public void GoogLeNet_is_pinned_to_the_model_zoo_file()
    {
        var (entry, source) = BuiltIn.FindBySource(28_021_836, "C99C507058EAF41DE8723408FDDA7DB8325CB57F0A89F2EE07A716D6E963E14E")!.Value;

        Assert.Equal("googlenet", entry.Id);
        Assert.Equal("googlenet-12.onnx", source.FileName);
        Assert.Equal(Uri.UriSchemeHttps, ((HttpModelSource)source).Url.Scheme);
        Assert.Same(Preprocessing.CaffeBgr, entry.Preprocessing);
        Assert.Null(BuiltIn.FindBySource(28_021_835, source.Sha256));
    }

    [Fact]
    public void Caffe2_names_resolve_to_the_last_version_of_each_blob()
    {
        var graph = GraphProducing("conv1/7x7_s2_1", "conv1/7x7_s2_2", "pool1/3x3_s2_1", "pool1/norm1_1",
            "inception_4c/1x1_1", "inception_4c/output_1", "inception_4c/output_1x1_fake");

        var aliases = LayerAliasRule.Resolve(BuiltIn.Find("googlenet")!.LayerAliases, graph);

        Assert.Equal("conv1/7x7_s2_2", aliases["conv1"]);
        Assert.Equal("pool1/3x3_s2_1", aliases["maxpool1"]);
        Assert.Equal("inception_4c/output_1", aliases["inception4c"]);
        Assert.Equal("inception_4c/output_1", aliases["inception_4c/output"]);
        Assert.False(aliases.ContainsKey("inception4d"));
    }

    [Fact]
    public void Torchvision_export_names_resolve_to_each_module_output()
    {
        var graph = GraphProducing("/conv1/conv/Conv_output_0", "/conv1/Relu_output_0", "/maxpool1/MaxPool_output_0",
            "/inception4c/branch1/conv/Conv_output_0", "/inception4c/Concat_output_0", "/inception4d/Concat_output_0", "/inception3b/Concat_output_0");

        var aliases = LayerAliasRule.Resolve(BuiltIn.Find("googlenet-torchvision")!.LayerAliases, graph);

        Assert.Equal("/conv1/Relu_output_0", aliases["conv1"]);
        Assert.Equal("/inception4c/Concat_output_0", aliases["inception4c"]);
        Assert.Equal("googlenet-torchvision", BuiltIn.RecognizeLayout(graph)?.Id);
    }

    [Fact]
    public void Layout_is_recognised_when_every_recommended_layer_resolves()
    {
        Assert.Equal("inceptionv3", BuiltIn.RecognizeLayout(GraphProducing("mixed3", "mixed4", "mixed5"))?.Id);
        Assert.Equal("googlenet", BuiltIn.RecognizeLayout(GraphProducing("inception_3b/output_1", "inception_4c/output_1", "inception_4d/output_1"))?.Id);
        Assert.Null(BuiltIn.RecognizeLayout(GraphProducing("mixed3", "mixed4")));
    }

    [Fact]
    public void A_network_cut_before_its_recommended_layers_is_recognised_by_its_first_layers()
    {
        // Caffe GoogLeNet cut after inception_4c: inception4d, a recommended layer, is missing.
        var cut = GraphProducing("conv1/7x7_s2", "pool1/3x3_s2", "conv2/3x3_reduce", "conv2/3x3", "pool2/3x3_s2",
            "inception_3a/output", "inception_3b/output", "pool3/3x3_s2", "inception_4a/output", "inception_4b/output", "inception_4c/output");

        Assert.Equal("googlenet", BuiltIn.RecognizeLayout(cut)?.Id);
        Assert.Null(BuiltIn.RecognizeLayout(GraphProducing("conv1/7x7_s2", "pool1/3x3_s2")));
        // A torchvision ResNet export shares only /conv1/ with torchvision's GoogLeNet names.
        Assert.Null(BuiltIn.RecognizeLayout(GraphProducing("/conv1/Conv_output_0", "/relu/Relu_output_0", "/maxpool/MaxPool_output_0", "/layer1/layer1.0/relu/Relu_output_0")));
    }

    [Fact]
    public void A_layer_name_of_another_model_finds_its_preferred_owner()
    {
        Assert.Equal("googlenet", BuiltIn.OwnerOfLayer("inception4c", BuiltIn.Default)?.Id);
        Assert.Equal("inceptionv3", BuiltIn.OwnerOfLayer("mixed4", BuiltIn.Find("googlenet"))?.Id);
        Assert.Equal("resnet18", BuiltIn.OwnerOfLayer("layer3.1", BuiltIn.Find("googlenet"))?.Id);
        Assert.Null(BuiltIn.OwnerOfLayer("mixed4", BuiltIn.Find("inceptionv3")));
        Assert.Null(BuiltIn.OwnerOfLayer("conv2d_5", null));
    }
}
