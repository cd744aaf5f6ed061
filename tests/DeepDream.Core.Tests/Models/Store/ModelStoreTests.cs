using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DeepDream.Import.Onnx;
using DeepDream.Import.Tfjs;
using DeepDream.Models;
using DeepDream.Models.Catalog;
using DeepDream.Models.Store;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Onnx;
using DeepDream.Tests.Import.Tfjs;
using static TorchSharp.torch;

namespace DeepDream.Tests.Models.Store;

public sealed class ModelStoreTests : IDisposable
{
    private static readonly Uri TinyUrl = TestModels.TinyUrl;
    private readonly TempFolder _home = new();
    private string Root => Path.Combine(_home, "models");

    public ModelStoreTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => _home.Dispose();

    /// <summary>A two-layer TF.js model in a folder named "tiny-keras" with an RGB 0-1 sidecar.</summary>
    private string TinyTfjsFolder(bool withSidecar = true)
    {
        var folder = new TfjsTestModel()
            .Input("input_1", 8, 8, 3)
            .Layer("Conv2D", "conv", new JsonObject { ["filters"] = 2, ["kernel_size"] = 3, ["padding"] = "same", ["use_bias"] = false }, "input_1")
            .Layer("Activation", "relu", new JsonObject { ["activation"] = "relu" }, "conv")
            .Weight("conv/kernel", [3, 3, 3, 2], TfjsTestModel.Values(5, 54))
            .WriteJson(Path.Combine(_home, "tiny-keras"));
        if (withSidecar)
            File.WriteAllText(Path.Combine(_home, "tiny-keras.preprocess.json"),
                """{"order": "rgb", "scale": 0.00392157, "mean": [0, 0, 0], "std": [1, 1, 1]}""");
        return folder;
    }

    private byte[] TinyOnnx() => TestModels.TinyOnnx(_home);

    /// <summary>No model and no leftovers: at most the store's empty work folder.</summary>
    private void AssertNothingInstalled(ModelStore store)
    {
        Assert.Empty(store.List());
        var entries = Directory.Exists(Root) ? Directory.GetFileSystemEntries(Root, "*", SearchOption.AllDirectories) : [];
        Assert.All(entries, entry => Assert.Equal(Path.Combine(Root, ".tmp"), entry));
    }

    [Fact]
    public async Task A_model_written_by_a_newer_format_counts_as_absent()
    {
        var store = new ModelStore(Root);
        await store.InstallAsync(TinyTfjsFolder());
        var manifest = Path.Combine(Root, "tiny-keras", ModelStore.ManifestFileName);
        var json = JsonNode.Parse(File.ReadAllText(manifest))!;
        json["formatVersion"] = InstalledModel.CurrentFormatVersion + 1;
        File.WriteAllText(manifest, json.ToJsonString());

        Assert.Empty(store.List());
        Assert.Null(store.Find("tiny-keras"));
    }

    [Fact]
    public async Task An_installed_models_weights_summary_is_kept_beside_it_and_equals_the_computed_one()
    {
        var store = new ModelStore(Root);
        var folder = TinyTfjsFolder();
        var installed = await store.InstallAsync(folder);
        string cache = Path.Combine(installed.Folder, WeightsSummaryCache.FileName);

        using var reference = ModelDefinition.Create("tiny-keras", "", TfjsImporter.Load(folder), installed.Preprocessing, null, store.Catalog).Open(CPU);
        using (var first = store.Open("tiny-keras", CPU))
        {
            Assert.Equal(reference.Identity, first.Identity);
            Assert.Equal(reference.WeightsSha256, first.WeightsSha256);
        }
        Assert.True(File.Exists(cache));
        using (var second = store.Open("tiny-keras", CPU))
        {
            Assert.Equal(reference.Identity, second.Identity);
            Assert.Equal(reference.WeightsSha256, second.WeightsSha256);
        }
        Assert.Contains(reference.WeightsSha256!, File.ReadAllText(cache));
    }

