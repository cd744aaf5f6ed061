using System.Text.Json;
using DeepDream.Imaging;

namespace DeepDream.Tests;

/// <summary>
/// Installs the real offline default model (npm package nsfwjs@4.4.0) into a scratch cache once, then drives the
/// commands a newcomer runs. Needs npm and its registry.
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
    public void Smoke_dream_installs_the_default_model_then_everything_finds_it()
    {
        using var folder = new TempFolder();
        var input = folder.Sample("cat_chelsea.jpg");

        var dream = CliRun.Invoke(input, "--preset", "smoke", "--json");
        Assert.True(dream.ExitCode == 0, dream.Error);
        Assert.Contains("installing the default model inceptionv3", dream.Error);
        using (var report = JsonDocument.Parse(dream.Out))
        {
            Assert.Equal("inceptionv3", report.RootElement.GetProperty("model").GetString());
            Assert.Equal("mixed4", report.RootElement.GetProperty("settings").GetProperty("layers")[0].GetProperty("layer").GetString());
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
            Assert.Equal("inceptionv3", models.RootElement.GetProperty("installed")[0].GetProperty("id").GetString());

        var info = CliRun.Invoke("models", "info", "inceptionv3");
        Assert.Contains("585cd178f3b994337c4d10a87b080d342fc52f8b9bf0085c4d1f345a3a1c5382", info.Out);
        Assert.Contains("scale 0.00784314", info.Out);

        var layers = CliRun.Invoke("layers", "--json", "--size", "160");
        Assert.Equal(0, layers.ExitCode);
        using (var json = JsonDocument.Parse(layers.Out))
        {
            var mixed4 = json.RootElement.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("layer").GetString() == "mixed4");
            Assert.Equal([1, 768, 8, 8], mixed4.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        }

        // The package's second model, installed from npm's cache on first use.
        var mobile = CliRun.Invoke(input, "--model", "mobilenetv2", "--preset", "smoke", "-o", folder["mobile.png"], "--json");
        Assert.True(mobile.ExitCode == 0, mobile.Error);
        using (var report = JsonDocument.Parse(mobile.Out))
            Assert.Equal("block_5_add", report.RootElement.GetProperty("settings").GetProperty("layers")[0].GetProperty("layer").GetString());
        Assert.Equal(0, CliRun.Invoke("models", "remove", "mobilenetv2").ExitCode);

        // A GoogLeNet layer while InceptionV3 is active: an error that says what to do, and no output.
        File.Delete(folder["cat_chelsea.dream.jpg"]);
        var run = CliRun.Invoke(input, "--preset", "smoke", "--layer", "inception4c", "-q");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("inceptionv3", run.Error);
        Assert.Contains("mixed4", run.Error);
        Assert.Contains("dream models install googlenet", run.Error);
        Assert.False(File.Exists(folder["cat_chelsea.dream.jpg"]));
        Assert.Equal(fixture.Home.Path, Environment.GetEnvironmentVariable("DEEPDREAM_HOME"));
    }
}
