using DeepDream.Models;
using DeepDream.Models.Store;
using DeepDream.Runtime;

namespace DeepDream.Tests.Models;

/// <summary>One class, so its tests (some set DEEPDREAM_MODEL) never run in parallel with each other.</summary>
public sealed class ModelResolverTests : IDisposable
{
    private static readonly Uri SmallUrl = new("https://models.example/small.onnx");
    private readonly TempFolder _home = new();
    private readonly byte[] _onnx;
    private readonly string? _previousVariable = Environment.GetEnvironmentVariable(ModelResolver.ModelVariable);

    public ModelResolverTests()
    {
        TorchRuntime.EnsureLoaded();
        Environment.SetEnvironmentVariable(ModelResolver.ModelVariable, null);
        _onnx = TestModels.TinyOnnx(_home);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(ModelResolver.ModelVariable, _previousVariable);
        _home.Dispose();
    }

    /// <summary>"small" (the default, preference 1) and "large" (preference 2): the same file at two URLs.</summary>
    private ModelStore Store(bool offline = false)
    {
        var catalog = new DeepDream.Models.Catalog.ModelCatalog(
            [TestModels.TinyEntry("small", _onnx, SmallUrl, preference: 1), TestModels.TinyEntry("large", _onnx, TestModels.TinyUrl, preference: 2)],
            "small");
        return new ModelStore(Path.Combine(_home, "models"), catalog, new HttpClient(new FakeModelServer(_onnx) { Offline = offline }));
    }

    [Fact]
    public async Task First_use_installs_the_default_and_says_so()
    {
        var store = Store();
        var recorder = new TestModels.Recorder();

        var model = await new ModelResolver(store, recorder).ResolveAsync(null);

        Assert.Equal("small", model.Id);
        Assert.Equal(
            $"no model installed yet: installing the default model small from {SmallUrl} into {store.Root} (once)",
            recorder.Reports[0].Message);
        Assert.Equal(["small"], store.List().Select(m => m.Id));
    }

    [Fact]
    public async Task Best_installed_catalog_model_wins_without_a_request()
    {
        var store = Store();
        await store.InstallAsync("small");
        await store.InstallAsync("large");
        var resolver = new ModelResolver(store);

        Assert.Equal("large", (await resolver.ResolveAsync(null)).Id);
        store.Remove("large");
        Assert.Equal("small", (await resolver.ResolveAsync(null)).Id);
    }

    [Fact]
    public async Task Request_beats_environment_which_beats_the_installed_choice()
    {
        var store = Store();
        await store.InstallAsync("small");
        await store.InstallAsync("large");
        var resolver = new ModelResolver(store);
        Environment.SetEnvironmentVariable(ModelResolver.ModelVariable, "small");

        Assert.Equal("small", (await resolver.ResolveAsync(null)).Id);
        Assert.Equal("large", (await resolver.ResolveAsync("large")).Id);
    }

    [Fact]
    public async Task Model_file_path_is_opened_directly_with_its_recognised_layout()
    {
        var folder = TestModels.InceptionLike(Path.Combine(_home, "keras-like"));
        var store = new ModelStore(Path.Combine(_home, "models"));

        var model = await new ModelResolver(store).ResolveAsync(folder);

        Assert.Equal("keras-like", model.Id);
        Assert.Equal("inceptionv3", model.Entry?.Id);
        Assert.Same(Preprocessing.KerasInception, model.Preprocessing);
        Assert.Equal(["mixed4", "mixed3", "mixed5"], model.RecommendedLayers);
        Assert.Empty(store.List());
    }

    [Fact]
    public async Task Another_file_of_a_catalog_network_answers_to_the_catalog_name()
    {
        var folder = TestModels.InceptionLike(Path.Combine(_home, "my-inception"));
        var store = new ModelStore(Path.Combine(_home, "models"));
        var installed = await store.InstallAsync(folder);
        var recorder = new TestModels.Recorder();
        var resolver = new ModelResolver(store, recorder);

        var asked = await resolver.ResolveAsync("inceptionv3");
        var unasked = await resolver.ResolveAsync(null);

        Assert.Equal(("my-inception", "inceptionv3"), (installed.Id, installed.CatalogId));
        Assert.Equal("my-inception", asked.Id);
        Assert.Equal("using my-inception, an installed InceptionV3 file laid out like inceptionv3", recorder.Reports.Single().Message);
        Assert.Equal("my-inception", unasked.Id);
        Assert.Equal(["my-inception"], store.List().Select(m => m.Id));
    }

    [Fact]
    public async Task Preprocessing_options_override_the_model_and_are_checked()
    {
        var store = Store();
        await store.InstallAsync("small");
        var resolver = new ModelResolver(store);

        var model = await resolver.ResolveAsync("small", PreprocessingOverride.All(Preprocessing.TorchvisionImageNet));
        var error = await Assert.ThrowsAsync<PreprocessingException>(() =>
            resolver.ResolveAsync("small", new PreprocessingOverride(Std: [1, 0, 1])));

        Assert.Equal(Preprocessing.TorchvisionImageNet, model.Preprocessing);
        Assert.Equal("preprocessing options: std must be three positive numbers", error.Message);
    }

    [Fact]
    public async Task A_partial_override_keeps_the_models_other_values()
    {
        var store = Store();
        await store.InstallAsync("small");
        var own = store.Load("small").Preprocessing;

        var model = await new ModelResolver(store).ResolveAsync("small", new PreprocessingOverride(Std: [2, 3, 4]));

        Assert.Equal((own.Order, own.Scale), (model.Preprocessing.Order, model.Preprocessing.Scale));
        Assert.Equal(own.Mean, model.Preprocessing.Mean);
        Assert.Equal([2f, 3f, 4f], model.Preprocessing.Std);
    }

    [Fact]
    public async Task Requested_catalog_model_that_cannot_be_fetched_is_an_error_not_a_substitute()
    {
        var store = Store(offline: true);

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => new ModelResolver(store).ResolveAsync("large"));

        Assert.StartsWith($"large: download of {TestModels.TinyUrl} failed", error.Message);
        Assert.Empty(store.List());
    }

    [Fact]
    public async Task Unknown_name_lists_what_exists()
    {
        Environment.SetEnvironmentVariable(ModelResolver.ModelVariable, "vgg16");

        var error = await Assert.ThrowsAsync<UnknownModelException>(() => new ModelResolver(Store()).ResolveAsync(null));

        Assert.Equal("DEEPDREAM_MODEL vgg16: not an installed model (none installed), a known model (small, large) or an existing model file", error.Message);
    }
}