    [Fact]
    public async Task An_installed_onnx_models_kernels_are_stored_channels_last_and_load_to_the_same_network()
    {
        var onnx = new OnnxModelBuilder("data", 1, 3, -1, -1)
            .Floats("w", TfjsTestModel.Values(3, 4 * 3 * 3 * 3), 4, 3, 3, 3)
            .Node("Conv", ["data", "w"], "conv")
            .Node("Relu", ["conv"], "relu")
            .Output("relu")
            .Save(Path.Combine(_home, "kernel.onnx"));
        var store = new ModelStore(Root);

        var installed = await store.InstallAsync(onnx, new InstallOptions { Preprocessing = PreprocessingOverride.All(Preprocessing.TorchvisionImageNet) });

        Assert.True(GraphFile.Read(Path.Combine(installed.Folder, ModelStore.ModelFileName)).Initializers["w"].IsChannelsLast);
        using var network = store.Open(installed.Id, CPU);
        using var reference = ModelDefinition.Create(installed.Id, "", OnnxImporter.Load(onnx), installed.Preprocessing, null, store.Catalog).Open(CPU);
        using var scope = NewDisposeScope();
        var pixels = rand(1, 3, 9, 7, generator: manual_seed(4)) * 255;
        Assert.Equal(reference.Identity, network.Identity);
        Assert.Equal(reference.WeightsSha256, network.WeightsSha256);
        Assert.Equal(reference.Forward(pixels, ["relu"])["relu"].data<float>().ToArray(), network.Forward(pixels, ["relu"])["relu"].data<float>().ToArray());
    }

