using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DeepDream.Models;
using DeepDream.Models.Catalog;
using DeepDream.Models.Store;
using DeepDream.Tests.Import.Onnx;
using DeepDream.Tests.Import.Tfjs;

namespace DeepDream.Tests.Models;

/// <summary>Small models and catalogs for the model-management tests.</summary>
internal static class TestModels
{
    public static readonly Uri TinyUrl = new("https://models.example/tiny.onnx");

    /// <summary>A TF.js model whose layers carry InceptionV3's names mixed3 → mixed4 → mixed5 (8×8 RGB input).</summary>
    public static string InceptionLike(string folder) => new TfjsTestModel()
        .Input("input_1", 8, 8, 3)
        .Layer("Conv2D", "mixed3", new JsonObject { ["filters"] = 2, ["kernel_size"] = 3, ["padding"] = "same", ["use_bias"] = false }, "input_1")
        .Layer("Activation", "mixed4", new JsonObject { ["activation"] = "relu" }, "mixed3")
        .Layer("Conv2D", "mixed5", new JsonObject { ["filters"] = 2, ["kernel_size"] = 1, ["use_bias"] = false }, "mixed4")
        .Weight("mixed3/kernel", [3, 3, 3, 2], TfjsTestModel.Values(7, 54))
        .Weight("mixed5/kernel", [1, 1, 2, 2], [1, 0.5f, -0.5f, 1])
        .WriteJson(folder);

    /// <summary>An ONNX file's bytes: data → Conv 1×1 (2 channels) → Relu, named like a Caffe2 export (block_a/…).</summary>
    public static byte[] TinyOnnx(string scratchFolder)
    {
        var path = new OnnxModelBuilder("data", 1, 3, -1, -1)
            .Floats("w", TfjsTestModel.Values(6, 6), 2, 3, 1, 1)
            .Node("Conv", ["data", "w"], "block_a/conv_1")
            .Node("Relu", ["block_a/conv_1"], "block_a/relu_2")
            .Output("block_a/relu_2")
            .Save(Path.Combine(scratchFolder, $"tiny-{Guid.NewGuid():N}.onnx"));
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    /// <summary>A catalog entry for <paramref name="onnx"/> served at <paramref name="url"/>, pinned to its size and hash unless told otherwise.</summary>
    public static CatalogEntry TinyEntry(string id, byte[] onnx, Uri url, int preference = 0, string? sha256 = null) => new()
    {
        Id = id,
        Family = "Tiny",
        Description = $"test network {id}",
        Preprocessing = Preprocessing.CaffeBgr,
        LayerAliases = [new LayerAliasRule("blocka", "^block_a/")],
        RecommendedLayers = ["blocka"],
        Sources = [new HttpModelSource(url, Path.GetFileName(url.AbsolutePath), onnx.Length, sha256 ?? Convert.ToHexStringLower(SHA256.HashData(onnx)))],
        License = "test",
        Preference = preference,
    };

    public static ModelCatalog CatalogWith(byte[] onnx, string? sha256 = null) => new([TinyEntry("tiny", onnx, TinyUrl, sha256: sha256)], "tiny");

    /// <summary>Collects progress reports synchronously (System.Progress would post them later).</summary>
    public sealed class Recorder : IProgress<InstallProgress>
    {
        public List<InstallProgress> Reports { get; } = [];

        public void Report(InstallProgress value)
        {
            lock (Reports) Reports.Add(value);
        }
    }
}
