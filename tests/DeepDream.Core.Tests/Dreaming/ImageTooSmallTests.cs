using DeepDream.Dreaming;
using DeepDream.Import.Graph;
using DeepDream.Import.Onnx;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Graph;
using DeepDream.Tests.Import.Onnx;
using static TorchSharp.torch;

namespace DeepDream.Tests.Dreaming;

/// <summary>
/// An image smaller than the layers' windows: the refusal says the image's size and the smallest that works, instead
/// of libtorch's "Kernel size can't be greater than actual input size" naming the model.
/// </summary>
public sealed class ImageTooSmallTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public ImageTooSmallTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => _directory.Dispose();

    /// <summary>A 7×7 convolution without padding, then ReLU: it runs on 7×7 and larger only.</summary>
    private GraphNetwork SevenBySeven()
    {
        var path = new OnnxModelBuilder("x", 1, 3, -1, -1)
            .Floats("w", TestTensors.RandomFloats(new Random(5), 2 * 3 * 49), 2, 3, 7, 7)
            .Node("Conv", ["x", "w"], "conv")
            .Node("Relu", ["conv"], "relu")
            .Save(_directory.File("seven.onnx"));
        return new GraphNetwork(OnnxImporter.Load(path), TestTensors.PassThrough, new Dictionary<string, string>(), ["relu"], CPU);
    }

    private static DreamSettings OneOctave => new() { Octaves = 1, Steps = 1, Jitter = 0, Layers = [new LayerObjective("relu")] };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 500)]
    [InlineData(6, 6)]
    [InlineData(40, 5)]
    public void AnImageBelowTheSmallestSizeTheLayersTakeIsRefusedWithThatSize(int height, int width)
    {
        using var network = SevenBySeven();
        using var image = TestImages.Random(height, width, 1);

        var error = Assert.Throws<ImageTooSmallException>(() => new Dreamer(network).Dream(image, OneOctave).Dispose());

        Assert.Equal(7, error.MinimumSide);
        Assert.Equal($"the image is {width}x{height} pixels, smaller than the 7x7 that seven.onnx needs at relu", error.Message);
        Assert.Equal($"photo.png: {error.Message}", error.For("photo.png").Message);
    }

    [Fact]
    public void TheSmallestSizeItselfIsDreamed()
    {
        using var network = SevenBySeven();
        using var image = TestImages.Random(7, 9, 1);

        using var result = new Dreamer(network).Dream(image, OneOctave);

        Assert.Equal([1L, 3, 7, 9], result.Image.shape);
    }

    [Fact]
    public void AnImageLargeEnoughWhoseCoarseOctaveIsNotIsToldToUseFewerOctaves()
    {
        using var network = SevenBySeven();
        using var image = TestImages.Random(24, 24, 1);
        var settings = OneOctave with { Octaves = 3, OctaveScale = 2 };

        var error = Assert.Throws<DreamSettingsException>(() => new Dreamer(network).Dream(image, settings).Dispose());

        Assert.Equal("the 6x6 octave is too small for seven.onnx at relu: use fewer --octaves, a smaller --octave-scale or a larger image " +
            "(the layers need at least 7x7)", error.Message);
    }
}
