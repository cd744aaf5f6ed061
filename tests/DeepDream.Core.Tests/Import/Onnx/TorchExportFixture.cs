using System.Text.Json;
using static TorchSharp.torch;

namespace DeepDream.Tests.Import.Onnx;

/// <summary>The files in tests/fixtures/torch-export: ONNX exports made by PyTorch and the values it computed.</summary>
internal static class TorchExportFixture
{
    private static readonly string Folder = System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", "torch-export");

    public static string Path(string file) => System.IO.Path.Combine(Folder, file);

    /// <summary>The tensors of <paramref name="stem"/>.bin, named and shaped by <paramref name="stem"/>.json (float32, little-endian).</summary>
    public static Dictionary<string, Tensor> References(string stem)
    {
        var bytes = File.ReadAllBytes(Path(stem + ".bin"));
        using var header = JsonDocument.Parse(File.ReadAllText(Path(stem + ".json")));
        var tensors = new Dictionary<string, Tensor>();
        foreach (var entry in header.RootElement.GetProperty("tensors").EnumerateArray())
        {
            var shape = entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            int offset = entry.GetProperty("offset").GetInt32();
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            Buffer.BlockCopy(bytes, offset, values, 0, values.Length * sizeof(float));
            tensors[entry.GetProperty("name").GetString()!] = tensor(values, shape);
        }
        return tensors;
    }

    /// <summary>Largest absolute difference divided by the reference's largest absolute value.</summary>
    public static double RelativeError(Tensor actual, Tensor expected) =>
        actual.sub(expected).abs().max().item<float>() / (double)expected.abs().max().item<float>();
}
