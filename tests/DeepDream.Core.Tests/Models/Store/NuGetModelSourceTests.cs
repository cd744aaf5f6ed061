using DeepDream.Models;
using DeepDream.Models.Catalog;
using DeepDream.Models.Store;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Graph;
using DeepDream.Tests.Import.Onnx;
using DeepDream.Tests.Packages;
using DeepDream.Tests.Sequences;
using NuGet.Packaging;
using NuGet.Versioning;
using static DeepDream.Tests.Import.Onnx.OnnxModelBuilder;

namespace DeepDream.Tests.Models.Store;

/// <summary>
/// A model published as a NuGet package, in a local folder feed named by a NuGet.Config: installed with NuGet's
/// client libraries into the configured global packages folder, then again from there with the feed gone (offline).
/// </summary>
public sealed class NuGetModelSourceTests : IDisposable
{
    private const string PackageId = "DeepDream.Test.Model";
    private const string PathInPackage = "tools/models/tiny.onnx";
    private readonly TempFolder _root = new();
    private readonly string _feed, _globalPackages, _config;

    public NuGetModelSourceTests()
    {
        TorchRuntime.EnsureLoaded();
        _feed = Path.GetFullPath(_root["feed"]);
        _globalPackages = _root["global-packages"];
        _config = Path.GetFullPath(_root["project"]);
        LocalNuGetFeed.Create(_feed, _config, _globalPackages);
    }

    public void Dispose() => _root.Dispose();

    /// <summary>Packs a one-convolution ONNX model as <c>DeepDream.Test.Model 1.2.3</c> into the feed; returns the catalog pinning it.</summary>
    private ModelCatalog PublishPackage()
    {
        var onnx = new OnnxModelBuilder("x", 1, 3, 8, 8)
            .Floats("w", TestTensors.RandomFloats(new Random(5), 2 * 3 * 9), 2, 3, 3, 3)
            .Node("Conv", ["x", "w"], "features", Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1))
            .Output("features")
            .Save(_root["tiny.onnx"]);
        var builder = new PackageBuilder { Id = PackageId, Version = NuGetVersion.Parse("1.2.3"), Description = "a test model" };
        builder.Authors.Add("DeepDream tests");
        builder.Files.Add(new PhysicalPackageFile { SourcePath = onnx, TargetPath = PathInPackage });
        using (var package = File.Create(Path.Combine(_feed, $"{PackageId}.1.2.3.nupkg"))) builder.Save(package);

        var digest = FileDigest.OfAsync(onnx, CancellationToken.None).GetAwaiter().GetResult();
        var entry = new CatalogEntry
        {
            Id = "packaged",
            Family = "Test",
            Description = "a model from a NuGet package",
            Preprocessing = Preprocessing.CaffeBgr,
            LayerAliases = [LayerAliasRule.Exact("features")],
            RecommendedLayers = ["features"],
            Sources = [new NuGetModelSource(PackageId, "1.2.3", PathInPackage, digest.Size, digest.Sha256)],
            License = "MIT",
        };
        return new ModelCatalog([entry], "packaged");
    }

    private ModelStore Store(ModelCatalog catalog) => new(_root["models"], catalog, nuGetConfigRoot: _config);

    [Fact]
    public async Task Installs_from_the_configured_source_then_offline_from_the_global_packages_folder()
    {
        var catalog = PublishPackage();
        var messages = new List<string>();

        var installed = await Store(catalog).InstallAsync("packaged", progress: new SynchronousProgress<InstallProgress>(p => messages.Add(p.Message)));

        Assert.Equal(("tiny.onnx", $"NuGet package {PackageId} 1.2.3, {PathInPackage}"), (installed.SourceFile, installed.Source));
        Assert.Contains(messages, m => m.StartsWith($"fetching NuGet package {PackageId}.1.2.3 from test-feed into {_globalPackages}", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_globalPackages, PackageId.ToLowerInvariant(), "1.2.3", PathInPackage)), "restored like dotnet restore does");

        Directory.Delete(_feed, recursive: true);
        Assert.True(Store(catalog).Remove("packaged"));
        messages.Clear();
        var again = await Store(catalog).InstallAsync("packaged", progress: new SynchronousProgress<InstallProgress>(p => messages.Add(p.Message)));

        Assert.Equal(installed.SourceSha256, again.SourceSha256);
        Assert.DoesNotContain(messages, m => m.StartsWith("fetching NuGet package", StringComparison.Ordinal));
        using var network = Store(catalog).Open("packaged", TorchSharp.torch.CPU);
        Assert.Equal(["features"], network.RecommendedLayers);
    }

    [Fact]
    public async Task A_package_no_source_has_is_an_error_naming_the_sources_and_installs_nothing()
    {
        var catalog = PublishPackage();
        File.Delete(Path.Combine(_feed, $"{PackageId}.1.2.3.nupkg"));

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => Store(catalog).InstallAsync("packaged"));

        Assert.Contains($"NuGet package {PackageId}.1.2.3: not in {_feed}", error.Message);
        Assert.Empty(Store(catalog).List());
    }

    [Fact]
    public async Task A_file_other_than_the_pinned_one_is_refused()
    {
        var pinned = PublishPackage().Entries[0];
        var source = (NuGetModelSource)pinned.Sources[0];
        var catalog = new ModelCatalog([pinned with { Sources = [source with { Sha256 = new string('0', 64) }] }], "packaged");

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => Store(catalog).InstallAsync("packaged"));

        Assert.Contains($"tiny.onnx: size {source.Size} / SHA-256 {source.Sha256} differ from the pinned", error.Message);
        Assert.Empty(Store(catalog).List());
    }
}