    [Fact]
    public async Task Install_list_info_open_and_remove_a_local_tfjs_model()
    {
        var store = new ModelStore(Root);
        var folder = TinyTfjsFolder();
        var recorder = new TestModels.Recorder();

        var installed = await store.InstallAsync(folder, progress: recorder);

        Assert.Equal("tiny-keras", installed.Id);
        Assert.Null(installed.CatalogId);
        Assert.Equal(new Preprocessing(ColorOrder.Rgb, 0.00392157f, [0, 0, 0], [1, 1, 1]).ToString(), installed.Preprocessing.ToString());
        Assert.Equal("model.json", installed.SourceFile);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "model.json")))), installed.SourceSha256);
        Assert.True(File.Exists(Path.Combine(Root, "tiny-keras", ModelStore.ModelFileName)));
        Assert.Contains(recorder.Reports, m => m.Message.StartsWith("installed tiny-keras", StringComparison.Ordinal));
        Assert.Equal(["tiny-keras"], store.List().Select(m => m.Id));
        Assert.Equal(installed.InstalledAt, store.Info("tiny-keras").InstalledAt);

        using (var network = store.Open("tiny-keras", CPU))
        using (var reference = ModelDefinition.Create("direct", "", TfjsImporter.Load(folder), installed.Preprocessing, null, store.Catalog).Open(CPU))
        using (NewDisposeScope())
        {
            var pixels = rand(1, 3, 8, 8) * 255;
            Assert.Equal("tiny-keras", network.Name);
            Assert.True(network.Forward(pixels, ["relu"])["relu"].allclose(reference.Forward(pixels, ["relu"])["relu"]));
        }

        Assert.True(store.Remove("tiny-keras"));
        Assert.False(store.Remove("tiny-keras"));
        Assert.Null(store.Find("tiny-keras"));
        AssertNothingInstalled(store);
    }

    [Fact]
    public async Task Unknown_model_without_preprocessing_is_refused_and_names_the_sidecar()
    {
        var store = new ModelStore(Root);
        var folder = TinyTfjsFolder(withSidecar: false);

        var error = await Assert.ThrowsAsync<PreprocessingException>(() => store.InstallAsync(folder));

        Assert.Contains("unknown model, so its preprocessing is unknown; write " + Path.Combine(_home, "tiny-keras.preprocess.json"), error.Message);
        AssertNothingInstalled(store);
    }

    [Fact]
    public async Task Preprocessing_option_installs_an_unknown_model_under_a_chosen_id()
    {
        var store = new ModelStore(Root);

        var installed = await store.InstallAsync(TinyTfjsFolder(withSidecar: false),
            new InstallOptions { Id = "mine", Preprocessing = PreprocessingOverride.All(Preprocessing.TorchvisionImageNet) });

        Assert.Equal("mine", installed.Id);
        Assert.Equal(Preprocessing.TorchvisionImageNet.ToString(), store.Info("mine").Preprocessing.ToString());
    }

    [Fact]
    public async Task Catalog_download_is_verified_and_aliases_resolve_by_pattern()
    {
        var onnx = TinyOnnx();
        var handler = new FakeModelServer(onnx);
        var store = new ModelStore(Root, TestModels.CatalogWith(onnx), new HttpClient(handler));
        var recorder = new TestModels.Recorder();

        var installed = await store.InstallAsync("tiny", progress: recorder);

        Assert.Equal([TinyUrl], handler.Requested);
        Assert.Equal("tiny", installed.CatalogId);
        Assert.Equal(TinyUrl.ToString(), installed.Source);
        Assert.Equal(onnx.Length, installed.SourceSize);
        Assert.Equal("block_a/relu_2", installed.LayerAliases["blocka"]);
        Assert.Equal(["blocka"], installed.RecommendedLayers);
        Assert.Equal(Preprocessing.CaffeBgr.ToString(), installed.Preprocessing.ToString());
        Assert.Contains(recorder.Reports, m => m.BytesDone == onnx.Length && m.BytesTotal == onnx.Length);
        using var network = store.Open("tiny", CPU);
        using var scope = NewDisposeScope();
        Assert.Equal([1L, 2, 5, 4], network.Forward(zeros(1, 3, 5, 4), ["blocka"])["blocka"].shape);
    }

    [Fact]
    public async Task Checksum_mismatch_is_refused_and_nothing_is_installed()
    {
        var onnx = TinyOnnx();
        var store = new ModelStore(Root, TestModels.CatalogWith(onnx, sha256: new string('0', 64)), new HttpClient(new FakeModelServer(onnx)));

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.InstallAsync("tiny"));

        Assert.Contains($"{TinyUrl}: checksum mismatch (SHA-256 {Convert.ToHexStringLower(SHA256.HashData(onnx))}, expected {new string('0', 64)})", error.Message);
        Assert.Contains("instead, fetch tiny.onnx elsewhere (download https://models.example/tiny.onnx) and run `dream models install /path/to/tiny.onnx`", error.Message);
        AssertNothingInstalled(store);
    }

    [Fact]
    public async Task Failed_download_says_how_to_install_by_hand()
    {
        var onnx = TinyOnnx();
        var store = new ModelStore(Root, TestModels.CatalogWith(onnx), new HttpClient(new FakeModelServer(onnx) { Offline = true }));

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.InstallAsync("tiny"));

        Assert.Equal(
            $"tiny: download of {TinyUrl} failed (Name or service not known); instead, fetch tiny.onnx elsewhere " +
            $"(download {TinyUrl}) and run `dream models install /path/to/tiny.onnx`", error.Message);
        AssertNothingInstalled(store);
    }

    [Fact]
    public async Task Truncated_download_is_refused()
    {
        var onnx = TinyOnnx();
        var store = new ModelStore(Root, TestModels.CatalogWith(onnx), new HttpClient(new FakeModelServer(onnx[..^10])));

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.InstallAsync("tiny"));

        Assert.Contains($"the server offers {onnx.Length - 10} bytes, expected {onnx.Length}", error.Message);
        AssertNothingInstalled(store);
    }

    [Fact]
    public async Task Local_file_with_a_pinned_hash_installs_as_its_catalog_model()
    {
        var onnx = TinyOnnx();
        var file = Path.Combine(_home, "downloaded-elsewhere.onnx");
        File.WriteAllBytes(file, onnx);
        var store = new ModelStore(Root, TestModels.CatalogWith(onnx), new HttpClient(new FakeModelServer(onnx) { Offline = true }));

        var installed = await store.InstallAsync(file);

        Assert.Equal("tiny", installed.Id);
        Assert.Equal("tiny", installed.CatalogId);
        Assert.Equal(file, installed.Source);
        Assert.Equal("block_a/relu_2", installed.LayerAliases["blocka"]);
    }

    [Fact]
    public async Task Concurrent_reinstalls_of_one_id_leave_one_complete_model()
    {
        var store = new ModelStore(Root);
        var folder = TinyTfjsFolder();
        await store.InstallAsync(folder);

        // Each reinstall moves the installed copy aside and renames its own in, racing the others.
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => store.InstallAsync(folder))));

        Assert.All(results, r => Assert.Equal("tiny-keras", r.Id));
        Assert.Equal(["tiny-keras"], store.List().Select(m => m.Id));
        Assert.NotNull(store.Load("tiny-keras").Graph);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, ".tmp")));
    }

    [Fact]
    public async Task Unknown_name_is_neither_model_nor_file()
    {
        var error = await Assert.ThrowsAsync<UnknownModelException>(() => new ModelStore(Root).InstallAsync("alexnet"));

        Assert.Equal("alexnet: neither a known model (resnet18, inceptionv3, googlenet, googlenet-torchvision, mobilenetv2) nor an existing file or folder", error.Message);
    }

    [Fact]
    public void Missing_model_error_says_how_to_install_it()
    {
        var error = Assert.Throws<UnknownModelException>(() => new ModelStore(Root).Info("googlenet"));

        Assert.StartsWith("googlenet: not installed; install it with `dream models install googlenet` (needs internet) or " +
                          "`dream models install /path/to/googlenet-12.onnx`", error.Message);
    }
}
