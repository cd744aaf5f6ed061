using System.Text.Json;
using DeepDream.Import.Onnx;
using DeepDream.Models;
using DeepDream.Models.Store;
using DeepDream.Runtime;
using NuGet.Configuration;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace DeepDream.Tests.Models;

/// <summary>
/// The real resnet18: ML.NET's ResNet-18 from the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1,
/// installed with the user's NuGet configuration (the global packages folder, else its sources), against
/// activations PyTorch computed from the same weights (tests/fixtures/resnet18-reference, make_reference.py there).
/// </summary>
[Trait("Category", "RealModel")]
public sealed class ResNet18Tests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("resnet18-").FullName;
    private readonly ITestOutputHelper _output;

    public ResNet18Tests(ITestOutputHelper output)
    {
        _output = output;
        TorchRuntime.EnsureLoaded();
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private async Task<ModelDefinition> InstallAsync()
    {
        var store = new ModelStore(Path.Combine(_home, "models"));
        var installed = await store.InstallAsync("resnet18");
        Assert.Equal(("ResNet18.onnx", 63_653_533L), (installed.SourceFile, installed.SourceSize));
        Assert.Equal(2, installed.SizeRewrites.Count);
        Assert.StartsWith("the explicit pads of 23 Conv/pool nodes equal SAME_LOWER padding at the declared 224x224 (5 of them asymmetric)", installed.SizeRewrites[0]);
        Assert.Equal("AveragePool 'Pooling395' covers its whole 7x7 input at 224x224: made global, for any size", installed.SizeRewrites[1]);
        return store.Load("resnet18");
    }

    [Fact]
    public async Task Activations_agree_with_PyTorch_at_224_and_at_odd_sizes()
    {
        var model = await InstallAsync();
        Assert.Equal("ReLU347_Output_0", model.LayerAliases["layer3"]);
        Assert.Equal("ReLU333_Output_0", model.LayerAliases["layer3.0"]);
        Assert.Equal("Pooling255_Output_0", model.LayerAliases["maxpool"]);
        using var network = model.Open(CPU);
        using var reference = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "resnet18-reference", "reference.json")));

        foreach (var testCase in reference.RootElement.GetProperty("cases").EnumerateArray())
        {
            int height = testCase.GetProperty("height").GetInt32(), width = testCase.GetProperty("width").GetInt32();
            using var scope = NewDisposeScope();
            using var noGradient = no_grad();
            var layers = testCase.GetProperty("layers").EnumerateObject().ToList();
            var activations = network.Forward(Pixels(height, width), layers.Select(l => l.Name).ToList());
            foreach (var layer in layers)
            {
                var activation = activations[layer.Name];
                Assert.Equal(layer.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()), activation.shape);
                var values = activation.flatten().to_type(ScalarType.Float64).data<double>().ToArray();
                double scale = layer.Value.GetProperty("maxAbs").GetDouble();
                var indices = layer.Value.GetProperty("indices").EnumerateArray().Select(i => i.GetInt64()).ToList();
                var expected = layer.Value.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
                double worst = indices.Select((index, i) => Math.Abs(values[index] - expected[i]) / scale).Max();
                _output.WriteLine($"{layer.Name} at {width}x{height}: largest error {worst:E2} of the layer's largest value {scale:G4}");
                Assert.True(worst <= 1e-4, $"{layer.Name} at {width}x{height}: error {worst:E2} of the layer's largest value {scale:G4}");
                Assert.Equal(scale, values.Max(Math.Abs), scale * 1e-4);
            }
        }
    }

    [Fact]
    public async Task Preprocessing_means_are_those_of_the_package_mean_image()
    {
        await InstallAsync();
        string package = Path.Combine(SettingsUtility.GetGlobalPackagesFolder(Settings.LoadDefaultSettings(Directory.GetCurrentDirectory())),
            "microsoft.ml.dnnimagefeaturizer.resnet18", "0.23.1");

        var prep = OnnxImporter.Load(Path.Combine(package, "tools", "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx"));

        var mean = prep.Initializers["MeanImage"];
        Assert.Equal([1L, 3, 224, 224], mean.Shape);
        var channelMeans = Enumerable.Range(0, 3).Select(c => mean.Floats!.Skip(c * 224 * 224).Take(224 * 224).Average(v => (double)v)).ToArray();
        Assert.Equal(ColorOrder.Bgr, Preprocessing.MlNetResNet.Order);
        for (int c = 0; c < 3; c++) Assert.Equal(channelMeans[c], Preprocessing.MlNetResNet.Mean[c], 1e-4);
    }

    [Fact]
    public async Task Every_block_runs_at_any_size_down_to_one_pixel()
    {
        var model = await InstallAsync();
        using var network = model.Open(CPU);
        using var scope = NewDisposeScope();

        Assert.Equal((1, 1), network.MinimumInputSize(["layer4", "layer3"]));
        var shapes = network.Forward(Pixels(1021 / 4, 767 / 4), ["layer3", "layer4"]);
        Assert.Equal([1L, 256, 16, 12], shapes["layer3"].shape);
        Assert.Equal([1L, 512, 8, 6], shapes["layer4"].shape);
    }

    /// <summary>
    /// The bfloat16 network computes in bfloat16 (its activations differ from float32's) yet close to float32: within
    /// 3% of each layer's size (relative L2 distance; 0.3-1.7% measured), and its input gradient points the same way
    /// (cosine above 0.95; 0.97 measured).
    /// </summary>
    [Fact]
    public async Task BFloat16_activations_and_gradient_stay_close_to_float32()
    {
        var model = await InstallAsync();
        using var exact = model.Open(CPU);
        using var rounded = model.Open(CPU, NumericPrecision.BFloat16);
        Assert.Equal(NumericPrecision.BFloat16, rounded.Precision);
        Assert.NotEqual(exact.Identity, rounded.Identity);
        string[] layers = ["maxpool", "layer1", "layer2", "layer3", "layer4"];
        using var scope = NewDisposeScope();

        var (exactLayers, exactGradient) = LayersAndGradient(exact, layers);
        var (roundedLayers, roundedGradient) = LayersAndGradient(rounded, layers);

        foreach (string layer in layers)
        {
            Assert.Equal(ScalarType.Float32, roundedLayers[layer].dtype);
            double distance = roundedLayers[layer].sub(exactLayers[layer]).norm().item<float>() / exactLayers[layer].norm().item<float>();
            _output.WriteLine($"{layer}: relative L2 distance {distance:E2}");
            Assert.InRange(distance, 1e-4, 0.03);
        }
        Assert.Equal(ScalarType.Float32, roundedGradient.dtype);
        double cosine = roundedGradient.flatten().dot(exactGradient.flatten()).item<float>()
            / (roundedGradient.norm().item<float>() * exactGradient.norm().item<float>());
        _output.WriteLine($"input gradient of layer3's mean square: cosine {cosine:F5}");
        Assert.InRange(cosine, 0.95, 1.0);
    }

    /// <summary>The layers' activations at 224×224, and the gradient of layer3's mean square with respect to the pixels.</summary>
    private static (IReadOnlyDictionary<string, Tensor> Layers, Tensor Gradient) LayersAndGradient(IDreamNetwork network, string[] layers)
    {
        var pixels = Pixels(224, 224).requires_grad_(true);
        var activations = network.Forward(pixels, layers);
        activations["layer3"].square().mean().backward();
        return (activations.ToDictionary(pair => pair.Key, pair => pair.Value.detach()), pixels.grad!);
    }

    /// <summary>The formula of make_reference.py: RGB 0-255, a gradient with a ripple, 1×3×H×W.</summary>
    private static Tensor Pixels(int height, int width)
    {
        var values = new float[3 * height * width];
        for (int c = 0; c < 3; c++)
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            values[(c * height + y) * width + x] = (x * 255 / Math.Max(1, width - 1) + 13 * c + (x * y * (c + 1) % 17) * 3) % 256;
        return tensor(values, [1, 3, height, width]);
    }
}
