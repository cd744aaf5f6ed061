using DeepDream.Models;
using DeepDream.Models.Store;
using DeepDream.Runtime;
using static TorchSharp.torch;

namespace DeepDream.Tests.Models;

/// <summary>The npm package's InceptionV3 (nsfwjs 4.4.0), fetched with npm (needs npm and its registry).</summary>
[Trait("Category", "RealModel")]
public sealed class RealModelTests : IDisposable
{
    private readonly TempFolder _home = new();

    public RealModelTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task InceptionV3_installs_from_npm_and_dreams_at_any_size()
    {
        var store = new ModelStore(Path.Combine(_home, "models"));

        var installed = await store.InstallAsync("inceptionv3");

        Assert.Equal("nsfwjs-4.4.0.tgz", installed.SourceFile);
        Assert.Equal("585cd178f3b994337c4d10a87b080d342fc52f8b9bf0085c4d1f345a3a1c5382", installed.SourceSha256);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"mixed{i}"), installed.LayerAliases.Keys);
        var model = store.Load("inceptionv3");
        Assert.Equal(["input_1"], [model.Graph.Input.Name]);
        using var network = model.Open(CPU);
        Assert.Contains("conv2d_56", network.LayerNames);

        using var scope = NewDisposeScope();
        // A smooth colour ramp: a real image's statistics without shipping one.
        var ramp = linspace(0, 255, 224).reshape(1, 1, 1, 224);
        var pixels = cat([ramp.expand(1, 1, 224, 224), ramp.transpose(2, 3).expand(1, 1, 224, 224), full(1, 1, 224, 224, 128f)], 1);
        var mixed4 = network.Forward(pixels, ["mixed4"])["mixed4"];

        // 224 → conv 3×3/2 valid 111 → 3×3 valid 109 → pool 3×3/2 54 → 3×3 valid 52 → pool 25 → mixed3 (3×3/2 valid) 12.
        Assert.Equal([1L, 768, 12, 12], mixed4.shape);
        Assert.True(mixed4.isfinite().all().item<bool>());
        Assert.True(mixed4.min().item<float>() >= 0, "mixed4 concatenates ReLU outputs");
        float mean = mixed4.mean().item<float>(), max = mixed4.max().item<float>();
        Assert.InRange(mean, 0.01f, 10f);
        Assert.InRange(max, 0.5f, 100f);
    }
}
