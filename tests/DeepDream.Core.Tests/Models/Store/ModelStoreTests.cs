using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
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
    private static readonly Uri TinyUrl = new("https://models.example/tiny.onnx");
    private readonly string _home = Directory.CreateTempSubdirectory("model-store-").FullName;
    private string Root => Path.Combine(_home, "models");

    public ModelStoreTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => Directory.Delete(_home, recursive: true);

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

    private byte[] TinyOnnx()
    {
        var path = new OnnxModelBuilder("data", 1, 3, -1, -1)
            .Floats("w", TfjsTestModel.Values(6, 6), 2, 3, 1, 1)
            .Node("Conv", ["data", "w"], "block_a/conv_1")
            .Node("Relu", ["block_a/conv_1"], "block_a/relu_2")
            .Output("block_a/relu_2")
            .Save(Path.Combine(_home, "made.onnx"));
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    private static ModelCatalog CatalogWith(byte[] onnx, string? sha256 = null) => new(
    [
        new CatalogEntry
        {
            Id = "tiny",
            Family = "Tiny",
            Description = "a one-block test network",
            Preprocessing = Preprocessing.CaffeBgr,
            LayerAliases = [new LayerAliasRule("blocka", "^block_a/")],
            RecommendedLayers = ["blocka"],
            Sources = [new HttpModelSource(TinyUrl, "tiny.onnx", onnx.Length, sha256 ?? Convert.ToHexStringLower(SHA256.HashData(onnx)))],
            License = "test",
        },
    ], "tiny");

    private void AssertNothingInstalled(ModelStore store)
    {
        Assert.Empty(store.List());
        Assert.Equal([".tmp"], Directory.EnumerateDirectories(Root).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, ".tmp")));
    }

    [Fact]
    public async Task Install_list_info_open_and_remove_a_local_tfjs_model()
    {
        var store = new ModelStore(Root);
        var folder = TinyTfjsFolder();
        var messages = new List<InstallProgress>();

        var installed = await store.InstallAsync(folder, progress: new Recorder(messages));

        Assert.Equal("tiny-keras", installed.Id);
        Assert.Null(installed.CatalogId);
        Assert.Equal(new Preprocessing(ColorOrder.Rgb, 0.00392157f, [0, 0, 0], [1, 1, 1]).ToString(), installed.Preprocessing.ToString());
        Assert.Equal("model.json", installed.SourceFile);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "model.json")))), installed.SourceSha256);
        Assert.True(File.Exists(Path.Combine(Root, "tiny-keras", ModelStore.ModelFileName)));
        Assert.Contains(messages, m => m.Message.StartsWith("installed tiny-keras", StringComparison.Ordinal));
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

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.InstallAsync(folder));

        Assert.Contains("unknown model, so its preprocessing is unknown; write " + Path.Combine(_home, "tiny-keras.preprocess.json"), error.Message);
        AssertNothingInstalled(store);
    }

    [Fact]
    public async Task Preprocessing_option_installs_an_unknown_model_under_a_chosen_id()
    {
        var store = new ModelStore(Root);

        var installed = await store.InstallAsync(TinyTfjsFolder(withSidecar: false),
            new InstallOptions { Id = "mine", Preprocessing = Preprocessing.TorchvisionImageNet });

        Assert.Equal("mine", installed.Id);
        Assert.Equal(Preprocessing.TorchvisionImageNet.ToString(), store.Info("mine").Preprocessing.ToString());
    }

    [Fact]
    public async Task Catalog_download_is_verified_and_aliases_resolve_by_pattern()
    {
        var onnx = TinyOnnx();
        var handler = new FakeServer(onnx);
        var store = new ModelStore(Root, CatalogWith(onnx), new HttpClient(handler));
        var messages = new List<InstallProgress>();

        var installed = await store.InstallAsync("tiny", progress: new Recorder(messages));

        Assert.Equal([TinyUrl], handler.Requested);
        Assert.Equal("tiny", installed.CatalogId);
        Assert.Equal(TinyUrl.ToString(), installed.Source);
        Assert.Equal(onnx.Length, installed.SourceSize);
        Assert.Equal("block_a/relu_2", installed.LayerAliases["blocka"]);
        Assert.Equal(["blocka"], installed.RecommendedLayers);
        Assert.Equal(Preprocessing.CaffeBgr.ToString(), installed.Preprocessing.ToString());
        Assert.Contains(messages, m => m.BytesDone == onnx.Length && m.BytesTotal == onnx.Length);
        using var network = store.Open("tiny", CPU);
        using var scope = NewDisposeScope();
        Assert.Equal([1L, 2, 5, 4], network.Forward(zeros(1, 3, 5, 4), ["blocka"])["blocka"].shape);
    }

    [Fact]
    public async Task Checksum_mismatch_is_refused_and_nothing_is_installed()
    {
        var onnx = TinyOnnx();
        var store = new ModelStore(Root, CatalogWith(onnx, sha256: new string('0', 64)), new HttpClient(new FakeServer(onnx)));

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => store.InstallAsync("tiny"));

        Assert.Contains($"{TinyUrl}: checksum mismatch (SHA-256 {Convert.ToHexStringLower(SHA256.HashData(onnx))}, expected {new string('0', 64)})", error.Message);
        Assert.Contains("instead, fetch tiny.onnx elsewhere (download https://models.example/tiny.onnx) and run `dream models install /path/to/tiny.onnx`", error.Message);
        AssertNothingInstalled(store);
    }

    [Fact]
    public async Task Failed_download_says_how_to_install_by_hand()
    {
        var onnx = TinyOnnx();
        var store = new ModelStore(Root, CatalogWith(onnx), new HttpClient(new FakeServer(onnx) { Offline = true }));

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
        var store = new ModelStore(Root, CatalogWith(onnx), new HttpClient(new FakeServer(onnx[..^10])));

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
        var store = new ModelStore(Root, CatalogWith(onnx), new HttpClient(new FakeServer(onnx) { Offline = true }));

        var installed = await store.InstallAsync(file);

        Assert.Equal("tiny", installed.Id);
        Assert.Equal("tiny", installed.CatalogId);
        Assert.Equal(file, installed.Source);
        Assert.Equal("block_a/relu_2", installed.LayerAliases["blocka"]);
    }

    [Fact]
    public async Task Concurrent_installs_of_one_id_leave_one_complete_model()
    {
        var store = new ModelStore(Root);
        var folder = TinyTfjsFolder();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.InstallAsync(folder))));

        Assert.All(results, r => Assert.Equal("tiny-keras", r.Id));
        Assert.Equal(["tiny-keras"], store.List().Select(m => m.Id));
        Assert.NotNull(store.Load("tiny-keras").Graph);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, ".tmp")));
    }

    [Fact]
    public async Task Unknown_name_is_neither_model_nor_file()
    {
        var error = await Assert.ThrowsAsync<ModelStoreException>(() => new ModelStore(Root).InstallAsync("alexnet"));

        Assert.Equal("alexnet: neither a known model (inceptionv3, googlenet, googlenet-torchvision) nor an existing file or folder", error.Message);
    }

    [Fact]
    public void Missing_model_error_says_how_to_install_it()
    {
        var error = Assert.Throws<ModelStoreException>(() => new ModelStore(Root).Info("googlenet"));

        Assert.StartsWith("googlenet: not installed; install it with `dream models install googlenet` (needs internet) or " +
                          "`dream models install /path/to/googlenet-12.onnx`", error.Message);
    }

    private sealed class Recorder(List<InstallProgress> messages) : IProgress<InstallProgress>
    {
        public void Report(InstallProgress value)
        {
            lock (messages) messages.Add(value);
        }
    }

    /// <summary>Serves one body for any request, or fails like a machine without network.</summary>
    private sealed class FakeServer(byte[] body) : HttpMessageHandler
    {
        public bool Offline { get; init; }
        public List<Uri> Requested { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requested.Add(request.RequestUri!);
            if (Offline) throw new HttpRequestException("offline", new IOException("Name or service not known"));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
        }
    }
}
