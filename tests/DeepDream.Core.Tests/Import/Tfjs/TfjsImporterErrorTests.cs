using System.Text.Json.Nodes;
using DeepDream.Import.Tfjs;
using DeepDream.Models;

namespace DeepDream.Tests.Import.Tfjs;

public sealed class TfjsImporterErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static TfjsTestModel OneConv() => new TfjsTestModel()
        .Input("input_1", 4, 4, 2)
        .Layer("Conv2D", "conv", new JsonObject { ["filters"] = 2, ["kernel_size"] = 1, ["use_bias"] = false }, "input_1")
        .Weight("conv/kernel", [1, 1, 2, 2], [1, 2, 3, 4]);

    private ModelFormatException LoadFails(string path) => Assert.Throws<ModelFormatException>(() => TfjsImporter.Load(path));

    [Fact]
    public void Unsupported_layer_class_names_layer_and_class()
    {
        var folder = OneConv().Layer("LSTM", "lstm_1", new JsonObject { ["units"] = 4 }, "conv").WriteJson(_folder);

        var error = LoadFails(folder);

        Assert.Contains("model.json: layer lstm_1 (LSTM): this layer class is not supported", error.Message);
    }

    [Fact]
    public void Missing_weight_is_named()
    {
        var folder = new TfjsTestModel()
            .Input("input_1", 4, 4, 2)
            .Layer("Conv2D", "conv", new JsonObject { ["filters"] = 2, ["kernel_size"] = 1 }, "input_1")
            .Weight("conv/kernel", [1, 1, 2, 2], [1, 2, 3, 4])
            .WriteJson(_folder);

        Assert.Contains("layer conv (Conv2D): weight conv/bias is missing", LoadFails(folder).Message);
    }

    [Fact]
    public void Weight_shape_that_does_not_fit_the_input_is_refused()
    {
        var folder = new TfjsTestModel()
            .Input("input_1", 4, 4, 3)
            .Layer("Conv2D", "conv", new JsonObject { ["filters"] = 2, ["kernel_size"] = 1, ["use_bias"] = false }, "input_1")
            .Weight("conv/kernel", [1, 1, 2, 2], [1, 2, 3, 4])
            .WriteJson(_folder);

        Assert.Contains("weight conv/kernel has shape [1,1,2,2], expected [1,1,3,2]", LoadFails(folder).Message);
    }

    [Fact]
    public void Truncated_shard_is_reported_with_byte_counts()
    {
        var folder = OneConv().WriteJson(_folder, shards: 1);
        var shard = Path.Combine(folder, "group1-shard1of1.bin");
        File.WriteAllBytes(shard, File.ReadAllBytes(shard)[..10]);

        Assert.Contains("weight files hold 10 bytes but the manifest declares 16", LoadFails(folder).Message);
    }

    [Fact]
    public void Shard_longer_than_declared_is_refused()
    {
        var folder = OneConv().WriteJson(_folder, shards: 1);
        File.AppendAllText(Path.Combine(folder, "group1-shard1of1.bin"), "extra");

        Assert.Contains("holds more weight data than model.json declares", LoadFails(folder).Message);
    }

    [Fact]
    public void Missing_shard_file_is_named()
    {
        var folder = OneConv().WriteBundle(_folder, shards: 2);
        File.Delete(Path.Combine(folder, "group1-shard2of2.min.js"));

        Assert.Contains("weight file group1-shard2of2 is missing", LoadFails(folder).Message);
    }

    [Theory]
    [InlineData("[-1,2]", "invalid dimension")]
    [InlineData("[1.5]", "invalid dimension")]
    [InlineData("[65536,65536,65536]", "absurdly large")]
    [InlineData("[1,1,1,1,1,1,1,1,1]", "no valid shape")]
    public void Absurd_weight_shapes_are_refused_before_reading_data(string shape, string problem)
    {
        var folder = OneConv().WriteJson(_folder, shards: 1);
        var modelFile = Path.Combine(folder, "model.json");
        File.WriteAllText(modelFile, File.ReadAllText(modelFile).Replace("\"shape\":[1,1,2,2]", $"\"shape\":{shape}"));

        Assert.Contains(problem, LoadFails(folder).Message);
    }

    [Fact]
    public void Shard_path_outside_the_model_folder_is_refused()
    {
        var folder = OneConv().WriteJson(_folder, shards: 1);
        var modelFile = Path.Combine(folder, "model.json");
        File.WriteAllText(modelFile, File.ReadAllText(modelFile).Replace("group1-shard1of1.bin", "../../etc/passwd"));

        Assert.Contains("leaves the model folder", LoadFails(folder).Message);
    }

    [Fact]
    public void Bundle_with_code_instead_of_data_is_refused_without_running_it()
    {
        var folder = OneConv().WriteBundle(_folder);
        var modelFile = Path.Combine(folder, "model.min.js");
        File.WriteAllText(modelFile, File.ReadAllText(modelFile).Replace("n.exports={", "n.exports={x:require('fs'),"));

        Assert.Contains("model.min.js: unreadable model description ('require' is not a literal value", LoadFails(folder).Message);
    }

    [Fact]
    public void Folder_without_a_model_says_what_was_looked_for()
    {
        Assert.Contains("no TF.js model file in this folder (looked for model.json, model.min.js, model.js)", LoadFails(_folder).Message);
    }

    [Fact]
    public void Shared_layers_are_refused()
    {
        var folder = OneConv().WriteJson(_folder, shards: 1);
        var modelFile = Path.Combine(folder, "model.json");
        var text = File.ReadAllText(modelFile);
        File.WriteAllText(modelFile, text.Replace("\"inbound_nodes\":[[[\"input_1\",0,0,{}]]]", "\"inbound_nodes\":[[[\"input_1\",0,0,{}]],[[\"input_1\",0,0,{}]]]"));

        Assert.Contains("layer conv is called 2 times (shared layers are not supported)", LoadFails(folder).Message);
    }
}
