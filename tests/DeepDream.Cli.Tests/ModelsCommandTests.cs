using System.Text.Json;
using DeepDream.Imaging;

namespace DeepDream.Tests;

/// <summary>
/// Installing, using, inspecting and removing a model the catalog doesn't know (the PyTorch-exported fixture),
/// in the scratch cache of the real-model tests (the two share DEEPDREAM_HOME, so they never run at the same time).
/// </summary>
[Collection(nameof(RealModelTests))]
public sealed class ModelsCommandTests
{
    private static readonly string Onnx = Path.Combine(AppContext.BaseDirectory, "fixtures", "torch-export", "small_inception.onnx");

    [Fact]
    public void An_unknown_model_needs_its_preprocessing_then_works_like_any_other()
    {
        using var folder = new TempFolder();
        var input = folder.Sample("cat_chelsea.jpg");

        var refused = CliRun.Invoke("models", "install", Onnx, "--as", "mynet", "-q");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("preprocessing is unknown", refused.Error);
        Assert.Contains("--input-scale", refused.Error);

        // Layer names and shapes do not depend on preprocessing; activations on an image do.
        var layers = CliRun.Invoke("layers", "--model", Onnx, "--size", "64");
        Assert.True(layers.ExitCode == 0, layers.Error);
        Assert.Contains("inception", layers.Out);
        var statistics = CliRun.Invoke("layers", "--model", Onnx, "--image", input);
        Assert.Equal(2, statistics.ExitCode);
        Assert.Contains("preprocessing is unknown", statistics.Error);

        var install = CliRun.Invoke("models", "install", Onnx, "--as", "mynet", "--input-scale", "0.00392157", "--json");
        Assert.True(install.ExitCode == 0, install.Error);
        using (var manifest = JsonDocument.Parse(install.Out))
            Assert.Equal(0.00392157, manifest.RootElement.GetProperty("preprocessing").GetProperty("scale").GetDouble(), 6);

        var noLayer = CliRun.Invoke(input, "--model", "mynet", "--preset", "smoke", "-o", folder["a.png"]);
        Assert.Equal(2, noLayer.ExitCode);
        Assert.Contains("has no recommended layer", noLayer.Error);

        var dream = CliRun.Invoke(input, "--model", "mynet", "--layer", "inception", "--preset", "smoke", "-o", folder["a.png"], "-q");
        Assert.Equal(0, dream.ExitCode);
        var dreamed = ImageFile.Read(folder["a.png"], ImageReadOptions.Default);
        Assert.Equal((128, 85), (dreamed.Width, dreamed.Height));

        var info = CliRun.Invoke("models", "info", "mynet");
        Assert.Contains("preprocessing: RGB, scale 0.00392157", info.Out);

        Assert.Equal(0, CliRun.Invoke("models", "remove", "mynet").ExitCode);
        var again = CliRun.Invoke("models", "remove", "mynet");
        Assert.Equal(2, again.ExitCode);
        Assert.Equal("dream: error: mynet: not installed (see `dream models list`)", again.Error.Trim());
    }
}
