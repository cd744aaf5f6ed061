using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using DeepDream.Import.Onnx;
using DeepDream.Import.Tfjs;
using DeepDream.Models;
using DeepDream.Tests.Import.Onnx;
using DeepDream.Tests.Import.Tfjs;
using DeepDream.Tests.IO;
using static DeepDream.Tests.Import.Onnx.OnnxModelBuilder;

namespace DeepDream.Tests.Import;

/// <summary>
/// Files a model pulls in that are links out of its folder, FIFOs or devices: refused at once with a message naming
/// them, never read (no /etc/passwd in a weight, no hang, no gigabytes of zeros).
/// </summary>
public sealed class HostileModelFileTests : IDisposable
{
    private readonly TempFolder _directory = new();

    public void Dispose() => _directory.Dispose();

    private string OnnxWithExternalData(string location = "w.bin")
    {
        var model = new OnnxModelBuilder("x", 1, 3, 2, 2)
            .Initializer(External("w", 3, ("location", location)))
            .Node("Identity", ["x"], "y");
        return model.Save(_directory["model.onnx"]);
    }

    private static ModelFormatException OnnxFails(string path, OnnxImportOptions? options = null) =>
        Assert.Throws<ModelFormatException>(() => OnnxImporter.Load(path, options));

    private string TfjsModel()
    {
        var folder = _directory["tfjs"];
        return new TfjsTestModel()
            .Input("input_1", 4, 4, 2)
            .Layer("Conv2D", "conv", new JsonObject { ["filters"] = 2, ["kernel_size"] = 1, ["use_bias"] = false }, "input_1")
            .Weight("conv/kernel", [1, 1, 2, 2], [1, 2, 3, 4])
            .WriteJson(folder, shards: 1);
    }

    [Fact]
    public void Onnx_external_data_linked_to_etc_passwd_is_refused()
    {
        File.CreateSymbolicLink(_directory["w.bin"], "/etc/passwd");

        var error = OnnxFails(OnnxWithExternalData());

        Assert.Equal($"{_directory["model.onnx"]}: tensor 'w' refers to unusable external data " +
            $"({_directory["w.bin"]}: resolves to /etc/passwd, outside the folder {_directory.Path})", error.Message);
    }

    [Fact]
    public void Onnx_external_data_through_a_linked_subfolder_leaving_the_models_folder_is_refused()
    {
        Directory.CreateSymbolicLink(_directory["data"], "/etc");

        Assert.Contains("resolves to /etc/passwd, outside the folder", OnnxFails(OnnxWithExternalData("data/passwd")).Message);
    }

    [Fact]
    public void Onnx_external_data_that_is_a_fifo_or_dev_zero_is_refused_without_reading()
    {
        SpecialFiles.Fifo(_directory["w.bin"]);
        Assert.EndsWith("w.bin: is a FIFO (named pipe), not a regular file)", OnnxFails(OnnxWithExternalData()).Message);

        File.Delete(_directory["w.bin"]);
        File.CreateSymbolicLink(_directory["w.bin"], "/dev/zero");
        Assert.EndsWith("w.bin: is a character device, not a regular file)", OnnxFails(OnnxWithExternalData()).Message);
    }

    [Fact]
    public void Onnx_external_data_linked_inside_the_folder_is_read()
    {
        float[] weights = [1f, -2f, 3f];
        Directory.CreateDirectory(_directory["blobs"]);
        File.WriteAllBytes(_directory["blobs/real.bin"], MemoryMarshal.AsBytes(weights.AsSpan()).ToArray());
        File.CreateSymbolicLink(_directory["w.bin"], "blobs/real.bin");

        Assert.Equal(weights, OnnxImporter.Load(OnnxWithExternalData()).Initializers["w"].Floats);
    }

    [Fact]
    public void An_onnx_model_file_that_is_a_fifo_or_a_device_is_refused()
    {
        SpecialFiles.Fifo(_directory["pipe.onnx"]);

        Assert.Equal($"{_directory["pipe.onnx"]}: is a FIFO (named pipe), not a regular file", OnnxFails(_directory["pipe.onnx"]).Message);
        Assert.Equal("/dev/zero: is a character device, not a regular file", OnnxFails("/dev/zero").Message);
    }

    [Fact]
    public void A_graph_with_more_nodes_than_the_limit_is_refused_before_any_is_converted()
    {
        var model = new OnnxModelBuilder("x", 1, 3, 2, 2);
        string previous = "x";
        for (int i = 0; i < 5; i++) model.Node("Relu", [previous], previous = $"r{i}");

        var error = OnnxFails(model.Save(_directory["chain.onnx"]), new OnnxImportOptions { MaxNodes = 4 });

        Assert.Equal($"{_directory["chain.onnx"]}: 5 nodes, over the limit of 4 for a model", error.Message);
    }

    [Fact]
    public void A_tfjs_shard_linked_to_etc_passwd_is_refused()
    {
        var folder = TfjsModel();
        var shard = Path.Combine(folder, "group1-shard1of1.bin");
        File.Delete(shard);
        File.CreateSymbolicLink(shard, "/etc/passwd");

        var error = Assert.Throws<ModelFormatException>(() => TfjsImporter.Load(folder));

        Assert.Equal($"{shard}: resolves to /etc/passwd, outside the folder {folder}", error.Message);
    }

    [Fact]
    public void A_tfjs_shard_or_description_that_is_a_fifo_is_refused()
    {
        var folder = TfjsModel();
        var shard = Path.Combine(folder, "group1-shard1of1.bin");
        File.Delete(shard);
        SpecialFiles.Fifo(shard);
        Assert.Equal($"{shard}: is a FIFO (named pipe), not a regular file", Assert.Throws<ModelFormatException>(() => TfjsImporter.Load(folder)).Message);

        var description = Path.Combine(folder, "model.json");
        File.Delete(description);
        SpecialFiles.Fifo(description);
        Assert.Equal($"{description}: is a FIFO (named pipe), not a regular file", Assert.Throws<ModelFormatException>(() => TfjsImporter.Load(folder)).Message);
    }

    [Fact]
    public void A_preprocessing_sidecar_linked_out_of_the_folder_or_to_dev_zero_is_refused()
    {
        var model = OnnxWithExternalData();
        var sidecar = PreprocessingFile.SidecarPath(model);
        File.CreateSymbolicLink(sidecar, "/etc/passwd");
        Assert.Equal($"{sidecar}: resolves to /etc/passwd, outside the folder {_directory.Path}",
            Assert.Throws<ModelFormatException>(() => PreprocessingFile.ReadBeside(model)).Message);

        File.Delete(sidecar);
        File.CreateSymbolicLink(sidecar, "/dev/zero");
        Assert.Equal($"{sidecar}: is a character device, not a regular file",
            Assert.Throws<ModelFormatException>(() => PreprocessingFile.ReadBeside(model)).Message);

        File.Delete(sidecar);
        SpecialFiles.Fifo(sidecar);
        Assert.Equal($"{sidecar}: is a FIFO (named pipe), not a regular file",
            Assert.Throws<ModelFormatException>(() => PreprocessingFile.ReadBeside(model)).Message);
    }
}
