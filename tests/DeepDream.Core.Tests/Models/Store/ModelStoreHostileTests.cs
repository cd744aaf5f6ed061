using System.Text.Json.Nodes;
using DeepDream.IO;
using DeepDream.Models;
using DeepDream.Models.Store;
using DeepDream.Runtime;
using DeepDream.Tests.Import.Tfjs;
using DeepDream.Tests.IO;

namespace DeepDream.Tests.Models.Store;

/// <summary>The store converts only what lies in the model's folder, and cleans up after installs that were killed.</summary>
public sealed class ModelStoreHostileTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("model-store-hostile-").FullName;
    private string Root => Path.Combine(_home, "models");
    private string Work => Path.Combine(Root, ".tmp");

    public ModelStoreHostileTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private string TinyTfjsFolder()
    {
        var folder = new TfjsTestModel()
            .Input("input_1", 8, 8, 3)
            .Layer("Conv2D", "conv", new JsonObject { ["filters"] = 2, ["kernel_size"] = 3, ["padding"] = "same", ["use_bias"] = false }, "input_1")
            .Weight("conv/kernel", [3, 3, 3, 2], TfjsTestModel.Values(5, 54))
            .WriteJson(Path.Combine(_home, "tiny-keras"), shards: 1);
        File.WriteAllText(Path.Combine(_home, "tiny-keras.preprocess.json"), """{"order": "rgb", "scale": 1, "mean": [0, 0, 0], "std": [1, 1, 1]}""");
        return folder;
    }

    [Fact]
    public async Task A_shard_linked_out_of_the_folder_installs_nothing_and_leaves_nothing()
    {
        var folder = TinyTfjsFolder();
        var shard = Path.Combine(folder, "group1-shard1of1.bin");
        File.Delete(shard);
        File.CreateSymbolicLink(shard, "/etc/passwd");
        var store = new ModelStore(Root);

        var error = await Assert.ThrowsAsync<ModelFormatException>(() => store.InstallAsync(folder));

        Assert.Contains("resolves to /etc/passwd, outside the folder", error.Message);
        Assert.Empty(store.List());
        Assert.Empty(Directory.Exists(Work) ? Directory.GetFileSystemEntries(Work) : []);
    }

    [Fact]
    public async Task A_model_path_that_is_a_device_is_refused_instead_of_hashed_for_ever()
    {
        var error = await Assert.ThrowsAsync<ModelFormatException>(() => new ModelStore(Root).InstallAsync("/dev/zero"));

        Assert.Equal("/dev/zero: is a character device, not a regular file", error.Message);
    }

    [Fact]
    public async Task Staging_left_by_a_killed_install_is_deleted_by_the_next_and_a_running_ones_is_kept()
    {
        string dead = $"{SpecialFiles.DeadProcessId()}@{Leftovers.Tag.Split('@')[1]}";
        var killed = Directory.CreateDirectory(Path.Combine(Work, $"inceptionv3.fetch.{dead}.0123456789abcdef0123456789abcdef")).FullName;
        File.WriteAllBytes(Path.Combine(killed, "nsfwjs-4.4.0.tgz"), new byte[1000]);
        var running = Directory.CreateDirectory(Path.Combine(Work, $"tiny-keras.{Leftovers.Tag}.fedcba9876543210fedcba9876543210")).FullName;

        var installed = await new ModelStore(Root).InstallAsync(TinyTfjsFolder());

        Assert.Equal("tiny-keras", installed.Id);
        Assert.False(Directory.Exists(killed));
        Assert.True(Directory.Exists(running));
    }

    [Fact]
    public async Task An_installed_model_file_swapped_for_a_link_out_of_its_folder_is_not_loaded()
    {
        var store = new ModelStore(Root);
        await store.InstallAsync(TinyTfjsFolder());
        var converted = Path.Combine(Root, "tiny-keras", ModelStore.ModelFileName);
        File.Move(converted, Path.Combine(_home, "elsewhere.ddm"));
        File.CreateSymbolicLink(converted, Path.Combine(_home, "elsewhere.ddm"));

        var error = Assert.Throws<ModelFormatException>(() => store.Load("tiny-keras"));

        Assert.Equal($"{converted}: resolves to {Path.Combine(_home, "elsewhere.ddm")}, outside the folder {Path.Combine(Root, "tiny-keras")}", error.Message);
    }
}
